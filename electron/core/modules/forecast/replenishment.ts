import { normalQuantile, Z90 } from './normal.js';

export const DAY = 86_400_000;
export const DEFAULT_REVIEW_DAYS = 7;

/**
 * Review period for a supplier that takes orders on some weekdays (0 Sunday … 6 Saturday): an order
 * placed on the next order day (today included) must last until the order day after it, so the
 * period is the gap between those two. No order days: the weekly default.
 */
export function reviewDaysFor(orderDays: readonly number[] | undefined, today: number): number {
  if (!orderDays || orderDays.length === 0) return DEFAULT_REVIEW_DAYS;
  const dow = new Date(today).getUTCDay();
  const open = (d: number) => orderDays.includes((dow + d) % 7);
  let next = 0;
  while (!open(next)) next++;
  let gap = 1;
  while (!open(next + gap)) gap++;
  return gap;
}

/** Daily demand quantiles; index 0 is `today`. */
export interface DailyBands {
  p10: readonly number[];
  p50: readonly number[];
  p90: readonly number[];
  /** Quantiles of the total over days [0, d + 1), shared errors included, when the engine made them. */
  totals?: { p10: readonly number[]; p50: readonly number[]; p90: readonly number[] } | null;
}

export interface ReplenishmentInput {
  /** Start of the current day (ms UTC). */
  today: number;
  forecast: DailyBands;
  leadTimeDays: number;
  reviewDays: number;
  serviceLevel: number;
  moq: number;
  packSize: number;
  onHand: number;
  /** Open purchase orders: quantity still expected and the day it should arrive (overdue ones arrive today). */
  openOrders: ReadonlyArray<{ expectedDay: number; quantity: number }>;
  /** The supplier's order days (0 Sunday … 6 Saturday): orders go out on those only. Absent or empty: any day. */
  orderDays?: readonly number[];
}

export type AdviceStatus = 'order_now' | 'order_soon' | 'ok' | 'overstock' | 'late_delivery';

export interface ReplenishmentAdvice {
  /** Demand over lead time + review period. */
  leadTimeDemand: { p10: number; p50: number; p90: number; sigma: number };
  /** Expected demand over one review period (what one order cycle consumes). */
  reviewDemand: number;
  safetyStock: number;
  reorderPoint: number;
  upToLevel: number;
  onOrder: number;
  /** On hand + on order. */
  inventoryPosition: number;
  /** Quantity to order now or soon (0 when the status is ok, overstock or late_delivery). */
  suggestedQty: number;
  /** Quantity due on the order-by day whatever the status (a replenishment list over a longer window needs it). */
  orderQuantity: number;
  orderBy: number | null;
  stockoutAt: number | null;
  status: AdviceStatus;
  /**
   * P50 on-hand at the end of each forecast day, open orders added on their day (never below 0);
   * `withOrder` is the same with the suggested order placed on its order-by day and received a lead
   * time later (only when an order is suggested). Empty when not asked for.
   */
  projection: Array<{ day: number; onHand: number; withOrder?: number }>;
}

/** Rounds a need up to the supplier's terms: at least the MOQ, then whole packs. */
export function roundToSupplierTerms(need: number, moq: number, packSize: number): number {
  if (!(need > 1e-9)) return 0;
  const q = Math.max(need, moq);
  // The epsilon keeps 24.000000001 from becoming an extra pack.
  return Math.ceil(q / packSize - 1e-9) * packSize;
}

/** Value of a daily series at day i; past the horizon, the mean of the last 7 days carries on. */
export function extendedAt(series: readonly number[], i: number): number {
  if (i < series.length) return series[i]!;
  const tail = series.slice(-7);
  return tail.length ? tail.reduce((a, b) => a + b, 0) / tail.length : 0;
}

/**
 * Demand over days [0, days). When the forecast carries totals (daily and weekly history forecasts
 * do), they are read directly. Otherwise (calendar-driven demand, older stored forecasts):
 * P50 = sum of daily P50 (the engine's P50 is its point forecast);
 * sigma from each day's P10–P90 width read as ±1.2816σ. Daily errors are neither independent (a
 * wrong level is wrong every day) nor fully correlated (daily noise averages out): treated as
 * independent, 12-day totals on the demo ledger fell inside P10–P90 only 50 % of the time, fully
 * correlated 88 %; the mean of the two sigmas gave 77–79 % at 6 and 12 days, so that is used.
 */
export function demandOver(f: DailyBands, days: number): { p10: number; p50: number; p90: number; sigma: number } {
  const t = f.totals;
  if (t && days >= 1 && days <= t.p50.length) {
    // The engine's own totals (autocorrelated errors, count-shaped): sigma is read from the upper
    // half, so the safety stock at a 90 % service level lands exactly on the P90 total.
    const p10 = t.p10[days - 1]!;
    const p50 = t.p50[days - 1]!;
    const p90 = t.p90[days - 1]!;
    return { p10, p50, p90, sigma: Math.max(0, p90 - p50) / Z90 };
  }
  if (days <= 0) return { p10: 0, p50: 0, p90: 0, sigma: 0 };
  let mean = 0;
  let variance = 0;
  let linear = 0;
  for (let i = 0; i < days; i++) {
    mean += extendedAt(f.p50, i);
    const s = (extendedAt(f.p90, i) - extendedAt(f.p10, i)) / (2 * Z90);
    variance += s * s;
    linear += s;
  }
  const sigma = (Math.sqrt(variance) + linear) / 2;
  return { p10: Math.max(0, mean - Z90 * sigma), p50: mean, p90: mean + Z90 * sigma, sigma };
}

