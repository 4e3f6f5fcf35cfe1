import { describe, expect, it } from 'vitest';
import { forecastSeries } from '@core/modules/forecast/engine.js';

/**
 * A short series given to `opsdeck forecast --input` (a new item's first days, weeks or months: too
 * short for the daily path's 14 days, or for eight backtest errors at every step): its band must
 * still widen with the horizon, never close to a single value. Before, a 10-day series' band closed
 * to P10 = P50 = P90 from day 8 on, a certainty the data never gave. (The catalog forecasts a
 * product from 28 days of history on, through the daily path.)
 */
describe('the band of a short history', () => {
  const cases: Array<[string, number[], number, number]> = [
    ['3 months', [6, 3, 9], 12, 6],
    ['5 days', [4, 7, 2, 8, 5], 1, 6],
    ['8 weeks', [9, 4, 7, 8, 3, 6, 8, 5], 52, 6],
    ['10 days', [3, 9, 0, 5, 7, 4, 8, 6, 2, 9], 7, 14],
  ];
  it.each(cases)('%s: every step has a band, as wide or wider than the step before', (_name, y, frequency, horizon) => {
    const f = forecastSeries(y, { frequency, horizon });
    const width = f.p90.map((hi, i) => hi - f.p10[i]!);
    for (let i = 0; i < horizon; i++) {
      expect(f.p10[i]).toBeLessThanOrEqual(f.p50[i]!);
      expect(f.p90[i]).toBeGreaterThan(f.p50[i]!);
      if (i > 0) expect(width[i]).toBeGreaterThanOrEqual(width[i - 1]! - 1e-9);
    }
  });

  it('a series that never varied keeps no spread (nothing says it will)', () => {
    const f = forecastSeries([5, 5, 5, 5, 5], { frequency: 1, horizon: 4 });
    expect(f.p10).toEqual([5, 5, 5, 5]);
    expect(f.p90).toEqual([5, 5, 5, 5]);
  });
});
