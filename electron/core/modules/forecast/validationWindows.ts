import type { ForecastJob } from './types.js';

/**
 * How a run validates its lead-time bands on its own past (leadTimeCalibration.ts): `windows`
 * consecutive validation origins, `days` apart (each forecast `days` ahead and compared with what
 * sold in the next `days`), on at most `sample` products. Several windows, because one window's
 * scores share that window's catalog-wide surprise (a good month for the whole shop): on
 * online_retail_daily's earlier origins one window gave upper factors from 1.5 to 2.6, three
 * windows 1.8 to 2.0. The sample bounds the cost on a large catalog: windows × sample extra fits.
 */
export interface CalibrationPlan {
  windows: number;
  days: number;
  sample: number;
  /** A validation forecast needs at least this much history before its origin. */
  minHistory: number;
  /** Whether the catalog-wide shift is estimated (leadTimeCalibration.ts catalogShift; default yes). */
  shift?: boolean;
}
export const DEFAULT_PLAN: Omit<CalibrationPlan, 'days'> = { windows: 3, sample: 200, minHistory: 60 };

/** Validation protection intervals are at most this long: a yearly view's horizon would cut a year of history away. */
export const MAX_VALIDATION_DAYS = 56;

/** The validation forecasts of a run: every k-th job (k spreading `sample` over the list), cut w·days back. */
export function validationJobs(
  jobs: readonly ForecastJob[],
  plan: CalibrationPlan,
): Array<{ product: string; window: number; job: ForecastJob; actual: number[] }> {
  const out: Array<{ product: string; window: number; job: ForecastJob; actual: number[] }> = [];
  const step = Math.max(1, Math.ceil(jobs.length / Math.max(1, plan.sample)));
  for (let i = 0; i < jobs.length; i += step) {
    const j = jobs[i]!;
    for (let w = 1; w <= plan.windows; w++) {
      const cut = j.y.length - w * plan.days;
      if (cut < plan.minHistory) break;
      out.push({
        product: j.id,
        window: w,
        job: {
          id: `${j.id}\u0000v${w}`,
          y: j.y.slice(0, cut),
          frequency: j.frequency,
          horizon: plan.days,
          kind: j.kind,
          closed: j.closed?.slice(0, cut + plan.days),
          startDay: j.startDay,
        },
        actual: j.y.slice(cut, cut + plan.days),
      });
    }
  }
  return out;
}
