import { classifyDemand } from './classify.js';
import { fitEts } from './ets.js';
import { fitTheta } from './theta.js';
import { fitCroston } from './croston.js';
import { fitTsb } from './tsb.js';
import { combine } from './combination.js';
import { fitSeasonalNaive } from './naive.js';
import { fitFourierSeason, type SeasonalCurve } from './fourier.js';
import { countQuantilePair, demandQuantilePair, OrderSizes } from './counts.js';
import { findOutliers, movingEvents, recurringEvents, type Outliers } from './outliers.js';
import { doubleArray, emptyDoubles, fitted, type DemandClass, type Fitted, type KindHint } from './types.js';

/** Days in a year, and weeks in a year for weekly data: the long season is not a whole number of steps. */
export const YEAR_DAYS = 365.25;
export const YEAR_WEEKS = YEAR_DAYS / 7;
/** Harmonics of the yearly season: 3 follow a peak of about a month without chasing noise. */
export const YEARLY_HARMONICS = 3;
/** A weekday closed on every week for this long is a closing day, not a run of bad luck (p < 1 %). */
export const CLOSED_DAY_P = 0.01;
/** Pseudo-observations pulling each weekday's index towards 1 (a handful of sales says little about Tuesdays). */
export const WEEKDAY_PRIOR = 8;
/** A richer seasonal configuration must cut the validation MAE by 3 % to be chosen (noise alone picks the richest often). */
export const CONFIG_MARGIN = 0.97;
/** The seasonal configuration is validated on forecasts at most this many weeks ahead. */
export const SELECTION_WEEKS = 8;
/**
 * Rolling origins of the choice backtests are taken every other day: the forecasts of two
 * neighbouring origins cover the same days but one, so every origin adds almost nothing.
 */
export const ORIGIN_STRIDE = 2;
/** Simplex budget per parameter for the daily path's ETS fits (the monthly path uses 60). */
export const DAILY_FIT_EFFORT = 30;
/**
 * Relative SSE tolerance of the daily fits: on the ~150-point window it resolves the
 * log-likelihood to n/2 · 1e-3 ≈ 0.08, far below what separates models or moves a forecast.
 */
export const DAILY_FIT_TOL = 1e-3;

export interface CalendarOptions {
  frequency: number;
  horizon: number;
  kind?: KindHint;
  /** Known closed days (public holidays), index 0 = the first history point; length ≥ n + horizon. */
  closed?: readonly boolean[];
  /**
   * Levels and rule of the day bands, for what-ifs (bench/forecast-bands.ts); the app and the
   * benchmarks keep the default: 0.1 / 0.9, mid-distribution quantiles of counts. `whole`: the
   * count's own whole-unit quantiles (the smallest k with F(k) ≥ p, as the lead-time totals).
   */
  dayBands?: { lo: number; hi: number; whole?: boolean };
  /**
   * Promotions and stock-outs in the history (outliers.ts) replaced for the fit and kept only as a
   * frequency in the bands; DEFAULT_OUTLIERS when not given (the other setting is for
   * bench/forecast-promotions.ts's comparison).
   */
  outliers?: boolean;
  /**
   * Recurring events (outliers.ts recurringEvents): a stretch far above the robust fit on the same
   * date in each past year forecast again at its next date; DEFAULT_EVENTS when not given (the
   * other setting is for bench/forecast-promotions.ts's comparison). Only with `outliers`.
   */
  events?: boolean;
  /**
   * The UTC day (ms, midnight) of the first history point, when the series has a real calendar
   * (catalog products; bench sets with dates): events on moving dates (Easter, Mother's Day, Black
   * Friday…, outliers.ts movingEvents) are then looked for. Without it, none.
   */
  startDay?: number;
  /**
   * Events on moving dates (outliers.ts movingEvents), with `startDay`: DEFAULT_MOVING_EVENTS when
   * not given (the other setting is for bench/forecast-promotions.ts's comparison). Only with `outliers`.
   */
  movingEvents?: boolean;
  /**
   * A level that reverts towards its long-run mean (historyReversion), level/trend models only:
   * DEFAULT_REVERSION when not given (the other setting is for comparisons and tests).
   */
  reversion?: boolean;
}

/**
 * Whether the calendar path forecasts recurring events (see CalendarOptions.events; the test and
 * its figures: outliers.ts recurringEvents). Needs two past years covering the horizon's dates:
 * online_retail_daily (one year), M3 and carparts are unchanged, bench:forecast-bands' synthetic
 * sets bit-identical. Looked for on every series with two past years, flagged highs or not (the
 * joint test needs none: a ×1.5 event is rarely flagged); bench:forecast-catalog's CPU within its
 * noise (4.19–4.33 s on 2 cores against 4.20–4.27 s before, load 7).
 */
export const DEFAULT_EVENTS = true;

/**
 * Whether the calendar path forecasts events on moving dates when the series has a calendar
 * (CalendarOptions.startDay; the test and its figures: outliers.ts movingEvents).
 */
export const DEFAULT_MOVING_EVENTS = true;

/**
 * Whether the calendar path pulls a level/trend forecast part-way back towards the series' long-run
 * mean when its own history says the level reverts (historyReversion: the out-of-sample slope of
 * the next L days' level on the smoothed level's deviation, Newey–West se, Stein-shrunk towards
 * "no reversion"), the day bands then reading the history's level spread in units. The slope is
 * 1 (nothing changes) on a random walk or a trend, and the intermittent models never see it.
 * Figures: bench/forecast-r.ts's header (bar1, the log-level AR(1) set: scaled pinball 0.518 → 0.511;
 * online_retail_daily, M3, carparts bit-identical). Cost ≈ 25 µs a level/trend series; catalog bench
 * (10,000 × 730, daily run) CPU 8.33 → 8.53 s, 3 runs each interleaved under load 7–8.
 */
export const DEFAULT_REVERSION = true;

/**
 * Whether the calendar path treats promotions and stock-outs in the history (outliers.ts). On
 * bench:forecast-promotions' known-truth sets (3 seeds × 200 series, hold-outs never used to choose
 * anything; paired per series, off − on): daily consumables with promotions and stock-outs scaled
 * pinball 0.503 → 0.490 (+0.013 ± 0.005), weekly (52.18-week year) 0.515 → 0.497 (+0.019 ± 0.007)
 * with coverage80 0.839 → 0.802 (the bands were too wide) and the forecast one year after a
 * promotion 1.22 → 1.13 of the true base demand; the same sets without promotions ±0.001.
 * online_retail_daily (296 of 300 intermittent), M3 and carparts unchanged. Cost ≈ 21–25 µs per
 * 730-day daily series (5–6 % of its calendar fit alone).
 */
export const DEFAULT_OUTLIERS = true;

/**
 * The law each day's bands are read from, for diagnostics (bench/forecast-bands.ts,
 * bandDiagnostics.ts): a day with mean μ and seasonal factor k is an order-size day when
 * `orders` covers μ (orders.dayQuantile), else negative binomial (counts) or gamma with variance
 * dayVariance(μ, k) + level·μ². References to what the forecast built anyway: nothing is computed for it.
 */
export interface DayLaw {
  counts: boolean;
  level: number;
  orders: OrderSizes | null;
  dayVariance: (mu: number, k: number) => number;
  /** Seasonal factor of each horizon day (1 on closed days). */
  factor: readonly number[];
  /** The chosen model's rolling-origin forecasts over the fit window (open days), the window's days and its factor at window index i. */
  backtest: Backtest;
  window: readonly number[];
  windowFactor: (i: number) => number;
}

