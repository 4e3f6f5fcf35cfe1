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
 * constant tuned to any data set: the factor is the one that would have put the target share of
 * the catalog's own validation totals outside the band.
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
  /** The validation window (1 = the latest): the catalog-wide shift is judged window by window. Absent: one window. */
  window?: number;
}

/**
 * Factors by day count: the band of the total over days [0, d + 1) becomes
 * P50 + upper[d]·(P90 − P50) and P50 − lower[d]·(P50 − P10). Past the validated days the last
 * factor carries on.
 */
export interface LeadTimeCalibration {
  upper: number[];
  lower: number[];
  /**
   * The catalog-wide bias of the totals by day count (catalogShift): the band (P50 and both widths)
   * is multiplied by it before the factors apply. Absent (factors stored before it): 1.
   */
  shift?: number[];
  /** Distinct products validated, and the fewest scores any day count's factors came from. */
  products: number;
  scores: number;
}

/**
 * One side of a scaled band: P50 + f·(P90 − P50) above (sign 1), P50 − f·(P50 − P10) below
 * (sign −1). Whole-unit totals (counts) are rounded to the nearest unit, so the band moves one
 * product at a time as f moves: a product whose band is 20 units wide loses or gains a unit at
 * f = 0.975 or 1.025, one 2 units wide only at 0.75 or 1.25. (Flooring every scaled P90, as a
 * first version did, took a unit off every product at any f below 1, the whole catalog at once:
 * on the demo's small totals the share above P90 could only jump from 6 % to 14 %.)
 */
export function scaledBound(p50: number, width: number, f: number, whole: boolean, sign: 1 | -1): number {
  const x = p50 + sign * f * width;
  const v = whole ? Math.round(x) : x;
  return sign > 0 ? Math.max(p50, v) : Math.max(0, Math.min(p50, v));
}

/** The validation totals of one side and one day count: actual, P50 and band width, and whether in whole units. */
interface Side {
  a: number[];
  c: number[];
  w: number[];
  whole: boolean[];
  sign: 1 | -1;
}

/** Share of the side's totals outside its band scaled by f, over n + 1 (the new product counts too, as in split-conformal prediction). */
function shareOutside(s: Side, f: number): number {
  let out = 0;
  for (let i = 0; i < s.a.length; i++) {
    const b = scaledBound(s.c[i]!, s.w[i]!, f, s.whole[i]!, s.sign);
    if (s.sign > 0 ? s.a[i]! > b : s.a[i]! < b) out++;
  }
  return out / (s.a.length + 1);
}

/** Factors are searched up to this: a band 20 times too narrow is not a band the calibration can rescue. */
const MAX_FACTOR = 20;

/**
 * The factor of one side: the f whose share of validation totals outside the scaled band is
 * nearest the target share (the share falls, step by step, as f grows; the two f on either side of
 * the target are found by bisection and the nearer kept, the one nearer 1 on a tie), at the edge
 * of its plateau nearest 1.
 *
 * The target is the model's own share e (at f = 1) moved towards TAIL by its evidence:
 * positive-part Stein shrinkage, w = 1 − se² / (e − TAIL)² with se² = TAIL(1 − TAIL) / n the
 * binomial noise of a share of `products` totals — the distinct products, not the totals: one
 * product's windows share its own quirks (its trend, its dispersion), so three windows of 200
 * products are not 600 independent draws. A model whose validation share is within its noise of
 * TAIL keeps its band (factor 1): two hundred products cannot tell 8 % from 10 %, and a factor
 * chased into that noise moved the known-truth simulations' well-calibrated bands by 3–4 points.
 */
