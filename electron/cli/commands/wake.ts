import { monitorTick } from '@core/modules/booths/index.js';
import { resolveWakes } from '@core/modules/wol/index.js';
import { CliError } from '../errors.js';
import { withCore } from './booths.js';
import type { Command } from 'commander';

const ROUTES = ['local', 'router', 'relay'] as const;

export function register(program: Command): void {
  program
    .command('wake <booth>')
    .description('Wake a booth PC with Wake-on-LAN (audited)')
    .option('--via <route>', 'local | router | relay (default: the booth’s first usable route)')
    .option('--wait <seconds>', 'then probe until the booth answers or the time is up')
    .option('--db <file>', 'SQLite database file')
    .action(async (booth: string, o: { via?: string; wait?: string; db?: string }) => {
      if (o.via && !(ROUTES as readonly string[]).includes(o.via)) throw new CliError(`--via must be one of ${ROUTES.join(', ')}`);
      await withCore(o.db, async (core) => {
        let w = await core.router.call('wol.wake', { booth, via: o.via as (typeof ROUTES)[number] | undefined });
        process.stdout.write(`${w.state} via ${w.route}${w.targets.length ? ` → ${w.targets.join(', ')}` : ''}\n`);
        if (w.state === 'failed') throw new CliError(w.error ?? 'Wake failed');
        const until = Date.now() + Number(o.wait ?? 0) * 1000;
        while (o.wait && Date.now() < until && (w.state === 'waiting' || w.state === 'sent' || w.state === 'queued')) {
          await new Promise((r) => setTimeout(r, 5000));
          await monitorTick(core.ctx);
          await resolveWakes(core.ctx);
          w = (await core.router.call('wol.list', { boothId: w.boothId, limit: 20 })).find((x) => x.id === w.id) ?? w;
        }
        if (o.wait) process.stdout.write(`${w.state}\n`);
      });
    });
}
