/**
 * Promotions, events and stock-outs in the history of a daily or weekly series (issue 17), found
 * the way R forecast::tsoutliers finds them: residuals from a robust fit, flagged beyond the
 * quartiles by 3 interquartile ranges. A promotion left in the history pulls the smoothed level
 * up (then decays), is learned by the yearly Fourier terms and comes back on the same date next
 * year, and its squared error inflates the dispersion so every future band is too wide. The fit
 * (level, trend, seasons, dispersion) sees the flagged days replaced by the robust fit's value;
 * their FREQUENCY is kept for the bands (they recur, at random dates), not their effect on the level.
 *
 * The robust fit: the mean of each calendar week's open days (weekly data: each week), a running
 * median over 5 of them (a promotion of up to 2 weeks cannot move it), times a weekday index
 * (daily data: the ratio of the weekday's sales to that level, normalised). Residuals on the
 * square-root scale, which makes count noise about equally wide at every level (Poisson: sd ½).
 */

/** Flag a residual this many interquartile ranges beyond the quartiles (tsoutliers' rule: ≈ 4.7σ for normal residuals). */
export const OUTLIER_IQR = 3;
/** Weeks (blocks) in the running median of the level: robust to a promotion of up to 2. */
export const LEVEL_MEDIAN_SPAN = 5;
/** Fewer blocks than this: too short to tell a promotion from the level. */
export const MIN_BLOCKS = 2 * LEVEL_MEDIAN_SPAN;
/** Residuals beyond twice this many: the quartiles are read from every other one. */
export const QUARTILE_SAMPLE = 200;

export interface Outliers {
  /** The open days with each flagged day replaced by the robust fit's value (the input array when none). */
  x: readonly number[];
  /** Days flagged above / below the fit. */
  high: number;
  low: number;
  /** Mean relative excess (x − fit)/fit and its mean square over the days flagged above (0 when none). */
  excess: number;
  excess2: number;
}

