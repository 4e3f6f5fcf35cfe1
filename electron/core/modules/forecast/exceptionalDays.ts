import { DEFAULT_OUTLIERS, openDays } from './daily.js';
import { takesCalendarPath } from './engine.js';
import { DAILY_FREQUENCY } from './inputs.js';
import { findOutliers } from './outliers.js';
import { doubleArray } from './types.js';
import type { DemandInput } from './demandInput.js';

/** A day the forecast set aside: far above the robust fit (a promotion or an event?) or far below it. */
export type ExceptionalDay = 'high' | 'low';

/**
 * The history days a daily forecast of `input` sets aside as exceptional (outliers.ts), by index
 * into input.y, found by the engine's own steps: forecastSeries' gate to the calendar path
 * (takesCalendarPath), then its open days and whether it sets them aside (daily.ts openDays, the
 * function forecastCalendarDoubles starts with), then findOutliers on those days, which replaces
 * each flagged day by the robust fit's value. A flagged day is one whose value changed: above the
 * fit it is 'high', below it 'low'. Null when the engine would not look (the product page shows
 * nothing then); a map of the flagged days otherwise (empty when none).
 */
export function exceptionalDays(input: DemandInput): Map<number, ExceptionalDay> | null {
  const y = doubleArray(input.y);
  if (!takesCalendarPath(y, DAILY_FREQUENCY)) return null;
  const daily = DAILY_FREQUENCY === 7;
  const { x, ts, setsAside } = openDays(y, input.closed, daily, 0, undefined, DEFAULT_OUTLIERS);
  if (!setsAside) return null;
  const found = findOutliers(x, ts, daily);
  const days = new Map<number, ExceptionalDay>();
  if (found.high + found.low === 0) return days;
  for (let i = 0; i < x.length; i++) if (found.x[i] !== x[i]) days.set(ts[i]!, x[i]! > found.x[i]! ? 'high' : 'low');
  return days;
}
