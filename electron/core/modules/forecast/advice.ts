import type { Db } from '@core/db/connection.js';
import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import { effectiveReorderPoint, type AccuracyGap, type ForecastRow, type ReorderStatus } from '@shared/model/forecast.js';
import {
  adviceProducts,
  databaseVersion,
  forecastCurves,
  openOrdersByProduct,
  storedMeta,
  type AdviceProductRow,
  type ForecastCurves,
  type ForecastMeta,
} from '@core/db/repos/forecasts.js';
import { readOrderDays } from '@core/db/repos/orderDays.js';
import { DAY, extendedAt, replenishmentAdvice, reviewDaysFor, type DailyBands, type ReplenishmentAdvice } from './replenishment.js';

export interface ProductAdvice {
  product: AdviceProductRow;
  curves: ForecastCurves | null;
  /** The stored forecast re-based on today (days already past dropped). */
  bands: DailyBands | null;
  advice: ReplenishmentAdvice | null;
  /** Days between two orders to this product's supplier (its order days, else weekly). */
  reviewDays: number;
  /** The supplier's order days (0 Sunday … 6 Saturday); empty: none set (any day, weekly review). */
  orderDays: readonly number[];
  row: ForecastRow;
}

/** Parsed curves by product, valid while the stored forecast is the same computation. */
export type CurvesCache = Map<string, { key: string; curves: ForecastCurves }>;

/**
 * A forecast made on an earlier day, seen from `today`: elapsed days are dropped and, when that
 * leaves fewer than four weeks, the last week's mean carries on (a stale forecast still advises).
 */
