import fs from 'node:fs';
import { createCore } from '@core/entry.js';
import type { CsvPreview, CsvRowError, CsvWarning } from '@shared/contract/csv.js';
import { localIsoDay } from '@shared/days.js';
import { cliLogger } from '../log.js';
import { resolveDbPath } from '../paths.js';
import { CliError } from '../errors.js';
import type { Command } from 'commander';

const KINDS = ['products', 'services', 'movements', 'sales', 'clients'] as const;

/** "2 unknown location(s): Entrepôt Paris (58 row(s)), Camion 2 (4 row(s))" — as the core words it. */
const unknownLocationsText = (list: Array<{ name: string; rows: number }>) =>
  `${list.length} unknown location(s): ${list.map((u) => `${u.name} (${u.rows} row(s))`).join(', ')}`;

/** One warning in words, as the core's refusal words it. */
const warningText = (w: CsvWarning) =>
  w.kind === 'duplicate'
    ? `line ${w.line}: ${w.name} has the ${w.field === 'email' ? 'e-mail' : 'phone number'} ${w.value} of ${w.duplicateLine ? `line ${w.duplicateLine} (${w.duplicateOf})` : `${w.duplicateOf}, already on file`}`
    : w.kind === 'farFuture'
      ? `line ${w.line}: ${w.sku} is dated ${localIsoDay(w.date ?? 0)}, more than a year ahead`
      : `line ${w.line}: stock of ${w.sku} at ${w.location} would end at ${w.stockAfter} (now ${w.stockBefore}; ${w.rows} row(s) of the file)`;

function warningReport(p: { warningCount: number; warnings: CsvWarning[]; moreWarnings: number }): string {
  const lines = p.warnings.map((w) => `  ${warningText(w)}`);
  if (p.moreWarnings) lines.push(`  … and ${p.moreWarnings} more warning(s)`);
  return `${p.warningCount} warning(s):\n${lines.join('\n')}`;
}

interface Problems {
  errors: CsvRowError[];
  moreErrors?: number;
  unknownLocations?: Array<{ name: string; rows: number }>;
}

