/**
 * npm run bench:forecast-catalog — the whole catalog recomputed end to end, as the app does it: a
 * real SQLite file (the core's own migrations) with 10,000 products and 730 days of ledger lines
 * (a sale line per product per selling day, deliveries that sometimes come late so shelves run
 * empty), then the core's own recompute path, `forecast.run { mode: 'full' }`'s runForecast: plan
 * (fingerprints), read each product's ledger from SQLite, stock-out censoring, holiday mask,
 * forecast + quantiles + lead-time totals on the worker pool, store every forecast, then the
 * reorder maths of every product and the stock-out risk alerts it raises; then the list's first read
 * (catalogAdvice, what the list, replenishment page and dashboard read).
 * Figures only, never asserted. The machine is shared, so besides the wall time it prints the
 * process's CPU time (main thread + workers) / 2 cores and the load average, and the per-phase split.
 * The workers run from the CLI bundle the npm script builds first (dist-cli/, as the app ships its
 * workers bundled); OPSDECK_FROM_SOURCE=1 starts them from the TypeScript sources through tsx instead.
 *
 *   npm run bench:forecast-catalog [-- --products N] [--rebuild] [--threads N]
 *
 * The database is built once and kept in the OS temp folder (BENCH_DB to choose the file); a
 * changed generator version rebuilds it. The timed run starts from no stored forecast.
 *
 * The lead-time calibration (catalogCalibration.ts) is timed in its three cases, each printed on
 * its own line: the first-ever run (no stored factors: the run validates first, in its own worker
 * pool, queued before the catalog's batches: the line under it splits that stage), the daily run (the
 * stored factors are yesterday's: applied, no validation forecast on the run's path — the run the
 * other lines detail) and the refresh that daily run leaves in the background once it is over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/entry.js';
import { memoryLogger } from '../electron/core/ports/log.js';
import { memorySecretStore } from '../electron/core/ports/secrets.js';
import { fixedClock } from '../electron/core/ports/clock.js';
import { insertProduct } from '../electron/core/db/repos/products.js';
import { insertLocation } from '../electron/core/db/repos/locations.js';
import { ProductInput } from '../shared/model/product.js';
import { runForecast, type RunProfile } from '../electron/core/modules/forecast/job.js';
import { catalogAdvice } from '../electron/core/modules/forecast/advice.js';
import { freshBundle } from '../electron/core/workers/startWorker.js';
import { setLocal } from '../electron/core/db/repos/localState.js';
import { rebuildStockDays, STOCK_DAYS_ZONE_KEY } from '../electron/core/db/gridDays.js';
import { deviceTimeZone } from '../shared/days.js';
import { CALIBRATION_STATE_KEY, calibrationRefresh, storedCalibration } from '../electron/core/modules/forecast/catalogCalibration.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const P = Number(arg('--products') ?? 10_000);
const DAYS = 730;
const DAY = 86_400_000;
/**
 * 2: stock_days (migrations 0241–0242) instead of stock_daily, built with the file (a v1 file would take minutes to migrate).
 * Same lines since: a file built before stock_days followed local days (0246) has them rebuilt on its first open.
 */
const GENERATOR = 2;
const TODAY = Date.UTC(2026, 11, 7);
const DAY0 = TODAY - DAYS * DAY;
const file = process.env.BENCH_DB ?? path.join(os.tmpdir(), `opsdeck-bench-forecast-catalog-v${GENERATOR}-${P}.sqlite`);
const clock = fixedClock(TODAY + 6 * 3_600_000);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Its own data folder: a migration added since the build backs the database up there first (removed after). */
const dataDir = `${file}.data`;
function open() {
  const core = createCore({
    dbPath: file,
    dataDir,
    shell: 'headless',
    clock,
    log: memoryLogger(),
    secrets: memorySecretStore(),
    services: false,
  });
  fs.rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });
  return core;
}

