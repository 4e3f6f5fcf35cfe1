import { describe, expect, it } from 'vitest';
import { applyCalibration, calibrateLeadTime, MIN_PRODUCTS, type ValidationPair } from '@core/modules/forecast/leadTimeCalibration.js';
import { storedCalibration, CALIBRATION_STATE_KEY } from '@core/modules/forecast/catalogCalibration.js';
import { openDatabase } from '@core/db/connection.js';
import { migrate } from '@core/db/migrate.js';
import { setLocal } from '@core/db/repos/localState.js';
import { validationJobs } from '@core/modules/forecast/calibratedRun.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { demandOver, replenishmentAdvice } from '@core/modules/forecast/replenishment.js';
import type { TotalBands } from '@core/modules/forecast/daily.js';
import { lcg } from '../../fixtures/randomCounts.js';

function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rnd(), 1e-12))) * Math.cos(2 * Math.PI * rnd());
}
/**
 * A product whose model claims daily sd `claimed` around a mean of 50 a day, while the truth has sd
 * `real`: its d-day total band is 50d ± 1.2816·claimed·√d, the actual 50d + real·√d·Z.
 */
function pair(product: string, days: number, claimed: number, real: number, rnd: () => number): ValidationPair {
  const total: TotalBands = { p10: [], p50: [], p90: [] };
  const actual: number[] = [];
  for (let d = 1; d <= days; d++) {
    total.p50.push(50 * d);
    total.p10.push(50 * d - 1.2816 * claimed * Math.sqrt(d));
    total.p90.push(50 * d + 1.2816 * claimed * Math.sqrt(d));
    actual.push(50 + real * gauss(rnd));
  }
  return { product, total, actual };
}

function exceedance(pairs: ValidationPair[], cal: ReturnType<typeof calibrateLeadTime>, d: number) {
  let above = 0;
  let below = 0;
  for (const p of pairs) {
    const t = cal ? applyCalibration(p.total, cal, false) : p.total;
    let a = 0;
    for (let i = 0; i < d; i++) a += p.actual[i]!;
    if (a > t.p90[d - 1]!) above++;
    if (a < t.p10[d - 1]!) below++;
  }
  return { above: above / pairs.length, below: below / pairs.length };
}

