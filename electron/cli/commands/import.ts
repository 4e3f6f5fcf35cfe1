import fs from 'node:fs';
import type { Command } from 'commander';
import { createCore } from '../../core/entry.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { CsvPreview, CsvRowError } from '../../../shared/contract/csv.js';

const KINDS = ['products', 'services', 'movements', 'sales'] as const;
type Kind = (typeof KINDS)[number];

function report(errors: CsvRowError[]): string {
  return errors.map((e) => `  line ${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.message}`).join('\n');
}

export function register(program: Command): void {
  program
    .command('import <kind> <file>')
    .description(`Import a CSV file (${KINDS.join('|')}) in one transaction: the whole file or nothing`)
    .option('--db <file>', 'SQLite database file')
    .option('--dry-run', 'check the file and report every bad row without writing anything')
    .action(async (kind: string, file: string, opts: { db?: string; dryRun?: boolean }) => {
      if (!(KINDS as readonly string[]).includes(kind)) throw new CliError(`Unknown kind "${kind}": use one of ${KINDS.join(', ')}`, 2);
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`, 2);
      const contentBase64 = fs.readFileSync(file).toString('base64');
      if (contentBase64 === '') throw new CliError(`${file} is empty`);
      const core = createCore({ dbPath: resolveDbPath(opts.db), shell: 'headless', log: cliLogger(), services: false });
      try {
        const preview = await core.router.request({ channel: 'csv.preview', input: { kind, contentBase64, fileName: file } });
        if (!preview.ok) throw new CliError(`${file}: ${preview.error.message}`);
        const p = preview.data as CsvPreview;
        const summary = `${p.rowCount} row(s), ${p.encoding}, separator "${p.separator === '\t' ? 'tab' : p.separator}"`;
        if (p.errors.length > 0) {
          throw new CliError(`${file}: ${p.errors.length} bad row(s) out of ${summary}; nothing was imported.\n${report(p.errors)}`);
        }
        if (opts.dryRun) {
          process.stdout.write(`${file}: ${summary}; OK. Would create ${p.creates}, update ${p.updates}, skip ${p.alreadyImported} already imported.\n`);
          return;
        }
        const channel = kind === 'products' || kind === 'services' ? 'csv.importCatalog' : 'csv.importMovements';
        const res = await core.router.request({ channel, input: { kind: kind as Kind, contentBase64, fileName: file } });
        if (!res.ok) {
          const errors = (res.error.details as { errors?: CsvRowError[] } | undefined)?.errors;
          throw new CliError(`${file}: ${res.error.message}${errors ? `\n${report(errors)}` : ''}`);
        }
        const r = res.data as { created: number; updated: number; skippedDuplicates: number };
        process.stdout.write(`${file}: imported ${summary}: ${r.created} created, ${r.updated} updated, ${r.skippedDuplicates} already imported (skipped).\n`);
      } finally {
        core.close();
      }
    });
}
