import { isSeasonal, multiplicativeIndices } from './seasonality.js';
import { emptyDoubles, fitted, type Fitted } from './types.js';

/**
 * SES forecast error sum of squares for one alpha, level started at the first observation.
 * Kept separate so the 1-D search below can evaluate it cheaply.
 */
function sesSse(x: readonly number[], alpha: number): number {
  let level = x[0]!;
  let sse = 0;
  for (let t = 1; t < x.length; t++) {
    const e = x[t]! - level;
    sse += e * e;
    level += alpha * e;
  }
  return sse;
}

/**
 * Golden-section search for the SES alpha on (0.01, 0.99), to within ALPHA_TOLERANCE: the sum of
 * squares is flat near its minimum, so finer steps (40 iterations reached 1e-9) change nothing
 * but the time, and the daily path fits Theta four times per series.
 */
export const ALPHA_TOLERANCE = 1e-4;
export function fitSesAlpha(x: readonly number[]): number {
  let a = 0.01;
  let b = 0.99;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = sesSse(x, c);
  let fd = sesSse(x, d);
  while (b - a > ALPHA_TOLERANCE) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = sesSse(x, c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = sesSse(x, d);
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
  // A loop into unboxed doubles, not y.map (a holey array beside packed ones: deoptimised code).
  const x = emptyDoubles();
  for (let t = 0; t < n; t++) x.push(y[t]! / idx[t % idx.length]!);
  const alpha = fitSesAlpha(x);
  // SES levels after observing x[0..t) — levels[t] is the forecast for x[t].
  const levels = new Float64Array(n + 1);
  levels[0] = x[0]!;
  levels[1] = x[0]!;
  for (let t = 1; t < n; t++) levels[t + 1] = levels[t]! + alpha * (x[t]! - levels[t]!);
  // Prefix sums let the drift (OLS slope on y[0..t)) be computed at any origin in O(1).
  const sx = new Float64Array(n + 1);
  const stx = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    sx[t + 1] = sx[t]! + x[t]!;
    stx[t + 1] = stx[t]! + t * x[t]!;
  }
  return fitted(seasonal ? 'theta-seasonal' : 'theta', { alpha, seasonal: seasonal ? 1 : 0 }, 3, (t, h, out, off) => {
    const tm = (t - 1) / 2;
    const sTT = (t * (t * t - 1)) / 12;
    const slope = (stx[t]! - tm * sx[t]!) / sTT;
    const lagTerm = 1 / alpha - (1 - alpha) ** t / alpha;
    for (let i = 1; i <= h; i++) {
      const f = levels[t]! + 0.5 * slope * (i - 1 + lagTerm);
      out[off + i - 1] = f * idx[(t + i - 1) % idx.length]!;
    }
  });
}
