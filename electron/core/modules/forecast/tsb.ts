import { fitted, type Fitted } from './types.js';

/**
 * TSB (Teunter, Syntetos & Babai 2011): the demand probability π is updated every period
 * (π ← π + β(1[y>0] − π)), the size z only when demand occurs (z ← z + α(y − z)); forecast π·z.
 * Unlike Croston it decays towards zero when demand stops, which suits obsolescent spare parts.
 */
export function tsbStates(y: readonly number[], alpha: number, beta: number): { z: Float64Array; pi: Float64Array } {
  const n = y.length;
  const z = new Float64Array(n + 1);
  const pi = new Float64Array(n + 1);
  const nonZero = y.filter((v) => v > 0);
  let zs = nonZero.length ? nonZero[0]! : 0;
  let ps = n ? nonZero.length / n : 0;
  for (let t = 0; t < n; t++) {
    z[t] = zs;
    pi[t] = ps;
    const d = y[t]! > 0 ? 1 : 0;
    ps += beta * (d - ps);
    if (d) zs += alpha * (y[t]! - zs);
  }
  z[n] = zs;
  pi[n] = ps;
  return { z, pi };
}

/** Picks (α, β) on a small grid by in-sample one-step MSE — a grid is enough for two bounded smoothers. */
export function fitTsb(y: readonly number[]): Fitted {
  const grid = [0.05, 0.1, 0.2, 0.3];
  let best = { alpha: 0.1, beta: 0.1, mse: Infinity };
  for (const alpha of grid) {
    for (const beta of grid) {
      const { z, pi } = tsbStates(y, alpha, beta);
      let s = 0;
      for (let t = 0; t < y.length; t++) s += (y[t]! - z[t]! * pi[t]!) ** 2;
      if (s < best.mse) best = { alpha, beta, mse: s };
    }
  }
  const { z, pi } = tsbStates(y, best.alpha, best.beta);
  return fitted('tsb', { alpha: best.alpha, beta: best.beta }, 1, (t, h, out, off) => {
    out.fill(z[t]! * pi[t]!, off, off + h);
  });
}