describe('lead-time calibration on the catalog’s own past (split-conformal)', () => {
  it('bands half as wide as the truth: the factors come out near 2 and fresh totals fall outside P10–P90 about 10 % of the time each side', () => {
    const rnd = lcg(3);
    // 1000 products: the factor's own noise (a share of n scores: ±√(0.09 / n)) is then about ±1 point.
    const val = Array.from({ length: 1000 }, (_, i) => pair(`p${i}`, 14, 5, 10, rnd));
    const cal = calibrateLeadTime(val, 14)!;
    expect(cal).not.toBeNull();
    expect(cal.upper[13]!).toBeGreaterThan(1.7);
    expect(cal.upper[13]!).toBeLessThan(2.3);
    expect(cal.lower[13]!).toBeGreaterThan(1.7);
    const fresh = Array.from({ length: 4000 }, (_, i) => pair(`q${i}`, 14, 5, 10, rnd));
    const raw = exceedance(fresh, null, 14);
    const got = exceedance(fresh, cal, 14);
    expect(raw.above).toBeGreaterThan(0.25);
    expect(got.above).toBeGreaterThan(0.08);
    expect(got.above).toBeLessThan(0.12);
    expect(got.below).toBeGreaterThan(0.08);
    expect(got.below).toBeLessThan(0.12);
  });

  it('bands twice too wide are narrowed (one rule for both directions)', () => {
    const rnd = lcg(5);
    const val = Array.from({ length: 300 }, (_, i) => pair(`p${i}`, 7, 20, 10, rnd));
    const cal = calibrateLeadTime(val, 7)!;
    expect(cal.upper[6]!).toBeLessThan(0.65);
    const fresh = Array.from({ length: 4000 }, (_, i) => pair(`q${i}`, 7, 20, 10, rnd));
    expect(exceedance(fresh, null, 7).above).toBeLessThan(0.01);
    expect(exceedance(fresh, cal, 7).above).toBeGreaterThan(0.08);
  });

  it('a model already calibrated keeps its bands within noise, and stays calibrated', () => {
    for (const seed of [11, 12, 13]) {
      const rnd = lcg(seed);
      const val = Array.from({ length: 200 }, (_, i) => pair(`p${i}`, 7, 10, 10, rnd));
      const cal = calibrateLeadTime(val, 7)!;
      for (const c of [...cal.upper, ...cal.lower]) expect(Math.abs(c - 1)).toBeLessThan(0.25);
      // Most day counts see no evidence at all: factor exactly 1.
      expect([...cal.upper, ...cal.lower].filter((c) => c === 1).length).toBeGreaterThanOrEqual(7);
      const fresh = Array.from({ length: 4000 }, (_, i) => pair(`q${i}`, 7, 10, 10, rnd));
      const got = exceedance(fresh, cal, 7);
      expect(got.above).toBeGreaterThan(0.075);
      expect(got.above).toBeLessThan(0.125);
      expect(got.below).toBeGreaterThan(0.075);
      expect(got.below).toBeLessThan(0.125);
    }
  });

  it('refuses to act on too few products, counting a product validated at several origins once', () => {
    const rnd = lcg(2);
    const few = Array.from({ length: MIN_PRODUCTS - 1 }, (_, i) => pair(`p${i}`, 7, 5, 10, rnd));
    expect(calibrateLeadTime(few, 7)).toBeNull();
    // Three windows of the same 49 products: 147 scores, still 49 products.
    const windows = [...few, ...few.map((p) => ({ ...p })), ...few.map((p) => ({ ...p }))];
    expect(calibrateLeadTime(windows, 7)).toBeNull();
    expect(calibrateLeadTime([...few, pair('one more', 7, 5, 10, rnd)], 7)).not.toBeNull();
  });

  it('a day count no product can speak for (a closed first day: every total 0) takes the next one’s factors', () => {
    const rnd = lcg(4);
    const val = Array.from({ length: 100 }, (_, i) => {
      const p = pair(`p${i}`, 5, 5, 10, rnd);
      p.total.p10[0] = 0;
      p.total.p50[0] = 0;
      p.total.p90[0] = 0;
      return p;
    });
    const cal = calibrateLeadTime(val, 5)!;
    expect(cal.upper[0]).toBe(cal.upper[1]);
    expect(Number.isFinite(cal.upper[0]!)).toBe(true);
  });

  it('whole-unit totals stay whole units: the scaled bound rounded to the nearest unit, unchanged at factor 1', () => {
    const total: TotalBands = { p10: [1, 3], p50: [2.4, 6.2], p90: [4, 10] };
    expect(applyCalibration(total, { upper: [1, 1], lower: [1, 1], products: 60, scores: 60 }, true)).toEqual(total);
    const out = applyCalibration(total, { upper: [1.5, 0.8], lower: [1, 0.5], products: 60, scores: 60 }, true);
    expect(out.p90).toEqual([5, 9]); // 2.4 + 1.5·1.6 = 4.8 → 5; 6.2 + 0.8·3.8 = 9.24 → 9
    expect(out.p10).toEqual([1, 5]); // 6.2 − 0.5·3.2 = 4.6 → 5
    // Never inside the P50, never below 0.
    const tight = applyCalibration(total, { upper: [0.01], lower: [3], products: 60, scores: 60 }, true);
    expect(tight.p90).toEqual([2.4, 6.2]);
    expect(tight.p10).toEqual([0, 0]);
  });

  it('whole-unit bands move a product at a time: a small factor change takes a unit off wide bands only', () => {
    // The same whole-unit catalog at two sizes: 2-unit and 20-unit bands above the P50.
    const pairs: ValidationPair[] = [];
    for (let i = 0; i < 400; i++) {
      const big = i % 2 === 0;
      const c = big ? 100 : 3;
      const hi = big ? 120 : 5;
      // Actuals: 6 % beyond the P90, 6 % exactly on it, the rest inside.
      const k = i % 50;
      const a = k < 3 ? hi + 1 : k < 6 ? hi : c;
      pairs.push({ product: `p${i}`, total: { p10: [c - (big ? 20 : 2)], p50: [c], p90: [hi] }, actual: [a] });
    }
    const cal = calibrateLeadTime(pairs, 1)!;
    // The model's own share above is 6 %, with 400 products far enough from 10 % to act on:
    // narrowing takes a unit off the 20-unit bands first (share 9 %) before the 2-unit ones (12 %).
    // The plateau's edge nearest 1: a 20-unit band loses its unit below f = 0.975.
    expect(cal.upper[0]!).toBeLessThan(0.975);
    expect(cal.upper[0]!).toBeGreaterThan(0.97);
    const out = pairs.map((p) => applyCalibration(p.total, cal, true).p90[0]!);
    expect(out.filter((v, i) => i % 2 === 0 && v === 119).length).toBe(200);
    expect(out.filter((v, i) => i % 2 === 1 && v === 5).length).toBe(200);
  });

  it('the reorder point and safety stock follow the calibrated totals', () => {
    const total: TotalBands = { p10: [], p50: [], p90: [] };
    for (let d = 1; d <= 20; d++) {
      total.p50.push(10 * d);
      total.p10.push(10 * d - 4 * Math.sqrt(d));
      total.p90.push(10 * d + 4 * Math.sqrt(d));
    }
    const cal = { upper: [1.6], lower: [1.2], products: 80, scores: 80 };
    const wide = applyCalibration(total, cal, false);
    const daily = { p10: new Array(20).fill(8), p50: new Array(20).fill(10), p90: new Array(20).fill(12) };
    const base = {
      today: 0,
      leadTimeDays: 5,
      reviewDays: 7,
      serviceLevel: 0.9,
      moq: 1,
      packSize: 1,
      onHand: 0,
      openOrders: [],
    };
    const before = replenishmentAdvice({ ...base, forecast: { ...daily, totals: total } }, { projection: false });
    const after = replenishmentAdvice({ ...base, forecast: { ...daily, totals: wide } }, { projection: false });
    // At a 90 % service level the reorder point is the lead-time total's P90.
    expect(after.reorderPoint).toBeCloseTo(wide.p90[11]!, 6);
    expect(after.safetyStock).toBeCloseTo(1.6 * before.safetyStock, 6);
    expect(demandOver({ ...daily, totals: wide }, 12).p10).toBeCloseTo(120 - 1.2 * 4 * Math.sqrt(12), 6);
  });
});

