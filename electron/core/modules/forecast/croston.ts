import { fitted, type Fitted } from './types.js';

/**
 * Croston's method: exponential smoothing (same α) of non-zero demand sizes z and of the
 * intervals p between them, updated only in periods with demand; forecast z / p.
 * SBA multiplies by (1 − α/2) to remove Croston's positive bias (Syntetos & Boylan 2005).
 * State before the first demand: z = first non-zero size, p = its position + 1.
 */
export function crostonStates(y: readonly number[], alpha: number): { z: Float64Array; p: Float64Array } {
  const n = y.length;
  const z = new Float64Array(n + 1);
  const p = new Float64Array(n + 1);
  const first = y.findIndex((v) => v > 0);
  let zs = first >= 0 ? y[first]! : 0;
  let ps = first >= 0 ? first + 1 : n + 1;
  let q = 1; // periods since the last demand, including the current one
  let seen = false;
  for (let t = 0; t < n; t++) {
    z[t] = zs;
    p[t] = ps;
    if (y[t]! > 0) {
      if (seen) {
        zs += alpha * (y[t]! - zs);
        ps += alpha * (q - ps);
      }
      seen = true;
      q = 1;
    } else q++;
  }
  z[n] = zs;
  p[n] = ps;
  return { z, p };
}

export function fitCroston(y: readonly number[], variant: 'croston' | 'sba', alpha = 0.1): Fitted {
  const { z, p } = crostonStates(y, alpha);
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  return fitted(variant, { alpha }, 1, (t, h, out, off) => {
    out.fill(p[t]! > 0 ? (factor * z[t]!) / p[t]! : 0, off, off + h);
  });
}
