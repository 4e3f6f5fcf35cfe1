import { z } from 'zod';
import { HolidayCountry } from './settings.js';

export const DemandClass = z.enum(['smooth', 'erratic', 'intermittent', 'lumpy']);
export type DemandClass = z.infer<typeof DemandClass>;

/**
 * What drives a product's demand. `history`: its own sales/consumption ledger. `event_prints`:
 * prints forecast from the event calendar (learned prints per event by type and booth) × perUnit
 * (units consumed per print, e.g. 1/700 roll). `event_count`: upcoming events × perUnit.
 */
export const DemandDriver = z.enum(['history', 'event_prints', 'event_count']);
export type DemandDriver = z.infer<typeof DemandDriver>;

/**
 * Reorder status, most urgent first. order_now: projected stock at the end of lead time + review
 * period falls below the reorder point today — the order goes out today, or on the supplier's next
 * order day (orderBy) when it takes none today; late_delivery: on hand + on order looks enough, but
 * the shelf empties before an open order arrives and no order placed now (first order day + lead
 * time) could arrive before the stock-out either — a risk no order fixes; order_soon: it will within the review period;
 * overstock: on hand + on order exceeds the up-to level by more than a review period of demand
 * plus one MOQ; no_data: not enough history to forecast.
 */
export const ReorderStatus = z.enum(['order_now', 'late_delivery', 'order_soon', 'ok', 'overstock', 'no_data']);
export type ReorderStatus = z.infer<typeof ReorderStatus>;

/** Where an effective reorder point comes from: the forecast's computed one, or the hand-typed minimum. */
export const ReorderPointSource = z.enum(['forecast', 'manual']);
export type ReorderPointSource = z.infer<typeof ReorderPointSource>;

/**
 * The one definition of the reorder point the stock page's low-stock list and the forecast page
 * both use: the computed one when a forecast exists, the product's manual minimum otherwise.
 */
export function effectiveReorderPoint(
  computed: number | null | undefined,
  manual: number | null | undefined,
): { value: number; source: ReorderPointSource } | null {
  if (computed !== null && computed !== undefined) return { value: computed, source: 'forecast' };
  if (manual !== null && manual !== undefined) return { value: manual, source: 'manual' };
  return null;
}

/**
 * Why a forecast's accuracy (MASE) is not measured. short_history: too little history to forecast
 * or to backtest (too few past events for a calendar-driven product); no_sales: no sale in the
 * history the forecast reads, so the forecast is 0 and there is no error to compare; constant: the
 * same count sold every open day, which the naive forecast gets exactly right (its error is 0, so
 * MASE has no scale); not_backtested: a count of upcoming events, never checked against the past.
 */
export const AccuracyGap = z.enum(['short_history', 'no_sales', 'constant', 'not_backtested']);
export type AccuracyGap = z.infer<typeof AccuracyGap>;

export const ForecastRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  supplier: z.string(),
  driver: DemandDriver,
  kind: DemandClass.nullable(),
  model: z.string().nullable(),
  /** P50 of the demand over the next 7 days. */
  nextP50: z.number().nullable(),
  /** Backtest MASE of the chosen model (lower is better; < 1 beats the naive forecast). */
  mase: z.number().nullable(),
  /** Backtest mean error scaled like MASE: > 0 over-forecasts, < 0 under-forecasts. */
  bias: z.number().nullable(),
  /** Why `mase` is null (AccuracyGap); null when it is measured, or when no forecast is stored yet. */
  accuracyGap: AccuracyGap.nullable(),
  onHand: z.number(),
  onOrder: z.number(),
  safetyStock: z.number().nullable(),
  /** The effective reorder point (effectiveReorderPoint): computed when a forecast exists, else the product's manual minimum. */
  reorderPoint: z.number().nullable(),
  reorderPointSource: ReorderPointSource.nullable(),
  /** Quantity to order now (0 when none), rounded up to MOQ and pack size. */
  suggestedQty: z.number(),
  /** Latest day (ms UTC, start of day) on which to order to avoid the projected stock-out risk. */
  orderBy: z.number().nullable(),
  /** Day the P50 projection of on-hand (with open orders) reaches 0; null when beyond the horizon. */
  stockoutAt: z.number().nullable(),
  status: ReorderStatus,
  computedAt: z.number().nullable(),
});
export type ForecastRow = z.infer<typeof ForecastRow>;

/** closed: a day the shop is closed (a closed weekday or a public holiday): no demand is forecast, none is read from it. */
export const ForecastPoint = z.object({
  day: z.number(),
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  closed: z.boolean().optional(),
});
/**
 * stockout: the shelf was empty at the end of the day, so sales understate demand; the forecast reads that day's demand as not seen (censored).
 * exceptional: a day the forecast set aside — 'high' far above its usual level (a promotion or an event?), 'low' an unexplained
 * dip (not a stock-out): left out of the level and the weekly/yearly pattern, only their frequency kept in the P10–P90 band.
 */
export const HistoryPoint = z.object({
  day: z.number(),
  quantity: z.number(),
  closed: z.boolean().optional(),
  stockout: z.boolean().optional(),
  exceptional: z.enum(['high', 'low']).optional(),
});

