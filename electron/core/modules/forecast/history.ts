import { gridDayStart } from '@shared/days.js';
import type { Db } from '@core/db/connection.js';
import type { AdviceProductRow } from '@core/db/repos/forecasts.js';
import { dailyOutSeries, firstMovementDay, pastEvents } from '@core/db/repos/demandHistory.js';
import { DAY } from './replenishment.js';

const CHART_DAYS = 365;

/**
 * The demand the chart shows behind the forecast, in the product's unit, one point per day up to
 * yesterday: `out` lines for history-driven products, past events' prints (or count) × perUnit for
 * calendar-driven ones — the same quantity the forecast predicts.
 */
export function demandHistory(db: Db, p: AdviceProductRow, today: number): Array<{ day: number; quantity: number }> {
  const from = today - CHART_DAYS * DAY;
  if (p.driver === 'history') {
    const start = Math.max(from, firstMovementDay(db, p.id) ?? today);
    return dailyOutSeries(db, p.id, start, today).map((quantity, i) => ({ day: start + i * DAY, quantity }));
  }
  const y = new Array<number>(CHART_DAYS).fill(0);
  for (const e of pastEvents(db, gridDayStart(today), gridDayStart(from))) {
    const i = Math.round((e.day - from) / DAY);
    if (i >= 0 && i < CHART_DAYS) y[i]! += (p.driver === 'event_prints' ? e.prints : 1) * (p.perUnit ?? 1);
  }
  return y.map((quantity, i) => ({ day: from + i * DAY, quantity: Math.round(quantity * 1e6) / 1e6 }));
}
