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
 * Flagged days at the very end of the series are left alone while no ordinary day has followed
 * them: a promotion still running and a new level look the same until then.
 */

/** Flag a residual this many interquartile ranges beyond the quartiles (tsoutliers' rule: ≈ 4.7σ for normal residuals). */
export const OUTLIER_IQR = 3;
/** Weeks (blocks) in the running median of the level: robust to a promotion of up to 2. */
export const LEVEL_MEDIAN_SPAN = 5;
/** Fewer blocks than this: too short to tell a promotion from the level. */
export const MIN_BLOCKS = 2 * LEVEL_MEDIAN_SPAN;

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
let weekdays = new Int8Array(0);
let masks = new Uint8Array(0);
const weekdayIndex = new Float64Array(7);
const weekdayRoot = new Float64Array(7);
const weekdaySums = new Float64Array(7);
const weekdayLevels = new Float64Array(7);
const weekdayDays = new Int32Array(7);

const BINS = 256;
const binCounts = new Int32Array(BINS);
let binOf = new Uint8Array(0);

/**
 * The k1-th and k3-th smallest of r[0, n) (values within [min, max]), exactly: a 256-bin histogram
 * finds the bins that hold them, and only those bins' values are searched (a quickselect over all
 * of them, its comparisons unpredictable, cost more than the rest of findOutliers). `buf`: scratch
 * of length n. The two ranks go to out[0] and out[1].
 */
function quartiles(
  r: Float64Array,
  n: number,
  k1: number,
  k3: number,
  min: number,
  max: number,
  buf: Float64Array,
  out: Float64Array,
): void {
  if (binOf.length < n) binOf = new Uint8Array(n + 16);
  const scale = (BINS * (1 - 1e-9)) / (max - min);
  binCounts.fill(0);
  for (let i = 0; i < n; i++) {
    const b = ((r[i]! - min) * scale) | 0;
    binOf[i] = b;
    binCounts[b]!++;
  }
  let below1 = 0;
  let bin1 = 0;
  while (below1 + binCounts[bin1]! <= k1) below1 += binCounts[bin1++]!;
  let below3 = below1;
  let bin3 = bin1;
  while (below3 + binCounts[bin3]! <= k3) below3 += binCounts[bin3++]!;
  // Bin 1's values from the start of buf, bin 3's from its end, in one pass (the same bin: searched once for both).
  let m1 = 0;
  let m3 = n;
  if (bin3 === bin1) {
    for (let i = 0; i < n; i++) if (binOf[i] === bin1) buf[m1++] = r[i]!;
    out[0] = select(buf, 0, m1, k1 - below1);
    out[1] = select(buf, 0, m1, k3 - below1);
    return;
  }
  for (let i = 0; i < n; i++) {
    const b = binOf[i];
    if (b === bin1) buf[m1++] = r[i]!;
    else if (b === bin3) buf[--m3] = r[i]!;
  }
  out[0] = select(buf, 0, m1, k1 - below1);
  out[1] = select(buf, m3, n, k3 - below3);
}

/** √v for the whole numbers below ROOTS (counts, the usual input), looked up. */
const ROOTS = 1024;
const roots = new Float64Array(ROOTS);
for (let v = 0; v < ROOTS; v++) roots[v] = Math.sqrt(v);
const pair = new Float64Array(2);

/**
 * Every result is built here, one object shape. V8 gives an object field the representation of the
 * first value stored in it: the first result of a worker with no day above the fit stored the small
 * integer 0 in `excess`, a later one 0.37, and V8 then replaced the shape (a double field) and threw
 * away the code compiled for the old one: forecastCalendarDoubles, the biggest function of a fit,
 * went back to the interpreter once per worker ('wrong map' at promo.high, --trace-deopt) and was
 * compiled again. The shape is made here once with doubles in those two fields, before any result.
 */
function outliers(x: readonly number[], high: number, low: number, excess: number, excess2: number): Outliers {
  return { x, high, low, excess, excess2 };
}
outliers([], 0, 0, 0.5, 0.5);

/**
 * The open days x at steps ts (t counted from the first history point; `daily`: t % 7 is the
 * weekday and weeks are ⌊t/7⌋), cleaned of promotions and stock-outs for the fit.
 */
