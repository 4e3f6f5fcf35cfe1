/*
 * Core notes for the screens (no field renamed or removed):
 * - Days are UTC midnights of the device's calendar dates (shared/days.ts gridDay: a sale at 00:30
 *   local time is that date's): format them in UTC. History runs to yesterday; `ProductForecast.forecast[0]` is today.
 * - `suggestedQty` is set for order_now and order_soon: the quantity due on `orderBy`. An ok row may
 *   still carry an `orderBy` (later than the review period). `ReplenishmentLine.quantity` is the
 *   quantity due on its `orderBy`, whatever the status.
 * - `forecast.run` while a run is going → error `conflict` with details.jobId of the running job
 *   (its job.progress events keep coming); a jobId already used → `conflict`. A cancelled run
 *   ends with one job.progress carrying message 'cancelled' (done < total).
 * - `forecast.driver.set`: unknown product → `not_found`; archived product → `conflict`.
 * - `forecast.summary.toOrderCount` counts order_now + order_soon.
 * - Added: status `late_delivery` (ranked after order_now, before order_soon): the stock runs out
 *   (`stockoutAt`) before an open order arrives, and no order placed now could arrive before the
 *   stock-out either (a lead time after the supplier's first order day). Decided on rows that would
 *   otherwise read ok or overstock; `suggestedQty` is 0 (no order fixes it). Not in toOrderCount.
 * - Added: `forecast.orderDays.list` / `.set` — the weekdays each supplier takes orders (0 Sunday …
 *   6 Saturday); its products' review period becomes the gap between two order days (else 7 days).
 *   An empty list removes a supplier's days. `ProductForecast.reviewDays` reports the one used.
 * - Added: `forecast.product` takes an optional `horizonDays` (1–365) for the yearly view.
 * - Added: `ProductForecast.closedDays` (closed weekdays, holiday country, whether it applies) and
 *   `closed: true` on the forecast and history days the shop is closed (forecast 0 there);
 *   `stockout: true` on the history days the forecast read as censored (shelf empty at day's end).
 * - Added: `exceptional: 'high' | 'low'` on the history days the forecast set aside (outliers: a
 *   promotion or an event above its robust fit, an unexplained dip below it; never a stock-out day),
 *   only when the forecast shown was made with that treatment.
 * - Added: `forecast.orderDays.list { all: true }` lists every supplier of an active product (weekdays
 *   [] when none are set); `ProductForecast.orderDays` is the product's supplier's; the order-by day
 *   of a supplier with order days is one of them.
 * - Added: `ReplenishmentLine.arrivesAt` — when an order placed on its orderBy day arrives (orderBy +
 *   the product's lead time), so the list can say a delivery comes after the stock-out.
 * - Added: `ForecastRow.accuracyGap` — why `mase` is null: 'short_history' (too little history to
 *   forecast or check), 'no_sales' (no sale in the history read: forecast 0, nothing to compare),
 *   'constant' (the same count every open day: the naive forecast is exact, MASE has no scale),
 *   'not_backtested' (a count of upcoming events); null when measured or never computed.
 * - Added: `forecast.booths` — paper per booth against its booked events (sheets each event should
 *   use, running P50/P90, the event to reload before). Not needed by the forecast screens.
 */
import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, STAFF_READ } from '../model/roles.js';
import {
  BoothPaperForecast,
  DemandDriver,
  ForecastRow,
  ForecastRunResult,
  ProductForecast,
  ReorderStatus,
  ReplenishmentLine,
} from '../model/forecast.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);

/** A supplier's order days: weekdays 0 (Sunday) … 6 (Saturday), each at most once. */
export const SupplierOrderDays = z.strictObject({
  supplier: z.string().trim().min(1, 'Supplier is required').max(200),
  weekdays: z
    .array(z.number().int().min(0).max(6))
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'Each weekday at most once'),
});

export const FORECAST_SORT_FIELDS = ['urgency', 'name', 'sku', 'nextP50', 'mase', 'suggestedQty'] as const;

