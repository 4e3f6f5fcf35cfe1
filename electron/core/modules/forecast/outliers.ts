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
 * Recurring events (issue 17): a stretch far above the robust fit on the same date every year (a
 * fair, a local holiday, a season opening) is part of the base demand, not a promotion at a random
 * date — but a 3–10-day event is beyond the yearly Fourier terms, and findOutliers takes it out of
 * the fit. The test, on findOutliers' own residuals (no second fit), per horizon step t and past
 * year k = 1..K (K ≥ 2 years covered by the history): the aligned day is t − k·365.25 days
 * (weekly: k·52.18 weeks), rounded — a calendar date's step k years back to within a day (a
 * shift of ±1 per year chosen to align the most excess followed the noise and the closed days,
 * splitting events: fewer found, more false ones). A closed aligned day (the date fell on
 * another weekday) is missing, not a break. A run of
 * consecutive horizon steps whose every aligned day is above the upper quartile is an event when,
 * in EACH past year, its days' mean residual is beyond Tukey's inner fence (q3 + 1.5 IQR: the
 * recurrence itself is the evidence, a lower bar than a lone outlier's 3 IQR) and one of its days
 * was flagged (beyond q3 + 3 IQR). And the alignment must be the yearly one: the same test at
 * placebo lags (the years' positions moved by whole weeks, beyond the block and the longest
 * event) must find nothing, else the series' highs line up by chance (a series full of
 * promotions) and the block keeps no event. A step of an event run is forecast with an uplift:
 * the geometric mean of the K years' ratios to the robust fit, shrunk towards 1 by their
 * disagreement (log scale, weight m²/(m² + s²/K), m the mean log ratio and s² their variance).
 *
 * bench:forecast-promotions -- --compare events (3 seeds × 200 series, paired per series, without
 * − with; these sets' events recur at exactly round(t − k·year), as here: a real calendar's date
 * is within a day of it): yearly-event sets daily scaled pinball 0.602 → 0.587 (+0.0157 ± 0.0035;
 * the horizons holding the event 0.729 → 0.697, +0.032 ± 0.007, Σmean/Σμ 0.817 → 0.837, 28-day
 * totals above P90 44.6 → 39.9 %), weekly 0.562 → 0.534 (+0.0275 ± 0.0040; event horizons
 * 0.636 → 0.582, totals above P90 18.6 → 13.1 %). False events: forecast on 0.7 % of the daily
 * promotion set's series (−0.0009 ± 0.0005: four series), 0.2 % of the weekly one's (−0.0000),
 * none of the slow-mover and the two control sets' (identical). Most events still go unseen
 * (found on 10 % of the daily horizons that hold one, 30 % of the weekly): a ×1.5–2 event on
 * overdispersed days is rarely beyond the fence in every past year.
 */
/** Residual bound (interquartile ranges beyond q3) of a recurring event's day in every past year. */
export const EVENT_IQR = 1.5;
/** Horizon blocks tested at once against their placebos: weeks of a daily series, steps of a weekly one. */
export const EVENT_BLOCK = 4;
export const EVENT_BLOCK_WEEKS = 13;
/** The longest event, in weeks: placebos lie this far beyond the block. */
export const EVENT_GAP = 2;
/** Placebo positions per block (half before, half after the yearly lag). */
export const EVENT_PLACEBOS = 8;
/** Fewer past years covering the step than this: a single coincidence, not a recurrence. */
export const EVENT_MIN_YEARS = 2;