export function findOutliers(x: readonly number[], ts: readonly number[], daily: boolean): Outliers {
  const N = x.length;
  if (scratch.length < 4 * N + 16) {
    scratch = new Float64Array(4 * N + 16);
    blocks = new Int32Array(N + 16);
    weekdays = new Int8Array(N + 16);
    masks = new Uint8Array(N + 16);
  }
  // Layout: [0, N) block means, [N, 2N) level per block, [2N, 3N) residuals, [3N, 4N) residuals to select in.
  const means = scratch;
  const level = scratch.subarray(N, 2 * N);
  const r = scratch.subarray(2 * N, 3 * N);
  const sel = scratch.subarray(3 * N, 4 * N);
  const block = blocks;
  const dow = weekdays;
  // Blocks: calendar weeks of open days (daily), each step (weekly), and each day's weekday; per
  // weekday its days' sales and count, per block which weekdays it holds (bit k: weekday k).
  const sx = weekdaySums;
  const nk = weekdayDays;
  sx.fill(0);
  nk.fill(0);
  let B = 0;
  let end = -1;
  let weekStart = 0;
  let sum = 0;
  let cnt = 0;
  let mask = 0;
  for (let i = 0; i < N; i++) {
    const t = ts[i]!;
    if (t >= end) {
      if (cnt) {
        masks[B] = mask;
        means[B++] = sum / cnt;
      }
      weekStart = daily ? t - (t % 7) : t;
      end = daily ? weekStart + 7 : t + 1;
      sum = 0;
      cnt = 0;
      mask = 0;
    }
    const k = t - weekStart;
    block[i] = B;
    dow[i] = k;
    sum += x[i]!;
    cnt++;
    sx[k]! += x[i]!;
    nk[k]!++;
    mask |= 1 << k;
  }
  if (cnt) {
    masks[B] = mask;
    means[B++] = sum / cnt;
  }
  if (B < MIN_BLOCKS) return outliers(x, 0, 0, 0, 0);
  // The level: running median of 5 block means (the first and last two take the nearest 5).
  for (let b = 0; b < B; b++) {
    const f = b < 2 ? 0 : b > B - 3 ? B - 5 : b - 2;
    level[b] = median5(means[f]!, means[f + 1]!, means[f + 2]!, means[f + 3]!, means[f + 4]!);
  }
  // Weekday index: each weekday's sales over the level of its days. Promotions start on any
  // weekday and last days, so they raise every weekday's ratio alike and the normalisation
  // (mean index 1 over the open days) takes that out.
  const index = weekdayIndex;
  index.fill(1);
  if (daily) {
    // Σ level over each weekday's days, by blocks: a block holding every weekday the series opens
    // on (most of them) adds its level to all of them at once.
    const sl = weekdayLevels;
    sl.fill(0);
    let all = 0;
    for (let b = 0; b < B; b++) all |= masks[b]!;
    let full = 0;
    for (let b = 0; b < B; b++) {
      const m = masks[b]!;
      if (m === all) full += level[b]!;
      else for (let k = 0; k < 7; k++) if (m & (1 << k)) sl[k]! += level[b]!;
    }
    for (let k = 0; k < 7; k++) if (all & (1 << k)) sl[k]! += full;
    let wsum = 0;
    for (let k = 0; k < 7; k++) {
      if (sl[k]! > 0) index[k] = sx[k]! / sl[k]!;
      wsum += index[k]! * nk[k]!;
    }
    const norm = wsum > 0 ? wsum / N : 1;
    for (let k = 0; k < 7; k++) index[k]! /= norm;
  }
  // Residuals on the square-root scale: √x − √(level · index), the roots taken per block and weekday.
  const root = weekdayRoot;
  for (let k = 0; k < 7; k++) root[k] = Math.sqrt(index[k]!);
  for (let b = 0; b < B; b++) means[b] = Math.sqrt(level[b]!);
  let rmin = Infinity;
  let rmax = -Infinity;
  for (let i = 0; i < N; i++) {
    const v = x[i]!;
    const ri = (v >= 0 && v < ROOTS && v === (v | 0) ? roots[v]! : Math.sqrt(Math.max(0, v))) - means[block[i]!]! * root[dow[i]!]!;
    r[i] = ri;
    if (ri < rmin) rmin = ri;
    if (ri > rmax) rmax = ri;
  }
  if (!(rmax > rmin)) return outliers(x, 0, 0, 0, 0);
  quartiles(r, N, Math.floor(0.25 * (N - 1)), Math.ceil(0.75 * (N - 1)), rmin, rmax, sel, pair);
  const q1 = pair[0]!;
  const q3 = pair[1]!;
  const iqr = q3 - q1;
  if (!(iqr > 0)) return outliers(x, 0, 0, 0, 0);
  const hiLimit = q3 + OUTLIER_IQR * iqr;
  const loLimit = q1 - OUTLIER_IQR * iqr;
  // The end of the series: days above the upper quartile up to the last day that hold a flag are a
  // promotion still running or a new level (a step up 10 days ago reads as an outlier against the
  // last 5 weeks' median): nothing tells them apart yet, so they stay as they are (the model's
  // level follows them, as without this treatment). A promotion that has ended is followed by
  // ordinary days, each above the upper quartile only one time in four. Likewise below.
  let hiFrom = N;
  let loFrom = N;
  let e = N;
  while (e > 0 && r[e - 1]! > q3) e--;
  for (let i = e; i < N; i++) if (r[i]! > hiLimit) hiFrom = e;
  e = N;
  while (e > 0 && r[e - 1]! < q1) e--;
  for (let i = e; i < N; i++) if (r[i]! < loLimit) loFrom = e;
  let out: number[] | null = null;
  let high = 0;
  let low = 0;
  let excess = 0;
  let excess2 = 0;
  for (let i = 0; i < N; i++) {
    const ri = r[i]!;
    if (ri <= hiLimit && ri >= loLimit) continue;
    // One comparison whichever side (i against the side's end): as two, the one above the fit went
    // uncompiled in a worker whose first series had only days below, and its first day above sent
    // findOutliers back to the interpreter ('insufficient type feedback', --trace-deopt).
    if (i >= (ri > hiLimit ? hiFrom : loFrom)) continue;
    const fit = level[block[i]!]! * index[dow[i]!]!;
    if (!(fit > 0)) continue;
    out ??= x.slice();
    if (ri > hiLimit) {
      high++;
      const e = (x[i]! - fit) / fit;
      excess += e;
      excess2 += e * e;
    } else low++;
    out[i] = fit;
  }
  if (!out) return outliers(x, 0, 0, 0, 0);
  return outliers(out, high, low, high ? excess / high : 0, high ? excess2 / high : 0);
}
