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
 * (daily data: the median ratio of the weekday's days to that level, normalised). Residuals on the
 * square-root scale, which makes count noise about equally wide at every level (Poisson: sd ½).
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

function median(a: Float64Array, n: number): number {
  const s = a.subarray(0, n).sort();
  return n % 2 ? s[(n - 1) >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * The open days x at steps ts (t counted from the first history point; `daily`: t % 7 is the
 * weekday and weeks are ⌊t/7⌋), cleaned of promotions and stock-outs for the fit.
 */
export function findOutliers(x: readonly number[], ts: readonly number[], daily: boolean): Outliers {
  const N = x.length;
  const none: Outliers = { x, high: 0, low: 0, excess: 0, excess2: 0 };
  // Blocks: calendar weeks of open days (daily), each step (weekly).
  const block = new Int32Array(N);
  const sums: number[] = [];
  const cnts: number[] = [];
  for (let i = 0; i < N; i++) {
    const w = daily ? Math.floor(ts[i]! / 7) : ts[i]!;
    if (i === 0 || w !== (daily ? Math.floor(ts[i - 1]! / 7) : ts[i - 1]!)) {
      sums.push(0);
      cnts.push(0);
    }
    const b = sums.length - 1;
    block[i] = b;
    sums[b]! += x[i]!;
    cnts[b]!++;
  }
  const B = sums.length;
  if (B < MIN_BLOCKS) return none;
  const span = LEVEL_MEDIAN_SPAN;
  const buf = new Float64Array(Math.max(span, N));
  const level = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const from = Math.min(Math.max(0, b - (span >> 1)), B - span);
    for (let j = 0; j < span; j++) buf[j] = sums[from + j]! / cnts[from + j]!;
    level[b] = median(buf, span);
  }
  const fit = new Float64Array(N);
  if (daily) {
    const index = new Float64Array(7).fill(1);
    let wsum = 0;
    let wcnt = 0;
    const days = new Int32Array(7);
    for (let k = 0; k < 7; k++) {
      let n = 0;
      let sx = 0;
      let sl = 0;
      for (let i = 0; i < N; i++)
        if (ts[i]! % 7 === k && level[block[i]!]! > 0) {
          buf[n++] = x[i]! / level[block[i]!]!;
          sx += x[i]!;
          sl += level[block[i]!]!;
        }
      if (n === 0) continue;
      // The median ratio where a day sells enough for a median to mean something, else the ratio of sums.
      index[k] = sl / n >= 5 ? median(buf, n) : sx / sl;
      days[k] = n;
      wsum += index[k]! * n;
      wcnt += n;
    }
    const norm = wcnt && wsum > 0 ? wsum / wcnt : 1;
    for (let i = 0; i < N; i++) fit[i] = (level[block[i]!]! * index[ts[i]! % 7]!) / norm;
  } else for (let i = 0; i < N; i++) fit[i] = level[block[i]!]!;
  const r = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    r[i] = Math.sqrt(Math.max(0, x[i]!)) - Math.sqrt(fit[i]!);
    buf[i] = r[i]!;
  }
  const s = buf.subarray(0, N).sort();
  const q1 = s[Math.floor(0.25 * (N - 1))]!;
  const q3 = s[Math.ceil(0.75 * (N - 1))]!;
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
