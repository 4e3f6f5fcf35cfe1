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
import { anchorDay, MOVING_ANCHORS } from './movingDates.js';
import { normalQuantile } from './normal.js';

/** Flag a residual this many interquartile ranges beyond the quartiles (tsoutliers' rule: ≈ 4.7σ for normal residuals). */
export const OUTLIER_IQR = 3;
const DAY_MS = 86_400_000;
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
  lastFit.valid = false;
  fitCount++;
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
  lastFit.valid = true;
  lastFit.N = N;
  lastFit.q3 = q3;
  lastFit.iqr = iqr;
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

/**
 * Recurring events (issue 17): a stretch above the robust fit on the same date every year (a fair,
 * a local holiday, a season opening) is part of the base demand, not a promotion at a random date
 * — but a 3–10-day event is beyond the yearly Fourier terms, and findOutliers takes it out of the
 * fit. The test, on findOutliers' own residuals (no second fit): a horizon step t's aligned day k
 * years back (k = 1..K, K ≥ 2 years covered by the history) is t − k·365.25 days (weekly:
 * k·52.18 weeks), rounded — a calendar date's step k years back to within a day. A closed aligned
 * day (the date fell on another weekday) is missing.
 *
 * The evidence is the years' uplift tested JOINTLY over a run of days, not day by day: each
 * residual is scored (centred on the quartiles' midpoint, divided by σ = IQR / 1.349, clamped at
 * ±EVENT_CLAMP, the outlier flag, so that a promotion day counts as a flagged day, not as ten),
 * and a run of ≤ EVENT_GAP weeks of consecutive
 * horizon steps gets, per past year, the z-score Σ scores / √days of its aligned days. The run's
 * statistic is its WEAKEST year's z: an event must show in every past year (an intersection–union
 * test: one year's promotion at the date, however large, is not a recurrence), and the block's
 * statistic the best run's. It must reach the normal quantile of 1 − EVENT_ALPHA / (number of runs
 * in the block) — a Bonferroni bound over the runs for Gaussian ordinary days — while NO placebo
 * position reaches that bound: the past years' positions moved together by whole weeks (daily:
 * the weekday kept), from beyond the block and the longest event to as far before the next year's
 * date, on both sides where the history holds them (≥ EVENT_MIN_PLACEBOS positions, ~41 on a
 * 730-day history). Random promotions, a wandering level or a season peak line up at a placebo as
 * often as at the yearly lag; a real event lines up only there. (Tried: the placebos as a
 * permutation null, the yearly lag's statistic above all of theirs, p < 1/42: the same power on
 * bench:forecast-promotions, but a pattern repeated 4 weeks away beat its two copies one time in
 * three, and promotion-dense series (a start every 25 days) got an event 17 times in 300 against 5.) Until December 2026 each past year's
 * every day had to be above the upper quartile, its mean beyond q3 + 1.5 IQR and one day beyond
 * q3 + 3 IQR: a ×1.5–2 event on overdispersed days almost never passed (found on ~10 % of the
 * daily horizons holding one).
 *
 * The event's steps: the best run of the block (one event per block), grown by its neighbouring
 * steps whose every past year's aligned day is above the upper quartile (extendRun: the weakest
 * year decides the best run, so an edge day one year shows weakly fell out of it — weekly events
 * set, event horizons −0.0045 ± 0.0019 with it). Their uplift is estimated from all the days at once: per past year the log of Σ sales / Σ robust fit over the run's aligned open
 * days (½ added to both: a count ratio), their mean m shrunk towards 0 by the years' disagreement
 * (weight m²/(m² + s²/K), s² their variance: the between-year spread holds each year's sampling
 * noise), applied to every step of the run.
 *
 * Figures: bench:forecast-promotions (see its header and bench/forecast-promotions.ts).
 */
/** Horizon blocks tested at once: weeks of a daily series, steps of a weekly one. */
export const EVENT_BLOCK = 4;
export const EVENT_BLOCK_WEEKS = 13;
/** The longest event, in weeks: a run is at most this long, and placebos lie this far beyond the block. */
export const EVENT_GAP = 2;
/** Fewer past years covering the step than this: a single coincidence, not a recurrence. */
export const EVENT_MIN_YEARS = 2;
/** The test's level per block before the chance check (Bonferroni over the block's runs, each year at it). */
export const EVENT_ALPHA = 0.05;
/**
 * Scores clamped at this many σ (σ = IQR / 1.349 of the residuals) from the quartiles' midpoint
 * before they are summed: the outlier flag (q3 + OUTLIER_IQR IQR, 3.5 IQR from the midpoint).
 */