describe('calibration of a known-truth catalog of intermittent orders (a sale on 8–23 % of days, 1–6 units)', () => {
  it('the model’s own 28-day P90 is exceeded too often; calibrated on three earlier windows, less often and near 10 %', () => {
    const rnd = lcg(17);
    const n = 365;
    const H = 28;
    const ys = Array.from({ length: 200 }, () => {
      const r = 0.08 + rnd() * 0.15;
      return Array.from({ length: n + H }, () => (rnd() < r ? 1 + Math.floor(rnd() * 6) : 0));
    });
    const jobs = ys.map((y, i) => ({ id: String(i), y: y.slice(0, n), frequency: 7, horizon: H }));
    const pairs: ValidationPair[] = [];
    for (const v of validationJobs(jobs, { windows: 3, days: H, sample: 200, minHistory: 60 })) {
      const f = forecastSeries(v.job.y, { frequency: 7, horizon: H });
      pairs.push({ product: v.product, window: v.window, total: f.total!, actual: v.actual });
    }
    expect(pairs.length).toBe(600);
    // Each product's three windows, 1 the latest: the catalog-wide shift is judged window by window.
    expect(pairs.filter((p) => p.product === '0').map((p) => p.window)).toEqual([1, 2, 3]);
    const cal = calibrateLeadTime(pairs, H)!;
    expect(cal.products).toBe(200);
    let raw = 0;
    let above = 0;
    for (let i = 0; i < ys.length; i++) {
      const f = forecastSeries(jobs[i]!.y, { frequency: 7, horizon: H });
      const a = ys[i]!.slice(n, n + H).reduce((s, v) => s + v, 0);
      if (a > f.total!.p90[H - 1]!) raw++;
      if (a > applyCalibration(f.total!, cal, true).p90[H - 1]!) above++;
    }
    expect(cal.upper[H - 1]!).toBeGreaterThan(1.1);
    expect(raw / ys.length).toBeGreaterThan(0.13);
    expect(above / ys.length).toBeLessThan(raw / ys.length);
    expect(above / ys.length).toBeGreaterThan(0.07);
    expect(above / ys.length).toBeLessThan(0.13);
  });
});

/**
 * A catalog whose products all sell `level` times what their P50 says (a season every product is
 * in), its spread in proportion: daily sd 10·level around 50·level a day.
 * `levels` gives each validation window's own level (1 = the latest window).
 */