export function bandsFrom(f: Pick<ForecastMeta, 'startDay' | 'horizon'>, c: ForecastCurves, today: number): DailyBands {
  const offset = Math.max(0, Math.round((today - f.startDay) / DAY));
  if (offset === 0 && f.horizon >= 28) return c;
  // Totals start on the forecast's first day: once days have passed they no longer apply (the
  // daily bands' approximation takes over until the next run).
  const len = Math.max(f.horizon - offset, 28);
  const pick = (a: readonly number[]) => Array.from({ length: len }, (_, i) => extendedAt(a, offset + i));
  return { p10: pick(c.p10), p50: pick(c.p50), p90: pick(c.p90), totals: offset === 0 ? c.totals : null };
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

// Timing in ms (a float) makes the key differ between two computations even under a fixed clock.
const curvesKey = (f: Pick<ForecastMeta, 'computedAt' | 'ms' | 'fingerprint'>) => `${f.computedAt}|${f.ms}|${f.fingerprint}`;

function curvesOf(db: Db, f: ForecastMeta, cache: CurvesCache | undefined): ForecastCurves | null {
  const key = curvesKey(f);
  const hit = cache?.get(f.productId);
  if (hit?.key === key) return hit.curves;
  const curves = forecastCurves(db, f.productId);
  if (curves) cache?.set(f.productId, { key, curves });
  return curves;
}

function adviseOne(
  p: AdviceProductRow,
  curves: ForecastCurves | null,
  orders: Array<{ expectedDay: number; quantity: number }>,
  today: number,
  projection: boolean,
  reviewDays: number,
  orderDays: readonly number[] = [],
): ProductAdvice {
  const f = p.forecast?.outcome === 'ok' && curves ? p.forecast : null;
  const bands = f ? bandsFrom(f, curves!, today) : null;
  const advice = bands
    ? replenishmentAdvice(
        {
          today,
          forecast: bands,
          leadTimeDays: p.leadTimeDays,
          reviewDays,
          serviceLevel: p.serviceLevel,
          moq: p.moq,
          packSize: p.packSize,
          onHand: p.onHand,
          openOrders: orders,
          orderDays,
        },
        { projection },
      )
    : null;
  const onOrder = orders.reduce((a, o) => a + o.quantity, 0);
  let next7 = 0;
  if (bands) for (let i = 0; i < 7; i++) next7 += extendedAt(bands.p50, i);
  const row: ForecastRow = {
    productId: p.id,
    sku: p.sku,
    name: p.name,
    unit: p.unit,
    supplier: p.supplier,
    driver: p.driver,
    kind: f?.kind ?? null,
    model: f?.model ?? null,
    nextP50: bands ? round(next7) : null,
    mase: f?.mase ?? null,
    bias: f?.bias ?? null,
    accuracyGap: accuracyGapOf(p, f, curves),
    onHand: p.onHand,
    onOrder,
    safetyStock: advice ? round(advice.safetyStock) : null,
    ...reorderPointOf(advice ? round(advice.reorderPoint) : null, p.minStock),
    suggestedQty: advice?.suggestedQty ?? 0,
    orderBy: advice?.orderBy ?? null,
    stockoutAt: advice?.stockoutAt ?? null,
    status: advice?.status ?? 'no_data',
    computedAt: p.forecast?.computedAt ?? null,
  };
  return { product: p, curves: f ? curves : null, bands, advice, reviewDays, orderDays, row };
}

/**
 * Why a product's accuracy (MASE) is not measured; null when it is, or when no forecast is stored.
 * The engine leaves MASE unmeasured (NaN, stored null) when the naive forecast makes no error over
 * the history it reads (engine.ts forecastSeries): the same count every day. A forecast of 0 on
 * every day means that count is 0 (no sale); otherwise the product sells the same amount each
 * open day. A calendar-driven count of events is never checked against the past; too little
 * history (or too few past events) gives no forecast, or one without a backtest.
 */
function accuracyGapOf(p: AdviceProductRow, f: ForecastMeta | null, curves: ForecastCurves | null): AccuracyGap | null {
  if (!p.forecast) return null;
  if (!f || !curves) return 'short_history';
  if (f.mase !== null && Number.isFinite(f.mase)) return null;
  if (p.driver === 'event_count') return 'not_backtested';
  if (p.driver === 'event_prints') return 'short_history';
  return curves.p50.some((v) => v > 0) ? 'constant' : 'no_sales';
}

function reorderPointOf(computed: number | null, manual: number | null): Pick<ForecastRow, 'reorderPoint' | 'reorderPointSource'> {
  const e = effectiveReorderPoint(computed, manual);
  return { reorderPoint: e?.value ?? null, reorderPointSource: e?.source ?? null };
}

/**
 * Reorder advice for every active product (or one product, with its on-hand projection), from
 * stored forecasts and current stock.
 */
export function computeAdvice(db: Db, today: number, opts: { productId?: string; cache?: CurvesCache } = {}): ProductAdvice[] {
  const orders = openOrdersByProduct(db, opts.productId);
  const orderDays = readOrderDays(db);
  return adviceProducts(db, opts.productId).map((p) =>
    adviseOne(
      p,
      p.forecast?.outcome === 'ok' ? curvesOf(db, p.forecast, opts.cache) : null,
      orders.get(p.id) ?? [],
      today,
      opts.productId !== undefined,
      reviewDaysFor(orderDays.get(p.supplier), today),
      orderDays.get(p.supplier),
    ),
  );
}

/**
 * The whole catalog's advice, kept until the database changes or the day turns: the list, the
 * replenishment page and the dashboard tile all read it, often one after the other. Parsed curves
 * outlive that (only recomputed forecasts are read again).
 */
const adviceCache = perCore<{ key: string; value: ProductAdvice[] }>();
const curvesCache = perCore<CurvesCache>(() => new Map());

/**
 * Curves a run has just stored (as saveForecasts returns them: exactly what a read gives back), so
 * the reorder maths that follows the run does not read the whole catalog's rows back.
 */
export function rememberCurves(
  ctx: Pick<CoreContext, 'db'>,
  items: ReadonlyArray<{ meta: Pick<ForecastMeta, 'productId' | 'computedAt' | 'ms' | 'fingerprint'>; curves: ForecastCurves }>,
): void {
  const cache = curvesCache.get(ctx);
  for (const { meta, curves } of items) cache.set(meta.productId, { key: curvesKey(meta), curves });
}

/**
 * A write the advice does not read (the lead-time factors catalogCalibration.ts stores after a run:
 * they shape the next run's forecasts, not the stored ones) moved the database from version
 * `before` to `after`: the advice cached at `before` stays the catalog's advice.
 */
export function carryAdviceCache(ctx: Pick<CoreContext, 'db'>, before: string, after: string): void {
  const hit = adviceCache.peek(ctx);
  if (hit?.key.endsWith(`|${before}`)) adviceCache.set(ctx, { key: hit.key.slice(0, -before.length) + after, value: hit.value });
}

export function catalogAdvice(ctx: Pick<CoreContext, 'db'>, today: number): readonly ProductAdvice[] {
  const key = `${today}|${databaseVersion(ctx.db)}`;
  const hit = adviceCache.peek(ctx);
  if (hit?.key === key) return hit.value;
  const value = computeAdvice(ctx.db, today, { cache: curvesCache.get(ctx) });
  adviceCache.set(ctx, { key, value });
  return value;
}

/**
 * The catalog's reorder advice made while a run stores its forecasts, batch by batch, instead of
 * all at once after the run: the main thread does it while the workers compute the next batches, so
 * the run no longer ends with ~0.5 s of reorder maths on one core (issue 17, speed). It starts from
 * one read of the catalog (products, stock, open orders, order days, stored forecasts) and advises
 * each product again as its new forecast is stored; at the end, the products no batch brought
 * (skipped by an incremental run, failed) are advised from their stored forecast, and the whole
 * list primes catalogAdvice's cache — exactly what catalogAdvice would compute then, since the
 * inputs are the same. Anything else written meanwhile (a sale, an order, another connection's
 * commit) or a new day voids it: catalogAdvice then computes from the database as before.
 */
export interface AdviceStream {
  /** One of the run's own writes: a change since the previous one (not ours) voids the stream. */
  write<T>(fn: () => T): T;
  /** Forecasts just stored by `write` (as given to saveForecasts) and the curves it returned, in order. */
  stored(rows: readonly ForecastMeta[], curves: readonly ForecastCurves[]): void;
  /** At the run's end: primes catalogAdvice for `today` unless voided; whether it did. */
  finish(today: number): boolean;
}

export function adviceStream(
  ctx: Pick<CoreContext, 'db'>,
  today: number,
  /** Each product's advice as it is made (its place in the catalog list, the advice): the stock-out risk check's. */
  onAdvice?: (index: number, advice: ProductAdvice) => void,
): AdviceStream {
  const db = ctx.db;
  const products = adviceProducts(db);
  const orders = openOrdersByProduct(db);
  const orderDays = readOrderDays(db);
  const cache = curvesCache.get(ctx);
  const index = new Map(products.map((p, i) => [p.id, i]));
  const out = new Array<ProductAdvice | undefined>(products.length);
  let expected = databaseVersion(db);
  let valid = true;
  const advise = (i: number, p: AdviceProductRow, curves: ForecastCurves | null) => {
    const a = adviseOne(
      p,
      curves,
      orders.get(p.id) ?? [],
      today,
      false,
      reviewDaysFor(orderDays.get(p.supplier), today),
      orderDays.get(p.supplier),
    );
    out[i] = a;
    onAdvice?.(i, a);
  };
  return {
    write(fn) {
      if (databaseVersion(db) !== expected) valid = false;
      try {
        return fn();
      } finally {
        expected = databaseVersion(db);
      }
    },
    stored(rows, curves) {
      if (!valid) return;
      for (let j = 0; j < rows.length; j++) {
        const i = index.get(rows[j]!.productId);
        if (i === undefined) continue;
        const meta = storedMeta(rows[j]!);
        const p: AdviceProductRow = { ...products[i]!, forecast: meta };
        products[i] = p;
        advise(i, p, meta.outcome === 'ok' ? curves[j]! : null);
      }
    },
    finish(day) {
      if (!valid || day !== today || databaseVersion(db) !== expected) return false;
      for (let i = 0; i < products.length; i++) {
        if (out[i]) continue;
        const p = products[i]!;
        advise(i, p, p.forecast?.outcome === 'ok' ? curvesOf(db, p.forecast, cache) : null);
      }
      adviceCache.set(ctx, { key: `${today}|${expected}`, value: out as ProductAdvice[] });
      return true;
    },
  };
}

/** One collator for every sort: localeCompare with a locale builds a new one per call (slow on 10k rows). */
export const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true }).compare;

export const URGENCY: Record<ReorderStatus, number> = { order_now: 0, late_delivery: 1, order_soon: 2, ok: 3, overstock: 4, no_data: 5 };

/** Most urgent first: by status, then the earliest order-by day (none last), then name. */
export function byUrgency(a: ForecastRow, b: ForecastRow): number {
  return (
    URGENCY[a.status] - URGENCY[b.status] ||
    (a.orderBy ?? Infinity) - (b.orderBy ?? Infinity) ||
    byName(a.name, b.name) ||
    (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0)
  );
}

/** The forecast's computed reorder point per product, where a forecast exists (cached with the catalog's advice). */
export function forecastReorderPoints(ctx: Pick<CoreContext, 'db'>, today: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of catalogAdvice(ctx, today))
    if (a.row.reorderPointSource === 'forecast' && a.row.reorderPoint !== null) out.set(a.product.id, a.row.reorderPoint);
  return out;
}
