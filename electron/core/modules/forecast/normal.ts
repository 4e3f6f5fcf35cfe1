import { AppError } from '@shared/errors.js';
/**
 * Acklam's coefficients, built once: as array literals inside normalQuantile they were four new
 * arrays (21 doubles) a call, and the daily bands call it ~110 times a series (gammaQuantile).
 */
const ACKLAM_A = Float64Array.of(
  -3.969683028665376e1,
  2.209460984245205e2,
  -2.759285104469687e2,
  1.38357751867269e2,
  -3.066479806614716e1,
  2.506628277459239,
);
const ACKLAM_B = Float64Array.of(
  -5.447609879822406e1,
  1.615858368580409e2,
  -1.556989798598866e2,
  6.680131188771972e1,
  -1.328068155288572e1,
);
const ACKLAM_C = Float64Array.of(
  -7.784894002430293e-3,
  -3.223964580411365e-1,
  -2.400758277161838,
  -2.549732539343734,
  4.374664141464968,
  2.938163982698783,
);
const ACKLAM_D = Float64Array.of(7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416);

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9):
 * the safety factor z for a service level, e.g. 0.95 → 1.6449.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new AppError('invalid_input', `probability must be strictly between 0 and 1 (got ${p})`);
  const a = ACKLAM_A;
  const b = ACKLAM_B;
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** z of the 90 % quantile: P10–P90 spans ±Z90 standard deviations of a normal. */
export const Z90 = 1.2815515655446004;
