import { gridDay } from '@shared/days.js';
import type { DemandClass, DemandDriver } from '@shared/model/forecast.js';
import type Database from 'better-sqlite3';
import type { Db } from '../connection.js';

/** A forecast's description without its daily curves (what lists need). */
export interface ForecastMeta {
  productId: string;
  driver: DemandDriver;
  outcome: 'ok' | 'no_data';
  model: string | null;
  kind: DemandClass | null;
  startDay: number;
  horizon: number;
  next7P50: number | null;
  mase: number | null;
  bias: number | null;
  historyDays: number;
  fingerprint: string;
  computedAt: number;
  ms: number;
}

/** Quantiles of the total demand over days [0, d + 1) for d = 0..horizon − 1. */
export interface TotalCurves {
  p10: readonly number[];
  p50: readonly number[];
  p90: readonly number[];
}

export interface ForecastCurves {
  params: Record<string, number>;
  p10: readonly number[];
  p50: readonly number[];
  p90: readonly number[];
  /** Lead-time totals with the days' shared error; absent for calendar-driven forecasts and older rows. */
  totals?: TotalCurves | null;
}

export type StoredForecast = ForecastMeta & ForecastCurves;

interface MetaRow {
  product_id: string;
  driver: DemandDriver;
  outcome: 'ok' | 'no_data';
  model: string | null;
  kind: DemandClass | null;
  start_day: number;
  horizon: number;
  next7_p50: number | null;
  backtest_mase: number | null;
  backtest_bias: number | null;
  history_days: number;
  inputs_fingerprint: string;
  computed_at: number;
  ms: number;
}
const META_COLUMNS =
  'product_id, driver, outcome, model, kind, start_day, horizon, next7_p50, backtest_mase, backtest_bias, history_days, inputs_fingerprint, computed_at, ms';

function toMeta(r: MetaRow): ForecastMeta {
  return {
    productId: r.product_id,
    driver: r.driver,
    outcome: r.outcome,
    model: r.model,
    kind: r.kind,
    startDay: r.start_day,
    horizon: r.horizon,
    next7P50: r.next7_p50,
    mase: r.backtest_mase,
    bias: r.backtest_bias,
    historyDays: r.history_days,
    fingerprint: r.inputs_fingerprint,
    computedAt: r.computed_at,
    ms: r.ms,
  };
}

/**
 * The description of a forecast as saveForecasts stores it and a read gives it back: SQLite keeps a
 * NaN as NULL and saveForecasts stores a non-finite MASE or bias as NULL. What a run that keeps its
 * own copy (the reorder maths made batch by batch) must hold to equal a read.
 */
export function storedMeta(f: ForecastMeta): ForecastMeta {
  return {
    productId: f.productId,
    driver: f.driver,
    outcome: f.outcome,
    model: f.model,
    kind: f.kind,
    startDay: f.startDay,
    horizon: f.horizon,
    next7P50: f.next7P50 === null || Number.isNaN(f.next7P50) ? null : f.next7P50,
    mase: finite(f.mase),
    bias: finite(f.bias),
    historyDays: f.historyDays,
    fingerprint: f.fingerprint,
    computedAt: f.computedAt,
    ms: f.ms,
  };
}

/** Prepared once per connection: the catalog's advice reads the curves of every product after a run. */
const curvesStatements = new WeakMap<Db, ReturnType<Db['prepare']>>();
function curvesStatement(db: Db): ReturnType<Db['prepare']> {
  let st = curvesStatements.get(db);
  if (!st)
    curvesStatements.set(db, (st = db.prepare('SELECT params, horizon, curves, legacy_curves FROM forecasts WHERE product_id = ?').raw()));
  return st;
}

/** Rounded to 6 decimals and never negative (a forecast is not worth 17 digits); a non-number is stored as 0. */
const stored = (v: number) => (Number.isFinite(v) ? Math.round(Math.max(0, v) * 1e6) / 1e6 : 0);

/**
 * A forecast's curves as stored (migration 0240): little-endian float64 values, p10, p50, p90 of
 * `horizon` values each, then the totals' p10, p50, p90 of k values each when it carries them. Values
 * are rounded as stored(), so what is read back is exactly what the reorder maths of the run used.
 */