/** Unknown locations once each with their row counts, then the first problems by line, then how many more. */
function report(p: Problems, canCreate: boolean): string {
  const lines: string[] = [];
  const unknown = p.unknownLocations ?? [];
  if (unknown.length) {
    lines.push(`  ${unknownLocationsText(unknown)}`);
    if (canCreate) lines.push('  (create them with --create-locations, or first with: opsdeck locations add --name …)');
  }
  for (const e of p.errors) lines.push(`  line ${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.message}`);
  if (p.moreErrors) lines.push(`  … and ${p.moreErrors} more problem(s)`);
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('import <kind> <file>')
    .description(`Import a CSV file (${KINDS.join('|')}) in one transaction: the whole file or nothing`)
    .option('--db <file>', 'SQLite database file')
    .option('--dry-run', 'check the file and report its bad rows and warnings without writing anything')
    .option(
      '--confirm-warnings',
      'import even though the check warns (movements and sales: stock left below zero, dates more than a year ahead; clients: create the duplicates anyway)',
    )
    .option('--skip-duplicates', 'clients: leave out the rows whose e-mail or phone is already on file (or on an earlier row)')
    .option(
      '--create-locations [kind]',
      'movements and sales: create the locations the file names that do not exist yet (as warehouses, or vans with --create-locations van)',
    )
    .action(
      async (
        kind: string,
        file: string,
        opts: { db?: string; dryRun?: boolean; createLocations?: boolean | string; confirmWarnings?: boolean; skipDuplicates?: boolean },
      ) => {
        if (!(KINDS as readonly string[]).includes(kind)) throw new CliError(`Unknown kind "${kind}": use one of ${KINDS.join(', ')}`, 2);
        if (opts.skipDuplicates && kind !== 'clients') throw new CliError('--skip-duplicates is for clients files', 2);
        if (opts.skipDuplicates && opts.confirmWarnings)
          throw new CliError('Choose --skip-duplicates or --confirm-warnings (create the duplicates anyway), not both', 2);
        // A clients file's warnings are its duplicates: skipping them answers them too.
        const answered = opts.confirmWarnings || opts.skipDuplicates;
        if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`, 2);
        const contentBase64 = fs.readFileSync(file).toString('base64');
        if (contentBase64 === '') throw new CliError(`${file} is empty`);
        const createKind =
          opts.createLocations === undefined || opts.createLocations === false
            ? null
            : opts.createLocations === true
              ? 'warehouse'
              : opts.createLocations;
        if (createKind !== null && createKind !== 'warehouse' && createKind !== 'van')
          throw new CliError(`--create-locations ${createKind}: use warehouse or van`, 2);
        if (createKind !== null && kind !== 'movements' && kind !== 'sales')
          throw new CliError('--create-locations is for movements and sales files', 2);
        const core = createCore({ dbPath: resolveDbPath(opts.db), shell: 'headless', log: cliLogger(), services: false });
        try {
          const preview = await core.router.request({ channel: 'csv.preview', input: { kind, contentBase64, fileName: file } });
          if (!preview.ok) throw new CliError(`${file}: ${preview.error.message}`);
          const p = preview.data as CsvPreview;
          const summary = `${p.rowCount} row(s), ${p.encoding}, separator "${p.separator === '\t' ? 'tab' : p.separator}"`;
          // With --create-locations, rows whose only problem is an unknown location are fine.
          const creating = createKind !== null && p.unknownLocations.length > 0;
          const otherProblems = p.errors.length + p.moreErrors > 0;
          if (otherProblems || (p.unknownLocations.length > 0 && !creating)) {
            const shown = creating ? { ...p, unknownLocations: [] } : p;
            throw new CliError(
              `${file}: ${p.badRowCount} bad row(s) out of ${p.rowCount} row(s) (${summary}); nothing was imported.\n${report(shown, kind === 'movements' || kind === 'sales')}`,
            );
          }
          const createLocations = creating ? p.unknownLocations.map((u) => ({ name: u.name, kind: createKind })) : undefined;
          const willCreate = createLocations
            ? ` Will create ${unknownLocationsText(p.unknownLocations).replace(/unknown /, 'new ')} as ${createKind}(s).`
            : '';
          const warned = p.warningCount > 0 ? `\n${warningReport(p)}\n` : '';
          if (opts.dryRun) {
            const needs =
              p.warningCount > 0
                ? opts.confirmWarnings
                  ? '(confirmed with --confirm-warnings)\n'
                  : opts.skipDuplicates
                    ? `(${p.warningCount} duplicate row(s) left out with --skip-duplicates)\n`
                    : kind === 'clients'
                      ? 'Importing needs --skip-duplicates (leave them out) or --confirm-warnings (create them anyway).\n'
                      : 'Importing needs --confirm-warnings.\n'
                : '';
            const companies = p.newCompanies?.length ? ` New companies named by contacts: ${p.newCompanies.join(', ')}.` : '';
            process.stdout.write(
              `${file}: ${summary}; OK. Would create ${p.creates}, update ${p.updates}, skip ${p.alreadyImported} already imported.${willCreate}${companies}\n${warned ? warned.slice(1) : ''}${needs}`,
            );
            return;
          }
          if (p.warningCount > 0 && !answered)
            throw new CliError(
              `${file}: ${summary}; nothing was imported: ${warningReport(p)}\n${
                kind === 'clients'
                  ? 'Check them, then import with --skip-duplicates (leave them out) or --confirm-warnings (create them anyway).'
                  : 'Check them, then import with --confirm-warnings.'
              }`,
            );
          const res =
            kind === 'clients'
              ? await core.router.request({
                  channel: 'csv.importClients',
                  input: {
                    kind: 'clients',
                    contentBase64,
                    fileName: file,
                    ...(opts.skipDuplicates ? { skipDuplicates: true } : {}),
                    ...(opts.confirmWarnings ? { confirmWarnings: true } : {}),
                  },
                })
              : kind === 'products' || kind === 'services'
                ? await core.router.request({ channel: 'csv.importCatalog', input: { kind, contentBase64, fileName: file } })
                : await core.router.request({
                    channel: 'csv.importMovements',
                    input: {
                      kind: kind as 'movements' | 'sales',
                      contentBase64,
                      fileName: file,
                      createLocations,
                      ...(opts.confirmWarnings ? { confirmWarnings: true } : {}),
                    },
                  });
          if (!res.ok) {
            const details = res.error.details as Problems | undefined;
            throw new CliError(`${file}: ${res.error.message}${details?.errors ? `\n${report(details, false)}` : ''}`);
          }
          const r = res.data as {
            created: number;
            updated: number;
            skippedDuplicates: number;
            locationsCreated?: number;
            warningsConfirmed?: number;
          };
          const locs = r.locationsCreated ? `, ${r.locationsCreated} location(s) created` : '';
          const conf = r.warningsConfirmed ? `, ${r.warningsConfirmed} warning(s) confirmed` : '';
          process.stdout.write(
            kind === 'clients'
              ? `${file}: imported ${summary}: ${r.created} client(s) created, ${r.skippedDuplicates} duplicate(s) left out${conf}.\n`
              : `${file}: imported ${summary}: ${r.created} created, ${r.updated} updated, ${r.skippedDuplicates} already imported (skipped)${locs}${conf}.\n`,
          );
        } finally {
          core.close();
        }
      },
    );
}
