import { isSeasonal, multiplicativeIndices } from './seasonality.js';
import { fitted, float64Views, type Fitted } from './types.js';

/**
 * SES forecast error sums of squares (level started at the first observation) for three alphas in
 * one pass, into out[0..2]: three independent chains share the loop (its reads and its latency),
 * and each chain's operations are those of one alpha alone.
 */
function sesSse3(x: Float64Array, a0: number, a1: number, a2: number, out: Float64Array): void {
  let l0 = x[0]!;
  let l1 = l0;
  let l2 = l0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let t = 1; t < x.length; t++) {
    const v = x[t]!;
    const e0 = v - l0;
    const e1 = v - l1;
    const e2 = v - l2;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    l0 += a0 * e0;
    l1 += a1 * e1;
    l2 += a2 * e2;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
}

/**
 * Golden-section search for the SES alpha on (0.01, 0.99), to within ALPHA_TOLERANCE: the sum of
 * squares is flat near its minimum, so finer steps (40 iterations reached 1e-9) change nothing
 * but the time, and the daily path fits Theta four times per series.
 *
 * Two steps per pass over the series: a step's new point is known before its sum of squares is,
 * and the point after it is one of two (whichever side the comparison then drops), both computable
 * already, so the three sums go through one pass (sesSse3): 11 passes instead of 22. The same
 * points, sums and comparisons as one step per pass; measured 9.4 → 8.4 µs a fit on 150 days.
 */
export const ALPHA_TOLERANCE = 1e-4;
const sums = new Float64Array(3);
export function fitSesAlpha(x: Float64Array): number {
  let a = 0.01;
  let b = 0.99;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  sesSse3(x, c, d, d, sums);
  let fc = sums[0]!;
  let fd = sums[1]!;
  while (b - a > ALPHA_TOLERANCE) {
    // This step: its new point p (c or d, whose sum is pending).
    const left = fc < fd;
    let p: number;
    if (left) {
      b = d;
      d = c;
      fd = fc;
      p = c = b - g * (b - a);
    } else {
      a = c;
      c = d;
      fc = fd;
      p = d = a + g * (b - a);
    }
    const more = b - a > ALPHA_TOLERANCE;
    // The next step's new point either way: b → d, c = b − g(b − a); or a → c, d = a + g(b − a).
    const qLeft = more ? d - g * (d - a) : p;
    const qRight = more ? c + g * (b - c) : p;
    sesSse3(x, p, qLeft, qRight, sums);
    if (left) fc = sums[0]!;
    else fd = sums[0]!;
    if (!more) break;
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = qLeft;
      fc = sums[1]!;
    } else {
      a = c;
      c = d;
      fc = fd;
      d = qRight;
      fd = sums[2]!;
    }
  }
  return (a + b) / 2;
}

/**
 * Theta method (Assimakopoulos & Nikolopoulos; SES-with-drift form of Hyndman & Billah 2003):
 * deseasonalise by classical multiplicative decomposition when the lag-m autocorrelation test
 * passes and the series is positive, forecast = SES + half the regression slope with the
 * SES-lag correction, reseasonalise.
 */
export function fitTheta(y: readonly number[], m: number): Fitted {
  const n = y.length;
  const seasonal = m > 1 && y.every((v) => v > 0) && isSeasonal(y, m);
  const idx = seasonal ? multiplicativeIndices(y, m) : [1];
  // The deseasonalised series, SES levels after observing x[0..t) — levels[t] is the forecast for
  // x[t] — and the prefix sums below, on one buffer (types.ts float64Views).
  const views = float64Views(4, n + 1);
  const x = views[3]!.subarray(0, n);
  for (let t = 0; t < n; t++) x[t] = y[t]! / idx[t % idx.length]!;
  const alpha = fitSesAlpha(x);
  const levels = views[0]!;
  levels[0] = x[0]!;
  levels[1] = x[0]!;
  for (let t = 1; t < n; t++) levels[t + 1] = levels[t]! + alpha * (x[t]! - levels[t]!);
  // Prefix sums let the drift (OLS slope on y[0..t)) be computed at any origin in O(1).
  const sx = views[1]!;
  const stx = views[2]!;
  for (let t = 0; t < n; t++) {
    sx[t + 1] = sx[t]! + x[t]!;
    stx[t + 1] = stx[t]! + t * x[t]!;
  }
  const m1 = idx.length === 1;
  const idx0 = idx[0]!;
  return fitted(seasonal ? 'theta-seasonal' : 'theta', { alpha, seasonal: seasonal ? 1 : 0 }, 3, (t, h, out, off) => {
    const tm = (t - 1) / 2;
    const sTT = (t * (t * t - 1)) / 12;
    const slope = (stx[t]! - tm * sx[t]!) / sTT;
    const lagTerm = 1 / alpha - (1 - alpha) ** t / alpha;
    const level = levels[t]!;
    if (m1) {
      // One index (non-seasonal, or m = 1: the daily path's deseasonalised days): no integer
      // division per step for a position that is always 0 (the backtests call this ~100 times a fit).
      for (let i = 1; i <= h; i++) out[off + i - 1] = (level + 0.5 * slope * (i - 1 + lagTerm)) * idx0;
      return;
    }
    for (let i = 1; i <= h; i++) {
      const f = level + 0.5 * slope * (i - 1 + lagTerm);
      out[off + i - 1] = f * idx[(t + i - 1) % idx.length]!;
    }
  });
}