/**
 * Demand as bench:forecast's synthetic days (weekday pattern × slow trend × noise, 2–42 a day),
 * sold only from stock: each product reorders 25 days of demand when it falls under 10 days, the
 * delivery takes 7 days and one in twelve is 10 days late — the shelf then runs empty, sales stop
 * and the forecast must read those days as censored.
 */
function build() {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const started = performance.now();
  const core = open();
  const db = core.ctx.db;
  const stamp = { now: clock.now(), device: core.ctx.deviceId };
  let seed = 42;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const products = Array.from({ length: P }, (_, i) => {
    const base = 2 + rnd() * 40;
    return {
      id: `p-${String(i).padStart(6, '0')}`,
      base,
      trend: (rnd() - 0.5) * 0.01,
      week: Array.from({ length: 7 }, () => 0.6 + rnd() * 0.8),
      onHand: Math.round(base * 20),
      due: -1,
      incoming: 0,
    };
  });
  db.transaction(() => {
    insertLocation(db, { id: 'loc-main', name: 'Magasin', kind: 'warehouse', boothId: null }, stamp);
    for (const [i, p] of products.entries())
      insertProduct(
        db,
        p.id,
        ProductInput.parse({
          sku: `SKU-${String(i).padStart(6, '0')}`,
          name: `Produit ${i}`,
          price: 10,
          cost: 5,
          supplier: `Fournisseur ${i % 40}`,
          leadTimeDays: 7,
        }),
        stamp,
      );
  })();
  // Bulk load (a throw-away file): no journal, the ledger's indexes and triggers set aside and
  // rebuilt after (so nothing goes to the sync outbox: history already pushed), balances and daily
  // totals summed once — the same rows and balances as line-by-line inserts,
  // minutes faster. Rows go in day by day over all products, as two years of trading wrote them.
  const deferred = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'stock_movements' AND type IN ('index', 'trigger') AND sql IS NOT NULL`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  for (const d of deferred) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);
  const insert = db.prepare(
    `INSERT INTO stock_movements (id, product_id, location_id, type, quantity, direction, delta, occurred_at, source, created_at, updated_at, origin_device)
     VALUES (?, ?, 'loc-main', ?, ?, ?, ?, ?, 'csv', ?, ?, ?)`,
  );
  let rows = 0;
  const line = (p: (typeof products)[number], type: 'in' | 'out', q: number, at: number) => {
    const dir = type === 'in' ? 1 : -1;
    insert.run(`m-${at}-${p.id}-${type}`, p.id, type, q, dir, dir * q, at, at, at, stamp.device);
    rows++;
  };
  for (let d = 0; d < DAYS; d++) {
    if (d % 30 === 0) db.exec(d === 0 ? 'BEGIN' : 'COMMIT; BEGIN');
    const day = DAY0 + d * DAY;
    for (const p of products) {
      if (p.due === d) {
        line(p, 'in', p.incoming, day + 8 * 3_600_000);
        p.onHand += p.incoming;
        p.due = -1;
      }
      const mu = Math.max(0, p.base * (1 + (p.trend * d) / 7) * p.week[d % 7]!);
      const demand = Math.max(0, Math.round(mu + (rnd() + rnd() + rnd() - 1.5) * Math.sqrt(mu) * 2));
      const sold = Math.min(demand, p.onHand);
      if (sold > 0) line(p, 'out', sold, day + 15 * 3_600_000);
      p.onHand -= sold;
      if (p.due < 0 && p.onHand < 10 * p.base) {
        p.incoming = Math.round(25 * p.base);
        p.due = d + 7 + (rnd() < 1 / 12 ? 10 : 0);
      }
    }
  }
  db.exec('COMMIT');
  db.transaction(() => {
    for (const d of deferred) db.exec(d.sql);
    db.exec(`INSERT INTO stock_balances (product_id, location_id, on_hand, last_movement_at)
      SELECT product_id, location_id, SUM(delta), MAX(occurred_at) FROM stock_movements GROUP BY product_id, location_id`);
    // The forecast's read table (stock_days, migrations 0241/0246): per product and 32-day block, the
    // local days with a line, the units sold and net stock change each day, as its trigger would have
    // kept them — the app's own rebuild (the one a change of time zone runs).
    rebuildStockDays(db);
    setLocal(db, STOCK_DAYS_ZONE_KEY, deviceTimeZone());
  })();
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  core.close();
  process.stdout.write(
    `built ${file}: ${P} products, ${rows.toLocaleString('en-US')} ledger lines in ${fmt(performance.now() - started)}\n`,
  );
}

const meta = `${file}.generator`;
if (args.includes('--rebuild') || !fs.existsSync(file) || !fs.existsSync(meta) || fs.readFileSync(meta, 'utf8') !== String(GENERATOR)) {
  build();
  fs.writeFileSync(meta, String(GENERATOR));
}

/** The kept file, or a rebuilt one when it cannot be brought up to this schema (migrations numbered out of order by parallel branches). */
function openKept() {
  try {
    return open();
  } catch (e) {
    process.stdout.write(`the kept database does not migrate (${(e as Error).message}): rebuilding it\n`);
    build();
    return open();
  }
}
const core = openKept();
const ctx = core.ctx;
// Every run of this bench starts from no stored forecast (a first run, or the nightly full run).
ctx.db.exec('DELETE FROM forecasts; DELETE FROM forecast_runs;');
const lines0 = ctx.db.prepare('SELECT COUNT(*) FROM stock_movements').pluck().get() as number;
const lines = lines0;
const threads = arg('--threads') ? Number(arg('--threads')) : undefined;
const load = os.loadavg()[0]!;
// npm run bench:forecast-catalog bundles the workers first (scripts/build-cli.mjs), as the app ships them.
const bundledWorker = freshBundle(new URL('../electron/core/workers/forecastWorker.ts', import.meta.url));
const profile: RunProfile = { planMs: 0, readMs: 0, storeMs: 0, workerMs: 0, waitMs: 0, adviceMs: 0, tailMs: 0 };
/** This (main) thread's own CPU seconds, from Linux's per-thread counters (null elsewhere): what the workers' time does not hide. */
function mainThreadCpu(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}
const cpuOf = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;

// 1. The first-ever run: no stored factors, so it validates a sample of the catalog before it starts.
ctx.db.prepare('DELETE FROM local_state WHERE key = ?').run(CALIBRATION_STATE_KEY);
const firstProfile: RunProfile = { ...profile };
const firstMain0 = mainThreadCpu();
const firstCpu0 = process.cpuUsage();
const firstStart = performance.now();
await runForecast(ctx, { mode: 'full', threads, profile: firstProfile });
const firstMs = performance.now() - firstStart;
const firstCpu = cpuOf(process.cpuUsage(firstCpu0));
const firstMain1 = mainThreadCpu();
const stored = storedCalibration(ctx.db);

// 2. The daily run: the stored factors are yesterday's (usable), applied as they are; their refresh
// starts once the run is over, in the background. Again from no stored forecast.
ctx.db.exec('DELETE FROM forecasts; DELETE FROM forecast_runs;');
if (stored)
  setLocal(ctx.db, CALIBRATION_STATE_KEY, JSON.stringify({ ...stored, day: stored.day - DAY, computedAt: stored.computedAt - DAY }));
const main0 = mainThreadCpu();
const cpu0 = process.cpuUsage();
const started = performance.now();
const result = await runForecast(ctx, { mode: 'full', threads, profile });
const runMs = performance.now() - started;
// The screens' first read after the run (list, replenishment, dashboard): cached by the run's own
// reorder maths unless the stock-out alerts it wrote changed the database since.
const adviceStart = performance.now();
const advice = catalogAdvice(ctx, TODAY);
const adviceMs = performance.now() - adviceStart;
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const main1 = mainThreadCpu();
const cpuS = (cpu.user + cpu.system) / 1e6;
const cores = os.availableParallelism();
const toOrder = advice.filter((a) => a.row.status === 'order_now' || a.row.status === 'order_soon').length;

// 3. The refresh the daily run left behind (it starts on the next turn of the event loop).
const refreshCpu0 = process.cpuUsage();
const refreshStart = performance.now();
const refresh = await (calibrationRefresh(ctx) ?? Promise.resolve(null));
const refreshWall = performance.now() - refreshStart;
const refreshCpu = cpuOf(process.cpuUsage(refreshCpu0));
const loadEnd = os.loadavg()[0]!;
core.close();

process.stdout.write(
  [
    `catalog: ${P.toLocaleString('en-US')} products × ${DAYS} days, ${lines.toLocaleString('en-US')} ledger lines in ${file}`,
    `computed ${result.computed}, failed ${result.failed.length}; ${toOrder} products to order; workers from ${bundledWorker ? path.relative(process.cwd(), bundledWorker) : 'the TypeScript sources through tsx (no fresh bundle: npm run build:cli)'}`,
    `end to end ${fmt(wall)} wall on ${cores} cores (run ${fmt(runMs)} + the list's first read ${fmt(adviceMs)}); CPU ${cpuS.toFixed(2)} s = ${(cpuS / cores).toFixed(2)} s on ${cores} idle cores; load average ${load.toFixed(1)} at the start`,
    `main thread${main0 !== null && main1 !== null ? ` (its CPU ${(main1 - main0).toFixed(2)} s)` : ''}: plan ${fmt(profile.planMs)}, store ${fmt(profile.storeMs)}, reorder maths + stock-out alerts ${fmt(profile.adviceMs)} (batch by batch and at the end), waiting on the workers ${fmt(profile.waitMs)}; after the workers' last batch ${fmt(profile.tailMs)}`,
    `lead-time calibration (catalogCalibration.ts), each case timed apart:`,
    `  first-ever run (no stored factors: ${firstProfile.validatedProducts ?? 0} products validated on the run's path, ${fmt(firstProfile.calibrateMs ?? 0)} of it): ${fmt(firstMs)} wall, CPU ${firstCpu.toFixed(2)} s${firstMain0 !== null && firstMain1 !== null ? ` (main thread ${(firstMain1 - firstMain0).toFixed(2)} s)` : ''}`,
    firstProfile.validateWorkerMs !== undefined
      ? `    its validation, in the run's own pool before the catalog's batches: factors stored ${fmt(firstProfile.calibrateMs ?? 0)} after the run asked for them (pool start included, shared with the catalog); workers' clocks: reading the sample ${fmt(firstProfile.validateReadMs ?? 0)}, its validation forecasts ${fmt(firstProfile.validateWorkerMs)}; factor maths + storing them on the main thread ${fmt(firstProfile.factorsMs ?? 0)}, while the workers went on with ${firstProfile.scaledProducts ?? 0} catalog forecasts (their totals scaled once the factors were known)`
      : `    its validation on a pool of its own before the run (calibratedRun.ts calibrationFor)`,
    `  daily run (yesterday's stored factors applied: ${profile.validatedProducts ?? 0} products validated on the run's path, ${fmt(profile.calibrateMs ?? 0)} reading them): ${fmt(runMs)} wall, CPU ${cpuS.toFixed(2)} s with the list's first read${main0 !== null && main1 !== null ? ` (main thread ${(main1 - main0).toFixed(2)} s)` : ''}`,
    refresh
      ? `  its background refresh after the run (one worker): ${refresh.outcome}, ${refresh.validated} products validated, ${fmt(refresh.ms)} wall, CPU ${refreshCpu.toFixed(2)} s (${fmt(refreshWall)} waited for); load average ${loadEnd.toFixed(1)} at the end`
      : `  no background refresh (the catalog has too few history-driven products to calibrate)`,
    `workers (each thread's clock, summed over threads): SQL read + censoring + holiday masks ${fmt(profile.readMs)} (${((profile.readMs / P) * 1000).toFixed(0)} µs a product), forecasting ${fmt(profile.workerMs)} (${((profile.workerMs / Math.max(1, result.computed)) * 1000).toFixed(0)} µs a series)`,
  ].join('\n') + '\n',
);
