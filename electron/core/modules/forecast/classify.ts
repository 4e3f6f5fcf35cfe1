import type { DemandClass } from './types.js';

/** Syntetos–Boylan cut-offs: ADI 1.32 and CV² 0.49. */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/**
 * ADI = periods per non-zero demand; CV² = squared coefficient of variation of the non-zero sizes.
 * A series without any demand is called intermittent (there is nothing smooth to extrapolate).
 */
export function classifyDemand(y: readonly number[]): { adi: number; cv2: number; kind: DemandClass } {
  // Plain loops over y (the same sums in the same order as a filter and two reduces, without the
  // array of sizes and the callbacks: this runs on every series of a catalog run).
  let count = 0;
  let sum = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (v > 0) {
      count++;
      sum += v;
    }
  }
  if (count === 0) return { adi: Infinity, cv2: 0, kind: 'intermittent' };
  const adi = y.length / count;
  const mean = sum / count;
  let squares = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (v > 0) squares += (v - mean) ** 2;
  }
  const variance = squares / count;
  const cv2 = variance / (mean * mean);
  const lumpyOrErratic = cv2 >= CV2_CUTOFF;
  const kind: DemandClass = adi < ADI_CUTOFF ? (lumpyOrErratic ? 'erratic' : 'smooth') : lumpyOrErratic ? 'lumpy' : 'intermittent';
  return { adi, cv2, kind };
}