// What the last findOutliers call computed that recurringEvents reads (its scratch arrays hold the
// residuals, the level per block, each day's block and weekday until the next call).
// q3 and iqr made doubles from the start (see `outliers` below: a field first holding a small
// integer changes shape at its first fraction and deoptimises its readers).
const lastFit = { valid: false, N: 0, q3: 0.5, iqr: 0.5 };
/** findOutliers calls so far, and the one whose residuals stepPos/stepRes hold. */
let fitCount = 0;
let tableFit = -1;
let stepPos = new Int32Array(0);
let stepRes = new Float64Array(0);
const yearLag = new Int32Array(16);
const yearSums = new Float64Array(16);
const yearDays = new Int32Array(16);
// Per step of a run: mean log ratio, years seen, their variance (a run is at most one block).
let runMean = new Float64Array(512);
let runVar = new Float64Array(512);
let runYears = new Int32Array(512);

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
  const tEnd = ts[N - 1]! + 1;
  const kMax = Math.min(yearSums.length - 1, Math.floor((futureTs[futureTs.length - 1]! - t0) / year));
  if (kMax < EVENT_MIN_YEARS) return 0;
  // An event needs a flagged day among the horizon's aligned days: none (most series, their
  // promotions elsewhere in the year) and there is nothing to test — two short binary-searched
  // stretches of the residuals read, no table built.
  const r = scratch.subarray(2 * N, 3 * N);
  const flag = lastFit.q3 + OUTLIER_IQR * lastFit.iqr;
  const first = futureTs[0]!;
  const last = futureTs[futureTs.length - 1]!;
  let any = false;
  for (let k = 1; k <= kMax && !any; k++) {
    yearLag[k] = -Math.round(-k * year);
    for (let i = lowerBound(ts, first - yearLag[k]!), end = lowerBound(ts, last - yearLag[k]! + 1); i < end; i++)
      if (r[i]! > flag) {
        any = true;
        break;
      }
  }
  if (!any) return 0;
  const span = tEnd - t0;
  stepTable(ts, r, N, t0, span);
  // Step t's aligned day k years back: t − lag[k] (t − k·year rounded, t whole).
  for (let k = 1; k <= kMax; k++) yearLag[k] = -Math.round(-k * year);
  const fence = lastFit.q3 + EVENT_IQR * lastFit.iqr;
  const q3 = lastFit.q3;
  // The horizon in blocks (EVENT_BLOCK weeks of days, EVENT_BLOCK_WEEKS weeks), each tested first
  // at the yearly lag, then — only when an event was found — at its placebos: the same test with
  // the past years' positions moved by `offset` steps, a whole number of weeks (daily: the weekday
  // kept) beyond the block and the longest event (EVENT_GAP), so that a real event can only be
  // found at the yearly lag, and no closer than that to the next year's. Random promotions line up
  // at a placebo as often as at the yearly lag: a placebo passing says this block's highs line up
  // by chance, and the block keeps no event.
  const block = daily ? 7 * EVENT_BLOCK : EVENT_BLOCK_WEEKS;
  const step = block + (daily ? 7 : 1) * EVENT_GAP;
  let days = 0;
  for (let from = 0; from < futureTs.length;) {
    const first = futureTs[from]!;
    let to = from;
    while (to < futureTs.length && futureTs[to]! < first + block) to++;
    const found = scan(futureTs, from, to, 0, kMax, t0, span, q3, fence, flag, uplift);
    if (found > 0) {
      let chance = false;
      for (let p = 1; p <= EVENT_PLACEBOS / 2 && !chance && p * step <= year - step; p++)
        chance =
          scan(futureTs, from, to, -p * step, kMax, t0, span, q3, fence, flag, null) > 0 ||
          scan(futureTs, from, to, p * step, kMax, t0, span, q3, fence, flag, null) > 0;
      if (chance) for (let j = from; j < to; j++) uplift[j] = 1;
      else days += found;
    }
    from = to;
  }
  if (days === 0) return 0;
  return marksToUplift(x, futureTs, kMax, t0, uplift);
}

/**
 * Each step's open-day index and residual (closed: −1 and −∞, below every bound) over the history's
 * `span` steps from t0, built once per findOutliers call whoever asks first (recurringEvents,
 * movingEvents).
 */
function stepTable(ts: readonly number[], r: Float64Array, N: number, t0: number, span: number): void {
  if (tableFit === fitCount) return;
  tableFit = fitCount;
  if (stepPos.length < span) {
    stepPos = new Int32Array(span + 64);
    stepRes = new Float64Array(span + 64);
  }
  stepPos.fill(-1, 0, span);
  stepRes.fill(-Infinity, 0, span);
  for (let i = 0; i < N; i++) {
    stepPos[ts[i]! - t0] = i;
    stepRes[ts[i]! - t0] = r[i]!;
  }
}

