/**
 * Fourier terms for long or non-integer seasons (the year on daily data: 365.25 days; on weekly
 * data: 52.18 weeks), where an ETS season of m states would need years of data per state.
 * K harmonics cost 2K coefficients whatever the period.
 */

/** Row of the design at time t: sin(2πkt/P), cos(2πkt/P) for k = 1..K. */
export function fourierRow(t: number, period: number, K: number, out: Float64Array, offset = 0): void {
  const w = (2 * Math.PI * t) / period;
  // Harmonic k + 1 from k by the angle-addition formulas: one sin/cos pair per row, not K.
  const s1 = Math.sin(w);
  const c1 = Math.cos(w);
  let s = s1;
  let c = c1;
  for (let k = 1; k <= K; k++) {
    out[offset + 2 * k - 2] = s;
    out[offset + 2 * k - 1] = c;
    const sn = s * c1 + c * s1;
    c = c * c1 - s * s1;
    s = sn;
  }
}

/**
 * Least squares β minimising Σ (y_i − x_i·β)² + ridge·|β_{1..}|² through the normal equations and a
 * Cholesky factorisation (p ≤ ~12 columns here, so this is exact enough and allocation-light).
 * The ridge keeps near-collinear designs (few points per harmonic) solvable; the intercept
 * (column 0) is not penalised.
 */
export function leastSquares(rows: readonly Float64Array[], y: readonly number[], ridge = 1e-8): Float64Array {
  return solveNormal(rows[0]?.length ?? 0, rows.length, (i) => rows[i]!, y, ridge);
}

/** leastSquares with the rows produced on demand (`row(i)` may reuse one buffer), so no design matrix is allocated. */
export function solveNormal(p: number, n: number, row: (i: number) => Float64Array, y: readonly number[], ridge = 1e-8): Float64Array {
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const x = row(i);
    const yi = y[i]!;
    for (let r = 0; r < p; r++) {
      const xr = x[r]!;
      if (xr === 0) continue;
      b[r]! += xr * yi;
      for (let c = 0; c <= r; c++) A[r * p + c]! += xr * x[c]!;
    }
  }
  for (let r = 0; r < p; r++) {
    for (let c = r + 1; c < p; c++) A[r * p + c] = A[c * p + r]!;
    if (r > 0) A[r * p + r]! += ridge * Math.max(1, A[r * p + r]!);
  }
  // Cholesky A = L Lᵀ in place (lower triangle).
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j]!;
    for (let k = 0; k < j; k++) d -= A[j * p + k]! ** 2;
    d = Math.sqrt(Math.max(d, 1e-12));
    A[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= A[i * p + k]! * A[j * p + k]!;
      A[i * p + j] = s / d;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= A[i * p + k]! * z[k]!;
    z[i] = s / A[i * p + i]!;
  }
  const beta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= A[k * p + i]! * beta[k]!;
    beta[i] = s / A[i * p + i]!;
  }
  return beta;
}

export interface SeasonalCurve {
  period: number;
  K: number;
  /** Multiplicative factor at time t (mean ≈ 1 over a period), floored so a quiet season never forecasts exactly nothing. */
  factor(t: number): number;
}

/**
 * A yearly (or any long) multiplicative season from Fourier terms: regress y on a local linear
 * level plus K harmonics over the points given (times `ts`), then read the season as the harmonic
 * part relative to the mean level. Returns null without at least one full period of data.
 */
export function fitFourierSeason(ts: readonly number[], y: readonly number[], period: number, K: number): SeasonalCurve | null {
  const n = ts.length;
  if (n < 2 || ts[n - 1]! - ts[0]! < period) return null;
  const p = 2 + 2 * K;
  const t0 = ts[0]!;
  const span = Math.max(1, ts[n - 1]! - t0);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  if (!(mean > 0)) return null;
  const r = new Float64Array(p);
  r[0] = 1;
  const beta = solveNormal(
    p,
    n,
    (i) => {
      r[1] = (ts[i]! - t0) / span;
      fourierRow(ts[i]!, period, K, r, 2);
      return r;
    },
    y,
    1e-3,
  );
  const row = new Float64Array(2 * K);
  return {
    period,
    K,
    factor(t) {
      fourierRow(t, period, K, row);
      let s = 0;
      for (let j = 0; j < 2 * K; j++) s += beta[2 + j]! * row[j]!;
      return Math.max(0.1, 1 + s / mean);
    },
  };
}
