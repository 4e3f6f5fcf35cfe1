import type { Db } from '@core/db/connection.js';
import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import type { DemandDriver } from '@shared/model/forecast.js';
import { allDrivers } from '@core/db/repos/demandDrivers.js';
import { eventsFingerprint, ledgerLinesSince, ledgerWatermark } from '@core/db/repos/demandHistory.js';
import { databaseVersion, forecastFingerprints } from '@core/db/repos/forecasts.js';
import { readOrderDays } from '@core/db/repos/orderDays.js';
import { readSettings } from '@core/settings.js';
import { DEFAULT_REVIEW_DAYS, reviewDaysFor } from './replenishment.js';
import type { HolidayCountry } from './holidays.js';

/** Two years of daily history: enough for a yearly season to show, short enough to stay current. */
export const HISTORY_DAYS = 730;
/** Fewer days than this and a product has no forecast (status no_data). */
export const MIN_HISTORY_DAYS = 28;
/** Weekly season on daily data. */
export const DAILY_FREQUENCY = 7;
const MAX_HORIZON = 120;

/** Forecast far enough to cover lead time + review and a week to spare, at least four weeks (the dashboard looks 30 days out). */
export function horizonFor(leadTimeDays: number, reviewDays = DEFAULT_REVIEW_DAYS): number {
  return Math.min(MAX_HORIZON, Math.max(28, leadTimeDays + reviewDays + 7));
}

export interface PlannedProduct {
  productId: string;
  leadTimeDays: number;
  driver: DemandDriver;
  perUnit: number | null;
  horizon: number;
  /** What the forecast depends on besides the ledger: day, horizon, driver, calendar. */
  inputs: string;
  /** Stored with the forecast: the inputs and the ledger watermark the history was read at. */
  fingerprint: string;
}

export interface Plan {
  products: PlannedProduct[];
  /** Products whose stored forecast is missing or made from other inputs. */
  stale: PlannedProduct[];
}

const WATERMARK = /\|w(\d+)$/;

/** The holiday country a stored forecast was made with, read from its fingerprint (`v4|FR|…`); null for an older format. */
export function holidayCountryOf(fingerprint: string): HolidayCountry | null {
  const c = fingerprint.split('|')[1];
  return c === 'FR' || c === 'GB' || c === 'none' ? c : null;
}

/**
 * Decides what is due. A stored fingerprint is `inputs|w<ledger row>`: the inputs string holds the
 * day (the window slides daily), horizon, driver and for calendar drivers the events' state; the
 * watermark is the ledger's newest row when the history was read. The ledger is append-only, so
 * a history-driven product changed exactly when a line dated before today (a sale, or a stock
 * movement that tells an empty shelf from no demand) was written above its watermark — found by
 * reading only the rows written since, not the whole history.
 */
export function planForecasts(db: Db, today: number, holidayCountry = 'FR'): Plan {
  const drivers = allDrivers(db);
  const events = eventsFingerprint(db);
  const watermark = ledgerWatermark(db);
  const stored = forecastFingerprints(db);
  const orderDays = readOrderDays(db);
  const products = (
    db.prepare('SELECT id, lead_time_days, supplier FROM products WHERE active = 1 AND deleted_at IS NULL ORDER BY id').all() as Array<{
      id: string;
      lead_time_days: number;
      supplier: string;
    }>
  ).map((p): PlannedProduct => {
    const d = drivers.get(p.id) ?? { driver: 'history' as const, perUnit: null };
    // The horizon covers lead time + the supplier's review period (its order days), so the totals do too.
    const horizon = horizonFor(p.lead_time_days, reviewDaysFor(orderDays.get(p.supplier), today));
    const inputs = `v4|${holidayCountry}|${today}|h${horizon}|${d.driver}${d.driver === 'history' ? '' : `|${d.perUnit}|ev:${events}`}`;
    return {
      productId: p.id,
      leadTimeDays: p.lead_time_days,
      driver: d.driver,
      perUnit: d.perUnit,
      horizon,
      inputs,
      fingerprint: `${inputs}|w${watermark}`,
    };
  });
  let oldest = Infinity;
  const storedMarks = new Map<string, { inputs: string; mark: number }>();
  for (const [id, fp] of stored) {
    const m = WATERMARK.exec(fp);
    if (!m) continue;
    const mark = Number(m[1]);
    storedMarks.set(id, { inputs: fp.slice(0, m.index), mark });
    oldest = Math.min(oldest, mark);
  }
  const changed = Number.isFinite(oldest) ? ledgerLinesSince(db, oldest, today) : new Map<string, number>();
  const stale = products.filter((p) => {
    const s = storedMarks.get(p.productId);
    if (!s || s.inputs !== p.inputs) return true;
    return p.driver === 'history' && (changed.get(p.productId) ?? 0) > s.mark;
  });
  return { products, stale };
}

/** How many products an incremental run would recompute, cached until the database changes. */
const staleCache = perCore<{ key: string; value: number }>();

/** As carryAdviceCache (advice.ts): a write the plan does not read keeps the cached count. */
export function carryStaleCount(ctx: Pick<CoreContext, 'db'>, before: string, after: string): void {
  const hit = staleCache.peek(ctx);
  if (hit?.key.endsWith(`|${before}`)) staleCache.set(ctx, { key: hit.key.slice(0, -before.length) + after, value: hit.value });
}

export function staleCount(ctx: Pick<CoreContext, 'db' | 'deviceId'>, today: number): number {
  const country = readSettings(ctx).holidayCountry;
  const key = `${today}|${country}|${databaseVersion(ctx.db)}`;
  const hit = staleCache.peek(ctx);
  if (hit?.key === key) return hit.value;
  const value = planForecasts(ctx.db, today, country).stale.length;
  staleCache.set(ctx, { key, value });
  return value;
}
