import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { createCore } from '@core/entry.js';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import type { Db } from '@core/db/connection.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import { readSecret, refuseArgvSecret } from '../secretInput.js';

/** Rows of every synced table a device keeps (tombstones left out): what a new device pulled. */
function tableCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of SYNCED_TABLES) {
    const hasDeleted = t.columns.includes('deleted_at');
    const n = db
      .prepare(`SELECT COUNT(*) FROM ${t.name}${hasDeleted ? ' WHERE deleted_at IS NULL' : ''}`)
      .pluck()
      .get() as number;
    if (n > 0) out[t.name] = n;
  }
  return out;
}

const MODE_FOR_ROLE = { admin: 'office', viewer: 'office', installer: 'installer', booth: 'booth' } as const;

/**
 * `opsdeck sync`: one full round for headless agents and scripts; JSON summary on stdout. On a
 * database that does not exist yet (with --hub, --key, --email) it joins the team: creates the
 * database, signs in, pulls everything the account may read, takes the device mode that goes
 * with the account's role, and says what it pulled.
 */
export function register(program: Command): void {
  program
    .command('sync')
    .description('Run one sync round with the hub and print a JSON summary (exit code 1 when it fails); on a new --db file, join the team')
    .option('--db <file>', 'SQLite database file (created when it does not exist: this device joins the team)')
    .option('--hub <url>', 'hub URL (saved for later rounds)')
    .option('--key <anonKey>', 'the hub anon key (saved with the URL)')
    .option('--email <email>', 'sign in as this hub user (session kept encrypted in the data folder)')
    .addOption(new Option('--password <password>').hideHelp())
    .action(async (opts: { db?: string; hub?: string; key?: string; email?: string; password?: string }) => {
      const dbPath = resolveDbPath(opts.db);
      const joining = !fs.existsSync(dbPath);
      if (joining && !(opts.hub && opts.key && opts.email)) {
        throw new CliError(
          `No database at ${dbPath}. To join a team from this device: opsdeck sync --db ${opts.db ?? dbPath} --hub URL --key ANON_KEY --email E (password in OPSDECK_HUB_PASSWORD)`,
        );
      }
      if (opts.password !== undefined) refuseArgvSecret('--password', 'OPSDECK_HUB_PASSWORD');
      if (Boolean(opts.hub) !== Boolean(opts.key)) throw new CliError('--hub and --key go together');
      // The password for --email: from OPSDECK_HUB_PASSWORD or asked without echo, never from argv.
      const password = opts.email
        ? await readSecret({
            envVar: 'OPSDECK_HUB_PASSWORD',
            prompt: `Hub password for ${opts.email}: `,
            what: '--email needs the hub password',
          })
        : undefined;
      let core;
      try {
        core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      } catch (e) {
        throw new CliError(`Cannot open ${dbPath}: ${(e as Error).message}`);
      }
      let ok = false;
      try {
        const call = async <T>(p: Promise<T>): Promise<T> => {
          try {
            return await p;
          } catch (e) {
            throw new CliError((e as Error).message);
          }
        };
        if (opts.hub && opts.key) {
          const current = await call(core.router.call('sync.status', {}));
          await call(
            core.router.call('sync.configure', {
              hubUrl: opts.hub,
              anonKey: opts.key,
              intervalMinutes: current.intervalMinutes,
              enabled: current.enabled,
            }),
          );
        }
        if (opts.email) await call(core.router.call('sync.signIn', { email: opts.email, password: password! }));
        const s = await call(core.router.call('sync.now', {}));
        const joined = joining && s.ok ? await finishJoin(core, call) : null;
        process.stdout.write(
          `${JSON.stringify({ ok: s.ok, pushed: s.pushed, pulled: s.pulled, conflicts: s.conflicts, deadLetters: s.deadLetters, pending: s.pending, error: s.error, durationMs: s.finishedAt - s.startedAt, ...(joined ? { joined } : {}) })}\n`,
        );
        if (joined) process.stderr.write(`${joinedText(dbPath, joined)}\n`);
        if (!s.ok) throw new CliError(`sync failed: ${s.error?.message ?? 'unknown error'}`, s.error?.kind === 'auth' ? 3 : 1);
        ok = true;
      } finally {
        core.close();
        // A join that failed leaves no half-made database behind: the next try starts clean.
        if (joining && !ok) for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
      }
    });
}

type JoinedCore = ReturnType<typeof createCore>;
interface Joined {
  account: { email: string; role: string; boothId: string | null };
  mode: 'office' | 'installer' | 'booth';
  booth: string | null;
  tables: Record<string, number>;
}

/** After the first round of a new device: mark it set up (no first-start dialog), mode from the role. */
async function finishJoin(core: JoinedCore, call: <T>(p: Promise<T>) => Promise<T>): Promise<Joined> {
  const status = await core.router.call('sync.status', {});
  const account = status.account!;
  const mode = MODE_FOR_ROLE[account.role as keyof typeof MODE_FOR_ROLE] ?? 'office';
  await core.router.call('system.setup', { choice: 'join' });
  if (mode === 'booth' && !(await core.router.call('kiosk.status', {})).pinSet) {
    // Booth mode needs the kiosk PIN (the operator's way out of the kiosk window).
    const pin = await readSecret({
      envVar: 'OPSDECK_KIOSK_PIN',
      prompt: 'Kiosk PIN for this booth (4 to 12 digits): ',
      what: 'A booth needs a kiosk PIN',
    });
    await call(core.router.call('kiosk.setPin', { pin }));
  }
  await core.router.call('settings.set', { mode });
  const booth = account.boothId ? ((await core.router.call('booths.list', {})).find((b) => b.id === account.boothId)?.name ?? null) : null;
  return { account, mode, booth, tables: tableCounts(core.ctx.db) };
}

function joinedText(dbPath: string, j: Joined): string {
  const what = Object.entries(j.tables)
    .map(([t, n]) => `${n} ${t.replace(/_/g, ' ')}`)
    .join(', ');
  const lines = [
    `Joined the team as ${j.account.email} (${j.account.role}); ${dbPath} is set up in ${j.mode} mode. Pulled: ${what || 'nothing yet'}.`,
  ];
  if (j.mode === 'booth') {
    lines.push(
      j.booth
        ? `This PC is ${j.booth}. Start its agent with: opsdeck agent --db ${dbPath} (or --booth "${j.booth}")`
        : `The account's booth ${j.account.boothId} is not on the hub yet: an admin adds it in OpsDeck, then sync again.`,
    );
  }
  return lines.join('\n');
}