/**
 * The uplift of each step marked 2 in `marks` (the steps of accepted event runs, their past years
 * at yearLag[1..kMax]), written over the mark (the others set to 1): the geometric mean of the
 * years' ratios to the robust fit, shrunk towards 1 by their disagreement. Returns how many steps
 * got an uplift above 1.
 */
function marksToUplift(x: readonly number[], futureTs: readonly number[], kMax: number, t0: number, uplift: Float64Array): number {
  const N = x.length;
  // The uplift of each event step: its years' log ratios to the robust fit (runMean/runYears/runVar
  // hold them for the marked steps, uplift[j] = 2 marks a step of an accepted run).
  const level = scratch.subarray(N, 2 * N);
  if (runMean.length < futureTs.length) {
    runMean = new Float64Array(futureTs.length);
    runVar = new Float64Array(futureTs.length);
    runYears = new Int32Array(futureTs.length);
  }
  let pooled = 0;
  let pooledDays = 0;
  for (let j = 0; j < futureTs.length; j++) {
    if (uplift[j] !== 2) continue;
    const t = futureTs[j]!;
    let K = 0;
    let sl = 0;
    let sl2 = 0;
    for (let k = 1; k <= kMax; k++) {
      const u = t - yearLag[k]! - t0;
      if (u < 0) break;
      const i = stepPos[u]!;
      if (i < 0) continue;
      const fit = level[blocks[i]!]! * weekdayIndex[weekdays[i]!]!;
      const l = fit > 0 && x[i]! > 0 ? Math.log(x[i]! / fit) : 0;
      sl += l;
      sl2 += l * l;
      K++;
    }
    const m = K ? sl / K : 0;
    runMean[j] = m;
    runYears[j] = K;
    runVar[j] = K > 1 ? Math.max(0, (sl2 - K * m * m) / (K - 1)) : 0;
    if (K > 1) {
      pooled += runVar[j]!;
      pooledDays++;
    }
  }
  // Shrunk towards 1 by the years' disagreement; a step seen in one year only (the date closed in
  // the others) takes the pooled variance of the steps seen in several (none: weight ½).
  let days = 0;
  for (let j = 0; j < futureTs.length; j++) {
    if (uplift[j] !== 2) continue;
    const m = runMean[j]!;
    const K = runYears[j]!;
    uplift[j] = 1;
    if (!(m > 0)) continue;
    const s2 = K > 1 ? runVar[j]! : pooledDays ? pooled / pooledDays : m * m;
    const w = (m * m) / (m * m + s2 / Math.max(1, K));
    uplift[j] = Math.exp(w * m);
    days++;
  }
  return days;
}