export const EVENT_CLAMP = (OUTLIER_IQR + 0.5) * 1.349;
/** Fewer valid placebo positions than this and the chance check cannot reach p < 0.05: no event. */
export const EVENT_MIN_PLACEBOS = 19;

// What the last findOutliers call computed that recurringEvents reads (its scratch arrays hold the
// residuals, the level per block, each day's block and weekday until the next call).
// q3 and iqr made doubles from the start (see `outliers` below: a field first holding a small
// integer changes shape at its first fraction and deoptimises its readers).
const lastFit = { valid: false, N: 0, q3: 0.5, iqr: 0.5 };
/** findOutliers calls so far, and the one whose scores stepPos/stepScore hold. */
let fitCount = 0;
let tableFit = -1;
let stepPos = new Int32Array(0);
/** Each step's score (NaN: closed), from t0. */
let stepScore = new Float64Array(0);
const yearLag = new Int32Array(16);
// Per past year k, the prefix sums of a block's aligned scores and open days (row k, B + 1 wide).
let prefix = new Float64Array(0);
let prefixN = new Int32Array(0);
/** The best run [from, to) of the last jointScan, relative to its block. */
const bestRun = new Int32Array(2);
const invRoot = new Float64Array(64);
for (let n = 1; n < 64; n++) invRoot[n] = 1 / Math.sqrt(n);

/**
 * The uplift of each future step (futureTs, same step counting as ts) that falls on a recurring
 * event, written to `uplift` (1 elsewhere); returns how many steps got one. Must be called right
 * after findOutliers(x, ts, daily) with the same arguments (it reads that call's residuals).
 */
export function recurringEvents(
  x: readonly number[],
  ts: readonly number[],
  daily: boolean,
  futureTs: readonly number[],
  uplift: Float64Array,
): number {
  uplift.fill(1);
  const N = x.length;
  if (!lastFit.valid || lastFit.N !== N || N === 0 || futureTs.length === 0) return 0;
  const year = daily ? 365.25 : 365.25 / 7;
  const t0 = ts[0]!;
  const span = ts[N - 1]! + 1 - t0;
  const kAll = Math.min(yearLag.length - 1, Math.floor((futureTs[futureTs.length - 1]! - t0) / year));
  if (kAll < EVENT_MIN_YEARS) return 0;
  // Step t's aligned day k years back: t − lag[k] (t − k·year rounded, t whole).
  for (let k = 1; k <= kAll; k++) yearLag[k] = -Math.round(-k * year);
  stepTable(ts, scratch.subarray(2 * N, 3 * N), N, t0, span);
  const unit = daily ? 7 : 1;
  const block = daily ? 7 * EVENT_BLOCK : EVENT_BLOCK_WEEKS;
  let days = 0;
  for (let from = 0; from < futureTs.length;) {
    const first = futureTs[from]!;
    let to = from;
    while (to < futureTs.length && futureTs[to]! < first + block) to++;
    // The past years whose aligned days the whole block reaches.
    let K = 0;
    while (K < kAll && first - t0 - yearLag[K + 1]! >= 0) K++;
    if (K >= EVENT_MIN_YEARS && testBlock(futureTs, from, to, K, t0, span, unit * EVENT_GAP, block + unit * EVENT_GAP, year, unit)) {
      extendRun(futureTs, from, to, K, t0, unit * EVENT_GAP);
      const a = from + bestRun[0]!;
      const b = from + bestRun[1]!;
      const u = runUplift(x, futureTs, a, b, K, t0);
      if (u > 1) {
        for (let j = a; j < b; j++) uplift[j] = u;
        days += b - a;
      }
    }
    from = to;
  }
  return days;
}

/**
 * Each step's open-day index and score over the history's `span` steps from t0 (closed: −1 and
 * NaN), built once per findOutliers call whoever asks first (recurringEvents, movingEvents). The
 * score: the residual from the quartiles' midpoint in σ = IQR / 1.349, clamped at ±EVENT_CLAMP —
 * the robust scale of the ordinary days. (Standardised instead by the mean and standard deviation
 * of all the scores, which promotions inflate, the weekly events set found 6 % of its events
 * instead of 32 %: one week beyond 2.9 sd in each of 3 years was out of reach.)
 */
