import fs from 'node:fs';
import { parseListen, saveAgentConfig, setTriggerSecret, startAgent, triggerPath, triggerSecret } from '@core/modules/agent/index.js';
import { createCore } from '@core/entry.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

/** The booth of the hub account a booth PC joined with (opsdeck sync on a new database). */
async function accountBooth(dbPath: string): Promise<string> {
  const c = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
  try {
    const boothId = (await c.router.call('sync.status', {})).account?.boothId;
    if (!boothId) throw new CliError('Name the booth with --booth (this database is not signed in as a booth account)');
    const name = (await c.router.call('booths.list', {})).find((b) => b.id === boothId)?.name;
    if (!name) throw new CliError(`The account's booth ${boothId} is not in this database yet: sync again once an admin has added it`);
    return name;
  } finally {
    c.close();
  }
}

export function register(program: Command): void {
  program
    .command('agent')
    .description('Run the booth agent: dslrBooth trigger listener on 127.0.0.1, heartbeat, health, speed test')
    .option('--booth <name>', 'the booth this PC is (default: the booth of the hub account this database joined with)')
    .option('--db <file>', 'SQLite database file')
    .option('--listen <host:port>', 'trigger listener (loopback only)', '127.0.0.1:8787')
    .option('--speed-test-url <url>', 'file to download for the periodic speed test')
    .option('--speed-test-minutes <n>', "minutes between speed tests (default: the booth's schedule in Settings, 30)")
    .option('--no-speed-test', 'no speed tests')
    .option('--heartbeat-seconds <n>', 'seconds between heartbeats', '30')
    .option('--no-health', 'do not sample CPU/memory/disk/temperature')
    .option('--save', 'remember this booth and listener so the app (booth mode) starts the agent itself, then exit')
    .option(
      '--trigger-secret <new|off>',
      'put a new random secret in the trigger URL path (or remove it), print the URL for dslrBooth, then exit',
    )
    .action(
      async (o: {
        booth?: string;
        db?: string;
        listen: string;
        speedTestUrl?: string;
        speedTestMinutes?: string;
        speedTest: boolean;
        heartbeatSeconds: string;
        health: boolean;
        save?: boolean;
        triggerSecret?: string;
      }) => {
        let listen;
        try {
          listen = parseListen(o.listen);
        } catch (e) {
          throw new CliError((e as Error).message);
        }
        const hb = Number(o.heartbeatSeconds);
        const st = o.speedTestMinutes === undefined ? undefined : Number(o.speedTestMinutes);
        if (!(hb >= 1)) throw new CliError('--heartbeat-seconds must be ≥ 1');
        if (st !== undefined && !(st >= 1)) throw new CliError('--speed-test-minutes must be ≥ 1');
        if (o.speedTestUrl && !/^https?:\/\//.test(o.speedTestUrl)) throw new CliError('--speed-test-url must be an http(s) URL');
        const dbPath = resolveDbPath(o.db);
        if (!fs.existsSync(dbPath))
          throw new CliError(
            `No database at ${dbPath} (on a new booth PC: opsdeck sync --db ${o.db ?? dbPath} --hub … --key … --email <the booth's account> first)`,
          );
        if (!o.booth) o.booth = await accountBooth(dbPath);
        if (o.triggerSecret !== undefined) {
          if (o.triggerSecret !== 'new' && o.triggerSecret !== 'off') throw new CliError('--trigger-secret takes "new" or "off"');
          const c = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
          try {
            const booth = (await c.router.call('booths.list', {})).find(
              (b) => b.id === o.booth || b.name.toLowerCase() === o.booth!.trim().toLowerCase(),
            );
            if (!booth) throw new CliError(`No booth "${o.booth}" (add it first: opsdeck booths add --name …)`);
            const secret = setTriggerSecret(c.ctx, booth.id, o.triggerSecret);
            process.stdout.write(
              `${secret ? 'New trigger secret' : 'Trigger secret removed'} for ${booth.name}. dslrBooth trigger URL: http://${o.listen}${triggerPath(secret)}\n`,
            );
          } finally {
            c.close();
          }
          return;
        }
        if (o.save) {
          const c = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
          try {
            const booths = await c.router.call('booths.list', {});
            if (!booths.some((b) => b.id === o.booth || b.name.toLowerCase() === o.booth!.trim().toLowerCase()))
              throw new CliError(`No booth "${o.booth}" (add it first: opsdeck booths add --name …)`);
            saveAgentConfig(c.ctx.db, { booth: o.booth!, listen: o.listen, speedTestUrl: o.speedTestUrl });
          } finally {
            c.close();
          }
          process.stdout.write(`Saved: the app in booth mode will run the agent for ${o.booth} on ${o.listen}\n`);
          return;
        }
        // Other services (sync, daily backup) run as on any device; only the agent autostart is
        // skipped, since this command is the agent.
        process.env.OPSDECK_NO_AGENT_AUTOSTART = '1';
        const core = createCore({ dbPath, shell: 'headless', log: cliLogger() });
        let agent;
        try {
          agent = await startAgent(core, {
            booth: o.booth!,
            listen,
            heartbeatEveryMs: hb * 1000,
            speedTestUrl: o.speedTestUrl,
            speedTestEveryMs: st === undefined ? undefined : st * 60_000,
            speedTests: o.speedTest,
            health: o.health,
          });
        } catch (e) {
          core.close();
          const code = (e as NodeJS.ErrnoException).code;
          throw new CliError(code === 'EADDRINUSE' ? `${o.listen} is already in use` : (e as Error).message);
        }
        const boothRow = (await core.router.call('booths.list', {})).find(
          (b) => b.id === o.booth || b.name.toLowerCase() === o.booth!.trim().toLowerCase(),
        );
        const path = triggerPath(boothRow ? triggerSecret(core.ctx.db, boothRow.id) : null);
        process.stdout.write(
          `Agent for ${o.booth} listening on http://${agent.listen}/ (dslrBooth trigger URL: http://${agent.listen}${path})\n`,
        );
        const stop = async () => {
          await agent.stop();
          core.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        // Keep the process alive: the agent's timers are unref'd on purpose (tests, Electron).
        setInterval(() => undefined, 1 << 30);
      },
    );
}
