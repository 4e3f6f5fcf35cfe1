import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import type { ForecastJob } from '@core/workers/forecastPool.js';
import { DAILY_FREQUENCY, HISTORY_DAYS, type PlannedProduct } from './inputs.js';
import { readDemand } from './demandInput.js';
import { calibrationFor, DEFAULT_PLAN, MAX_VALIDATION_DAYS } from './calibratedRun.js';
import type { LeadTimeCalibration } from './leadTimeCalibration.js';
import type { HolidayCountry } from './holidays.js';

/**
 * The catalog's lead-time calibration for a day (leadTimeCalibration.ts), computed once per core
 * and day: it is the catalog's, not the products' a run recomputes, so an incremental run of three
 * products reuses the morning's factors instead of refusing for want of products (or paying for the
 * validation forecasts again). A new day is a new validation window; a catalog that gained or lost
 * history-driven products (an import) is validated again.
 */
const cache = perCore<{ key: string; value: LeadTimeCalibration | null }>();

/**
 * Factors from a sample of the catalog's history-driven products: each read once up to today, then
 * forecast from DEFAULT_PLAN.windows earlier origins on the worker pool (windows × sample fits, a
 * fixed cost whatever the catalog's size). Null when too few products validate.
 */
export async function catalogCalibration(
  ctx: CoreContext,
  products: readonly PlannedProduct[],
  o: { today: number; country: HolidayCountry; threads?: number; signal?: AbortSignal },
): Promise<LeadTimeCalibration | null> {
  const history = products.filter((p) => p.driver === 'history');
  const key = `${o.today}|${history.length}`;
  const hit = cache.peek(ctx);
  if (hit?.key === key) return hit.value;
  const horizon = history.reduce((m, p) => Math.max(m, p.horizon), 0);
  const plan = { ...DEFAULT_PLAN, days: Math.min(horizon, MAX_VALIDATION_DAYS) };
  const jobs: ForecastJob[] = [];
  const step = Math.max(1, Math.ceil(history.length / plan.sample));
  for (let i = 0; i < history.length; i += step) {
    const input = readDemand(ctx.db, history[i]!.productId, { today: o.today, historyDays: HISTORY_DAYS, horizon: 0, country: o.country });
    if (input) jobs.push({ id: history[i]!.productId, y: input.y, frequency: DAILY_FREQUENCY, horizon, closed: input.closed });
  }
  // The jobs are the sample already: every one of them is validated.
  const value = await calibrationFor(jobs, { ...plan, sample: jobs.length }, o.threads, o.signal);
  cache.set(ctx, { key, value });
  return value;
}

/** A stored forecast's totals with the catalog's factors (calibratedTotals.ts: the workers apply it too). */
export { calibratedTotals } from './calibratedTotals.js';