function stepTable(ts: readonly number[], r: Float64Array, N: number, t0: number, span: number): void {
  if (tableFit === fitCount) return;
  tableFit = fitCount;
  if (stepPos.length < span) {
    stepPos = new Int32Array(span + 64);
    stepScore = new Float64Array(span + 64);
  }
  stepPos.fill(-1, 0, span);
  stepScore.fill(NaN, 0, span);
  const scale = 1.349 / lastFit.iqr;
  const mid = lastFit.q3 - lastFit.iqr / 2;
  for (let i = 0; i < N; i++) {
    const u = ts[i]! - t0;
    stepPos[u] = i;
    stepScore[u] = Math.max(-EVENT_CLAMP, Math.min(EVENT_CLAMP, (r[i]! - mid) * scale));
  }
}

/**
 * The joint statistic on horizon steps futureTs[from, to) with the past years' positions moved by
 * `offset` steps (0: the aligned days themselves): over every run of ≤ maxRun consecutive steps,
 * its weakest past year's z-score (Σ scores / √days over the year's open aligned days; a year whose
 * aligned days are all closed is missing, ≥ EVENT_MIN_YEARS present), maximised over the runs; the
 * best run in bestRun. NaN when an aligned day falls outside the history (that position cannot be
 * tested). Past years 1..kMax at yearLag[k].
 */
function jointScan(
  futureTs: readonly number[],
  from: number,
  to: number,
  offset: number,
  kMax: number,
  t0: number,
  span: number,
  maxRun: number,
): number {
  const B = to - from;
  const W = B + 1;
  if (prefix.length < (kMax + 1) * W) {
    prefix = new Float64Array((kMax + 1) * W + 64);
    prefixN = new Int32Array((kMax + 1) * W + 64);
  }
  for (let k = 1; k <= kMax; k++) {
    const row = k * W;
    prefix[row] = 0;
    prefixN[row] = 0;
    const shift = offset - t0 - yearLag[k]!;
    for (let j = 0; j < B; j++) {
      const u = futureTs[from + j]! + shift;
      if (u < 0 || u >= span) return NaN;
      const v = stepScore[u]!;
      const open = v === v;
      prefix[row + j + 1] = prefix[row + j]! + (open ? v : 0);
      prefixN[row + j + 1] = prefixN[row + j]! + (open ? 1 : 0);
    }
  }
  let best = -Infinity;
  bestRun[0] = 0;
  bestRun[1] = 0;
  for (let a = 0; a < B; a++) {
    const end = Math.min(B, a + maxRun);
    for (let b = a + 1; b <= end; b++) {
      let min = Infinity;
      let years = 0;
      for (let k = 1; k <= kMax; k++) {
        const n = prefixN[k * W + b]! - prefixN[k * W + a]!;
        if (n === 0) continue;
        years++;
        const z = (prefix[k * W + b]! - prefix[k * W + a]!) * (n < 64 ? invRoot[n]! : 1 / Math.sqrt(n));
        if (z < min) min = z;
        // This run cannot beat the best one any more.
        if (min <= best) break;
      }
      if (min > best && years >= EVENT_MIN_YEARS) {
        best = min;
        bestRun[0] = a;
        bestRun[1] = b;
      }
    }
  }
  return best;
}

/**
 * The test of a block of horizon steps futureTs[from, to) against its past years 1..kMax
 * (yearLag): its jointScan statistic must reach the Bonferroni bound over its runs, and the
 * statistic at no valid placebo — the past positions moved together by ±`unit`·p steps with
 * minShift ≤ unit·p ≤ year − minShift, of which there must be EVENT_MIN_PLACEBOS — may reach it
 * too. On success the best run is in bestRun.
 */
function testBlock(
  futureTs: readonly number[],
  from: number,
  to: number,
  kMax: number,
  t0: number,
  span: number,
  maxRun: number,
  minShift: number,
  year: number,
  unit: number,
): boolean {
  const s = jointScan(futureTs, from, to, 0, kMax, t0, span, maxRun);
  const bound = runBound(to - from, maxRun);
  if (!(s >= bound)) return false;
  const a = bestRun[0]!;
  const b = bestRun[1]!;
  let placebos = 0;
  for (let o = minShift; o <= year - minShift; o += unit)
    for (let sign = -1; sign <= 1; sign += 2) {
      const p = jointScan(futureTs, from, to, sign * o, kMax, t0, span, maxRun);
      if (p !== p) continue;
      if (p >= bound) return false;
      placebos++;
    }
  bestRun[0] = a;
  bestRun[1] = b;
  return placebos >= EVENT_MIN_PLACEBOS;
}