/**
 * Events on MOVING dates (issue 17): Easter and its feasts, Mother's and Father's Day, Black Friday
 * (movingDates.ts MOVING_ANCHORS) move from one date to another each year, so recurringEvents'
 * same-date alignment misses them and they are taken out of the fit as one-off promotions. With a
 * real calendar (`startDay`: the UTC day of step 0), the past years are aligned on each anchor
 * instead: a horizon step d days from this year's anchor has as its aligned day k years back the
 * day d days from that year's anchor (a whole number of weeks from the step: every anchor falls on
 * a fixed weekday). The evidence is recurringEvents' own, on the same residuals (scan): a run of
 * the anchor's window whose every past year is above the upper quartile, beyond the fence on
 * average and flagged somewhere, in each of ≥ EVENT_MIN_YEARS past years; the uplift the same
 * shrunk geometric mean. The chance check likewise reruns the test at the anchor shifted by whole
 * weeks beyond its window and the longest event (± ANCHOR_PLACEBOS / 2 shifts: ±4, 8, 12, 16
 * weeks for the anchors' 8–11-day windows): random promotions
 * line up with a shifted anchor as often as with the anchor itself, and when any shifted one
 * "finds" an event, the anchor keeps none. Steps recurringEvents gave an uplift keep it (the
 * same-date path is unchanged). Nothing is built (no step table) unless a flagged day lies on an
 * aligned day of an anchor window that meets the horizon. Daily series only.
 *
 * An anchor's event takes precedence over a same-date event built on the same past days (Mother's
 * Days a day apart in the calendar also line up by date: the date forecasts them on the wrong
 * days): those same-date steps go back to 1.
 *
 * bench:forecast-promotions -- --compare moving (3 seeds × 200 series, paired per series, off − on;
 * the daily sets now carry real dates): the moving-date set (an event ×1.5–3 on the 1–5 days before
 * Easter, Mother's Day, Father's Day or Black Friday, in the horizon half of the time) scaled
 * pinball 0.553 → 0.544 (+0.0087 ± 0.0031), its horizons holding the event 0.634 → 0.615
 * (+0.019 ± 0.007; Σmean/Σμ 0.906 → 0.917, 28-day totals above P90 28.5 → 25.3 %). Found on 7.9 %
 * of those horizons: on days with gamma-distributed demand (size 2–40) an event is rarely flagged
 * in every past year (the same limit as recurringEvents'). Chance: it fired on 2 of the 2,400 daily
 * series without a moving event (the same-date event set, −0.0010 ± 0.0009), on none of the
 * promotion, slow-mover and clean sets (identical), none of the moving set's 323 horizons without
 * the event; the weekly sets have no calendar (identical). Catalog bench ledger (3,000 products,
 * origins 7 Dec, 20 Nov, 20 May 2026): never fired; cost within the timing noise.
 *
 * Writes the uplifts into `uplift` (steps still at 1 only); returns how many steps got one; the
 * index in MOVING_ANCHORS of the first anchor that gave one in `found[0]` (−1: none), and how many
 * of recurringEvents' steps it set back to 1 in `found[1]`.
 * Call right after findOutliers(x, ts, true) (and recurringEvents, if at all).
 */
export const ANCHOR_PLACEBOS = 8;

