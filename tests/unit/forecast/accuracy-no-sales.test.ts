import { describe, expect, it } from 'vitest';
import { forecastSeries } from '@core/modules/forecast/engine.js';

/**
 * A product that never sold (or sells the same count every day) gives the naive forecast no error to
 * be compared with: its accuracy is not measured. The engine's fallback scale of 1 unit made its MASE
 * 0, and the product page said "forecast errors 100 % smaller than a naive forecast's", reliability
 * "Good", for 400 days without a sale.
 */
describe('accuracy of a series the naive forecast gets exactly right', () => {
  it('is not measured (NaN, stored as null) for 400 days without a sale, daily and weekly', () => {
    for (const frequency of [7, 1]) {
      const f = forecastSeries(new Array(400).fill(0), { frequency, horizon: 28 });
      expect(Number.isNaN(f.backtestMase), `frequency ${frequency}`).toBe(true);
      expect(f.p50.every((v) => v === 0)).toBe(true);
    }
  });

  it('is still measured for a product that sells', () => {
    const y = Array.from({ length: 400 }, (_, t) => 5 + ((t * 7) % 5));
    const f = forecastSeries(y, { frequency: 7, horizon: 28 });
    expect(Number.isFinite(f.backtestMase)).toBe(true);
  });
});
