import { normalQuantile } from './normal.js';

/**
 * Count-shaped quantiles. Daily sales of one product are small non-negative integers; a Gaussian
 * band clipped at zero puts P10 below zero (clipped to 0 for every slow mover) and P90 too close
 * to the mean. A negative binomial with the forecast as mean and a variance read from the model's
 * own out-of-sample errors has the right shape: mass at 0, a right tail that grows with the mean.
 */

/** Smallest integer x with P(X ≤ x) ≥ q for X ~ NB(mean μ, size k) (k = Infinity: Poisson). */
export function nbQuantile(mean: number, size: number, q: number): number {
  if (!(mean > 0)) return 0;
  if (!(q > 0 && q < 1)) throw new Error(`probability must be strictly between 0 and 1 (got ${q})`);
  const variance = mean + (Number.isFinite(size) ? (mean * mean) / size : 0);
  // Past ~60 expected units the pmf walk gets long and the shape is close to a gamma: use it.
  if (mean > 60) return Math.max(0, Math.round(gammaQuantile(mean, variance, q)));
  let p: number;
  let ratio: (x: number) => number;
  if (!Number.isFinite(size) || size > 1e8) {
    p = Math.exp(-mean);
    ratio = (x) => mean / (x + 1);
  } else {
    const pr = size / (size + mean);
    p = Math.exp(size * Math.log(pr));
    ratio = (x) => ((x + size) / (x + 1)) * (1 - pr);
  }
  let cdf = p;
  let x = 0;
  // The bound stops a pathological size from looping forever; the tail beyond it is negligible.
  const limit = Math.ceil(mean + 40 * Math.sqrt(variance) + 50);
  while (cdf < q - 1e-12 && x < limit) {
    p *= ratio(x);
    x++;
    cdf += p;
  }
  return x;
}

/** q-quantile of a gamma with this mean and variance (Wilson–Hilferty cube-root normal approximation). */
export function gammaQuantile(mean: number, variance: number, q: number): number {
  if (!(mean > 0)) return 0;
  if (!(variance > 0)) return mean;
  const shape = (mean * mean) / variance;
  const scale = variance / mean;
  const z = normalQuantile(q);
  const c = 1 / (9 * shape);
  const v = 1 - c + z * Math.sqrt(c);
  return Math.max(0, shape * scale * v * v * v);
}

/**
 * Quantile of a non-negative demand with this mean and variance: a negative binomial (or a Poisson
 * when the variance is not above the mean) for counts, a gamma for continuous quantities.
 */
export function demandQuantile(mean: number, variance: number, q: number, counts: boolean): number {
  if (!(mean > 0)) return 0;
  if (!counts) return gammaQuantile(mean, Math.max(variance, 1e-12), q);
  const excess = variance - mean;
  return nbQuantile(mean, excess > 1e-9 * mean * mean ? (mean * mean) / excess : Infinity, q);
}

/**
 * Over-dispersion 1/k of NB(μ, k) errors by the method of moments: E[(y − μ)²] = μ + μ²/k, pooled
 * over every (forecast, actual) pair, so a few zero-mean steps do not make it explode. 0 = Poisson.
 */
export function overdispersion(pairs: ReadonlyArray<{ mean: number; actual: number }>): number {
  let num = 0;
  let den = 0;
  for (const { mean, actual } of pairs) {
    const mu = Math.max(mean, 0);
    num += (actual - mu) ** 2 - mu;
    den += mu * mu;
  }
  return den > 0 ? Math.max(0, num / den) : 0;
}