export interface TotalBands {
  /**
   * Quantiles of the total demand over days [0, d + 1), for d = 0..horizon − 1. p50: the expected
   * total — the daily means summed, times the backtest's bias ratio (leadTimeErrors; 1 for a model
   * whose past totals were not clearly biased). p10/p90: whole units when the series is counts
   * (the smallest k with F(k) ≥ p of the total's law), continuous otherwise.
   */
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface CalendarForecast {
  model: string;
  kind: DemandClass;
  params: Record<string, number>;
  /** Expected demand per step (0 on closed days). */
  mean: number[];
  p10: number[];
  /** The mean again: the P50 is the point forecast, as the rest of the app reads it. */
  p50: number[];
  p90: number[];
  total: TotalBands;
  /** Steps recognised as closed (weekday never open, or a known holiday), history and horizon. */
  closedWeekdays: number[];
  backtestMae: number;
  backtestBias: number;
  law: DayLaw;
}

/**
 * Weekdays (t mod 7, t counted from the first history point) on which the series never sold
 * although, at the rate it sells on the other weekdays, going unsold on every one of them would
 * have had less than CLOSED_DAY_P chance: the shop is closed then. At most three per week.
 */
export function detectClosedWeekdays(y: readonly number[], known?: readonly boolean[]): number[] {
  const first = y.findIndex((v) => v > 0);
  if (first < 0) return [];
  const days = new Array<number>(7).fill(0);
  const sold = new Array<number>(7).fill(0);
  for (let t = first; t < y.length; t++) {
    if (known?.[t]) continue;
    days[t % 7]!++;
    if (y[t]! > 0) sold[t % 7]!++;
  }
  const closed: number[] = [];
  for (let k = 0; k < 7; k++) {
    if (sold[k]! > 0 || days[k]! < 4) continue;
    let oDays = 0;
    let oSold = 0;
    for (let j = 0; j < 7; j++)
      if (sold[j]! > 0) {
        oDays += days[j]!;
        oSold += sold[j]!;
      }
    const rate = oDays ? oSold / oDays : 0;
    if (rate > 0 && (1 - rate) ** days[k]! < CLOSED_DAY_P) closed.push(k);
  }
  return closed.length <= 3 ? closed : [];
}

/**
 * Multiplicative weekday indices over open days (mean 1 over the open days), shrunk towards 1 by
 * WEEKDAY_PRIOR pseudo-days at the overall mean. Index k applies to t with t % 7 === k.
 */
export function weekdayProfile(ts: readonly number[], x: readonly number[], from: number, to: number): number[] {
  const sum = new Array<number>(7).fill(0);
  const cnt = new Array<number>(7).fill(0);
  let total = 0;
  for (let i = from; i < to; i++) {
    sum[ts[i]! % 7]! += x[i]!;
    cnt[ts[i]! % 7]!++;
    total += x[i]!;
  }
  const n = to - from;
  const mean = n ? total / n : 0;
  if (!(mean > 0)) return new Array<number>(7).fill(1);
  // Plain loops into unboxed doubles (types.ts doubleArray): a map's result was a holey array
  // beside packed ones elsewhere, and the code using it deoptimised on the other kind.
  const raw = emptyDoubles();
  for (let k = 0; k < 7; k++) raw.push(cnt[k]! ? (sum[k]! + WEEKDAY_PRIOR * mean) / ((cnt[k]! + WEEKDAY_PRIOR) * mean) : 1);
  let avg = 0;
  for (let k = 0; k < 7; k++) avg += raw[k]! * cnt[k]!;
  avg /= n;
  const out = emptyDoubles();
  for (let k = 0; k < 7; k++) out.push(Math.max(0.05, raw[k]! / avg));
  return out;
}

interface Config {
  weekday: boolean;
  yearly: boolean;
}
interface Factors {
  at(t: number): number;
  /** at(t) for t ≥ first, tabulated (null: no seasonal factor, at(t) = 1); direct(t) computes it before. */
  table: Float64Array | null;
  first: number;
  direct: (t: number) => number;
  weekday: number[] | null;
  yearly: SeasonalCurve | null;
}

/** The factors of one configuration, tabulated for steps [first, steps) (the fit window and the horizon). */
function factorsFor(
  c: Config,
  ts: readonly number[],
  x: readonly number[],
  to: number,
  daily: boolean,
  steps: number,
  first: number,
): Factors {
  const from = Math.max(0, to - (daily ? 365 : 52));
  const weekday = c.weekday ? weekdayProfile(ts, x, from, to) : null;
  let yearly: SeasonalCurve | null = null;
  if (c.yearly && daily) {
    // A yearly season with 3 harmonics is smooth at the scale of a week: fit it on weekly means of
    // the weekday-adjusted days (7× fewer rows, and a week's mean is far less noisy than a day).
    const wt: number[] = [];
    const wz: number[] = [];
    let week = -1;
    let st = 0;
    let sz = 0;
    let k = 0;
    for (let i = 0; i <= to; i++) {
      const w = i < to ? Math.floor(ts[i]! / 7) : -2;
      if (w !== week) {
        if (k > 0) {
          wt.push(st / k);
          wz.push(sz / k);
        }
        week = w;
        st = 0;
        sz = 0;
        k = 0;
      }
      if (i < to) {
        st += ts[i]!;
        sz += weekday ? x[i]! / weekday[ts[i]! % 7]! : x[i]!;
        k++;
      }
    }
    yearly = fitFourierSeason(wt, wz, YEAR_DAYS, YEARLY_HARMONICS);
  } else if (c.yearly) yearly = fitFourierSeason(ts.slice(0, to), x.slice(0, to), YEAR_WEEKS, YEARLY_HARMONICS);
  if (!weekday && !yearly) return { weekday, yearly, at: () => 1, table: null, first, direct: () => 1 };
  const direct = (t: number) => (weekday ? weekday[t % 7]! : 1) * (yearly ? yearly.factor(t) : 1);
  const table = new Float64Array(steps - first);
  for (let t = first; t < steps; t++) table[t - first] = direct(t);
  return { weekday, yearly, at: (t) => (t >= first ? table[t - first]! : direct(t)), table, first, direct };
}

/**
 * f.at(t), read from the factors' table here rather than through their closure: the same value, but
 * a call V8 can compile into the loops that fill the window's factors (through the closure, of three
 * kinds by configuration, each factor came back as a freshly allocated heap number).
 */
function factorAt(f: Factors, t: number): number {
  const table = f.table;
  return table === null ? 1 : t >= f.first ? table[t - f.first]! : f.direct(t);
}

/**
 * The factor of every position of a fit window (open days ts[lo..]) and then of the horizon's open
 * days, looked up once: the window's deseasonalised days, every model reseasoned on it (the
 * backtests forecast from every origin) and the lead-time errors' day variances all read it.
 */
function windowFactors(f: Factors, ts: readonly number[], lo: number, futureTs: readonly number[]): Float64Array {
  const w = ts.length - lo;
  const k = new Float64Array(w + futureTs.length);
  for (let i = 0; i < w; i++) k[i] = factorAt(f, ts[lo + i]!);
  for (let i = 0; i < futureTs.length; i++) k[w + i] = factorAt(f, futureTs[i]!);
  return k;
}

/** A base model on the deseasonalised open-day series, seen on the original scale: k from windowFactors. */
function reseasoned(base: Fitted, k: Float64Array): Fitted {
  // The base's forecast function taken once: reading it off objects of several shapes (ETS fits
  // carry more fields) in every call deoptimised this closure.
  const into = base.forecastInto;
  return fitted(base.model, base.params, base.minOrigin, (o, h, out, off) => {
    into(o, h, out, off);
    for (let i = 0; i < h; i++) out[off + i] = Math.max(0, out[off + i]!) * k[o + i]!;
  });
}

function baseModels(z: readonly number[], intermittent: boolean, cheap: boolean): Fitted[] {
  if (z.length < 4 || z.every((v) => v === z[0])) return [fitSeasonalNaive(z, 1)];
  if (intermittent) return cheap ? [fitCroston(z, 'sba')] : [fitCroston(z, 'sba'), fitTsb(z), fitCroston(z, 'croston')];
  const theta = fitTheta(z, 1);
  if (cheap) return [theta];
  // Daily noise makes the likelihood flat near its optimum: half the simplex budget finds it as well.
  // Initial states solved exactly per trial (concentrated out): the simplex searches 1 and 3 dimensions, not 2 and 5.
  const ses = fitEts(z, 1, { trend: 'N', season: 'N' }, DAILY_FIT_EFFORT, DAILY_FIT_TOL, true);
  const damped = fitEts(z, 1, { trend: 'Ad', season: 'N' }, DAILY_FIT_EFFORT, DAILY_FIT_TOL, true);
  return [ses, theta, damped];
}

/**
 * Rolling-origin forecasts in one flat buffer: row j is the forecast from origins[j] over steps[j]
 * ≤ h steps (as many as the data allow), stored at f[j·h …). No array or object per origin.
 */
export interface Backtest {
  h: number;
  origins: Int32Array;
  steps: Int32Array;
  f: Float64Array;
}

/**
 * Forecasts from every stride-th origin in [first, n) with the full horizon where data allow. A row
 * whose origin `known` (a backtest of the same fit over the same x and horizon) has already
 * forecast from is copied from it: forecasting from an origin is deterministic, so these are the
 * values the fit would give again.
 */
function backtest(fit: Fitted, x: readonly number[], h: number, first: number, stride = 1, known?: Backtest): Backtest {
  const start = Math.max(first, fit.minOrigin, 1);
  const rows = start < x.length ? Math.ceil((x.length - start) / stride) : 0;
  // The three arrays on one buffer (types.ts float64Views: one backing store, not three).
  const buffer = new ArrayBuffer(rows * h * 8 + rows * 8);
  const bt: Backtest = {
    h,
    origins: new Int32Array(buffer, rows * h * 8, rows),
    steps: new Int32Array(buffer, rows * h * 8 + rows * 4, rows),
    f: new Float64Array(buffer, 0, rows * h),
  };
  const k0 = known && known.h === h && known.origins.length ? known.origins[0]! : -1;
  const kStride = known && known.origins.length > 1 ? known.origins[1]! - k0 : 1;
  for (let j = 0, o = start; j < rows; j++, o += stride) {
    const s = Math.min(h, x.length - o);
    bt.origins[j] = o;
    bt.steps[j] = s;
    const jk = k0 >= 0 && o >= k0 && (o - k0) % kStride === 0 ? (o - k0) / kStride : -1;
    if (jk >= 0 && jk < known!.origins.length && known!.origins[jk] === o && known!.steps[jk] === s)
      for (let i = 0; i < s; i++) bt.f[j * h + i] = known!.f[jk * h + i]!;
    else fit.forecastInto(o, s, bt.f, j * h);
  }
  return bt;
}

function maeOf(bt: Backtest, x: readonly number[]): { mae: number; bias: number } {
  let s = 0;
  let b = 0;
  let c = 0;
  for (let j = 0; j < bt.origins.length; j++) {
    const o = bt.origins[j]!;
    const row = j * bt.h;
    for (let i = 0; i < bt.steps[j]!; i++) {
      const e = x[o + i]! - bt.f[row + i]!;
      s += Math.abs(e);
      b += e;
      c++;
    }
  }
  return c ? { mae: s / c, bias: b / c } : { mae: Infinity, bias: 0 };
}

/**
 * The equal-weight mean of two models whose forecasts are flat (SBA, TSB: one level for every step
 * ahead), as `combine` would give it — same name and parameters — but with the mean level
 * tabulated once per origin, so forecasting from it costs what one member's does (combine called
 * both members at every origin of the lead-time backtest).
 */
export function flatMean(a: Fitted, b: Fitted, n: number): Fitted {
  const level = new Float64Array(n + 1);
  const one = new Float64Array(1);
  const minOrigin = Math.max(a.minOrigin, b.minOrigin);
  for (let t = minOrigin; t <= n; t++) {
    a.forecastInto(t, 1, one, 0);
    const va = one[0]!;
    b.forecastInto(t, 1, one, 0);
    level[t] = (va + one[0]!) / 2;
  }
  const params: Record<string, number> = {};
  for (const m of [a, b]) for (const k of Object.keys(m.params)) params[`${m.model}.${k}`] = m.params[k]!;
  return fitted('combo', params, minOrigin, (t, h, out, off) => {
    out.fill(level[t]!, off, off + h);
  });
}

/** The equal-weight combination's backtest from its members' (same origins): their forecasts averaged. */
function averageBacktest(bts: readonly Backtest[]): Backtest | null {
  const a = bts[0]!;
  if (!bts.every((b) => b.h === a.h && b.origins.length === a.origins.length && b.origins.every((o, j) => o === a.origins[j]))) return null;
  const f = new Float64Array(a.f.length);
  for (const b of bts) for (let i = 0; i < f.length; i++) f[i]! += b.f[i]! / bts.length;
  return { h: a.h, origins: a.origins, steps: a.steps, f };
}

/**
 * Relative variance of the forecast level from estimating it: Σw² · (day variance / day mean²) at
 * the horizon's mean open day, Σw² = α/(2 − α) averaged over the smoothing parameters of the model
 * (a combination: its members'), never under 1/window. 0 when nothing is forecast.
 */
export function levelEstimateVariance(
  params: Record<string, number>,
  window: number,
  mean: readonly number[],
  dayVar: (mu: number) => number,
): number {
  const floor = 1 / Math.max(1, window);
  // A plain loop, same order and sums as a filter/map/reduce: an array of alphas that was sometimes
  // of small integers (an alpha of exactly 1) kept deoptimising the whole forecast it is inlined in.
  let swSum = 0;
  let swCount = 0;
  for (const k of Object.keys(params)) {
    const v = params[k]!;
    if ((k === 'alpha' || k.endsWith('.alpha')) && v > 0 && v < 2) {
      swSum += Math.max(v / (2 - v), floor);
      swCount++;
    }
  }
  const sw = swCount ? swSum / swCount : floor;
  let sum = 0;
  let open = 0;
  for (const v of mean)
    if (v > 0) {
      sum += v;
      open++;
    }
  if (open === 0) return 0;
  const mu = sum / open;
  return (sw * dayVar(mu)) / (mu * mu);
}

/** historyLevelShare's and historyReversion's working arrays, grown as needed and reused (one worker runs one series at a time). */
const reversionBuffers: Float64Array[] = [];
function reversionScratch(slot: number, length: number): Float64Array {
  const b = reversionBuffers[slot];
  if (b && b.length >= length) return b;
  return (reversionBuffers[slot] = new Float64Array(Math.max(length, 2 * (b?.length ?? 0))));
}

/** Prefix sums of a series' days and of their seasonal factors (px[i] = Σ x[0..i), pk likewise), in scratch slots 0 and 1. */
export interface DaySums {
  px: Float64Array;
  pk: Float64Array;
}
/** The prefix sums historyLevelShare and historyReversion both read: computed once when a fit calls both. */
export function daySums(x: readonly number[], k: ArrayLike<number>): DaySums {
  const N = x.length;
  const px = reversionScratch(0, N + 1);
  const pk = reversionScratch(1, N + 1);
  px[0] = 0;
  pk[0] = 0;
  for (let i = 0; i < N; i++) {
    px[i + 1] = px[i]! + x[i]!;
    pk[i + 1] = pk[i]! + k[i]!;
  }
  return { px, pk };
}

/**
 * Relative shared variance of L-day totals as a plain exponentially smoothed level (smoothing
 * alpha, day i's seasonal factor k[i]) forecasts them from rolling origins over the WHOLE history,
 * every ⌊L/6⌋ days after a burn-in: out of sample at every origin (the level saw only the days
 * before it), and over the whole record rather than the model's recent window, so a level that
 * wanders slower than that window is short (log-level AR(1), φ = 0.98: memory ~50 days, 3 in a
 * 150-day window) shows its full spread. Like leadTimeErrors, measured around the totals' own
 * ratio r = Σa/Σm (a smoothed level lags a trend; the chosen model may not):
 * Σ((a − r·m)² − r·v) / Σ(r·m)², v = Σ (c1·μ + c2·μ²) the independent day variances of the
 * level/trend path (NB: c1 = 1, c2 = 1/size; under-dispersed counts c1 = φ; non-counts c2 = the
 * relative variance). ≥ 0; 0 without a burn-in and two lead times of history. O(n): prefix sums.
 */
export function historyLevelShare(
  x: readonly number[],
  k: ArrayLike<number>,
  alpha: number,
  L: number,
  c1: number,
  c2: number,
  sums?: DaySums,
): number {
  const N = x.length;
  const burn = Math.max(L, Math.ceil(2 / Math.max(alpha, 1e-3)));
  if (!(alpha > 0 && alpha < 1) || L < 1 || N < burn + 2 * L) return 0;
  // Prefix sums of the days and the factors (daySums, shared with historyReversion), and of the squared factors.
  const { px, pk } = sums ?? daySums(x, k);
  const pk2 = reversionScratch(11, N + 1);
  pk2[0] = 0;
  for (let i = 0; i < N; i++) pk2[i + 1] = pk2[i]! + k[i]! * k[i]!;
  let level = 0;
  for (let i = 0; i < L; i++) level += x[i]! / k[i]!;
  level /= L;
  const stride = Math.max(1, Math.floor(L / 6));
  let sa = 0;
  let sm = 0;
  let saa = 0;
  let sam = 0;
  let smm = 0;
  let sv = 0;
  for (let o = burn, t = 0; o + L <= N; o += stride) {
    for (; t < o; t++) level += alpha * (x[t]! / k[t]! - level);
    const l = Math.max(0, level);
    const a = px[o + L]! - px[o]!;
    const m = l * (pk[o + L]! - pk[o]!);
    sa += a;
    sm += m;
    saa += a * a;
    sam += a * m;
    smm += m * m;
    sv += c1 * m + c2 * l * l * (pk2[o + L]! - pk2[o]!);
  }
  if (!(sa > 0 && sm > 0)) return 0;
  const r = sa / sm;
  // Σ(a − r·m)² − r·Σv over Σ(r·m)², from the running sums.
  const den = r * r * smm;
  return den > 0 ? Math.max(0, (saa - 2 * r * sam + r * r * smm - r * sv) / den) : 0;
}

/** What historyReversion measures: how far the level's deviations from the long-run mean persist over L days. */
export interface LevelReversion {
  /**
   * Out-of-sample slope of the L-day block's mean level on the smoothed level, both as deviations
   * from the mean of the days before the origin, shrunk towards 1 by its own noise (positive-part
   * Stein rule, as leadTimeErrors' ratio) and kept in [0, 1]: 1 = the deviations persist (no reversion).
   */
  slope: number;
  /** The Stein weight in [0, 1]: 0 = not engaged (slope 1), 1 = the measured slope taken whole. */
  weight: number;
  /** The long-run level: the mean of all N deseasonalised days. */
  mean: number;
  /**
   * Variance (squared deseasonalised units per day) of an L-day block's mean level around the
   * reverted forecast, out of sample over the whole history, less the independent day variances: ≥ 0.
   */
  levelVariance: number;
  /**
   * The largest deviation |d| the history showed: the slope is evidence only within that range, so
   * a deviation beyond it (a new level never seen before) keeps its excess whole.
   */
  largest: number;
  /** The raw slope and its standard error (diagnostics). */
  rawSlope: number;
  slopeSe: number;
}

const NO_REVERSION: LevelReversion = { slope: 1, weight: 0, mean: 0, levelVariance: 0, largest: 0, rawSlope: 1, slopeSe: 0 };

/**
 * Mean reversion of a wandering level, measured on the series' own WHOLE history out of sample
 * (the rolling origins of historyLevelShare: a level smoothed with alpha over the days before each
 * origin, every ⌊L/6⌋ days after a burn-in). At each origin o: d = l_o − M_o, the smoothed level's
 * deviation from M_o, the mean of the deseasonalised days before o (the long-run level then), and
 * e = A_o − M_o, the next L days' deseasonalised mean level's. The least-squares slope of e on d
 * through 0 is the share of today's deviation the next L days keep: ≈ 1 for a random walk or a
 * trend (the level does not come back), < 1 for a stationary level (log-level AR(1) φ = 0.98 over
 * 28 days: about 0.75 of a true deviation, less once the smoothed level's own noise dilutes it),
 * as the peers' stationary ARIMA pulls its forecast part-way back. Its standard error counts the
 * overlapping blocks once (× L/stride), and the slope is Stein-shrunk towards 1 (no evidence, no
 * change) and never above 1 (a slope > 1, a trend outrunning the smoothed level, is the models'
 * business). The level variance around the reverted forecast is in UNITS of the history's level,
 * not proportional to the current one: a level now far below its mean is as uncertain as the
 * history's spread says, not as its low current value would make it. O(n): prefix sums.
 * c1, c2: the independent day variance c1·μ + c2·μ² (as historyLevelShare).
 */
export function historyReversion(
  x: readonly number[],
  k: ArrayLike<number>,
  alpha: number,
  L: number,
  c1: number,
  c2: number,
  sums?: DaySums,
): LevelReversion {
  const N = x.length;
  const burn = Math.max(L, Math.ceil(2 / Math.max(alpha, 1e-3)));
  if (!(alpha > 0 && alpha < 1) || L < 1 || N < burn + 2 * L) return NO_REVERSION;
  // Prefix sums of the days and the factors (daySums: historyLevelShare's, when the caller passes
  // them) and of the deseasonalised days (Σk², for the level variance, only once the slope engages),
  // in scratch buffers reused series after series (a catalog run calls this 10,000 times: fresh
  // arrays each time were most of its cost).
  const { px, pk } = sums ?? daySums(x, k);
  const pz = reversionScratch(2, N + 1);
  pz[0] = 0;
  for (let i = 0; i < N; i++) pz[i + 1] = pz[i]! + x[i]! / k[i]!;
  let level = pz[L]! / L;
  const stride = Math.max(1, Math.floor(L / 6));
  const rows = Math.floor((N - L - burn) / stride) + 1;
  // Per origin: d, e, M_o, K = Σk over the block, and the slope's score (below).
  const D = reversionScratch(3, rows);
  const E = reversionScratch(4, rows);
  const Mo = reversionScratch(5, rows);
  const Ks = reversionScratch(6, rows);
  let n = 0;
  let sdd = 0;
  let sde = 0;
  let largest = 0;
  for (let o = burn, t = 0; o + L <= N && n < rows; o += stride, n++) {
    for (; t < o; t++) level += alpha * (pz[t + 1]! - pz[t]! - level);
    const K = pk[o + L]! - pk[o]!;
    const M = pz[o]! / o;
    const d = Math.max(0, level) - M;
    const e = (px[o + L]! - px[o]!) / K - M;
    D[n] = d;
    E[n] = e;
    Mo[n] = M;
    Ks[n] = K;
    sdd += d * d;
    sde += d * e;
    if (Math.abs(d) > largest) largest = Math.abs(d);
  }
  if (n < 3 || !(sdd > 0)) return NO_REVERSION;
  const raw = sde / sdd;
  // No reversion measured (a slope ≥ 1): nothing to weigh.
  if (raw >= 1) return { ...NO_REVERSION, rawSlope: raw };
  // Newey–West variance of the slope (Bartlett weights over m = L/stride lags: the blocks of
  // neighbouring origins overlap, their errors are correlated; counting them as independent would
  // understate it ~L/stride-fold, a plain L/stride inflation overstated it: on the AR(1) sets its rms
  // was 1.4× the slopes' own spread across series, which includes their true differences).
  const m = Math.ceil(L / stride);
  const U = reversionScratch(7, rows);
  let S = 0;
  for (let j = 0; j < n; j++) {
    U[j] = D[j]! * (E[j]! - raw * D[j]!);
    S += U[j]! * U[j]!;
  }
  for (let l = 1; l <= m && l < n; l++) {
    let c = 0;
    for (let j = 0; j + l < n; j++) c += U[j]! * U[j + l]!;
    S += 2 * (1 - l / (m + 1)) * c;
  }
  const se2 = (Math.max(0, S) * n) / (n - 1) / (sdd * sdd);
  const dev = raw - 1;
  // Positive-part Stein: 1 − se²/dev² estimates the shrinkage (1 − β)² / ((1 − β)² + se²) that
  // minimises the squared error of the applied slope; no weight when the slope is within one se of 1.
  const weight = dev < 0 && dev * dev > se2 ? 1 - se2 / (dev * dev) : 0;
  if (weight === 0) return { ...NO_REVERSION, rawSlope: raw, slopeSe: Math.sqrt(se2) };
  const slope = Math.max(0, 1 + weight * dev);
  const pk2 = reversionScratch(8, N + 1);
  pk2[0] = 0;
  for (let i = 0; i < N; i++) pk2[i + 1] = pk2[i]! + k[i]! * k[i]!;
  let sv = 0;
  for (let j = 0, o = burn; j < n; j++, o += stride) {
    const K = Ks[j]!;
    const f = Math.max(0, Mo[j]! + slope * D[j]!);
    sv += (E[j]! - slope * D[j]!) ** 2 - (c1 * f * K + c2 * f * f * (pk2[o + L]! - pk2[o]!)) / (K * K);
  }
  return { slope, weight, mean: pz[N]! / N, levelVariance: Math.max(0, sv / n), largest, rawSlope: raw, slopeSe: Math.sqrt(se2) };
}

/** What the rolling-origin h-step totals of a backtest say about the lead-time total's error. */
export interface LeadTimeErrors {
  /** Relative variance of the shared (level) error around the model's own total: Σ((a − m)² − v) / Σm², ≥ 0. */
  level: number;
  /** Multiplier of the model's total: the backtest's Σa / Σm over independent blocks, shrunk towards 1 by its noise. */
  ratio: number;
  /** The level share around the corrected centre ratio·m: Σ((a − ratio·m)² − ratio·v) / Σ(ratio·m)², ≥ 0. */
  centredLevel: number;
  /** Relative variance of that multiplier as an estimate (0 when it is left at 1). */
  ratioVariance: number;
  /** Non-overlapping h-step blocks among the full-horizon origins (the independent evidence behind the ratio). */
  blocks: number;
}

/**
 * The h-step totals a of every full-horizon origin of a backtest, against the model's totals m and
 * the sum v of the independent day variances (dayVar(origin, step, mean)).
 *
 * A real shop's level drifts (the business grows, a new line catches on, a season builds up) and a
 * level model (SES, Croston/SBA, TSB) follows it late: its totals then run below the actuals origin
 * after origin. The squared errors of those totals include the bias, so the old moment estimate of
 * the level share widened the band, but symmetrically around the low centre: on online_retail_daily
 * the backtest totals themselves were above their P90 23 % of the time and below P10 4 %. Here the
 * centre moves instead: r = Σa/Σm over non-overlapping blocks (counted back from the last origin),
 * its variance Σ(a − r·m)² / (B(B − 1) m̄²) (ratio estimator over B independent blocks), shrunk
 * towards 1 by the positive-part Stein rule w = max(0, 1 − se²/(r − 1)²) — a ratio within its
 * standard error of 1 is no evidence of bias, so unbiased models keep their centre. The level share
 * is then measured around the corrected centre, and the estimate's posterior variance w·se² added.
 */
export function leadTimeErrors(
  bt: Backtest,
  x: readonly number[],
  dayVar: (origin: number, step: number, mean: number) => number,
): LeadTimeErrors {
  const h = bt.h;
  let sm = 0;
  let sv = 0;
  let s2 = 0;
  let count = 0;
  const totals: number[] = [];
  const origins: number[] = [];
  for (let j = 0; j < bt.origins.length; j++) {
    if (bt.steps[j]! < h) continue;
    const o = bt.origins[j]!;
    let a = 0;
    let m = 0;
    let v = 0;
    for (let i = 0; i < h; i++) {
      const mu = Math.max(0, bt.f[j * h + i]!);
      a += x[o + i]!;
      m += mu;
      v += dayVar(o, i, mu);
    }
    totals.push(a, m, v);
    origins.push(o);
    sm += m;
    sv += v;
    s2 += m * m;
    count++;
  }
  if (count === 0 || !(sm > 0) || !(s2 > 0)) return { level: 0, ratio: 1, centredLevel: 0, ratioVariance: 0, blocks: 0 };
  let raw = 0;
  for (let k = 0; k < totals.length; k += 3) raw += (totals[k]! - totals[k + 1]!) ** 2;
  // Independent evidence: the totals of non-overlapping blocks, counted back from the last origin.
  let ba = 0;
  let bm = 0;
  let blocks = 0;
  let next = Infinity;
  const picked: number[] = [];
  for (let j = count - 1; j >= 0; j--) {
    const o = origins[j]!;
    if (o + h > next) continue;
    picked.push(j);
    next = o;
    ba += totals[3 * j]!;
    bm += totals[3 * j + 1]!;
    blocks++;
  }
  let ratio = 1;
  let se2 = 0;
  if (blocks >= 2 && bm > 0) {
    const r = ba / bm;
    let res = 0;
    for (const j of picked) res += (totals[3 * j]! - r * totals[3 * j + 1]!) ** 2;
    const mbar = bm / blocks;
    // Variance of the ratio estimator Σa/Σm over B independent blocks: Σ(a − r·m)² / (B(B − 1) m̄²).
    se2 = res / (blocks * (blocks - 1) * mbar * mbar);
    const d = r - 1;
    // Shrunk towards 1 by its own noise (positive-part Stein rule): a ratio within its standard error of 1 is no evidence of bias.
    const w = d * d > se2 ? 1 - se2 / (d * d) : 0;
    ratio = 1 + w * d;
    se2 *= w;
  }
  let centred = 0;
  for (let k = 0; k < totals.length; k += 3) centred += (totals[k]! - ratio * totals[k + 1]!) ** 2;
  const scaled = ratio * ratio * s2;
  return {
    level: Math.max(0, (raw - sv) / s2),
    ratio,
    centredLevel: scaled > 0 ? Math.max(0, (centred - ratio * sv) / scaled) : 0,
    ratioVariance: ratio > 0 ? se2 / (ratio * ratio) : 0,
    blocks,
  };
}

/**
 * Whether y sold on a day `closed` marks. This and allCounts are loops, not y.some / y.every with a
 * closure called for each of the 730 days: a worker's first few hundred fits (a first-ever run's
 * validation, every run's first batches) run before V8 has compiled the fit, and there each day
 * cost an interpreted call; compiled, both cost the same.
 */
function soldOnClosedDay(y: readonly number[], closed: readonly boolean[]): boolean {
  for (let t = 0; t < y.length; t++) if (closed[t] && y[t]! > 0) return true;
  return false;
}

/** Whether every day is a whole number of units, none negative (the count-shaped quantiles). */
function allCounts(y: readonly number[]): boolean {
  for (let t = 0; t < y.length; t++) if (!(Number.isInteger(y[t]) && y[t]! >= 0)) return false;
  return true;
}

/**
 * k flagged days of N as a share, divided only when k is not 0 (0/N is 0): as `k / N` in place, a
 * worker's first series with no day above the fit gave that division a whole result, V8 compiled an
 * integer division, and the next series' 3/730 sent forecastCalendarDoubles back to the interpreter
 * ('lost precision', --trace-deopt); one division for both shares also has its feedback early (most
 * series have days below the fit, few above). Flagged days lie beyond the quartiles: never all N.
 */
function flaggedShare(k: number, N: number): number {
  return k ? k / N : 0;
}

/**
 * The days a daily or weekly series is fitted on, and whether its exceptional days are set aside:
 * the first steps of forecastCalendarDoubles, shared with the product page (exceptionalDays.ts,
 * closedDays.ts), which must show the days the engine treated, not a second copy of its rules.
 * Public holidays (`closed`) count only when the series never sold on one; daily: weekdays it never
 * sells on are closed too (detectClosedWeekdays). The open history days are classified unless
 * `kindHint` says their class; promotions and dips are set aside (outliers.ts findOutliers) when
 * `outliers` and the demand is neither intermittent nor lumpy (their big orders are the order-size
 * law). `horizon`: open steps of the horizon too (futureTs). Loops, no closure per day (see
 * soldOnClosedDay); the result is always built by openDaysOf, one object shape.
 */
export interface OpenDays {
  /** The holiday mask the series keeps: undefined when none was given or it sold on a past holiday. */
  holidays: readonly boolean[] | undefined;
  /** Closed weekdays as t mod 7 (t counted from the first history point; daily only, else empty). */
  closedWeekdays: number[];
  /** The open history steps and their values (unboxed doubles). */
  ts: number[];
  x: number[];
  /** The open steps of the horizon (n … n + horizon − 1). */
  futureTs: number[];
  kind: DemandClass;
  /** Whether the fit sets the exceptional days aside (findOutliers on x, ts). */
  setsAside: boolean;
}

function openDaysOf(
  holidays: readonly boolean[] | undefined,
  closedWeekdays: number[],
  ts: number[],
  x: number[],
  futureTs: number[],
  kind: DemandClass,
  setsAside: boolean,
): OpenDays {
  return { holidays, closedWeekdays, ts, x, futureTs, kind, setsAside };
}

export function openDays(
  y: readonly number[],
  closed: readonly boolean[] | undefined,
  daily: boolean,
  horizon: number,
  kindHint: KindHint | undefined,
  outliers: boolean,
): OpenDays {
  const n = y.length;
  // A shop that sold on a past holiday opens on holidays: the calendar does not apply to it.
  const holidays = closed && !soldOnClosedDay(y, closed) ? closed : undefined;
  const closedWeekdays = daily ? detectClosedWeekdays(y, holidays) : [];
  const shut = new Array<boolean>(7).fill(false);
  for (const k of closedWeekdays) shut[k] = true;
  const ts: number[] = [];
  const x: number[] = emptyDoubles();
  for (let t = 0; t < n; t++)
    if (!((holidays?.[t] ?? false) || (daily && shut[t % 7]!))) {
      ts.push(t);
      x.push(y[t]!);
    }
  const futureTs: number[] = [];
  for (let t = n; t < n + horizon; t++) if (!((holidays?.[t] ?? false) || (daily && shut[t % 7]!))) futureTs.push(t);
  const kind: DemandClass = kindHint === undefined || kindHint === 'seasonal' ? (kindHint ? 'smooth' : classifyDemand(x).kind) : kindHint;
  const intermittent = kind === 'intermittent' || kind === 'lumpy';
  return openDaysOf(holidays, closedWeekdays, ts, x, futureTs, kind, outliers && !intermittent);
}

/**
 * Daily (frequency 7) and weekly (52/53) series: closed days found and set aside, the remaining
 * open days deseasonalised by a weekday profile and/or a yearly Fourier season — whichever of
 * {none, weekday, weekday + year} forecasts the series' own last weeks best from earlier data —
 * then the usual level/trend or intermittent models, chosen by rolling-origin MAE. Quantiles are
 * count-shaped (negative binomial around the mean, its dispersion from the same rolling errors),
 * and the totals over the first d days add the errors' shared part (a wrong level is wrong every
 * day), so lead-time demand keeps the autocorrelation of the errors; they are centred where the
 * model's own backtest totals say its totals land (leadTimeErrors), not only on the summed means.
 */
export function forecastCalendar(series: readonly number[], o: CalendarOptions): CalendarForecast {
  // Unboxed doubles whatever the values (types.ts doubleArray): every array the models below see
  // has one elements kind, so their compiled code is not thrown away series after series.
  return forecastCalendarDoubles(doubleArray(series), o);
}

/**
 * forecastCalendar of a series already copied into unboxed doubles by doubleArray (engine.ts's
 * forecastSeries makes that copy for its own checks): read only, never kept.
 */
export function forecastCalendarDoubles(y: readonly number[], options: CalendarOptions): CalendarForecast {
  // The options copied into one object shape whatever the caller built (a validation window's job
  // carries `kind`, a catalog product's does not): the reads below of an options object of two
  // shapes sent the optimised function back to the interpreter series after series (V8 "wrong map"
  // deopts at o.kind and o.dayBands, hundreds a worker when a first-ever run's validation forecasts
  // came before the catalog's).
  const o: CalendarOptions = {
    frequency: options.frequency,
    horizon: options.horizon,
    kind: options.kind,
    closed: options.closed,
    dayBands: options.dayBands,
    outliers: options.outliers,
    events: options.events,
    startDay: options.startDay,
    movingEvents: options.movingEvents,
    reversion: options.reversion,
  };
  const n = y.length;
  const H = o.horizon;
  const daily = o.frequency === 7;
  // Closed days out, the open days classified, whether promotions and dips are set aside: the
  // steps the product page reads again (openDays).
  const days = openDays(y, o.closed, daily, H, o.kind, o.outliers ?? DEFAULT_OUTLIERS);
  const { closedWeekdays, ts, futureTs, kind } = days;
  let x = days.x;
  const counts = allCounts(y);
  const intermittent = kind === 'intermittent' || kind === 'lumpy';
  // Promotions and stock-outs: out of the fit, their frequency kept for the bands (outliers.ts).
  // Intermittent demand's big orders are its order-size law, not promotions.
  let promo: Outliers | null = null;
  // Recurring events: their steps of the horizon and uplift (outliers.ts recurringEvents, read off
  // findOutliers' residuals: to be called right after it).
  let eventUplift: Float64Array | null = null;
  let eventDays = 0;
  // Events on moving dates (outliers.ts movingEvents): with a calendar, daily series only.
  let movingDays = 0;
  let movingAnchor = -1;
  if (days.setsAside) {
    promo = findOutliers(x, ts, daily);
    const events = o.events ?? DEFAULT_EVENTS;
    const moving = daily && o.startDay !== undefined && (o.movingEvents ?? DEFAULT_MOVING_EVENTS);
    if ((events || moving) && futureTs.length > 0) {
      eventUplift = new Float64Array(futureTs.length);
      if (events) eventDays = recurringEvents(x, ts, daily, futureTs, eventUplift);
      else eventUplift.fill(1);
      if (moving) {
        const found = new Int32Array(2);
        movingDays = movingEvents(x, ts, futureTs, o.startDay!, eventUplift, found);
        movingAnchor = found[0]!;
        eventDays -= found[1]!;
      }
      if (eventDays + movingDays === 0) eventUplift = null;
    }
    if (promo.high + promo.low > 0) x = promo.x as number[];
    else promo = null;
  }
  const N = x.length;
  const h = Math.max(1, futureTs.length);

  // 1. Which seasonal factors, by forecasting the last weeks from factors fitted before them. The
  // validation looks at most SELECTION_WEEKS ahead, so a long horizon (the yearly view) still
  // leaves a year of data before the validation weeks for the yearly season to be tried on.
  const configs: Config[] = [{ weekday: false, yearly: false }];
  if (daily) configs.push({ weekday: true, yearly: false });
  const span = N ? ts[N - 1]! - ts[0]! : 0;
  const yearSteps = daily ? YEAR_DAYS : YEAR_WEEKS;
  const hs = Math.min(h, SELECTION_WEEKS * (daily ? 7 : 1));
  if ((daily || o.frequency >= 52) && span >= yearSteps + 2 * Math.min(H, SELECTION_WEEKS * (daily ? 7 : 1)))
    configs.push({ weekday: daily, yearly: true });
  const V = Math.min(Math.max(hs, 28), Math.floor(N / 3));
  const selWindow = Math.max(150, 3 * hs);
  const window = Math.max(150, 3 * h);
  let config = configs[0]!;
  if (configs.length > 1 && V >= 7) {
    let best = Infinity;
    for (const c of configs) {
      const f = factorsFor(c, ts, x, N - V, daily, n + H, N ? ts[Math.max(0, N - selWindow)]! : 0);
      if (c.yearly && !f.yearly) continue;
      const lo = Math.max(0, N - selWindow);
      const k = windowFactors(f, ts, lo, futureTs);
      const z = emptyDoubles();
      for (let i = lo; i < N; i++) z.push(x[i]! / k[i - lo]!);
      const fit = reseasoned(baseModels(z, intermittent, true)[0]!, k);
      const xs = x.slice(lo);
      const { mae } = maeOf(backtest(fit, xs, hs, N - lo - V, ORIGIN_STRIDE), xs);
      // A seasonal configuration must earn its place: it replaces a simpler one only when clearly better.
      if (mae < best * CONFIG_MARGIN) {
        best = mae;
        config = c;
      }
    }
  }

  // 2. Factors on all the data, base models on the recent window, chosen by rolling-origin MAE.
  const f = factorsFor(config, ts, x, N, daily, n + H, N ? ts[Math.max(0, N - window)]! : 0);
  const lo = Math.max(0, N - window);
  const wx = x.slice(lo);
  const k = windowFactors(f, ts, lo, futureTs);
  const z = emptyDoubles();
  for (let i = 0; i < wx.length; i++) z.push(wx[i]! / k[i]!);
  // Packed arrays built by push, not map (holey) beside spreads (packed): one elements kind for
  // the code that reads them (see doubleArray), else forecastCalendar deoptimised on the other.
  const members: Fitted[] = [];
  const bases = baseModels(z, intermittent, false);
  for (const b of bases) members.push(reseasoned(b, k));
  const first = wx.length - Math.max(2 * h, 24);
  const memberBts: Backtest[] = [];
  for (const c of members) memberBts.push(backtest(c, wx, h, first, ORIGIN_STRIDE));
  // Continuous demand: the equal-weight combination of SES, Theta and damped trend goes first (the
  // robust choice); its backtest is the members' backtests averaged, not recomputed.
  // Intermittent demand: likewise the equal-weight mean of SBA and TSB (members 0 and 1; Croston
  // stays a single candidate). SBA's size and interval move only when an order comes, so its level
  // lags a demand rate that changes; TSB's probability moves every day and overshoots; picking the
  // lower-MAE of the two favours whichever sits lower (MAE rewards the median, below the mean on
  // intermittent days). On online_retail_daily's six earlier 28-day windows (inside the training
  // part; bench:forecast-level) SBA's forecast sat 3–18 % below the last 28 days' mean in every
  // window; with the pair first, scaled pinball 1.214 → 1.187 (paired per series −0.027 ± 0.008),
  // and on known-truth orders whose rate doubled 40 days before the origin the 28-day forecast
  // total went from 0.776 to 0.829 of the true one. The synthetic sets of bench:forecast-bands moved
  // by at most ±0.002 pinball, the lead-time simulations' P90 exceedances within their noise.
  // Members' forecasts are never negative, so the reseasoned mean is the mean of the reseasoned
  // members and its backtest is theirs averaged; flatMean keeps its cost near a single model's.
  const candidates: Fitted[] = [...members];
  const bts = [...memberBts];
  const comboBt =
    members.length === 3 ? (intermittent ? averageBacktest([memberBts[0]!, memberBts[1]!]) : averageBacktest(memberBts)) : null;
  if (comboBt) {
    candidates.unshift(intermittent ? reseasoned(flatMean(bases[0]!, bases[1]!, z.length), k) : combine(members));
    bts.unshift(comboBt);
  }
  let chosen = candidates[0]!;
  let chosenBt = bts[0]!;
  // Whether chosenBt holds the chosen model's own forecasts: a member's backtest, or the continuous
  // combination's (its members' forecasts averaged in combine's order: the same sums). The
  // intermittent pair's mean (flatMean) is reseasoned after averaging: its backtest is not its own.
  let ownBt = !(intermittent && comboBt);
  let chosenScore = maeOf(chosenBt, wx);
  for (let c = 1; c < candidates.length; c++) {
    const s = maeOf(bts[c]!, wx);
    if (s.mae < chosenScore.mae * (intermittent ? 0.97 : 0.8)) {
      chosen = candidates[c]!;
      chosenBt = bts[c]!;
      chosenScore = s;
      ownBt = true;
    }
  }

  // 3. Mean path on open days; closed days are zero.
  const open = chosen.forecastFrom(wx.length, futureTs.length);
  const mean = new Array<number>(H).fill(0);
  futureTs.forEach((t, i) => {
    mean[t - n] = Math.max(0, open[i]!) * (eventUplift ? eventUplift[i]! : 1);
  });

  // 4. Dispersion of one day around its mean, and the shared (level) part of multi-day totals.
  // Sums over every (forecast, actual) pair of the backtest: NB over-dispersion by moments
  // (E[(y − μ)²] = μ + μ²/k, as counts.overdispersion), the relative variance for non-counts, and
  // for counts closer than a Poisson (errors' variance below the mean) variance = φ·μ with φ < 1.
  // No widening on top: these are the series' own rolling-origin errors, each from states that saw
  // only the days before its origin (the monthly path's 1.2 widening, carried over here before,
  // made the daily bands and the lead-time totals too wide: 12-day demo totals 6.9 % above P90).
  let se = 0;
  let sm = 0;
  let s1 = 0;
  for (let j = 0; j < chosenBt.origins.length; j++) {
    const o = chosenBt.origins[j]!;
    for (let i = 0; i < chosenBt.steps[j]!; i++) {
      const mu = Math.max(0, chosenBt.f[j * chosenBt.h + i]!);
      se += (wx[o + i]! - mu) ** 2;
      sm += mu * mu;
      s1 += mu;
    }
  }
  let inv = sm > 0 ? Math.max(0, (se - s1) / sm) : 0;
  const relVar = sm > 0 ? se / sm : 0;
  const phi = counts && s1 > 0 && se < s1 ? se / s1 : 1;
  // Intermittent items: order-size model (past sizes on the deseasonalised scale, whole history —
  // sizes vary less than the order rate); others: NB (counts) or constant relative variance.
  // Every open day's factor (the window's from k), for the whole-history reads below.
  let kAll: Float64Array | undefined;
  const allFactors = (): Float64Array => {
    if (kAll) return kAll;
    const ka = new Float64Array(N);
    for (let i = 0; i < N; i++) ka[i] = i >= lo ? k[i - lo]! : factorAt(f, ts[i]!);
    return (kAll = ka);
  };
  const sizes: number[] = [];
  if (intermittent) {
    const ka = allFactors();
    for (let i = 0; i < N; i++) if (x[i]! > 0) sizes.push(x[i]! / ka[i]!);
  }
  const orders = intermittent && sizes.length >= 2 ? new OrderSizes(sizes) : null;
  const dayVar = (mu: number, k = 1) => {
    if (orders && mu <= orders.mean * k) return orders.dayVariance(mu, k);
    if (!counts) return mu * mu * relVar;
    return phi < 1 ? phi * mu : mu + mu * mu * inv;
  };
  // Level share: excess of the squared error of h-step totals over the sum of independent day variances.
  // Every origin of the window with a full horizon after it: the level error is what varies slowest,
  // so it needs the longest record (the last few weeks alone can all share one lucky level).
  // Neighbouring origins' h-step totals overlap almost entirely: every h/6-th origin says as much.
  // Its origins from `first` on were forecast already (chosenBt, every ORIGIN_STRIDE-th): copied.
  const levelBt = backtest(
    chosen,
    wx,
    h,
    Math.min(first, Math.max(14, Math.floor(wx.length / 5))),
    Math.max(1, Math.floor(h / 6)),
    ownBt ? chosenBt : undefined,
  );
  const lt = leadTimeErrors(levelBt, wx, (o, i, mu) => dayVar(mu, k[o + i]!));
  const backtestLevel = lt.level;
  if (!Number.isFinite(inv)) inv = 0;
  // Estimation error of the level itself (shared by every day ahead), which that backtest cannot
  // see for the level/trend models: their initial states are solved on the whole window and the
  // seasonal factors fitted on it, so every origin's state already leans on the days it then
  // forecasts. The forecast level is a weighted average of past days, weights α(1 − α)^k for a
  // smoothed level — Σw² = α/(2 − α) — and at least 1/W for a level read from the whole window;
  // its variance is Σw² day variances. On simulated demand with a known truth the backtest share
  // alone left 12- and 28-day totals above P90 12.6 % and 14.0 % of the time (the forecast total's
  // error twice what that share allowed). Croston, SBA and TSB run their states forward from the
  // first day: their backtests see their estimation error already (adding it made the demo's
  // intermittent totals too wide: 5.7 % above P90).
  // The recent window's backtest sees a slowly wandering level only in part (its ~5 blocks share
  // a stretch of level, its states lean on the days they forecast). The same shared variance
  // measured out of sample over the whole history, by a level smoothed with the model's own alpha
  // (historyLevelShare), is the larger estimate on such a level and the smaller on stationary
  // demand: the totals take the larger of the two. Level/trend models only, as the estimation
  // variance (intermittent backtests already see theirs). On a known-truth log-level AR(1)
  // (φ = 0.98, NB days; bench:forecast-leadtime --sim, 500 series) 28-day totals above P90
  // 17.0 → 15.4 %, 12-day 12.8 → 11.8 %: the rest is mostly the combination itself, whose
  // theta/damped members extrapolate the level's wanderings (its 28-day total errors ~1.5× a
  // plain smoothed level's on that simulation), which neither estimate sees fully.
  let alphaSum = 0;
  let alphaCount = 0;
  for (const k of Object.keys(chosen.params)) {
    const v = chosen.params[k]!;
    if ((k === 'alpha' || k.endsWith('.alpha')) && v > 0 && v < 1) {
      alphaSum += v;
      alphaCount++;
    }
  }
  let historyShare = 0;
  let reversion = NO_REVERSION;
  if (!intermittent && alphaCount > 0) {
    // dayVar on the level/trend path as c1·μ + c2·μ² (see dayVar above; no order-size model here).
    const c1 = counts ? (phi < 1 ? phi : 1) : 0;
    const c2 = counts ? (phi < 1 ? 0 : inv) : relVar;
    const sums = daySums(x, allFactors());
    historyShare = historyLevelShare(x, allFactors(), alphaSum / alphaCount, h, c1, c2, sums);
    if (o.reversion ?? DEFAULT_REVERSION) reversion = historyReversion(x, allFactors(), alphaSum / alphaCount, h, c1, c2, sums);
  }
  // A level that comes back towards its long-run mean (historyReversion: measured out of sample
  // over the whole history, Stein-shrunk, 1 unless the evidence says otherwise): the open days'
  // means pulled part-way back, mean + slope · (forecast − mean) on the deseasonalised scale — for
  // the part of the deviation within the range the history showed; beyond it (a new level, a
  // step the history never had) nothing says it will revert, and that excess is kept.
  const rw = reversion.weight;
  if (rw > 0)
    for (let i = 0; i < futureTs.length; i++) {
      const kk = k[wx.length + i]!;
      const dev = Math.max(0, open[i]!) / kk - reversion.mean;
      const seen = Math.min(reversion.largest, Math.max(-reversion.largest, dev));
      const z = reversion.mean + reversion.slope * seen + (dev - seen);
      mean[futureTs[i]! - n] = Math.max(0, z * kk) * (eventUplift ? eventUplift[i]! : 1);
    }
  const estimate = intermittent ? 0 : levelEstimateVariance(chosen.params, wx.length, mean, dayVar);
  const level = backtestLevel + estimate;
  const totalLevel = Math.max(lt.centredLevel + estimate, historyShare);

  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  const total: TotalBands = { p10: [], p50: [], p90: [] };
  const factor = new Array<number>(H).fill(1);
  futureTs.forEach((t, i) => {
    factor[t - n] = k[wx.length + i]!;
  });
  {
    let M = 0;
    let Vsum = 0;
    const q = new Float64Array(2);
    // Promotions and stock-outs recur at random dates with the frequency the history shows:
    // a day's law is the base law (what the fit saw) with probability 1 − πh − πl, a promotion far
    // above it with πh, a stock-out far below with πl, so its quantile p is the base law's
    // (p − πl)/(1 − πh − πl). Totals: a promotion day adds πh·e to the expected day and πh·e² of
    // its mean square (e: the history's relative excess) to the variance, days independent.
    const pHi = promo ? flaggedShare(promo.high, N) : 0;
    const pLo = promo ? flaggedShare(promo.low, N) : 0;
    const baseLevel = (p: number) => Math.min(0.99, Math.max(0.01, (p - pLo) / (1 - pHi - pLo)));
    const promoMean = promo ? pHi * promo.excess : 0;
    const promoVar = promo ? pHi * promo.excess2 : 0;
    let M2 = 0;
    const qLo = baseLevel(o.dayBands?.lo ?? 0.1);
    const qHi = baseLevel(o.dayBands?.hi ?? 0.9);
    const whole = counts && o.dayBands?.whole === true;
    for (let d = 0; d < H; d++) {
      const mu = mean[d]!;
      const k = factor[d]!;
      const dv = dayVar(mu, k);
      let lo = orders?.dayQuantile(mu, k, qLo);
      let hi = orders?.dayQuantile(mu, k, qHi);
      if (lo == null || hi == null) {
        // The shared level variance: relative to the day's mean, or, as far as the level reverts,
        // the history's spread in units (historyReversion.levelVariance, times the day's factor²).
        const lv = rw > 0 ? (1 - rw) * level * mu * mu + (mu > 0 ? rw * reversion.levelVariance * k * k : 0) : level * mu * mu;
        if (whole) countQuantilePair(mu, dv + lv, qLo, qHi, counts, q);
        else demandQuantilePair(mu, dv + lv, qLo, qHi, counts, q);
        lo = hi = null;
      } else if (whole) {
        lo = Math.ceil(lo - 1e-9);
        hi = Math.ceil(hi - 1e-9);
      }
      // The P50 is the mean (the point forecast); the bounds are kept on either side of it.
      p10.push(Math.min(mu, lo ?? q[0]!));
      p50.push(mu);
      p90.push(Math.max(mu, hi ?? q[1]!));
      M += mu;
      M2 += mu * mu;
      Vsum += dv;
      // The total around its bias-corrected centre: day variances at the corrected mean, the
      // level share measured around that centre, plus the uncertainty of the correction itself.
      // A total of counts is a count: its P10/P90 are whole units, the smallest k with F(k) ≥ p
      // (countQuantilePair). The mid-distribution's fractional P90 was exceeded 15.8–16.2 % of the
      // time by 12- and 28-day totals of known-truth stationary Poisson days (tests/unit/forecast/leadtime-integer.test.ts).
      const C = M * lt.ratio * (1 + promoMean);
      countQuantilePair(C, Vsum * lt.ratio + promoVar * M2 + (totalLevel + lt.ratioVariance) * C * C, 0.1, 0.9, counts, q);
      total.p10.push(Math.min(C, q[0]!));
      total.p50.push(C);
      total.p90.push(Math.max(C, q[1]!));
    }
  }
  return {
    model: `${chosen.model}${config.weekday ? '+weekday' : ''}${config.yearly && f.yearly ? '+year' : ''}`,
    kind,
    params: {
      ...chosen.params,
      closedWeekdays: closedWeekdays.length,
      overdispersion: inv,
      levelVariance: level,
      backtestLevelVariance: backtestLevel,
      leadTimeRatio: lt.ratio,
      leadTimeBlocks: lt.blocks,
      historyLevelShare: historyShare,
      ...(rw > 0 ? { reversionSlope: reversion.slope, reversionWeight: rw, reversionLevelVariance: reversion.levelVariance } : {}),
      ...(promo ? { outliersHigh: promo.high, outliersLow: promo.low } : {}),
      ...(eventDays ? { recurringEventDays: eventDays } : {}),
      ...(movingDays ? { movingEventDays: movingDays, movingEventAnchor: movingAnchor } : {}),
    },
    mean,
    p10,
    p50,
    p90,
    total,
    closedWeekdays,
    backtestMae: chosenScore.mae,
    backtestBias: -chosenScore.bias,
    law: { counts, level, orders, dayVariance: dayVar, factor, backtest: chosenBt, window: wx, windowFactor: (i) => k[i]! },
  };
}
