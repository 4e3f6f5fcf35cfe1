import { classifyDemand } from './classify.js';
import { DEFAULT_OUTLIERS, detectClosedWeekdays } from './daily.js';
import { DAILY_FREQUENCY } from './inputs.js';
import { findOutliers } from './outliers.js';
import { doubleArray } from './types.js';
import type { DemandInput } from './demandInput.js';

/** A day the forecast set aside: far above the robust fit (a promotion or an event?) or far below it. */
export type ExceptionalDay = 'high' | 'low';

/**
 * The history days a daily forecast of `input` sets aside as exceptional (outliers.ts), by index
 * into input.y, read by the same steps as the engine: forecastSeries sends a daily series of at
 * least 14 non-negative days to forecastCalendarDoubles, which drops the closed days (holidays
 * only when the product never sold on one, weekdays by detectClosedWeekdays), classifies the open
 * days, and — when DEFAULT_OUTLIERS and the demand is not intermittent or lumpy — replaces the days
 * findOutliers flags by the robust fit's value. A flagged day is one whose value changed: above
 * the fit it is 'high', below it 'low'. Null when the engine would not look (the product page
 * shows nothing then); a map of the flagged days otherwise (empty when none).
 */
export function exceptionalDays(input: DemandInput): Map<number, ExceptionalDay> | null {
  const y = doubleArray(input.y);
  if (!DEFAULT_OUTLIERS || y.length < 14 || !y.every((v) => v >= 0)) return null;
  const holidays = input.closed && !y.some((v, t) => input.closed![t] && v > 0) ? input.closed : undefined;
  const shut = new Set(detectClosedWeekdays(y, holidays));
  const ts: number[] = [];
  const x: number[] = [];
  for (let t = 0; t < y.length; t++)
    if (!(holidays?.[t] ?? false) && !shut.has(t % DAILY_FREQUENCY)) {
      ts.push(t);
      x.push(y[t]!);
    }
  const kind = classifyDemand(x).kind;
  if (kind === 'intermittent' || kind === 'lumpy') return null;
  const found = findOutliers(x, ts, true);
  const days = new Map<number, ExceptionalDay>();
  if (found.high + found.low === 0) return days;
  for (let i = 0; i < x.length; i++) if (found.x[i] !== x[i]) days.set(ts[i]!, x[i]! > found.x[i]! ? 'high' : 'low');
  return days;
}