export function sideFactor(s: Side, products: number): number {
  const n = s.a.length;
  if (n === 0) return 1;
  const own = shareOutside(s, 1);
  const d = own - TAIL;
  const se2 = (TAIL * (1 - TAIL)) / Math.max(1, Math.min(n, products));
  const w = d * d > se2 ? 1 - se2 / (d * d) : 0;
  if (w === 0) return 1;
  const target = own - w * d;
  // Bracket: `near` on the side of 1 (share still on own's side of the target), `far` past it.
  let near = 1;
  let far = own > target ? MAX_FACTOR : 0;
  if (own > target ? shareOutside(s, far) > target : shareOutside(s, far) < target) return far;
  for (let k = 0; k < 40; k++) {
    const mid = (near + far) / 2;
    const sh = shareOutside(s, mid);
    if (own > target ? sh > target : sh < target) near = mid;
    else far = mid;
  }
  const gapNear = Math.abs(shareOutside(s, near) - target);
  const gapFar = Math.abs(shareOutside(s, far) - target);
  const pick = gapFar < gapNear ? far : near;
  // Every f of a plateau gives the validation the same share: the one nearest 1 changes the
  // products' bands least (the plateau's edge, found by bisection as well).
  const want = shareOutside(s, pick);
  let inner = 1;
  let edge = pick;
  for (let k = 0; k < 40; k++) {
    const mid = (inner + edge) / 2;
    if (shareOutside(s, mid) === want) edge = mid;
    else inner = mid;
  }
  return edge;
}

/** The validation totals of one day count, with the product and window each came from. */
interface Totals {
  a: number[];
  c: number[];
  product: string[];
  window: number[];
}

/**
 * The catalog-wide bias of the validation totals, Σ actual / Σ P50, moved towards 1 by its evidence.
 *
 * Each product's P50 already carries its own backtest's bias (daily.ts, leadTimeErrors); what is
 * left is what the catalog's products share: a season every product is in at once, a shop-wide
 * good or bad month. The ratio R = Σa / Σc of the validation totals estimates it; its noise has
 * two parts, and the larger bounds what the data can tell:
 * - between windows: each window's own ratio R_w scatters around R by its catalog-wide shock,
 *   se² = Σ_w (R_w − R)² / (W (W − 1)) — the next window's shock is a fresh one, so a bias only
 *   counts when the windows agree on it;
 * - between products (a ratio estimator over products, each product's windows one cluster):
 *   se² = Σ_p (A_p − R·C_p)² / (Σc)².
 * Positive-part Stein shrinkage as elsewhere: w = 1 − se² / (R − 1)², at least 0. One window (or
 * none recorded): no between-window evidence, no shift.
 */
export function catalogShift(t: Totals): number {
  let sa = 0;
  let sc = 0;
  for (let i = 0; i < t.a.length; i++) {
    sa += t.a[i]!;
    sc += t.c[i]!;
  }
  if (!(sc > 0)) return 1;
  const r = sa / sc;
  const byWindow = new Map<number, { a: number; c: number }>();
  const byProduct = new Map<string, { a: number; c: number }>();
  for (let i = 0; i < t.a.length; i++) {
    for (const [m, k] of [
      [byWindow, t.window[i]!],
      [byProduct, t.product[i]!],
    ] as const) {
      const g = (m as Map<typeof k, { a: number; c: number }>).get(k) ?? { a: 0, c: 0 };
      (m as Map<typeof k, { a: number; c: number }>).set(k, g);
      g.a += t.a[i]!;
      g.c += t.c[i]!;
    }
  }
  const W = byWindow.size;
  if (W < 2) return 1;
  let between = 0;
  for (const g of byWindow.values()) between += g.c > 0 ? (g.a / g.c - r) ** 2 : 0;
  between /= W * (W - 1);
  let within = 0;
  for (const g of byProduct.values()) within += (g.a - r * g.c) ** 2;
  within /= sc * sc;
  const se2 = Math.max(between, within);
  const d = r - 1;
  const w = d * d > se2 ? 1 - se2 / (d * d) : 0;
  return 1 + w * d;
}