export function encodeCurves(c: Pick<ForecastCurves, 'p10' | 'p50' | 'p90' | 'totals'>): Buffer {
  const h = c.p50.length;
  if (c.p10.length !== h || c.p90.length !== h)
    throw new Error(`forecast curves of different lengths (${c.p10.length}, ${h}, ${c.p90.length})`);
  const t = c.totals;
  const k = t ? t.p50.length : 0;
  if (t && (t.p10.length !== k || t.p90.length !== k))
    throw new Error(`lead-time totals of different lengths (${t.p10.length}, ${k}, ${t.p90.length})`);
  const out = new Float64Array(3 * h + 3 * k);
  const put = (a: readonly number[], at: number) => {
    for (let i = 0; i < a.length; i++) out[at + i] = stored(a[i]!);
  };
  put(c.p10, 0);
  put(c.p50, h);
  put(c.p90, 2 * h);
  if (t) {
    put(t.p10, 3 * h);
    put(t.p50, 3 * h + k);
    put(t.p90, 3 * h + 2 * k);
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Encoded curves (encodeCurves) with their totals replaced by `totals` (of the same length), in
 * place: the bytes encodeCurves would give with these totals. A first-ever run's early forecasts
 * are encoded by the workers before the catalog's lead-time factors are known (forecastPool.ts).
 */
export function replaceTotals(blob: Uint8Array, horizon: number, totals: Pick<TotalCurves, 'p10' | 'p50' | 'p90'>): Uint8Array {
  const bytes = blob.byteOffset % 8 === 0 ? blob : Uint8Array.from(blob);
  const v = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const k = (v.length - 3 * horizon) / 3;
  if (totals.p10.length !== k || totals.p50.length !== k || totals.p90.length !== k)
    throw new Error(`lead-time totals of another length (${totals.p50.length}, stored ${k})`);
  for (let i = 0; i < k; i++) {
    v[3 * horizon + i] = stored(totals.p10[i]!);
    v[3 * horizon + k + i] = stored(totals.p50[i]!);
    v[3 * horizon + 2 * k + i] = stored(totals.p90[i]!);
  }
  return bytes;
}

/** The inverse of encodeCurves, as plain arrays (they go to the screens through structured clone and JSON). */
export function decodeCurves(blob: Uint8Array, horizon: number): Pick<ForecastCurves, 'p10' | 'p50' | 'p90' | 'totals'> {
  // A Float64Array needs an 8-byte aligned offset: copy the rare unaligned buffer.
  const bytes = blob.byteOffset % 8 === 0 ? blob : Uint8Array.from(blob);
  const v = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const k = (v.length - 3 * horizon) / 3;
  const take = (at: number, n: number) => {
    const a = new Array<number>(n);
    for (let i = 0; i < n; i++) a[i] = v[at + i]!;
    return a;
  };
  const h = horizon;
  return {
    p10: take(0, h),
    p50: take(h, h),
    p90: take(2 * h, h),
    totals: k > 0 ? { p10: take(3 * h, k), p50: take(3 * h + k, k), p90: take(3 * h + 2 * k, k) } : null,
  };
}

/** The daily curves of one product's forecast (decoded: callers cache them). */
export function forecastCurves(db: Db, productId: string): ForecastCurves | null {
  const r = curvesStatement(db).get(productId) as
    [params: string, horizon: number, curves: Buffer | null, legacy: string | null] | undefined;
  if (!r) return null;
  const [params, horizon, curves, legacy] = r;
  if (curves) return { params: JSON.parse(params) as Record<string, number>, ...decodeCurves(curves, horizon) };
  // A row written before migration 0240, until the next run rewrites it.
  const old = JSON.parse(legacy!) as { p10: number[]; p50: number[]; p90: number[]; totals: TotalCurves | null };
  return { params: JSON.parse(params) as Record<string, number>, p10: old.p10, p50: old.p50, p90: old.p90, totals: old.totals ?? null };
}

export function getForecast(db: Db, productId: string): StoredForecast | null {
  const r = db.prepare(`SELECT ${META_COLUMNS} FROM forecasts WHERE product_id = ?`).get(productId) as MetaRow | undefined;
  return r ? { ...toMeta(r), ...forecastCurves(db, productId)! } : null;
}

/** Fingerprint of each product's stored forecast: what an incremental run compares against. */
export function forecastFingerprints(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT product_id, inputs_fingerprint FROM forecasts').raw().all() as Array<[string, string]>;
  return new Map(rows);
}

const saveStatements = new WeakMap<Db, Database.Statement<unknown[]>>();
const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

/**
 * A forecast ready to store: its description, its params as JSON text and its curves as encodeCurves
 * gives them. A catalog run's workers prepare their forecasts so (issue 17, speed): the main thread
 * then neither encodes nor receives the daily arrays, only one small buffer per forecast.
 */
export interface EncodedForecast extends ForecastMeta {
  params: string;
  curves: Uint8Array;
}

/** A forecast in the form saveEncodedForecasts stores (what saveForecasts does with each item). */
export function encodeForecast(f: StoredForecast): EncodedForecast {
  if (f.horizon !== f.p50.length) throw new Error(`forecast of ${f.productId}: horizon ${f.horizon} but ${f.p50.length} days`);
  return { ...storedMeta(f), next7P50: f.next7P50, mase: f.mase, bias: f.bias, params: JSON.stringify(f.params), curves: encodeCurves(f) };
}

/**
 * Stores a batch in one transaction (a cancelled run keeps every batch already written). Returns
 * each item's curves as stored (rounded), in order, for a caller that keeps them (the run primes
 * the reorder maths' cache with them instead of reading 10,000 rows back).
 */
export function saveForecasts(db: Db, items: readonly StoredForecast[]): ForecastCurves[] {
  return saveEncodedForecasts(db, items.map(encodeForecast));
}

/** saveForecasts for forecasts already encoded (encodeForecast, or a worker's equivalent). */
export function saveEncodedForecasts(db: Db, items: readonly EncodedForecast[]): ForecastCurves[] {
  let stmt = saveStatements.get(db);
  if (!stmt)
    saveStatements.set(
      db,
      (stmt = db.prepare<unknown[]>(
        `INSERT INTO forecasts (product_id, driver, outcome, model, kind, params, start_day, horizon, curves, legacy_curves, next7_p50,
           backtest_mase, backtest_bias, history_days, inputs_fingerprint, computed_at, ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (product_id) DO UPDATE SET driver = excluded.driver, outcome = excluded.outcome, model = excluded.model,
           kind = excluded.kind, params = excluded.params, start_day = excluded.start_day, horizon = excluded.horizon,
           curves = excluded.curves, legacy_curves = NULL, next7_p50 = excluded.next7_p50,
           backtest_mase = excluded.backtest_mase, backtest_bias = excluded.backtest_bias, history_days = excluded.history_days,
           inputs_fingerprint = excluded.inputs_fingerprint, computed_at = excluded.computed_at, ms = excluded.ms`,
      )),
    );
  const out: ForecastCurves[] = [];
  db.transaction(() => {
    for (const f of items) {
      // better-sqlite3 binds a Buffer as a BLOB: a view on the same bytes, not a copy.
      const curves = Buffer.isBuffer(f.curves) ? f.curves : Buffer.from(f.curves.buffer, f.curves.byteOffset, f.curves.byteLength);
      const params = f.params;
      stmt.run(
        f.productId,
        f.driver,
        f.outcome,
        f.model,
        f.kind,
        params,
        f.startDay,
        f.horizon,
        curves,
        f.next7P50,
        finite(f.mase),
        finite(f.bias),
        f.historyDays,
        f.fingerprint,
        f.computedAt,
        f.ms,
      );
      out.push({ params: JSON.parse(params) as Record<string, number>, ...decodeCurves(curves, f.horizon) });
    }
  })();
  return out;
}

export function runExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM forecast_runs WHERE id = ?').get(id) !== undefined;
}

export function startRun(db: Db, r: { id: string; mode: 'incremental' | 'full'; startedAt: number; total: number }): void {
  db.prepare('INSERT INTO forecast_runs (id, mode, started_at, total) VALUES (?, ?, ?, ?)').run(r.id, r.mode, r.startedAt, r.total);
}

export function finishRun(
  db: Db,
  r: { id: string; finishedAt: number; computed: number; skipped: number; failed: number; cancelled: boolean; ms: number },
): void {
  db.prepare('UPDATE forecast_runs SET finished_at = ?, computed = ?, skipped = ?, failed = ?, cancelled = ?, ms = ? WHERE id = ?').run(
    r.finishedAt,
    r.computed,
    r.skipped,
    r.failed,
    r.cancelled ? 1 : 0,
    r.ms,
    r.id,
  );
}

/** When the last catalog run finished (cancelled runs count: what they stored is current). */
export function lastRunFinishedAt(db: Db): number | null {
  return (db.prepare('SELECT MAX(finished_at) FROM forecast_runs').pluck().get() as number | null) ?? null;
}

export interface AdviceProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  supplier: string;
  cost: number;
  leadTimeDays: number;
  moq: number;
  packSize: number;
  serviceLevel: number;
  onHand: number;
  driver: DemandDriver;
  perUnit: number | null;
  /** The hand-typed minimum (products.reorder_point): the reorder point when no forecast exists. */
  minStock: number | null;
  forecast: ForecastMeta | null;
}

