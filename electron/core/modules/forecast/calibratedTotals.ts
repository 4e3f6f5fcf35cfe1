import { applyCalibration, type LeadTimeCalibration } from './leadTimeCalibration.js';
import type { TotalBands } from './daily.js';

/**
 * A stored forecast's totals with the catalog's factors (unchanged without them). Whole units stay whole units.
 * On its own (pure maths, no database) so the forecast workers apply it to the forecasts they encode
 * without bundling the catalog calibration's run (catalogCalibration.ts re-exports it).
 */
export function calibratedTotals(total: TotalBands, cal: LeadTimeCalibration | null): TotalBands {
  if (!cal) return total;
  const whole = total.p10.every(Number.isInteger) && total.p90.every(Number.isInteger);
  return applyCalibration(total, cal, whole);
}