export const forecastChannels = defineChannels({
  /** Every active product with its latest forecast; `urgency` sorts order_now first, then by orderBy. */
  'forecast.list': {
    kind: 'query',
    input: z.strictObject({
      q: z.string().max(200).default(''),
      status: ReorderStatus.optional(),
      sort: z.enum(FORECAST_SORT_FIELDS).default('urgency'),
      dir: z.enum(['asc', 'desc']).default('asc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(20000).default(500),
    }),
    output: z.object({
      items: z.array(ForecastRow),
      total: z.number().int(),
      /** When the last whole-catalog run finished (null: never run). */
      computedAt: z.number().nullable(),
      /** Products whose history changed since their forecast (an incremental run recomputes them). */
      stale: z.number().int(),
    }),
    roles: ANY_ROLE,
  },
  /**
   * One product. `horizonDays` (the yearly view, up to 365): the forecast covers that many days —
   * beyond the stored lead-time horizon it is computed on demand for this product (history-driven
   * products; calendar-driven ones keep their stored horizon), shorter it is cut.
   */
  'forecast.product': {
    kind: 'query',
    input: z.strictObject({ productId: Id, horizonDays: z.number().int().min(1).max(365).optional() }),
    output: ProductForecast,
    roles: ANY_ROLE,
  },
  /** "To order this week": lines whose orderBy falls within `withinDays` from today, most urgent first. */
  'forecast.replenishment': {
    kind: 'query',
    input: z.strictObject({ withinDays: z.number().int().min(0).max(365).default(7) }),
    output: z.array(ReplenishmentLine),
    roles: ANY_ROLE,
  },
  /** The same lines as a CSV file (`;` separator, decimal comma, UTF-8 with BOM: opens in French Excel). */
  'forecast.replenishment.export': {
    kind: 'query',
    input: z.strictObject({ withinDays: z.number().int().min(0).max(365).default(7) }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    roles: ANY_ROLE,
  },
  /** Dashboard tile: products whose projected stock-out falls within the next 30 days. */
  'forecast.summary': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.object({
      computedAt: z.number().nullable(),
      toOrderCount: z.number().int(),
      stockoutRisks: z.array(
        z.object({
          productId: z.string(),
          sku: z.string(),
          name: z.string(),
          stockoutAt: z.number(),
          onHand: z.number(),
          unit: z.string(),
        }),
      ),
    }),
    roles: ANY_ROLE,
  },
  /** Paper per booth over the next `days`: what its booked events should print against what is on board. */
  'forecast.booths': {
    kind: 'query',
    input: z.strictObject({ days: z.number().int().min(1).max(120).default(30) }),
    output: z.array(BoothPaperForecast),
    roles: ANY_ROLE,
  },
  /**
   * Runs the whole-catalog forecast on worker threads. Incremental recomputes only products whose
   * history (or driver, or upcoming events) changed; full recomputes everything. Progress goes out
   * as `job.progress` with this jobId (kind 'forecast'); the call answers when the run ends.
   */
  'forecast.run': {
    kind: 'mutation',
    input: z.strictObject({ mode: z.enum(['incremental', 'full']).default('incremental'), jobId: z.string().min(1).max(64).optional() }),
    output: ForecastRunResult,
    roles: STAFF_READ,
  },
  /** Stops a running forecast job; results already stored stay. */
  'forecast.cancel': {
    kind: 'mutation',
    input: z.strictObject({ jobId: z.string().min(1).max(64) }),
    output: z.object({ cancelled: z.boolean() }),
    roles: STAFF_READ,
  },
  /** Links a product to a demand driver (perUnit: units of the product used per print / per event). */
  /** Suppliers with order days set; with `all`, every supplier of an active product too (weekdays [] when none is set). */
  'forecast.orderDays.list': {
    kind: 'query',
    input: z.strictObject({ all: z.boolean().optional() }),
    output: z.array(SupplierOrderDays),
    roles: ANY_ROLE,
  },
  'forecast.orderDays.set': {
    kind: 'mutation',
    input: SupplierOrderDays,
    output: SupplierOrderDays,
    roles: ADMIN_ONLY,
  },
  'forecast.driver.set': {
    kind: 'mutation',
    input: z
      .strictObject({
        productId: Id,
        driver: DemandDriver,
        perUnit: z.number().finite().positive('Units per print / event must be more than 0').max(1e6).optional(),
      })
      .refine((v) => v.driver === 'history' || v.perUnit !== undefined, {
        message: 'Units per print / event are required for an event driver',
        path: ['perUnit'],
      }),
    output: z.object({ productId: z.string(), driver: DemandDriver, perUnit: z.number().nullable() }),
    roles: ADMIN_ONLY,
  },
});

export const forecastEvents = {
  /** A run stored new results: screens reload. */
  'forecast.updated': z.object({ computedAt: z.number(), computed: z.number().int() }),
} as const;