/** The k-th smallest of a[from, to) (0-based within the range), by quickselect: reorders the range, O(n). */
function select(a: Float64Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  const target = from + k;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

/** The median of five numbers (7 comparisons, no array). */
function median5(a: number, b: number, c: number, d: number, e: number): number {
  let t: number;
  if (b < a) {
    t = a;
    a = b;
    b = t;
  }
  if (d < c) {
    t = c;
    c = d;
    d = t;
  }
  // The smaller of the two pairs' minima is below three others: never the median. The median is
  // then the 2nd smallest of the other four: its partner, the other pair and e.
  let u = a < c ? b : d;
  const p = a < c ? c : a;
  const q = a < c ? d : b;
  let v = e;
  if (v < u) {
    t = u;
    u = v;
    v = t;
  }
  // Two ordered pairs (u ≤ v) and (p ≤ q): the 2nd smallest of the four.
  return u < p ? Math.min(v, p) : Math.min(u, q);
}

// Scratch space shared by every call (one thread runs one call at a time): allocating five
// arrays of the series' length per series cost more than the search itself.
let scratch = new Float64Array(0);
let blocks = new Int32Array(0);
const weekdayIndex = new Float64Array(7);
const weekdaySums = new Float64Array(7);
const weekdayLevels = new Float64Array(7);
const weekdayDays = new Int32Array(7);

/**
 * The open days x at steps ts (t counted from the first history point; `daily`: t % 7 is the
 * weekday and weeks are ⌊t/7⌋), cleaned of promotions and stock-outs for the fit.
 */
export function findOutliers(x: readonly number[], ts: readonly number[], daily: boolean): Outliers {
  const N = x.length;
  const none: Outliers = { x, high: 0, low: 0, excess: 0, excess2: 0 };
  if (scratch.length < 4 * N + 16) {
    scratch = new Float64Array(4 * N + 16);
    blocks = new Int32Array(N + 16);
  }
  // Layout: [0, N) level per block, [N, 2N) fit, [2N, 3N) residuals, [3N, 4N) residuals to select in.
  const level = scratch;
  const fit = scratch.subarray(N, 2 * N);
  const r = scratch.subarray(2 * N, 3 * N);
  const sel = scratch.subarray(3 * N, 4 * N);
  const block = blocks;
  // Blocks: calendar weeks of open days (daily), each step (weekly); their means in fit[] for now.
  let B = 0;
  let prev = -1;
  let sum = 0;
  let cnt = 0;
  for (let i = 0; i < N; i++) {
    const w = daily ? (ts[i]! / 7) | 0 : ts[i]!;
    if (w !== prev) {
      if (cnt) fit[B++] = sum / cnt;
      prev = w;
      sum = 0;
      cnt = 0;
    }
    block[i] = B;
    sum += x[i]!;
    cnt++;
  }
  if (cnt) fit[B++] = sum / cnt;
  if (B < MIN_BLOCKS) return none;
  // The level: running median of 5 block means (the first and last two take the nearest 5).
  for (let b = 0; b < B; b++) {
    const f = b < 2 ? 0 : b > B - 3 ? B - 5 : b - 2;
    level[b] = median5(fit[f]!, fit[f + 1]!, fit[f + 2]!, fit[f + 3]!, fit[f + 4]!);
  }
  // Weekday index: each weekday's sales over the level of its days. Promotions start on any
  // weekday and last days, so they raise every weekday's ratio alike and the normalisation
  // (mean index 1 over the open days) takes that out.
  const index = weekdayIndex;
  index.fill(1);
  if (daily) {
    const sx = weekdaySums;
    const sl = weekdayLevels;
    const nk = weekdayDays;
    sx.fill(0);
    sl.fill(0);
    nk.fill(0);
    for (let i = 0; i < N; i++) {
      const k = ts[i]! % 7;
      sx[k]! += x[i]!;
      sl[k]! += level[block[i]!]!;
      nk[k]!++;
    }
    let wsum = 0;
    for (let k = 0; k < 7; k++) {
      if (sl[k]! > 0) index[k] = sx[k]! / sl[k]!;
      wsum += index[k]! * nk[k]!;
    }
    const norm = wsum > 0 ? wsum / N : 1;
    for (let k = 0; k < 7; k++) index[k]! /= norm;
  }
  for (let i = 0; i < N; i++) {
    const v = level[block[i]!]! * (daily ? index[ts[i]! % 7]! : 1);
    fit[i] = v;
    r[i] = Math.sqrt(Math.max(0, x[i]!)) - Math.sqrt(v);
  }
  // The quartiles of every other residual on long series (365 of two years' days pin a quartile
  // down to a few hundredths of the IQR; selecting among all of them cost half the search).
  const stride = N > 2 * QUARTILE_SAMPLE ? 2 : 1;
  let M = 0;
  for (let i = stride - 1; i < N; i += stride) sel[M++] = r[i]!;
  const k1 = Math.floor(0.25 * (M - 1));
  const k3 = Math.ceil(0.75 * (M - 1));
  const q1 = select(sel, 0, M, k1);
  // After the first selection everything from k1 on is ≥ q1: the upper quartile lies there.
  const q3 = select(sel, k1, M, k3 - k1);
  const iqr = q3 - q1;
  if (!(iqr > 0)) return none;
  const hiLimit = q3 + OUTLIER_IQR * iqr;
  const loLimit = q1 - OUTLIER_IQR * iqr;
  let out: number[] | null = null;
  let high = 0;
  let low = 0;
  let excess = 0;
  let excess2 = 0;
  for (let i = 0; i < N; i++) {
    const ri = r[i]!;
    if (ri <= hiLimit && ri >= loLimit) continue;
    if (!(fit[i]! > 0)) continue;
    out ??= x.slice();
    if (ri > hiLimit) {
      high++;
      const e = (x[i]! - fit[i]!) / fit[i]!;
      excess += e;
      excess2 += e * e;
    } else low++;
    out[i] = fit[i]!;
  }
  if (!out) return none;
  return { x: out, high, low, excess: high ? excess / high : 0, excess2: high ? excess2 / high : 0 };
}
