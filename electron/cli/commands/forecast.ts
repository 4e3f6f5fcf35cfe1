import fs from 'node:fs';
import path from 'node:path';
import {
  parseDatesCsv,
  parseMetaCsv,
  parseSeriesCsv,
  formatForecastCsv,
  runForecast,
  seriesStartDay,
} from '@core/modules/forecast/index.js';
import { forecastMany, type ForecastJob } from '@core/workers/forecastPool.js';
import { createCore } from '@core/entry.js';
import { AppError } from '@shared/errors.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a positive integer (got "${v}")`);
  return n;
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

/** Writes the whole file or nothing: a temporary file beside it, renamed over it once complete. */
function writeWhole(file: string, text: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`cannot write output ${file}: ${(e as Error).message}`);
  }
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The products to order within `days` (the app's "to order" list, most urgent first) as aligned columns. */
function orderTable(
  orders: Array<{
    sku: string;
    name: string;
    supplier: string;
    quantity: number;
    unit: string;
    orderBy: string;
    stockoutAt: string | null;
  }>,
  days: number,
): string {
  if (orders.length === 0) return `Nothing to order within ${days} days\n`;
  const rows = [
    ['SKU', 'Product', 'Supplier', 'Quantity', 'Order by', 'Stock-out'],
    ...orders.map((o) => [o.sku, o.name, o.supplier || '-', `${o.quantity} ${o.unit}`.trim(), o.orderBy, o.stockoutAt ?? '-']),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  const text = rows.map((r) =>
    r
      .map((cell, c) => (c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
  return `\nTo order within ${days} days (${orders.length}):\n${text.join('\n')}\n`;
}

/** `opsdeck forecast --db F [--full] [--json] [--within DAYS]`: the catalog run the app makes, with a one-screen summary. */
async function forecastCatalog(opts: { db?: string; full?: boolean; json?: boolean; threads?: string; within?: string }): Promise<void> {
  const withinDays = opts.within === undefined ? 7 : Number(opts.within);
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 365)
    throw new CliError(`--within must be a whole number of days from 0 to 365 (got "${opts.within}")`);
  const dbPath = resolveDbPath(opts.db);
  if (!fs.existsSync(dbPath)) throw new CliError(`no database at ${dbPath} (create one with \`opsdeck demo --db ${opts.db ?? dbPath}\`)`);
  // No background services: this process runs one forecast and exits.
  const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
  try {
    const run = await runForecast(core.ctx, { mode: opts.full ? 'full' : 'incremental', threads: positiveInt('threads', opts.threads) });
    const summary = await core.router.call('forecast.summary', {});
    const lines = await core.router.call('forecast.replenishment', { withinDays });
    const orders = lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      supplier: l.supplier,
      quantity: l.quantity,
      unit: l.unit,
      orderBy: isoDay(l.orderBy),
      stockoutAt: l.stockoutAt === null ? null : isoDay(l.stockoutAt),
      onHand: l.onHand,
      onOrder: l.onOrder,
    }));
    const out = {
      computed: run.computed,
      skipped: run.skipped,
      failed: run.failed,
      ms: Math.round(run.ms),
      toOrder: summary.toOrderCount,
      stockoutRisks: summary.stockoutRisks.length,
      withinDays,
      orders,
    };
    if (opts.json) process.stdout.write(JSON.stringify(out) + '\n');
    else {
      process.stdout.write(
        `${run.computed} products forecast, ${run.skipped} unchanged, ${run.failed.length} failed in ${(run.ms / 1000).toFixed(2)} s\n` +
          `${summary.toOrderCount} to order, ${summary.stockoutRisks.length} stock-out risks within 30 days\n` +
          orderTable(orders, withinDays),
      );
    }
    if (run.failed.length) {
      throw new CliError(
        `${run.failed.length} products failed, e.g. ${run.failed
          .slice(0, 3)
          .map((f) => `${f.productId}: ${f.error}`)
          .join('; ')}`,
      );
    }
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  } finally {
    core.close();
  }
}

/**
 * `opsdeck forecast --input FILE.csv --horizon H [--frequency M] [--meta META.csv] --out OUT.csv`
 * or `opsdeck forecast --db F [--full] [--json]` for the catalog.
 */
export function register(program: Command): void {
  program
    .command('forecast')
    .description(
      'Forecast every series of a CSV (series_id,t,y) and write P10/P50/P90 per step (series_id,h,p10,p50,p90); or, with --db, the whole catalog',
    )
    .option('--input <file>', 'CSV with columns series_id,t,y')
    .option('--horizon <n>', 'steps to forecast (per-series horizon in --meta wins)')
    .option('--frequency <m>', 'season length, e.g. 12 for monthly, 7 for daily (default 1)')
    .option('--meta <file>', 'CSV series_id,frequency,horizon,kind overriding the defaults per series')
    .option(
      '--dates <file>',
      "CSV t,date (YYYY-MM-DD): the calendar day of each t; daily series then forecast events on moving dates (Easter, Mother's Day, Black Friday…)",
    )
    .option('--out <file>', 'output CSV')
    .option('--threads <n>', 'worker threads (default: one per core)')
    .option('--db <file>', 'forecast the catalog of this database (instead of --input)')
    .option('--full', 'with --db: recompute every product, not only those whose history changed')
    .option('--json', 'with --db: print the summary as JSON')
    .option('--within <days>', 'with --db: list the products to order within this many days (default 7)')
    .action(
      async (opts: {
        input?: string;
        horizon?: string;
        frequency?: string;
        meta?: string;
        dates?: string;
        out?: string;
        threads?: string;
        db?: string;
        full?: boolean;
        json?: boolean;
        within?: string;
      }) => {
        if (opts.db !== undefined) {
          if (opts.input || opts.out) throw new CliError('use either --db (catalog) or --input/--out (CSV series), not both');
          return forecastCatalog(opts);
        }
        if (opts.full || opts.json || opts.within !== undefined) throw new CliError('--full, --json and --within go with --db');
        if (!opts.input) throw new CliError('--input is required (or --db for the catalog)');
        if (!opts.out) throw new CliError('--out is required');
        const horizon = positiveInt('horizon', opts.horizon);
        const frequency = positiveInt('frequency', opts.frequency) ?? 1;
        const threads = positiveInt('threads', opts.threads);
        let series: Map<string, number[]>;
        let meta = new Map<string, { frequency: number; horizon: number; kind?: ForecastJob['kind'] }>();
        const firstT = new Map<string, number>();
        let dates: Map<number, number> | null = null;
        try {
          series = parseSeriesCsv(readText(opts.input, 'input'), firstT);
          if (opts.meta) meta = parseMetaCsv(readText(opts.meta, 'meta'));
          if (opts.dates) dates = parseDatesCsv(readText(opts.dates, 'dates'));
        } catch (e) {
          throw new CliError((e as Error).message);
        }
        // A series the meta file names but the input lacks is a typo or the wrong file: no forecast would come out for it.
        const missing = [...meta.keys()].filter((id) => !series.has(id));
        if (missing.length)
          throw new CliError(
            `${missing.length} series in ${opts.meta} ${missing.length === 1 ? 'has' : 'have'} no rows in ${opts.input}: ${missing
              .slice(0, 5)
              .join(', ')}${missing.length > 5 ? ', …' : ''}`,
          );
        const jobs: ForecastJob[] = [];
        for (const [id, y] of series) {
          const mt = meta.get(id);
          const h = mt?.horizon ?? horizon;
          if (h === undefined) throw new CliError(`no horizon for series ${id}: pass --horizon or list it in --meta`);
          const m = mt?.frequency ?? frequency;
          let startDay: number | undefined;
          try {
            // Only daily series have days to put on the calendar.
            if (dates && m === 7) startDay = seriesStartDay(dates, id, firstT.get(id)!, y.length);
          } catch (e) {
            throw new CliError((e as Error).message);
          }
          jobs.push({ id, y, frequency: m, horizon: h, kind: mt?.kind, startDay });
        }
        const started = Date.now();
        const results = await forecastMany(jobs, { threads });
        const failed = results.filter((r) => !r.ok);
        if (failed.length) {
          throw new CliError(
            `${failed.length} series failed, e.g. ${failed
              .slice(0, 3)
              .map((f) => `${f.id}: ${'error' in f ? f.error : ''}`)
              .join('; ')}`,
          );
        }
        writeWhole(opts.out, formatForecastCsv(results.map((r) => ({ id: r.id, ...(r.ok ? r.result : { p10: [], p50: [], p90: [] }) }))));
        process.stdout.write(`${results.length} series forecast in ${((Date.now() - started) / 1000).toFixed(2)} s → ${opts.out}\n`);
      },
    );
}
