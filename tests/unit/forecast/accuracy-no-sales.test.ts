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

  it('is not measured for the same count every day a shop closed on public holidays opens (not MASE 0, "Good")', () => {
    // 5 a day, closed on Saturdays and on a dozen scattered holidays. The naive scale skipped closed
    // weekdays but not holidays: the naive forecast's misses around each holiday gave it a divisor, the
    // model made no error, and the list read "Bonne", errors "100 % smaller" than a naive forecast's.
    const n = 400;
    const holiday = new Set([20, 45, 60, 101, 150, 181, 222, 260, 300, 331, 360, 390]);
    const closed = Array.from({ length: n + 28 }, (_, t) => holiday.has(t));
    const y = Array.from({ length: n }, (_, t) => (t % 7 === 5 || holiday.has(t) ? 0 : 5));
    const f = forecastSeries(y, { frequency: 7, horizon: 28, closed });
    expect(f.backtestMase).toBeNaN();
    // The forecast itself is unchanged by how accuracy is scaled: 5 on open days, 0 when shut.
    expect(f.p50.filter((v) => v > 0).every((v) => Math.abs(v - 5) < 0.5)).toBe(true);
  });

  it('a seller that varies, with holidays, is still measured', () => {
    const n = 400;
    const holiday = new Set([20, 45, 60, 101, 150, 181, 222, 260, 300, 331, 360, 390]);
    const closed = Array.from({ length: n + 28 }, (_, t) => holiday.has(t));
    const y = Array.from({ length: n }, (_, t) => (holiday.has(t) ? 0 : 5 + ((t * 7) % 5)));
    const withHolidays = forecastSeries(y, { frequency: 7, horizon: 28, closed });
    expect(Number.isFinite(withHolidays.backtestMase)).toBe(true);
    expect(withHolidays.backtestMase).toBeGreaterThan(0);
  });
});
