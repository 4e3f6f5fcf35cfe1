import type { Db } from '../../db/connection.js';
import type { CoreContext } from '../../context.js';
import type { ForecastRow, ReorderStatus } from '../../../../shared/model/forecast.js';
import { adviceProducts, databaseVersion, openOrdersByProduct, type AdviceProductRow, type StoredForecast } from '../../db/repos/forecasts.js';
import { DAY, DEFAULT_REVIEW_DAYS, extendedAt, replenishmentAdvice, type DailyBands, type ReplenishmentAdvice } from './replenishment.js';

export interface ProductAdvice {
  product: AdviceProductRow;
  /** The stored forecast re-based on today (days already past dropped). */
  bands: DailyBands | null;
  advice: ReplenishmentAdvice | null;
  row: ForecastRow;
}

/**
 * A forecast made on an earlier day, seen from `today`: elapsed days are dropped and, when that
 * leaves fewer than four weeks, the last week's mean carries on (a stale forecast still advises).
 */
export function bandsFrom(f: StoredForecast, today: number): DailyBands {
  const offset = Math.max(0, Math.round((today - f.startDay) / DAY));
  const len = Math.max(f.horizon - offset, 28);
  const pick = (a: readonly number[]) => Array.from({ length: len }, (_, i) => extendedAt(a, offset + i));
  return { p10: pick(f.p10), p50: pick(f.p50), p90: pick(f.p90) };
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

function adviseOne(p: AdviceProductRow, orders: Array<{ expectedDay: number; quantity: number }>, today: number): ProductAdvice {
  const f = p.forecast?.outcome === 'ok' ? p.forecast : null;
  const bands = f ? bandsFrom(f, today) : null;
  const advice = bands
    ? replenishmentAdvice({
        today,
        forecast: bands,
        leadTimeDays: p.leadTimeDays,
        reviewDays: DEFAULT_REVIEW_DAYS,
        serviceLevel: p.serviceLevel,
        moq: p.moq,
        packSize: p.packSize,
        onHand: p.onHand,
        openOrders: orders,
      })
    : null;
  const onOrder = orders.reduce((a, o) => a + o.quantity, 0);
  const row: ForecastRow = {
    productId: p.id,
    sku: p.sku,
    name: p.name,
    unit: p.unit,
    supplier: p.supplier,
    driver: p.driver,
    kind: f?.kind ?? null,
    model: f?.model ?? null,
    nextP50: bands ? round(bands.p50.slice(0, 7).reduce((a, b) => a + b, 0)) : null,
    mase: f?.mase ?? null,
    bias: f?.bias ?? null,
    onHand: p.onHand,
    onOrder,
    safetyStock: advice ? round(advice.safetyStock) : null,
    reorderPoint: advice ? round(advice.reorderPoint) : null,
    suggestedQty: advice?.suggestedQty ?? 0,
    orderBy: advice?.orderBy ?? null,
    stockoutAt: advice?.stockoutAt ?? null,
    status: advice?.status ?? 'no_data',
    computedAt: p.forecast?.computedAt ?? null,
  };
  return { product: p, bands, advice, row };
}

/** Reorder advice for every active product (or one product), from stored forecasts and current stock. */
export function computeAdvice(db: Db, today: number, productId?: string): ProductAdvice[] {
  const orders = openOrdersByProduct(db, productId);
  return adviceProducts(db, productId).map((p) => adviseOne(p, orders.get(p.id) ?? [], today));
}

/**
 * The whole catalog's advice, kept until the database changes or the day turns: the list, the
 * replenishment page and the dashboard tile all read it, often one after the other.
 */
export function catalogAdvice(ctx: Pick<CoreContext, 'db' | 'services'>, today: number): readonly ProductAdvice[] {
  const key = `${today}|${databaseVersion(ctx.db)}`;
  const hit = ctx.services.get('forecast.advice') as { key: string; value: ProductAdvice[] } | undefined;
  if (hit?.key === key) return hit.value;
  const value = computeAdvice(ctx.db, today);
  ctx.services.set('forecast.advice', { key, value });
  return value;
}

export const URGENCY: Record<ReorderStatus, number> = { order_now: 0, order_soon: 1, ok: 2, overstock: 3, no_data: 4 };

/** Most urgent first: by status, then the earliest order-by day (none last), then name. */
export function byUrgency(a: ForecastRow, b: ForecastRow): number {
  return (
    URGENCY[a.status] - URGENCY[b.status] ||
    (a.orderBy ?? Infinity) - (b.orderBy ?? Infinity) ||
    a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }) ||
    (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0)
  );
}