/**
 * Periodic-review advice, (s, S) style. The reorder point s covers the demand until an order placed
 * now arrives and the next review comes round (lead time + review period) with safety stock
 * z(service level)·σ; the up-to level S adds one review period of demand so one order lasts a cycle.
 * The order-by day is the first day — the first of the supplier's order days, when it has some — the
 * projected inventory position (on hand + on order − P50 demand so far) is at or below s; the
 * quantity is S minus that position, rounded to MOQ and packs.
 */
export function replenishmentAdvice(x: ReplenishmentInput, opts: { projection?: boolean } = {}): ReplenishmentAdvice {
  const wantProjection = opts.projection ?? true;
  const protection = Math.max(0, x.leadTimeDays + x.reviewDays);
  const ltd = demandOver(x.forecast, protection);
  const reviewDemand = demandOver(x.forecast, Math.max(0, x.reviewDays)).p50;
  const safetyStock = normalQuantile(x.serviceLevel) * ltd.sigma;
  const reorderPoint = ltd.p50 + safetyStock;
  const upToLevel = reorderPoint + reviewDemand;
  const onOrder = x.openOrders.reduce((a, o) => a + o.quantity, 0);
  const inventoryPosition = x.onHand + onOrder;
  const days = Math.max(x.forecast.p50.length, protection + 1);

  // Periodic review on the supplier's order days: an order goes out on the first order day the
  // position is at or below s (s covers the lead time and the gap to the next order day, so the day
  // before it still had enough to last until that order arrives).
  const canOrder = (d: number) => !x.orderDays?.length || x.orderDays.includes(new Date(x.today + d * DAY).getUTCDay());
  let orderDay: number | null = null;
  let position = inventoryPosition;
  // A crossing near the end may wait up to a week for its order day.
  const last = days + (x.orderDays?.length ? 7 : 0);
  for (let d = 0; d < last; d++) {
    if (position <= reorderPoint && position < upToLevel && canOrder(d)) {
      orderDay = d;
      break;
    }
    position -= extendedAt(x.forecast.p50, d);
  }
  const orderQuantity = orderDay === null ? 0 : roundToSupplierTerms(upToLevel - position, x.moq, x.packSize);

  const arrivals = new Map<number, number>();
  for (const o of x.openOrders) {
    const d = Math.max(0, Math.round((o.expectedDay - x.today) / DAY));
    arrivals.set(d, (arrivals.get(d) ?? 0) + o.quantity);
  }
  // An empty shelf is a stock-out only once someone wants the product: no demand, no risk.
  let stockoutAt: number | null = null;
  let onHand = x.onHand;
  let wanted = 0;
  const projection: Array<{ day: number; onHand: number; withOrder?: number }> = [];
  for (let d = 0; d < x.forecast.p50.length; d++) {
    onHand += (arrivals.get(d) ?? 0) - x.forecast.p50[d]!;
    wanted += x.forecast.p50[d]!;
    if (stockoutAt === null && onHand <= 1e-9 && wanted > 1e-9) stockoutAt = x.today + d * DAY;
    if (wantProjection) projection.push({ day: x.today + d * DAY, onHand: Math.max(0, onHand) });
    else if (stockoutAt !== null) break;
  }

  let status: AdviceStatus = 'ok';
  // Already at or below the reorder point today: to order at the first chance — today, or the
  // supplier's next order day when it takes no orders today (orderBy says which). Such a product
  // read "order soon", ranked with products days away from their reorder point.
  const belowNow = inventoryPosition <= reorderPoint && inventoryPosition < upToLevel;
  if (orderDay !== null && orderQuantity > 0 && (orderDay === 0 || belowNow)) status = 'order_now';
  else if (orderDay !== null && orderQuantity > 0 && orderDay <= x.reviewDays) status = 'order_soon';
  else if (inventoryPosition > upToLevel + reviewDemand + x.moq) status = 'overstock';

  // Out before delivery: the position (on hand + on order) may be above the reorder point, yet the
  // shelf empties before an open order arrives, and no order placed now — on the supplier's first
  // order day, received a lead time later — could come before the stock-out either. "Enough" hid a
  // product empty tomorrow; this is a risk no order can fix. An order that could still come in
  // time keeps the status above (its order-by day says when).
  if ((status === 'ok' || status === 'overstock') && stockoutAt !== null) {
    const out = Math.round((stockoutAt - x.today) / DAY);
    const laterArrival = [...arrivals.keys()].some((d) => d > out);
    let firstOrderDay = 0;
    while (!canOrder(firstOrderDay) && firstOrderDay < 7) firstOrderDay++;
    const newOrderArrives = firstOrderDay + Math.max(0, Math.round(x.leadTimeDays));
    if (laterArrival && newOrderArrives > out) status = 'late_delivery';
  }

  // The effect of the suggested order: the same projection with it received a lead time after its order-by day.
  if (wantProjection && (status === 'order_now' || status === 'order_soon') && orderDay !== null) {
    const arrive = orderDay + Math.max(0, Math.round(x.leadTimeDays));
    let level = x.onHand;
    for (let d = 0; d < projection.length; d++) {
      level += (arrivals.get(d) ?? 0) + (d === arrive ? orderQuantity : 0) - x.forecast.p50[d]!;
      projection[d]!.withOrder = Math.max(0, level);
    }
  }

  return {
    leadTimeDemand: ltd,
    reviewDemand,
    safetyStock,
    reorderPoint,
    upToLevel,
    onOrder,
    inventoryPosition,
    suggestedQty: status === 'order_now' || status === 'order_soon' ? orderQuantity : 0,
    orderQuantity,
    orderBy: orderDay === null ? null : x.today + orderDay * DAY,
    stockoutAt,
    status,
    projection,
  };
}