/**
 * The factors from validation pairs, for the totals over 1..days days (limited by the validated
 * days each pair has). Null when on no day count MIN_PRODUCTS products can say anything: a product
 * whose band has no width on a side (a P50 of 0 with P10 = P90 = 0) cannot be scaled, so it is
 * left out of that side.
 */
export function calibrateLeadTime(pairs: readonly ValidationPair[], days: number, o: { shift?: boolean } = {}): LeadTimeCalibration | null {
  const products = new Set(pairs.map((p) => p.product)).size;
  if (products < MIN_PRODUCTS) return null;
  const upper: number[] = [];
  const lower: number[] = [];
  const shift: number[] = [];
  let scores = Infinity;
  const whole = pairs.map((p) => p.total.p10.every(Number.isInteger) && p.total.p90.every(Number.isInteger));
  for (let d = 0; d < days; d++) {
    const up: Side = { a: [], c: [], w: [], whole: [], sign: 1 };
    const down: Side = { a: [], c: [], w: [], whole: [], sign: -1 };
    const totals: Totals = { a: [], c: [], product: [], window: [] };
    const at: number[] = [];
    pairs.forEach((p, j) => {
      if (p.actual.length <= d || p.total.p50.length <= d) return;
      let a = 0;
      for (let i = 0; i <= d; i++) a += p.actual[i]!;
      totals.a.push(a);
      totals.c.push(p.total.p50[d]!);
      totals.product.push(p.product);
      totals.window.push(p.window ?? 1);
      at.push(j);
    });
    const k = o.shift === false ? 1 : catalogShift(totals);
    totals.a.forEach((a, i) => {
      const p = pairs[at[i]!]!;
      const c0 = p.total.p50[d]!;
      // The band scaled by the catalog's shift, as applyCalibration scales it.
      const c = k * c0;
      for (const [s, w] of [
        [up, k * (p.total.p90[d]! - c0)],
        [down, k * (c0 - p.total.p10[d]!)],
      ] as const)
        if (w > 1e-9) {
          s.a.push(a);
          s.c.push(c);
          s.w.push(w);
          s.whole.push(whole[at[i]!]!);
        }
    });
    const n = Math.min(up.a.length, down.a.length);
    // A day count too few products can speak for (a first day the shop is closed: every total 0)
    // takes the nearest validated one's factors below.
    if (n < MIN_PRODUCTS) {
      upper.push(NaN);
      lower.push(NaN);
      shift.push(NaN);
      continue;
    }
    shift.push(k);
    scores = Math.min(scores, n);
    upper.push(sideFactor(up, products));
    lower.push(sideFactor(down, products));
  }
  const first = upper.findIndex((v) => !Number.isNaN(v));
  if (first < 0) return null;
  for (let d = 0; d < upper.length; d++)
    if (Number.isNaN(upper[d]!)) {
      upper[d] = d < first ? upper[first]! : upper[d - 1]!;
      lower[d] = d < first ? lower[first]! : lower[d - 1]!;
      shift[d] = d < first ? shift[first]! : shift[d - 1]!;
    }
  return { upper, lower, ...(shift.every((v) => v === 1) ? {} : { shift }), products, scores };
}

/** Bands scaled by the factors (scaledBound: whole-unit totals stay whole units). */
export function applyCalibration(total: TotalBands, cal: LeadTimeCalibration, counts: boolean): TotalBands {
  const out: TotalBands = { p10: [], p50: [], p90: [] };
  for (let d = 0; d < total.p50.length; d++) {
    const c0 = total.p50[d]!;
    const j = Math.min(d, cal.upper.length - 1);
    const k = cal.shift?.[j] ?? 1;
    const c = k * c0;
    out.p50.push(c);
    out.p90.push(scaledBound(c, k * (total.p90[d]! - c0), cal.upper[j]!, counts, 1));
    out.p10.push(scaledBound(c, k * (c0 - total.p10[d]!), cal.lower[j]!, counts, -1));
  }
  return out;
}
