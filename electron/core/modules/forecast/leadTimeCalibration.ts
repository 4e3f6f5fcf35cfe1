import type { TotalBands } from './daily.js';

/**
 * Split-conformal calibration of the lead-time totals' P10/P90 on a catalog's own past.
 *
 * Each product's model band is only as good as the model: on a catalog whose level wanders more
 * than its errors showed, every total band is too narrow; where the model's variance is
 * conservative, too wide. The catalog itself can say which: forecast a sample of its products
 * from an earlier origin (the validation origin, one protection interval back), compare the
 * totals they then sold with the bands given there, and scale every product's band by the factor
 * that would have put the chosen share of those validation totals outside it. The residuals are
 * scale-free — (actual − P50) / (P90 − P50) above, (P50 − actual) / (P50 − P10) below — so
 * products of every size pool into one factor per side and per day count, and the rule needs no
 * constant tuned to any data set: it is the conformal quantile of the catalog's own scores.
 */

/** Share of the totals meant to fall above P90, and below P10. */
export const TAIL = 0.1;
/**
 * Fewer validated products than this and the bands stay as the model gave them: the conformal
 * quantile at 90 % of n scores misses its level by about √(0.09 / n) (n = 50: ±4 points).
 */
export const MIN_PRODUCTS = 50;

/** One product forecast from the validation origin: its total bands there and what it then sold, day by day. */
export interface ValidationPair {
  /** The product (a catalog validates each product at several origins: they count once towards MIN_PRODUCTS). */
  product: string;
  total: TotalBands;
  actual: ArrayLike<number>;
}

/**
 * Factors by day count: the band of the total over days [0, d + 1) becomes
 * P50 + upper[d]·(P90 − P50) and P50 − lower[d]·(P50 − P10). Past the validated days the last
 * factor carries on.
 */
export interface LeadTimeCalibration {
  upper: number[];
  lower: number[];
  /** Distinct products validated, and the fewest scores any day count's factors came from. */
  products: number;
  scores: number;
}

/**
 * The factor of one side from its scores: the score c whose share of the scores above it is
 * nearest the target share, over n + 1 (the new product counts too, as in split-conformal
 * prediction). Nearest, not the conservative next rank: totals of counts tie on whole units (many
 * actuals land exactly on the P90, score 1), and the conservative rank then kept the demo's bands
 * at 5.5 % above P90, well short of 10 %.
 *
 * The target is the model's own share e (the scores above 1) moved towards TAIL by its evidence:
 * positive-part Stein shrinkage, w = 1 − se² / (e − TAIL)² with se² = TAIL(1 − TAIL) / n the
 * binomial noise of a share of `products` scores — the distinct products, not the scores: one
 * product's windows share its own quirks (its trend, its dispersion), so three windows of 200
 * products are not 600 independent draws. A model whose validation share is within its noise of
 * TAIL keeps its band (factor 1): two hundred products cannot tell 8 % from 10 %, and a factor
 * chased into that noise moved the known-truth simulations' well-calibrated bands by 3–4 points.
 */
export function conformalFactor(scores: number[], products = scores.length): number {
  const n = scores.length;
  if (n === 0) return 1;
  scores.sort((a, b) => a - b);
  let above1 = 0;
  for (const v of scores) if (v > 1) above1++;
  const own = above1 / (n + 1);
  const d = own - TAIL;
  const se2 = (TAIL * (1 - TAIL)) / Math.max(1, Math.min(n, products));
  const w = d * d > se2 ? 1 - se2 / (d * d) : 0;
  if (w === 0) return 1;
  const target = own - w * d;
  let best = 1;
  let gap = Math.abs(own - target);
  for (let i = n - 1; i >= 0; i--) {
    if (i < n - 1 && scores[i] === scores[i + 1]) continue;
    const share = (n - 1 - i) / (n + 1);
    const g = Math.abs(share - target);
    if (g < gap) {
      gap = g;
      best = scores[i]!;
    }
    if (share > target) break;
  }
  return Math.max(0, best);
}

/**
 * The factors from validation pairs, for the totals over 1..days days (limited by the validated
 * days each pair has). Null when on no day count MIN_PRODUCTS products can say anything: a product
 * whose band has no width on a side (a P50 of 0 with P10 = P90 = 0) cannot be scaled, so it is
 * left out of that side.
 */
export function calibrateLeadTime(pairs: readonly ValidationPair[], days: number): LeadTimeCalibration | null {
  const products = new Set(pairs.map((p) => p.product)).size;
  if (products < MIN_PRODUCTS) return null;
  const upper: number[] = [];
  const lower: number[] = [];
  let scores = Infinity;
  for (let d = 0; d < days; d++) {
    const up: number[] = [];
    const down: number[] = [];
    for (const p of pairs) {
      if (p.actual.length <= d || p.total.p50.length <= d) continue;
      let a = 0;
      for (let i = 0; i <= d; i++) a += p.actual[i]!;
      const c = p.total.p50[d]!;
      const wHi = p.total.p90[d]! - c;
      const wLo = c - p.total.p10[d]!;
      if (wHi > 1e-9) up.push((a - c) / wHi);
      if (wLo > 1e-9) down.push((c - a) / wLo);
    }
    const n = Math.min(up.length, down.length);
    // A day count too few products can speak for (a first day the shop is closed: every total 0)
    // takes the nearest validated one's factors below.
    if (n < MIN_PRODUCTS) {
      upper.push(NaN);
      lower.push(NaN);
      continue;
    }
    scores = Math.min(scores, n);
    upper.push(conformalFactor(up, products));
    lower.push(conformalFactor(down, products));
  }
  const first = upper.findIndex((v) => !Number.isNaN(v));
  if (first < 0) return null;
  for (let d = 0; d < upper.length; d++)
    if (Number.isNaN(upper[d]!)) {
      upper[d] = d < first ? upper[first]! : upper[d - 1]!;
      lower[d] = d < first ? lower[first]! : lower[d - 1]!;
    }
  return { upper, lower, products, scores };
}

/**
 * Bands scaled by the factors. Totals of counts stay whole units, rounded so that the event the
 * factor was validated on is unchanged: an integer total exceeds P50 + c·w exactly when it exceeds
 * its floor, and falls under P50 − c·w exactly when it falls under its ceiling.
 */
export function applyCalibration(total: TotalBands, cal: LeadTimeCalibration, counts: boolean): TotalBands {
  const out: TotalBands = { p10: [], p50: [...total.p50], p90: [] };
  for (let d = 0; d < total.p50.length; d++) {
    const c = total.p50[d]!;
    const j = Math.min(d, cal.upper.length - 1);
    let hi = c + cal.upper[j]! * (total.p90[d]! - c);
    let lo = c - cal.lower[j]! * (c - total.p10[d]!);
    if (counts) {
      hi = Math.floor(hi + 1e-9);
      lo = Math.ceil(lo - 1e-9);
    }
    out.p90.push(Math.max(c, hi));
    out.p10.push(Math.max(0, Math.min(c, lo)));
  }
  return out;
}