let moveMarks = new Float64Array(0);

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
  const r = scratch.subarray(2 * N, 3 * N);
  const flag = lastFit.q3 + OUTLIER_IQR * lastFit.iqr;
  const fence = lastFit.q3 + EVENT_IQR * lastFit.iqr;
  const q3 = lastFit.q3;
  const H = futureTs.length;
  const stepOf = (day: number) => Math.round((day - startDay) / DAY_MS);
  const y0 = new Date(startDay + futureTs[0]! * DAY_MS).getUTCFullYear();
  const y1 = new Date(startDay + futureTs[H - 1]! * DAY_MS).getUTCFullYear();
  let days = 0;
  let sameDate: Uint8Array | null = null;
  for (let a = 0; a < MOVING_ANCHORS.length; a++) {
    const anchor = MOVING_ANCHORS[a]!;
    for (let Y = y0; Y <= y1; Y++) {
      const tA = stepOf(anchorDay(a, Y));
      const from = lowerBound(futureTs, tA - anchor.before);
      const to = lowerBound(futureTs, tA + anchor.after + 1);
      if (from >= to) continue;
      // The past years whose window the history reaches, and whether a flagged day lies on one of
      // the aligned days of the horizon's steps in the window.
      let kMax = 0;
      let any = false;
      for (let k = 1; k < yearLag.length; k++) {
        const lag = tA - stepOf(anchorDay(a, Y - k));
        if (futureTs[to - 1]! - lag < t0) break;
        yearLag[k] = lag;
        kMax = k;
        if (!any)
          for (let i = lowerBound(ts, futureTs[from]! - lag), end = lowerBound(ts, futureTs[to - 1]! - lag + 1); i < end; i++)
            if (r[i]! > flag) {
              any = true;
              break;
            }
      }
      if (kMax < EVENT_MIN_YEARS || !any) continue;
      stepTable(ts, r, N, t0, span);
      if (!sameDate) {
        // The steps recurringEvents gave an uplift, before any anchor's.
        sameDate = new Uint8Array(H);
        for (let j = 0; j < H; j++) sameDate[j] = uplift[j] === 1 ? 0 : 1;
      }
      if (moveMarks.length < H) moveMarks = new Float64Array(H);
      const marks = moveMarks;
      marks.fill(1, 0, H);
      if (scan(futureTs, from, to, 0, kMax, t0, span, q3, fence, flag, marks) === 0) continue;
      // Placebos: the anchor shifted by whole weeks beyond its window and the longest event.
      const shift = 7 * (Math.ceil((anchor.before + anchor.after + 1) / 7) + EVENT_GAP);
      let chance = false;
      for (let p = 1; p <= ANCHOR_PLACEBOS / 2 && !chance; p++)
        chance =
          scan(futureTs, from, to, -p * shift, kMax, t0, span, q3, fence, flag, null) > 0 ||
          scan(futureTs, from, to, p * shift, kMax, t0, span, q3, fence, flag, null) > 0;
      if (chance) continue;
      if (marksToUplift(x, futureTs, kMax, t0, marks) === 0) continue;
      // The past occurrences this anchor explains, per year: [lo, hi] steps. A same-date event
      // built on them (two Mother's Days a day apart in the calendar line up by date too) would
      // forecast them on the wrong dates: the anchor aligns them exactly, the date only nearly.
      let jLo = -1;
      let jHi = -1;
      for (let j = from; j < to; j++)
        if (marks[j]! !== 1) {
          if (jLo < 0) jLo = j;
          jHi = j;
        }
      if (jLo < 0) continue;
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
      for (let j = from; j < to; j++)
        if (marks[j]! !== 1 && uplift[j] === 1) {
          uplift[j] = marks[j]!;
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

/**
 * The recurring-event test of recurringEvents on horizon steps futureTs[from, to) with the past
 * years' positions moved by `offset` steps (0: the yearly lag itself): runs of consecutive steps
 * whose every past year's aligned day is above the upper quartile (a closed aligned day — the date
 * fell on another weekday — is missing, not a break), kept when in every past year the run's days'
 * mean residual is beyond the fence and one of its days is flagged. Returns how many steps it
 * keeps (with `uplift`: sets theirs to 2; without, stops at the first).
 */
function scan(
  futureTs: readonly number[],
  from: number,
  to: number,
  offset: number,
  kMax: number,
  t0: number,
  span: number,
  q3: number,
  fence: number,
  flag: number,
  uplift: Float64Array | null,
): number {
  let days = 0;
  let j = from;
  while (j < to) {
    let e = j;
    let flagged = false;
    let years = -1;
    for (let k = 1; k <= kMax; k++) {
      yearSums[k] = 0;
      yearDays[k] = 0;
    }
    for (; e < to; e++) {
      const t = futureTs[e]! + offset - t0;
      let K = 0;
      let ok = true;
      let fl = false;
      for (let k = 1; k <= kMax; k++) {
        const u = t - yearLag[k]!;
        if (u < 0) break;
        K++;
        if (u >= span) {
          ok = false;
          break;
        }
        const v = stepRes[u]!;
        if (v === -Infinity) continue;
        if (!(v > q3)) {
          ok = false;
          break;
        }
        if (v > flag) fl = true;
      }
      if (!ok || K < EVENT_MIN_YEARS || (years >= 0 && K !== years)) break;
      years = K;
      if (fl) flagged = true;
      for (let k = 1; k <= K; k++) {
        const v = stepRes[t - yearLag[k]!]!;
        if (v === -Infinity) continue;
        yearSums[k]! += v;
        yearDays[k]!++;
      }
    }
    if (e === j) {
      j++;
      continue;
    }
    // Every past year's occurrence beyond the fence on average over the run: one huge promotion
    // day beside an ordinary one is not a recurrence.
    let each = flagged;
    for (let k = 1; k <= years && each; k++) if (!(yearDays[k]! > 0 && yearSums[k]! / yearDays[k]! > fence)) each = false;
    if (each) {
      if (!uplift) return e - j;
      for (let d = j; d < e; d++) uplift[d] = 2;
      days += e - j;
    }
    j = e;
  }
  return days;
}
