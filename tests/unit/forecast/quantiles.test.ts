import { describe, expect, it } from 'vitest';
import { empiricalBands, MIN_ERRORS_PER_STEP, sortedQuantile } from '@core/modules/forecast/quantiles.js';

describe('sortedQuantile (R type 7)', () => {
  it('interpolates between order statistics', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(sortedQuantile(xs, 0.1)).toBe(2);
    expect(sortedQuantile(xs, 0.9)).toBe(10);
    expect(sortedQuantile(xs, 0.5)).toBe(6);
    // (4 − 1) · 0.25 = 0.75 → 10 + 0.75 · (20 − 10)
    expect(sortedQuantile([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(sortedQuantile([10, 20, 30, 40], 0)).toBe(10);
    expect(sortedQuantile([10, 20, 30, 40], 1)).toBe(40);
  });
  it('one value is every quantile; no values give 0', () => {
    expect(sortedQuantile([7], 0.1)).toBe(7);
    expect(sortedQuantile([7], 0.9)).toBe(7);
    expect(sortedQuantile([], 0.5)).toBe(0);
  });
});

/** Ten errors −5, −4 … 4 (P10 −4.1, P90 3.1) and an RMSE of √8.5. */
const TEN = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4];

describe('empiricalBands', () => {
  it('empirical shape: P50 is the point forecast, P10/P90 from the error quantiles', () => {
    const b = empiricalBands([20, 30], [TEN, TEN]);
    expect(b.p50).toEqual([20, 30]);
    expect(b.p10[0]).toBeCloseTo(20 - 4.1, 9);
    expect(b.p90[0]).toBeCloseTo(20 + 3.1, 9);
    expect(b.p10[1]).toBeCloseTo(30 - 4.1, 9);
    expect(b.p90[1]).toBeCloseTo(30 + 3.1, 9);
  });

  it('rmse shape: ±1.2816 · RMSE, symmetric, and `widen` scales the spread', () => {
    const rmse = Math.sqrt(TEN.reduce((a, e) => a + e * e, 0) / TEN.length);
    expect(rmse).toBeCloseTo(Math.sqrt(8.5), 12);
    const b = empiricalBands([20], [TEN], 'rmse');
    expect(b.p10[0]).toBeCloseTo(20 - 1.2816 * rmse, 9);
    expect(b.p90[0]).toBeCloseTo(20 + 1.2816 * rmse, 9);
    const w = empiricalBands([20], [TEN], 'rmse', 1.5);
    expect(w.p90[0]! - 20).toBeCloseTo(1.5 * 1.2816 * rmse, 9);
    const e = empiricalBands([20], [TEN], 'empirical', 2);
    expect(e.p10[0]).toBeCloseTo(20 - 2 * 4.1, 9);
    expect(e.p90[0]).toBeCloseTo(20 + 2 * 3.1, 9);
  });

  it('errors all on one side still leave the P50 inside the band (bounds ordered around it)', () => {
    const allHigh = Array.from({ length: 10 }, (_, i) => i + 1); // actual always above the forecast
    const b = empiricalBands([20], [allHigh]);
    expect(b.p10[0]).toBe(20);
    expect(b.p90[0]).toBeCloseTo(20 + 9.1, 9);
    const allLow = allHigh.map((e) => -e);
    const c = empiricalBands([20], [allLow]);
    expect(c.p90[0]).toBe(20);
    expect(c.p10[0]).toBeCloseTo(20 - 9.1, 9);
  });

  it('clamps at 0: a negative point forecast is 0 and no bound goes below 0', () => {
    const b = empiricalBands([-2, 1], [TEN, TEN]);
    expect(b.p50).toEqual([0, 1]);
    expect(b.p10).toEqual([0, 0]);
    // −2 + 3.1 = 1.1 (the bound follows the raw point, then is kept at or above the P50)
    expect(b.p90[0]).toBeCloseTo(1.1, 9);
    expect(b.p90[1]).toBeCloseTo(4.1, 9);
  });

  it(`a step with fewer than ${MIN_ERRORS_PER_STEP} errors borrows the last well-populated step, widened by sqrt(h / h')`, () => {
    expect(MIN_ERRORS_PER_STEP).toBe(8);
    const seven = TEN.slice(0, 7).map((e) => e * 100); // too few: ignored, would be huge if used
    const eight = [-4, -3, -2, -1, 1, 2, 3, 4];
    // Steps 0 and 1 populated (the donor is step 1, the LAST well-populated one), step 2 short, step 3 none.
    const b = empiricalBands([50, 50, 50, 50], [TEN, eight, seven, []]);
    const lo1 = sortedQuantile(eight, 0.1);
    const hi1 = sortedQuantile(eight, 0.9);
    expect(b.p10[1]).toBeCloseTo(50 + lo1, 9);
    expect(b.p10[2]).toBeCloseTo(50 + lo1 * Math.sqrt(3 / 2), 9);
    expect(b.p90[2]).toBeCloseTo(50 + hi1 * Math.sqrt(3 / 2), 9);
    expect(b.p90[3]).toBeCloseTo(50 + hi1 * Math.sqrt(4 / 2), 9);
    // Step 0 keeps its own errors (10 ≥ 8) and is not widened.
    expect(b.p10[0]).toBeCloseTo(50 - 4.1, 9);
  });

  it('exactly the minimum count is enough to stand alone', () => {
    const eight = [-4, -3, -2, -1, 1, 2, 3, 4];
    const b = empiricalBands([50, 50], [TEN, eight]);
    expect(b.p90[1]).toBeCloseTo(50 + sortedQuantile(eight, 0.9), 9);
    // rmse with no errors at all: zero spread, not NaN.
    const d = empiricalBands([50], [[]], 'rmse');
    expect([d.p10[0], d.p90[0]]).toEqual([50, 50]);
  });

  it('with no well-populated step (a short history), every step reads all the errors brought to one step, widened by sqrt(h)', () => {
    // Step 1: −2, 2; step 2: −4, 4 (one step: ±2.83); steps 3 and 4: none. Pooled one-step errors: −2.83, −2, 2, 2.83.
    const pooled = [-4 / Math.SQRT2, -2, 2, 4 / Math.SQRT2];
    const b = empiricalBands([50, 50, 50, 50], [[-2, 2], [-4, 4], [], []]);
    for (let i = 0; i < 4; i++) {
      expect(b.p10[i]).toBeCloseTo(50 + sortedQuantile(pooled, 0.1) * Math.sqrt(i + 1), 9);
      expect(b.p90[i]).toBeCloseTo(50 + sortedQuantile(pooled, 0.9) * Math.sqrt(i + 1), 9);
    }
    const r = empiricalBands([50, 50, 50], [[-2, 2], [], []], 'rmse');
    expect(r.p90.map((v) => v - 50)).toEqual([1, 2, 3].map((h) => expect.closeTo(1.2816 * 2 * Math.sqrt(h), 9)));
  });

  it('does not reorder the caller’s error arrays', () => {
    const errs = [3, -1, 2, -5, 0, 1, -2, 4, -3, 5];
    const copy = errs.slice();
    empiricalBands([10], [errs]);
    expect(errs).toEqual(copy);
  });
});
