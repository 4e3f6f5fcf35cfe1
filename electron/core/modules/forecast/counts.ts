import { normalQuantile } from './normal.js';

/**
 * Count-shaped quantiles. Daily sales of one product are small non-negative integers; a Gaussian
 * band clipped at zero puts P10 below zero (clipped to 0 for every slow mover) and P90 too close
 * to the mean. A negative binomial with the forecast as mean and a variance read from the model's
 * own out-of-sample errors has the right shape: mass at 0, a right tail that grows with the mean.
 */

/**
 * q-quantile of X ~ NB(mean μ, size k) (k = Infinity: Poisson), with each integer's mass spread
 * evenly over (x − 1, x] (the mid-distribution of a count): the result is x − 1 + (q − F(x − 1)) / p(x)
 * for the x where F crosses q, and 0 inside the mass at zero. Integer quantiles of a count cover
 * far more than their level (P(X ≤ q90) is often 0.95 on slow movers); the spread ones cover q on
 * average and cost almost nothing in pinball loss, which is linear between integers.
 */
export function nbQuantile(mean: number, size: number, q: number): number {
  if (!(q > 0 && q < 1)) throw new Error(`probability must be strictly between 0 and 1 (got ${q})`);
  nbQuantilePair(mean, size, q, q, scratch);
  return scratch[1]!;
}
const scratch = new Float64Array(2);

/**
 * nbQuantile at two levels qLo ≤ qHi in one walk of the pmf (the daily bands need P10 and P90 of
 * every day): out[0] = the qLo-quantile, out[1] = the qHi-quantile. `integer`: the count's own
 * quantiles instead of the mid-distribution's — the smallest whole k with F(k) ≥ q — so that
 * P(X > P90) ≤ 10 % and P(X < P10) < 10 % exactly under the model (see countQuantilePair).
 */
