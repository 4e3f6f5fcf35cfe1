import type { DemandClass, DemandDriver } from '@shared/model/forecast.js';
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

/** Prepared once per connection: the catalog's advice reads the curves of every product after a run. */
const curvesStatements = new WeakMap<Db, ReturnType<Db['prepare']>>();
function curvesStatement(db: Db): ReturnType<Db['prepare']> {
  let st = curvesStatements.get(db);
  if (!st) curvesStatements.set(db, (st = db.prepare('SELECT params, p10, p50, p90, totals FROM forecasts WHERE product_id = ?')));
  return st;
}

/** The daily curves of one product's forecast (parsed from JSON: callers cache them). */
export function forecastCurves(db: Db, productId: string): ForecastCurves | null {
  const r = curvesStatement(db).get(productId) as
    { params: string; p10: string; p50: string; p90: string; totals: string | null } | undefined;
  if (!r) return null;
  return {
    params: JSON.parse(r.params) as Record<string, number>,
    p10: JSON.parse(r.p10) as number[],
    p50: JSON.parse(r.p50) as number[],
    p90: JSON.parse(r.p90) as number[],
    totals: r.totals ? (JSON.parse(r.totals) as TotalCurves) : null,
  };
}

export function getForecast(db: Db, productId: string): StoredForecast | null {
  const r = db.prepare(`SELECT ${META_COLUMNS} FROM forecasts WHERE product_id = ?`).get(productId) as MetaRow | undefined;
  return r ? { ...toMeta(r), ...forecastCurves(db, productId)! } : null;
}

/** Fingerprint of each product's stored forecast: what an incremental run compares against. */
export function forecastFingerprints(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT product_id, inputs_fingerprint FROM forecasts').all() as Array<{
    product_id: string;
    inputs_fingerprint: string;
  }>;
  return new Map(rows.map((r) => [r.product_id, r.inputs_fingerprint]));
}

/** Rounded to 6 decimals (a forecast is not worth 17 digits of JSON); a non-number would turn into null and break every read. */
const json = (a: readonly number[]) => JSON.stringify(a.map((v) => (Number.isFinite(v) ? Math.round(Math.max(0, v) * 1e6) / 1e6 : 0)));

/** Stores a batch in one transaction (a cancelled run keeps every batch already written). */
export function saveForecasts(db: Db, items: readonly StoredForecast[]): void {
  const stmt = db.prepare(
    `INSERT INTO forecasts (product_id, driver, outcome, model, kind, params, start_day, horizon, p10, p50, p90, totals, next7_p50,
       backtest_mase, backtest_bias, history_days, inputs_fingerprint, computed_at, ms)
     VALUES (@productId, @driver, @outcome, @model, @kind, @params, @startDay, @horizon, @p10, @p50, @p90, @totals, @next7P50,
       @mase, @bias, @historyDays, @fingerprint, @computedAt, @ms)
     ON CONFLICT (product_id) DO UPDATE SET driver = excluded.driver, outcome = excluded.outcome, model = excluded.model,
       kind = excluded.kind, params = excluded.params, start_day = excluded.start_day, horizon = excluded.horizon,
       p10 = excluded.p10, p50 = excluded.p50, p90 = excluded.p90, totals = excluded.totals, next7_p50 = excluded.next7_p50,
       backtest_mase = excluded.backtest_mase, backtest_bias = excluded.backtest_bias, history_days = excluded.history_days,
       inputs_fingerprint = excluded.inputs_fingerprint, computed_at = excluded.computed_at, ms = excluded.ms`,
  );
  db.transaction(() => {
    for (const f of items) {
      stmt.run({
        ...f,
        params: JSON.stringify(f.params),
        p10: json(f.p10),
        p50: json(f.p50),
        p90: json(f.p90),
        totals: f.totals ? `{"p10":${json(f.totals.p10)},"p50":${json(f.totals.p50)},"p90":${json(f.totals.p90)}}` : null,
        mase: f.mase !== null && Number.isFinite(f.mase) ? f.mase : null,
        bias: f.bias !== null && Number.isFinite(f.bias) ? f.bias : null,
      });
    }
  })();
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
    .all(productId === undefined ? {} : { productId }) as Array<
    MetaRow & {
      id: string;
      sku: string;
      name: string;
      unit: string;
      supplier: string;
      cost: number;
      lead_time_days: number;
      moq: number;
      pack_size: number;
      service_level: number;
      reorder_point: number | null;
      on_hand: number;
      cur_driver: DemandDriver;
      cur_per_unit: number | null;
    }
  >;
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    supplier: r.supplier,
    cost: r.cost,
    leadTimeDays: r.lead_time_days,
    moq: r.moq,
    packSize: r.pack_size,
    serviceLevel: r.service_level,
    onHand: r.on_hand,
    driver: r.cur_driver,
    perUnit: r.cur_per_unit,
    minStock: r.reorder_point,
    forecast: r.product_id ? toMeta(r) : null,
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
    list.push({ expectedDay: Math.floor(r.expected_at / 86_400_000) * 86_400_000, quantity: r.quantity });
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
