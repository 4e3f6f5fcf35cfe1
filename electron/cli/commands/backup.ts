import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '@core/entry.js';
import { applyStagedRestore } from '@core/db/backup.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent backup of the database into its backups/ folder')
    .option('--db <file>', 'SQLite database file')
    .action(async (opts: { db?: string }) => {
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      try {
        const b = await core.router.call('backup.create', {});
        process.stdout.write(`${path.join(core.ctx.dataDir, 'backups', b.file)}\n`);
      } finally {
        core.close();
      }
    });
  program
    .command('restore <backup>')
    .description('Replace the database by one of its backups (a safety backup of the current one is kept)')
    .option('--db <file>', 'SQLite database file')
    .action(async (backup: string, opts: { db?: string }) => {
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      let res;
      try {
        res = await core.router.call('backup.restore', { file: path.basename(backup) });
      } catch (e) {
        throw new CliError((e as Error).message);
      } finally {
        core.close();
      }
      applyStagedRestore(dbPath);
      process.stdout.write(`Restored ${res.restored}; the previous database was saved as ${res.safetyBackup}\n`);
    });
}
