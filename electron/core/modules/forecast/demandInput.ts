import type { Db } from '@core/db/connection.js';
import { demandLedger } from '@core/db/repos/demandHistory.js';
import { unconstrainedDemand } from './stockouts.js';
import { holidayMask, type HolidayCountry } from './holidays.js';

/** What the engine forecasts a history-driven product from. */
export interface DemandInput {
  /** Day of y[0]. */
  from: number;
  /** Daily demand, stock-out days read as censored (stockouts.ts). */
  y: number[];
  /** Public holidays from `from` over y and the horizon; absent when the country is 'none'. Shared: read only. */
  closed?: readonly boolean[];
}

/**
 * Holiday masks by (first day, length, country): a catalog's products mostly share the same
 * window, and a mask costs a date computation per day (~0.2 ms for two years).
 */
const masks = new Map<string, readonly boolean[]>();
function maskFor(from: number, days: number, country: HolidayCountry): readonly boolean[] {
  const key = `${from}|${days}|${country}`;
  let m = masks.get(key);
  if (!m) {
    if (masks.size > 256) masks.clear();
    masks.set(key, (m = holidayMask(from, days, country)));
  }
  return m;
}

/**
 * One product's forecast input, read from the ledger: the last `historyDays` days before `today`
 * (from its first ledger line if later), censored on empty-shelf days, with the holiday calendar
 * over history and horizon. Null when the product has no ledger line yet. Catalog runs call it on
 * the worker threads (each with its own read connection) and in this thread for a single product.
 */
export function readDemand(
  db: Db,
  productId: string,
  o: { today: number; historyDays: number; horizon: number; country: HolidayCountry },
): DemandInput | null {
  const ledger = demandLedger(db, productId, o.today, o.historyDays);
  if (!ledger) return null;
  const { y } = unconstrainedDemand(ledger.sales, ledger.closing);
  return { from: ledger.from, y, closed: o.country === 'none' ? undefined : maskFor(ledger.from, y.length + o.horizon, o.country) };
}