/**
 * A history-driven product's closed days as its forecast reads them: weekdays it never sells on
 * (0 Sunday … 6 Saturday), and whether the public holidays of the setting's country apply (not
 * when the product sold on a past holiday, nor with the setting 'none').
 */
export const ClosedDays = z.object({
  closedWeekdays: z.array(z.number().int().min(0).max(6)),
  holidayCountry: HolidayCountry,
  holidaysApply: z.boolean(),
});
export type ClosedDays = z.infer<typeof ClosedDays>;
/** withOrder: the on-hand with the suggested order received (only when one is suggested). */
export const OnHandPoint = z.object({ day: z.number(), onHand: z.number(), withOrder: z.number().optional() });

/**
 * The exceptional days the forecast set aside, over all the history it reads (up to two years: more
 * than `history` holds). readFrom: its first day; older: the set-aside days before the first day of
 * `history` (never on the chart), oldest first. Null or absent when the forecast sets none aside.
 */
export const ExceptionalDays = z.object({
  readFrom: z.number(),
  older: z.array(HistoryPoint),
});
export type ExceptionalDays = z.infer<typeof ExceptionalDays>;

/**
 * The yearly events on moving dates the engine forecasts when a product's past years show them
 * (electron/core/modules/forecast/movingDates.ts MOVING_ANCHORS, in this order). A forecast holding
 * one carries params.movingEventDays (its horizon days raised) and params.movingEventAnchor (the
 * index in this list of the first such event).
 */
export const MOVING_EVENTS = ['easter', 'ascension', 'pentecost', 'mothersDay', 'motheringSunday', 'fathersDay', 'blackFriday'] as const;
export type MovingEvent = (typeof MOVING_EVENTS)[number];

/** The moving-date event a forecast's params hold, and how many of its days it raised; null when none. */
export function movingEventOf(params: Record<string, number>): { event: MovingEvent; days: number } | null {
  const days = params.movingEventDays;
  const event = MOVING_EVENTS[params.movingEventAnchor ?? -1];
  return event && typeof days === 'number' && days > 0 ? { event, days } : null;
}

export const ProductForecast = z.object({
  row: ForecastRow,
  leadTimeDays: z.number(),
  reviewDays: z.number(),
  /** The supplier's order days (0 Sunday … 6 Saturday) the review period comes from; empty or absent: none set (weekly). */
  orderDays: z.array(z.number().int().min(0).max(6)).optional(),
  serviceLevel: z.number(),
  moq: z.number(),
  packSize: z.number(),
  perUnit: z.number().nullable(),
  params: z.record(z.string(), z.number()),
  /** Daily demand (ms UTC start of day), most recent 365 days at most. */
  history: z.array(HistoryPoint),
  /** Daily forecast from tomorrow over the horizon. */
  forecast: z.array(ForecastPoint),
  /** P50 projection of on-hand including open purchase orders at their expected dates. */
  projection: z.array(OnHandPoint),
  /** Demand over lead time + review period: the distribution the reorder point comes from. */
  leadTimeDemand: z.object({ p10: z.number(), p50: z.number(), p90: z.number() }).nullable(),
  upToLevel: z.number().nullable(),
  /** Closed days (history-driven products with a forecast); absent or null otherwise. */
  closedDays: ClosedDays.nullable().optional(),
  /** The exceptional days of all the history the forecast reads (history-driven products whose forecast set some aside). */
  exceptionalDays: ExceptionalDays.nullable().optional(),
});
export type ProductForecast = z.infer<typeof ProductForecast>;

export const ReplenishmentLine = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  supplier: z.string(),
  quantity: z.number(),
  orderBy: z.number(),
  stockoutAt: z.number().nullable(),
  onHand: z.number(),
  onOrder: z.number(),
  reorderPoint: z.number(),
  unitCost: z.number(),
  status: ReorderStatus,
  /** Added: the day an order placed on `orderBy` arrives (orderBy + the product's lead time). */
  arrivesAt: z.number().optional(),
});
export type ReplenishmentLine = z.infer<typeof ReplenishmentLine>;

export const ForecastRunResult = z.object({
  jobId: z.string(),
  computed: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(z.object({ productId: z.string(), error: z.string() })),
  cancelled: z.boolean(),
  ms: z.number(),
});
export type ForecastRunResult = z.infer<typeof ForecastRunResult>;

/** Paper on one booth against its booked events (added by the core for the fleet/events screens). */
export const BoothPaperForecast = z.object({
  boothId: z.string(),
  name: z.string(),
  /** Sheets of media left on board (a strip booth cuts two prints from one sheet). */
  remainingPrints: z.number(),
  /** The booth's booked events in the window, in order, with the sheets each should use and the running total. */
  events: z.array(
    z.object({
      eventId: z.string(),
      clientName: z.string(),
      eventType: z.string().nullable(),
      startsAt: z.number(),
      expected: z.number(),
      cumulativeP50: z.number(),
      cumulativeP90: z.number(),
    }),
  ),
  /** Sheets the window's events should use. */
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  /** First event the paper on board may not last through (P90 of the running total above what is left): reload before it. */
  reloadBefore: z.object({ eventId: z.string(), startsAt: z.number() }).nullable(),
});
export type BoothPaperForecast = z.infer<typeof BoothPaperForecast>;
