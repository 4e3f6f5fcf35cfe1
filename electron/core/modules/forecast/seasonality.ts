/**
 * Seasonality test used by Theta (as in the M3 Theta method): the lag-m autocorrelation must
 * exceed 1.645 · sqrt((1 + 2 Σ_{k<m} r_k²) / n), i.e. be significant at 90 % one-sided.
 */
export function isSeasonal(y: readonly number[], m: number): boolean {
  const n = y.length;
  if (m <= 1 || n < 3 * m) return false;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  let denom = 0;
  for (const v of y) denom += (v - mean) ** 2;
  if (denom === 0) return false;
  const acf = (k: number) => {
    let s = 0;
    for (let i = k; i < n; i++) s += (y[i]! - mean) * (y[i - k]! - mean);
    return s / denom;
  };
  let sum = 0;
  for (let k = 1; k < m; k++) sum += acf(k) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * sum) / n);
  return Math.abs(acf(m)) > limit;
}

/**
 * Classical multiplicative decomposition: ratio of each point to the centred moving average
 * (2×m MA when m is even), averaged per season position and normalised to mean 1.
 * Returns m indices where index[i] applies to positions t with t % m === i.
 */
export function multiplicativeIndices(y: readonly number[], m: number): number[] {
  const n = y.length;
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let cma: number;
    if (m % 2 === 0) {
      let s = 0.5 * (y[t - half]! + y[t + half]!);
      for (let k = t - half + 1; k < t + half; k++) s += y[k]!;
      cma = s / m;
    } else {
      let s = 0;
      for (let k = t - half; k <= t + half; k++) s += y[k]!;
      cma = s / m;
    }
    if (cma > 0) {
      sums[t % m]! += y[t]! / cma;
      counts[t % m]!++;
    }
  }
  const raw = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : 1));
  const avg = raw.reduce((a, b) => a + b, 0) / m;
  return raw.map((v) => (v > 0 ? v / avg : 1));
}

/**
 * Classical decomposition indices, multiplicative (ratio to the centred moving average, mean 1)
 * or additive (difference to it, mean 0). index[i] applies to positions t with t % m === i.
 */
export function seasonIndices(y: readonly number[], m: number, kind: 'M' | 'A'): number[] {
  if (kind === 'M') return multiplicativeIndices(y, m);
  const n = y.length;
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 0) {
      s = 0.5 * (y[t - half]! + y[t + half]!);
      for (let k = t - half + 1; k < t + half; k++) s += y[k]!;
    } else for (let k = t - half; k <= t + half; k++) s += y[k]!;
    sums[t % m]! += y[t]! - s / m;
    counts[t % m]!++;
  }
  const raw = sums.map((v, i) => (counts[i]! > 0 ? v / counts[i]! : 0));
  const avg = raw.reduce((a, b) => a + b, 0) / m;
  return raw.map((v) => v - avg);
}
