import fs from 'node:fs';
import { createCore } from '@core/entry.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('demo')
    .description('Create a database filled with realistic demo data (catalog, stock history, booths, events, users)')
    .option('--db <file>', 'SQLite database file to create')
    .option('--force', 'replace the file if it already exists')
    .action(async (opts: { db?: string; force?: boolean }) => {
      const dbPath = resolveDbPath(opts.db);
      if (fs.existsSync(dbPath)) {
        if (!opts.force) throw new CliError(`${dbPath} already exists; use --force to replace it`);
        for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
      }
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger() });
      try {
        const started = Date.now();
        await core.router.call('system.setup', { choice: 'demo' });
        // Forecasts at once: the first screens show reorder advice, not an empty list.
        const run = await core.router.call('forecast.run', { mode: 'full' });
        const counts = core.ctx.db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
          .pluck()
          .all() as string[];
        const summary = counts
          .map((t) => [t, core.ctx.db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number] as const)
          .filter(([, n]) => n > 0)
          .map(([t, n]) => `  ${t.padEnd(24)} ${n}`)
          .join('\n');
        process.stdout.write(
          `Demo database created: ${dbPath} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${summary}\n` +
            `Forecasts: ${run.computed} products in ${(run.ms / 1000).toFixed(1)} s${run.failed.length ? `, ${run.failed.length} failed` : ''}\n`,
        );
      } finally {
        core.close();
      }
    });
}
