import fs from 'node:fs';
import { createCore } from '@core/entry.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

const KINDS = ['products', 'services', 'movements', 'sales', 'balances', 'clients'] as const;

export function register(program: Command): void {
  program
    .command('export <kind>')
    .description(`Export ${KINDS.join('|')} as CSV (French Excel by default: ";", decimal comma, dd/mm/yyyy, UTF-8 BOM)`)
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--format <fr|en>', 'fr (default) or en (",", decimal point, ISO dates)', 'fr')
    .option('--db <file>', 'SQLite database file')
    .action(async (kind: string, opts: { out?: string; format: string; db?: string }) => {
      if (!(KINDS as readonly string[]).includes(kind)) throw new CliError(`Unknown kind "${kind}": use one of ${KINDS.join(', ')}`, 2);
      if (opts.format !== 'fr' && opts.format !== 'en') throw new CliError(`Unknown format "${opts.format}": use fr or en`, 2);
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      try {
        const res = await core.router.request({ channel: 'csv.export', input: { kind, format: opts.format } });
        if (!res.ok) throw new CliError(res.error.message);
        const out = res.data as { content: string; rows: number };
        if (opts.out) {
          // Written beside then renamed: an interrupted export never leaves half a file under the real name.
          fs.writeFileSync(`${opts.out}.part`, out.content);
          fs.renameSync(`${opts.out}.part`, opts.out);
          process.stderr.write(`${out.rows} row(s) written to ${opts.out}\n`);
        } else {
          process.stdout.write(out.content);
        }
      } finally {
        core.close();
      }
    });
}
