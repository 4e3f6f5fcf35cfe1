import type { DayLaw } from './daily.js';

/**
 * Calibration diagnostics of the daily path's day bands (bench/forecast-bands.ts): the law each
 * day's P10/P90 are read from (DayLaw), evaluated at an outcome as a randomised PIT — for a count
 * a, uniform on [F(a − 1), F(a)], which is uniform on [0, 1] when the law is right — so the share
 * of outcomes above a band's level can be read off the series' own rolling-origin backtest, and
 * the probability the law itself gives an outcome outside a band (a count above a fractional P90
 * is any whole unit past it: a calibrated law is above a mid-distribution P90 more than 10 % of
 * the time, and never below a P10 of 0).
 */

/** Standard normal CDF (Abramowitz–Stegun 26.2.17, absolute error < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

/** CDF at x of the gamma with this mean and variance, by the Wilson–Hilferty approximation that gammaQuantile inverts. */
export function gammaCdf(mean: number, variance: number, x: number): number {
  if (!(x > 0)) return 0;
  if (!(mean > 0)) return 1;
  if (!(variance > 0)) return x >= mean ? 1 : 0;
  const c = variance / (9 * mean * mean);
  return normalCdf((Math.cbrt(x / mean) - (1 - c)) / Math.sqrt(c));
}

/**
 * F(a − 1) and F(a) of the day law at mean μ and seasonal factor k, into out[0] and out[1]: the
 * CDF whose inverse gives the day's bands (order sizes: the piecewise-linear size CDF of
 * OrderSizes.quantile; counts: the negative binomial, or past 60 units and under-dispersed the
 * gamma read with the continuity correction; non-counts: the gamma at a, twice).
 */
export function dayCdfPair(law: DayLaw, mu: number, k: number, a: number, out: Float64Array): void {
  if (!(mu > 0)) {
    out[0] = a > 0 ? 1 : 0;
    out[1] = 1;
    return;
  }
  const o = law.orders;
  if (o && mu <= o.mean * k) {
    const pi = mu / (o.mean * k);
    out[0] = a >= 1 ? 1 - pi + pi * o.cdfAt((a - 1) / k) : 0;
    out[1] = a >= 0 ? 1 - pi + pi * o.cdfAt(a / k) : 0;
    return;
  }
  const v = law.dayVariance(mu, k) + law.level * mu * mu;
  if (!law.counts) {
    out[0] = out[1] = gammaCdf(mu, v, a);
    return;
  }
  if (v < mu || mu > 60) {
    out[0] = gammaCdf(mu, v, a - 0.5);
    out[1] = gammaCdf(mu, v, a + 0.5);
    return;
  }
  const excess = v - mu;
  const poisson = !(excess > 1e-9 * mu * mu);
  const size = poisson ? Infinity : (mu * mu) / excess;
  const pr = poisson ? 0 : size / (size + mu);
  let p = poisson ? Math.exp(-mu) : Math.exp(size * Math.log(pr));
  let prev = 0;
  let c = p;
  for (let x = 0; x < a && c < 1; x++) {
    p *= poisson ? mu / (x + 1) : ((x + size) / (x + 1)) * (1 - pr);
    prev = c;
    c += p;
  }
  out[0] = a >= 1 ? Math.min(1, prev) : 0;
  out[1] = a >= 0 ? Math.min(1, c) : 0;
}

/** The law's probability that an outcome falls above `p90` and below `p10` (whole units: above = 1 − F(⌊p90⌋), below = F(⌈p10⌉ − 1)). */
export function outsideProbabilities(law: DayLaw, mu: number, k: number, p10: number, p90: number): { above: number; below: number } {
  const out = new Float64Array(2);
  dayCdfPair(law, mu, k, Math.floor(p90 + 1e-9), out);
  const above = 1 - out[1]!;
  dayCdfPair(law, mu, k, Math.ceil(p10 - 1e-9), out);
  return { above: Math.max(0, above), below: out[0]! };
}

/** Randomised PITs as intervals [lo_i, hi_i], pooled over any number of series. */
export class PitIntervals {
  lo: number[] = [];
  hi: number[] = [];

  /** Every open (μ > 0) day of the law's rolling-origin backtest: its outcome against the law at the backtest's mean. */
  addBacktest(law: DayLaw): void {
    const bt = law.backtest;
    const out = new Float64Array(2);
    for (let j = 0; j < bt.origins.length; j++) {
      const o = bt.origins[j]!;
      for (let i = 0; i < bt.steps[j]!; i++) {
        const mu = Math.max(0, bt.f[j * bt.h + i]!);
        if (!(mu > 0)) continue;
        dayCdfPair(law, mu, law.windowFactor(o + i), law.window[o + i]!, out);
        this.lo.push(out[0]!);
        this.hi.push(out[1]!);
      }
    }
  }

  /** One outcome a against the law at mean μ, factor k. */
  add(law: DayLaw, mu: number, k: number, a: number): void {
    const out = new Float64Array(2);
    dayCdfPair(law, mu, k, a, out);
    this.lo.push(out[0]!);
    this.hi.push(out[1]!);
  }

  get size(): number {
    return this.lo.length;
  }

  /** Expected share of the PITs below τ (each uniform on its interval). */
  shareBelow(tau: number): number {
    let s = 0;
    for (let i = 0; i < this.lo.length; i++) {
      const l = this.lo[i]!;
      const h = this.hi[i]!;
      s += h > l ? Math.min(1, Math.max(0, (tau - l) / (h - l))) : tau >= h ? 1 : 0;
    }
    return this.lo.length ? s / this.lo.length : 0;
  }

  /** The level τ with `share` of the PITs below it (share rises with τ; bisection). */
  levelBelow(share: number): number {
    let a = 0;
    let b = 1;
    for (let it = 0; it < 40; it++) {
      const m = (a + b) / 2;
      if (this.shareBelow(m) < share) a = m;
      else b = m;
    }
    return (a + b) / 2;
  }
}
