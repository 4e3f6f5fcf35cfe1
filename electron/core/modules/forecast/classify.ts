import type { DemandClass } from './types.js';

/** Syntetos–Boylan cut-offs: ADI 1.32 and CV² 0.49. */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/**
 * ADI = periods per non-zero demand; CV² = squared coefficient of variation of the non-zero sizes.
 * A series without any demand is called intermittent (there is nothing smooth to extrapolate).
 */
export function classifyDemand(y: readonly number[]): { adi: number; cv2: number; kind: DemandClass } {
  const sizes = y.filter((v) => v > 0);
  if (sizes.length === 0) return { adi: Infinity, cv2: 0, kind: 'intermittent' };
  const adi = y.length / sizes.length;
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / (mean * mean);
  const lumpyOrErratic = cv2 >= CV2_CUTOFF;
  const kind: DemandClass = adi < ADI_CUTOFF ? (lumpyOrErratic ? 'erratic' : 'smooth') : lumpyOrErratic ? 'lumpy' : 'intermittent';
  return { adi, cv2, kind };
}
