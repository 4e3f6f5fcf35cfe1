import { forecastMany, type ForecastJob } from '@core/workers/forecastPool.js';
import { calibrateLeadTime, type LeadTimeCalibration, type ValidationPair } from './leadTimeCalibration.js';
import { validationJobs, type CalibrationPlan } from './validationWindows.js';

/**
 * The validation windows (validationWindows.ts: pure, so the forecast workers cut them too when a
 * first-ever run validates in its own pool) and their forecasts on a pool of their own.
 */
export { DEFAULT_PLAN, MAX_VALIDATION_DAYS, validationJobs, type CalibrationPlan } from './validationWindows.js';

/** The factors from the validation forecasts of these jobs (null: too few products). */
export async function calibrationFor(
  jobs: readonly ForecastJob[],
  plan: CalibrationPlan,
  threads?: number,
  signal?: AbortSignal,
): Promise<LeadTimeCalibration | null> {
  if (plan.days < 1) return null;
  const val = validationJobs(jobs, plan);
  const actual = new Map(val.map((v) => [v.job.id, v]));
  const pairs: ValidationPair[] = [];
  for (const r of await forecastMany(
    val.map((v) => v.job),
    { threads, signal },
  ))
    if (r.ok && r.result.total) {
      const v = actual.get(r.id)!;
      pairs.push({ product: v.product, window: v.window, total: r.result.total, actual: v.actual });
    }
  return calibrateLeadTime(pairs, plan.days, { shift: plan.shift });
}