export function nbQuantilePair(mean: number, size: number, qLo: number, qHi: number, out: Float64Array, integer = false): void {
  out[0] = 0;
  out[1] = 0;
  if (!(mean > 0)) return;
  const variance = mean + (Number.isFinite(size) ? (mean * mean) / size : 0);
  // Past ~60 expected units the pmf walk gets long and the shape is close to a gamma: use it
  // (F(k) ≈ G(k + ½), the continuity correction, so the whole quantile is ⌈G⁻¹(q) − ½⌉).
  if (mean > 60) {
    const lo = gammaQuantile(mean, variance, qLo);
    const hi = gammaQuantile(mean, variance, qHi);
    out[0] = Math.max(0, integer ? Math.ceil(lo - 0.5) : Math.round(lo));
    out[1] = Math.max(0, integer ? Math.ceil(hi - 0.5) : Math.round(hi));
    return;
  }
  const poisson = !Number.isFinite(size) || size > 1e8;
  const pr = poisson ? 0 : size / (size + mean);
  let p = poisson ? Math.exp(-mean) : Math.exp(size * Math.log(pr));
  let cdf = p;
  let x = 0;
  if (cdf >= qHi) return;
  let loDone = cdf >= qLo;
  // The bound stops a pathological size from looping forever; the tail beyond it is negligible.
  const limit = Math.ceil(mean + 40 * Math.sqrt(variance) + 50);
  while (x < limit) {
    p *= poisson ? mean / (x + 1) : ((x + size) / (x + 1)) * (1 - pr);
    x++;
    if (!loDone && cdf + p >= qLo) {
      out[0] = p > 0 && !integer ? x - 1 + (qLo - cdf) / p : x;
      loDone = true;
    }
    if (cdf + p >= qHi) {
      out[1] = p > 0 && !integer ? x - 1 + (qHi - cdf) / p : x;
      return;
    }
    cdf += p;
  }
  if (!loDone) out[0] = x;
  out[1] = x;
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
 * Quantile of a non-negative demand with this mean and variance: a negative binomial for counts
 * at least as variable as a Poisson, a gamma for continuous quantities and under-dispersed counts.
 */
export function demandQuantile(mean: number, variance: number, q: number, counts: boolean): number {
  if (!(mean > 0)) return 0;
  // Under-dispersed counts (a regular customer's standing order) are narrower than a Poisson.
  if (!counts || variance < mean) return gammaQuantile(mean, Math.max(variance, 0), q);
  const excess = variance - mean;
  return nbQuantile(mean, excess > 1e-9 * mean * mean ? (mean * mean) / excess : Infinity, q);
}

/** demandQuantile at two levels qLo ≤ qHi (one pmf walk for counts): out[0], out[1]. */
export function demandQuantilePair(mean: number, variance: number, qLo: number, qHi: number, counts: boolean, out: Float64Array): void {
  if (!(mean > 0)) {
    out[0] = 0;
    out[1] = 0;
  } else if (!counts || variance < mean) {
    out[0] = gammaQuantile(mean, Math.max(variance, 0), qLo);
    out[1] = gammaQuantile(mean, Math.max(variance, 0), qHi);
  } else {
    const excess = variance - mean;
    nbQuantilePair(mean, excess > 1e-9 * mean * mean ? (mean * mean) / excess : Infinity, qLo, qHi, out);
  }
}

/**
 * Quantiles of a count total (the demand over a lead time) as whole units: the q-quantile of an
 * integer-valued X is the smallest integer k with F(k) ≥ q, from the same law as demandQuantilePair
 * (negative binomial with this mean and variance; under-dispersed counts a gamma read with the
 * continuity correction F(k) ≈ G(k + ½)). The mid-distribution's fractional P90 of a small total
 * (2.4 between F(2) = 0.85 and F(3) = 0.95) is exceeded whenever the total reaches 3: 15 % of the
 * time, not 10 %, even when the law is exactly right — stock is held in whole units, and the P90
 * that covers 90 % is 3. Non-count quantities keep the continuous quantiles.
 */
export function countQuantilePair(mean: number, variance: number, qLo: number, qHi: number, counts: boolean, out: Float64Array): void {
  if (!counts || !(mean > 0)) {
    demandQuantilePair(mean, variance, qLo, qHi, counts, out);
  } else if (variance < mean) {
    out[0] = Math.max(0, Math.ceil(gammaQuantile(mean, Math.max(variance, 0), qLo) - 0.5));
    out[1] = Math.max(0, Math.ceil(gammaQuantile(mean, Math.max(variance, 0), qHi) - 0.5));
  } else {
    const excess = variance - mean;
    nbQuantilePair(mean, excess > 1e-9 * mean * mean ? (mean * mean) / excess : Infinity, qLo, qHi, out, true);
  }
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

/**
 * An intermittent day: no order with probability 1 − π, else one order whose size follows the
 * item's past order sizes (times a seasonal factor). Quantiles interpolate the CDF linearly
 * between the distinct sizes (the mid-distribution, as for counts above).
 */
export class OrderSizes {
  readonly values: Float64Array;
  readonly cdf: Float64Array;
  readonly mean: number;
  readonly meanSquare: number;
  constructor(sizes: readonly number[]) {
    const sorted = Float64Array.from(sizes.length ? sizes : [1]).sort();
    const values: number[] = [];
    const cdf: number[] = [];
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < sorted.length; i++) {
      const v = sorted[i]!;
      s1 += v;
      s2 += v * v;
      if (i + 1 < sorted.length && sorted[i + 1] === v) continue;
      values.push(v);
      cdf.push((i + 1) / sorted.length);
    }
    this.values = Float64Array.from(values);
    this.cdf = Float64Array.from(cdf);
    this.mean = s1 / sorted.length;
    this.meanSquare = s2 / sorted.length;
  }

  /** Size quantile r ∈ [0, 1] of the piecewise-linear CDF through (0, 0) and (v_j, G(v_j)). */
  quantile(r: number): number {
    const { values, cdf } = this;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    const x0 = lo ? values[lo - 1]! : 0;
    const c0 = lo ? cdf[lo - 1]! : 0;
    const dc = cdf[lo]! - c0;
    return dc > 0 ? x0 + ((r - c0) / dc) * (values[lo]! - x0) : values[lo]!;
  }

  /** The piecewise-linear size CDF at s (the one quantile() inverts). */
  cdfAt(s: number): number {
    const { values, cdf } = this;
    if (!(s > 0)) return 0;
    let j = 0;
    while (j < values.length && values[j]! < s) j++;
    if (j >= values.length) return 1;
    const x0 = j ? values[j - 1]! : 0;
    const c0 = j ? cdf[j - 1]! : 0;
    const dx = values[j]! - x0;
    return dx > 0 ? c0 + ((s - x0) / dx) * (cdf[j]! - c0) : cdf[j]!;
  }

  /** q-quantile of a day with mean μ whose sizes are scaled by k; null when μ needs more than one order a day. */
  dayQuantile(mu: number, k: number, q: number): number | null {
    if (!(mu > 0)) return 0;
    const pi = mu / (this.mean * k);
    if (pi > 1) return null;
    if (q <= 1 - pi) return 0;
    return k * this.quantile((q - (1 - pi)) / pi);
  }

  /** Variance of such a day: π·k²·E[S²] − μ². */
  dayVariance(mu: number, k: number): number {
    if (!(mu > 0)) return 0;
    return Math.max(0, mu * k * (this.meanSquare / this.mean) - mu * mu);
  }
}