/**
 * Active products (or one product, archived included) with stock on hand, demand driver and the
 * stored forecast's description: everything the reorder advice needs but open orders, in one query.
 */
export function adviceProducts(db: Db, productId?: string): AdviceProductRow[] {
  // Rows as arrays (raw), not objects: better-sqlite3 builds a 28-key object per row otherwise, more
  // than half the cost of this read of the whole catalog (the reorder maths' first step).
  const rows = db
    .prepare(
      `SELECT p.id, p.sku, p.name, p.unit, p.supplier, p.cost, p.lead_time_days, p.moq, p.pack_size, p.service_level, p.reorder_point,
         COALESCE((SELECT SUM(b.on_hand) FROM stock_balances b WHERE b.product_id = p.id), 0) AS on_hand,
         COALESCE(d.driver, 'history') AS cur_driver, d.per_unit AS cur_per_unit, ${META_COLUMNS.split(', ')
           .map((c) => `f.${c}`)
           .join(', ')}
       FROM products p
       LEFT JOIN product_demand_drivers d ON d.product_id = p.id AND d.deleted_at IS NULL
       LEFT JOIN forecasts f ON f.product_id = p.id
       WHERE p.deleted_at IS NULL AND ${productId === undefined ? 'p.active = 1' : 'p.id = @productId'}
       ORDER BY p.name COLLATE NOCASE, p.id`,
    )
    .raw()
    .all(productId === undefined ? {} : { productId }) as Array<
    [
      id: string,
      sku: string,
      name: string,
      unit: string,
      supplier: string,
      cost: number,
      leadTimeDays: number,
      moq: number,
      packSize: number,
      serviceLevel: number,
      reorderPoint: number | null,
      onHand: number,
      driver: DemandDriver,
      perUnit: number | null,
      // META_COLUMNS, in order:
      productId: string | null,
      fDriver: DemandDriver,
      outcome: 'ok' | 'no_data',
      model: string | null,
      kind: DemandClass | null,
      startDay: number,
      horizon: number,
      next7P50: number | null,
      mase: number | null,
      bias: number | null,
      historyDays: number,
      fingerprint: string,
      computedAt: number,
      ms: number,
    ]
  >;
  return rows.map((r) => ({
    id: r[0],
    sku: r[1],
    name: r[2],
    unit: r[3],
    supplier: r[4],
    cost: r[5],
    leadTimeDays: r[6],
    moq: r[7],
    packSize: r[8],
    serviceLevel: r[9],
    onHand: r[11],
    driver: r[12],
    perUnit: r[13],
    minStock: r[10],
    forecast: r[14]
      ? {
          productId: r[14],
          driver: r[15],
          outcome: r[16],
          model: r[17],
          kind: r[18],
          startDay: r[19],
          horizon: r[20],
          next7P50: r[21],
          mase: r[22],
          bias: r[23],
          historyDays: r[24],
          fingerprint: r[25],
          computedAt: r[26],
          ms: r[27],
        }
      : null,
  }));
}

/** Quantity still expected per open purchase order, by product. */
export function openOrdersByProduct(db: Db, productId?: string): Map<string, Array<{ expectedDay: number; quantity: number }>> {
  const rows = db
    .prepare(
      `SELECT product_id, quantity - received_quantity AS quantity, expected_at FROM purchase_orders
       WHERE status = 'open' AND deleted_at IS NULL AND quantity > received_quantity ${productId === undefined ? '' : 'AND product_id = @productId'}`,
    )
    .all(productId === undefined ? {} : { productId }) as Array<{ product_id: string; quantity: number; expected_at: number }>;
  const out = new Map<string, Array<{ expectedDay: number; quantity: number }>>();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push({ expectedDay: gridDay(r.expected_at), quantity: r.quantity });
    out.set(r.product_id, list);
  }
  return out;
}

/**
 * Changes whenever anything is written to the database: this connection's change counter plus
 * SQLite's data_version (bumped by other connections' commits, e.g. a CLI import). Both are O(1),
 * so derived views can be cached until the data moves.
 */
export function databaseVersion(db: Db): string {
  return `${db.prepare('SELECT total_changes()').pluck().get() as number}:${db.pragma('data_version', { simple: true }) as number}`;
}