function shifted(products: number, days: number, levels: number[], rnd: () => number, prefix = 'p'): ValidationPair[] {
  const out: ValidationPair[] = [];
  for (let i = 0; i < products; i++)
    levels.forEach((level, w) => {
      const p = pair(`${prefix}${i}`, days, 10, 10, rnd);
      p.actual = Array.from(p.actual, (a) => a * level);
      out.push({ ...p, window: w + 1 });
    });
  return out;
}

describe('the catalog-wide shift of the lead-time totals', () => {
  it('every window 15 % under the P50: the band moves down to the demand, its widths stay, and fresh totals are centred', () => {
    const rnd = lcg(21);
    const val = shifted(200, 14, [0.85, 0.85, 0.85], rnd);
    const cal = calibrateLeadTime(val, 14)!;
    expect(cal.shift).toBeDefined();
    expect(cal.shift![13]!).toBeGreaterThan(0.83);
    expect(cal.shift![13]!).toBeLessThan(0.87);
    // Scaled, the model's widths are right (within 10 %); without the shift the conformal
    // factors bend the band around the wrong centre: narrow above, wide below.
    expect(Math.abs(cal.upper[13]! - 1)).toBeLessThan(0.1);
    expect(Math.abs(cal.lower[13]! - 1)).toBeLessThan(0.1);
    const unshifted = calibrateLeadTime(val, 14, { shift: false })!;
    expect(unshifted.shift).toBeUndefined();
    expect(unshifted.upper[13]!).toBeLessThan(0.6);
    expect(unshifted.lower[13]!).toBeGreaterThan(1.4);
    const fresh = shifted(2000, 14, [0.85], rnd, 'q');
    let sa = 0;
    let sc = 0;
    for (const p of fresh) {
      for (let i = 0; i < 14; i++) sa += p.actual[i]!;
      sc += applyCalibration(p.total, cal, false).p50[13]!;
    }
    expect(sa / sc).toBeGreaterThan(0.98);
    expect(sa / sc).toBeLessThan(1.02);
    const got = exceedance(fresh, cal, 14);
    expect(got.above).toBeGreaterThan(0.08);
    expect(got.above).toBeLessThan(0.12);
    expect(got.below).toBeGreaterThan(0.08);
    expect(got.below).toBeLessThan(0.12);
  });

  it('windows that disagree (a good month, a bad one) are shocks, not a bias: the same overall ratio, no shift', () => {
    const rnd = lcg(22);
    // Overall Σ actual / Σ P50 about 0.95 both times.
    const agreeing = calibrateLeadTime(shifted(200, 7, [0.95, 0.95, 0.95], rnd), 7)!;
    expect(agreeing.shift![6]!).toBeGreaterThan(0.93);
    expect(agreeing.shift![6]!).toBeLessThan(0.97);
    const disagreeing = calibrateLeadTime(shifted(200, 7, [1.25, 0.75, 0.85], rnd), 7)!;
    expect(disagreeing.shift).toBeUndefined();
  });

  it('pairs of one window only carry no evidence between windows: no shift', () => {
    const rnd = lcg(23);
    const one = shifted(300, 7, [0.8], rnd);
    expect(calibrateLeadTime(one, 7)!.shift).toBeUndefined();
    expect(
      calibrateLeadTime(
        one.map(({ window: _w, ...p }) => p),
        7,
      )!.shift,
    ).toBeUndefined();
  });

  it('the shift scales the P50 and both widths before the factors; whole units stay whole', () => {
    const total: TotalBands = { p10: [1, 3], p50: [2.4, 6.2], p90: [4, 10] };
    const out = applyCalibration(total, { upper: [1, 1], lower: [1, 1], shift: [2, 2], products: 60, scores: 60 }, true);
    expect(out.p50).toEqual([4.8, 12.4]);
    expect(out.p90).toEqual([8, 20]);
    expect(out.p10).toEqual([2, 6]);
  });

  it('stored factors with a shift are read back; a shift of another length than the factors is refused', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const value = { upper: [1.2, 1.1], lower: [1, 1], shift: [0.9, 0.92], products: 80, scores: 80 };
    const base = { day: 0, history: 80, days: 2, country: 'FR', computedAt: 1 };
    setLocal(db, CALIBRATION_STATE_KEY, JSON.stringify({ ...base, value }));
    expect(storedCalibration(db)?.value?.shift).toEqual([0.9, 0.92]);
    setLocal(db, CALIBRATION_STATE_KEY, JSON.stringify({ ...base, value: { ...value, shift: [0.9] } }));
    expect(storedCalibration(db)).toBeNull();
    db.close();
  });
});