/**
 * The accepted run (bestRun, within futureTs[from, to)) grown by the neighbouring steps whose every
 * past year's aligned day is above the upper quartile (the former per-day test's run), up to maxRun
 * steps: the best run is the one the weakest year shows most clearly, and an event's edge day that
 * one year shows weakly falls out of it.
 */
function extendRun(futureTs: readonly number[], from: number, to: number, kMax: number, t0: number, maxRun: number): void {
  const q3 = 0.5 * 1.349;
  const high = (j: number) => {
    let years = 0;
    for (let k = 1; k <= kMax; k++) {
      const v = stepScore[futureTs[j]! - t0 - yearLag[k]!]!;
      if (v !== v) continue;
      if (!(v > q3)) return false;
      years++;
    }
    return years >= EVENT_MIN_YEARS;
  };
  let a = from + bestRun[0]!;
  let b = from + bestRun[1]!;
  while (b - a < maxRun) {
    if (a > from && high(a - 1)) a--;
    else if (b < to && high(b)) b++;
    else break;
  }
  bestRun[0] = a - from;
  bestRun[1] = b - from;
}

/** The z a run's weakest year must reach in a block of B steps with runs of ≤ maxRun: 1 − EVENT_ALPHA / (runs) normal quantile. */
function runBound(B: number, maxRun: number): number {
  let runs = 0;
  for (let a = 0; a < B; a++) runs += Math.min(maxRun, B - a);
  return runs > 0 ? normalQuantile(1 - EVENT_ALPHA / runs) : Infinity;
}

/**
 * The uplift of an accepted run futureTs[a, b) (past years 1..kMax at yearLag): per year the log of
 * (Σ sales + ½) / (Σ robust fit + ½) over the run's open aligned days, their mean m shrunk towards
 * 0 by the years' disagreement (weight m²/(m² + s²/K)); exp of it, 1 when m ≤ 0.
 */
function runUplift(x: readonly number[], futureTs: readonly number[], a: number, b: number, kMax: number, t0: number): number {
  const N = x.length;
  const level = scratch.subarray(N, 2 * N);
  let K = 0;
  let sl = 0;
  let sl2 = 0;
  for (let k = 1; k <= kMax; k++) {
    let sx = 0;
    let sf = 0;
    let n = 0;
    for (let j = a; j < b; j++) {
      const i = stepPos[futureTs[j]! - t0 - yearLag[k]!]!;
      if (i < 0) continue;
      sx += x[i]!;
      sf += level[blocks[i]!]! * weekdayIndex[weekdays[i]!]!;
      n++;
    }
    if (n === 0) continue;
    const l = Math.log((sx + 0.5) / (sf + 0.5));
    sl += l;
    sl2 += l * l;
    K++;
  }
  if (K === 0) return 1;
  const m = sl / K;
  if (!(m > 0)) return 1;
  const s2 = K > 1 ? Math.max(0, (sl2 - K * m * m) / (K - 1)) : m * m;
  return Math.exp(((m * m) / (m * m + s2 / K)) * m);
}

/**
 * Events on MOVING dates (issue 17): Easter and its feasts, Mother's and Father's Day, Black Friday
 * (movingDates.ts MOVING_ANCHORS) move from one date to another each year, so recurringEvents'
 * same-date alignment misses them and they are taken out of the fit as one-off promotions. With a
 * real calendar (`startDay`: the UTC day of step 0), the past years are aligned on each anchor
 * instead: a horizon step d days from this year's anchor has as its aligned day k years back the
 * day d days from that year's anchor (a whole number of weeks from the step: every anchor falls on
 * a fixed weekday). The evidence is recurringEvents' own joint test (testBlock) on the anchor's
 * window within the horizon: the weakest year's z of the best run of the window beyond the
 * Bonferroni bound over the window's runs, and at no placebo — the anchor shifted by whole weeks
 * beyond its window and the longest event, up to as far before next year's: random promotions
 * line up with a shifted anchor as often as with the anchor itself. The uplift is the
 * run's (runUplift). Steps recurringEvents gave an uplift keep it (the same-date path is
 * unchanged). Daily series only.
 *
 * An anchor's event takes precedence over a same-date event built on the same past days (Mother's
 * Days a day apart in the calendar also line up by date: the date forecasts them on the wrong
 * days): those same-date steps go back to 1.
 *
 * Writes the uplifts into `uplift` (steps still at 1 only); returns how many steps got one; the
 * index in MOVING_ANCHORS of the first anchor that gave one in `found[0]` (−1: none), and how many
 * of recurringEvents' steps it set back to 1 in `found[1]`.
 * Call right after findOutliers(x, ts, true) (and recurringEvents, if at all).
 */
