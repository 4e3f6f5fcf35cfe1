import { describe, expect, it } from 'vitest';
import { unconstrainedDemand } from '@core/modules/forecast/stockouts.js';

describe('demand on stocked-out days', () => {
  it('reads an empty-shelf day as the recent in-stock rate, never below what was sold', () => {
    // In stock 8 days selling 4,6,4,6,4,6,4,6 (mean 5); day 8 sells the last 2 and ends empty;
    // days 9–10 sell nothing on an empty shelf; a delivery on day 11 restores sales.
    const sales = [4, 6, 4, 6, 4, 6, 4, 6, 2, 0, 0, 7];
    const closing = [50, 44, 40, 34, 30, 24, 20, 14, 0, 0, 0, 43];
    const r = unconstrainedDemand(sales, closing, { minInStock: 7 });
    expect(r.y).toEqual([4, 6, 4, 6, 4, 6, 4, 6, 5, 5, 5, 7]);
    expect(r.imputedDays).toBe(3);
  });

  it('keeps a day that sold more than the rate before running out', () => {
    const r = unconstrainedDemand([5, 5, 5, 5, 5, 5, 5, 9], [9, 9, 9, 9, 9, 9, 9, 0]);
    expect(r.y[7]).toBe(9);
    expect(r.imputedDays).toBe(0);
  });

  it('leaves long stock-outs and too-short in-stock histories alone', () => {
    const sales = [...new Array(10).fill(3), ...new Array(40).fill(0)];
    const closing = [...new Array(10).fill(20), ...new Array(40).fill(0)];
    const r = unconstrainedDemand(sales, closing, { maxRun: 28 });
    expect(r.y.slice(10, 38).every((v) => v === 3)).toBe(true);
    expect(r.y.slice(38).every((v) => v === 0)).toBe(true);
    expect(r.imputedDays).toBe(28);
    // Out of stock from the start: nothing to learn the rate from.
    expect(unconstrainedDemand([0, 0, 1, 0], [0, 0, 0, 0]).y).toEqual([0, 0, 1, 0]);
  });

  it('uses the last 28 in-stock days only', () => {
    const sales = [...new Array(28).fill(1), ...new Array(28).fill(10), 0];
    const closing = [...new Array(56).fill(100), 0];
    expect(unconstrainedDemand(sales, closing).y[56]).toBe(10);
  });
});