export function movingEvents(
  x: readonly number[],
  ts: readonly number[],
  futureTs: readonly number[],
  startDay: number,
  uplift: Float64Array,
  found: Int32Array,
): number {
  found[0] = -1;
  found[1] = 0;
  const N = x.length;
  if (!lastFit.valid || lastFit.N !== N || N === 0 || futureTs.length === 0 || !Number.isFinite(startDay)) return 0;
  const t0 = ts[0]!;
  const span = ts[N - 1]! + 1 - t0;
  const H = futureTs.length;
  const stepOf = (day: number) => Math.round((day - startDay) / DAY_MS);
  const y0 = new Date(startDay + futureTs[0]! * DAY_MS).getUTCFullYear();
  const y1 = new Date(startDay + futureTs[H - 1]! * DAY_MS).getUTCFullYear();
  let days = 0;
  let sameDate: Uint8Array | null = null;
  for (let a = 0; a < MOVING_ANCHORS.length; a++) {
    const anchor = MOVING_ANCHORS[a]!;
    const window = anchor.before + anchor.after + 1;
    for (let Y = y0; Y <= y1; Y++) {
      const tA = stepOf(anchorDay(a, Y));
      const from = lowerBound(futureTs, tA - anchor.before);
      const to = lowerBound(futureTs, tA + anchor.after + 1);
      if (from >= to) continue;
      // The past years whose window the history reaches.
      let kMax = 0;
      for (let k = 1; k < yearLag.length; k++) {
        const lag = tA - stepOf(anchorDay(a, Y - k));
        if (futureTs[from]! - lag < t0) break;
        yearLag[k] = lag;
        kMax = k;
      }
      if (kMax < EVENT_MIN_YEARS) continue;
      stepTable(ts, scratch.subarray(2 * N, 3 * N), N, t0, span);
      if (!sameDate) {
        // The steps recurringEvents gave an uplift, before any anchor's.
        sameDate = new Uint8Array(H);
        for (let j = 0; j < H; j++) sameDate[j] = uplift[j] === 1 ? 0 : 1;
      }
      const minShift = 7 * (Math.ceil(window / 7) + EVENT_GAP);
      if (!testBlock(futureTs, from, to, kMax, t0, span, Math.min(window, 7 * EVENT_GAP), minShift, 365.25, 7)) continue;
      extendRun(futureTs, from, to, kMax, t0, Math.min(window, 7 * EVENT_GAP));
      const jLo = from + bestRun[0]!;
      const jHi = from + bestRun[1]! - 1;
      const u = runUplift(x, futureTs, jLo, jHi + 1, kMax, t0);
      if (!(u > 1)) continue;
      // The past occurrences this anchor explains, per year: [jLo, jHi] steps. A same-date event
      // built on them (two Mother's Days a day apart in the calendar line up by date too) would
      // forecast them on the wrong dates: the anchor aligns them exactly, the date only nearly.
      // Same-date runs (consecutive steps with an uplift) one of whose steps lies on those days in
      // a past year are dropped whole.
      for (let j = 0; j < H;) {
        if (!sameDate[j] || uplift[j] === 1) {
          j++;
          continue;
        }
        let e = j;
        let explained = false;
        for (; e < H && sameDate[e] && uplift[e] !== 1; e++)
          for (let k = 1; k < yearLag.length && !explained; k++) {
            const v = futureTs[e]! + Math.round(-k * 365.25);
            if (v < t0) break;
            for (let q = 1; q <= kMax && !explained; q++)
              if (v >= futureTs[jLo]! - yearLag[q]! && v <= futureTs[jHi]! - yearLag[q]!) explained = true;
          }
        if (explained)
          for (let d = j; d < e; d++) {
            uplift[d] = 1;
            found[1]!++;
          }
        j = e;
      }
      for (let j = jLo; j <= jHi; j++)
        if (uplift[j] === 1) {
          uplift[j] = u;
          days++;
          if (found[0]! < 0) found[0] = a;
        }
    }
  }
  return days;
}

/** The first index of the ascending ts whose step is ≥ t. */
function lowerBound(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
