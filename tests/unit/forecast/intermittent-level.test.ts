import { describe, expect, it } from 'vitest';
import { forecastCalendar } from '@core/modules/forecast/daily.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/**
 * Known-truth intermittent demand (issue 17, bench:forecast-level): orders on a day with
 * probability r(t), sizes 1 + Poisson(size − 1), 280 days, 28 days ahead. The daily path's 28-day
 * forecast total against the true expected total, summed over seeded series.
 */
function forecastOverTruth(rate: (t: number, r: number) => number, count: number, seed: number): number {
  const rnd = lcg(seed);
  const n = 280;
  const H = 28;
  let forecast = 0;
  let truth = 0;
  for (let s = 0; s < count; s++) {
    const r = 0.05 + 0.2 * rnd();
    const size = 2 + 4 * rnd();
    const y = Array.from({ length: n }, (_, t) => (rnd() < rate(t, r) ? 1 + poisson(size - 1, rnd) : 0));
    const f = forecastCalendar(y, { frequency: 7, horizon: H, kind: 'intermittent' });
    for (let d = 0; d < H; d++) {
      forecast += f.mean[d]!;
      truth += rate(n + d, r) * size;
    }
  }
  return forecast / truth;
}

describe('intermittent demand whose rate changes: the level follows it', () => {
  it('orders twice as frequent since 40 days before the origin: the forecast does not stay at the old rate', () => {
    // SBA alone (its size and interval move only when an order comes) forecasts 0.774 of the new
    // total and picking the lower-MAE of SBA and TSB 0.776; with the SBA–TSB mean first, TSB's
    // daily probability update pulls the level up: 0.829.
    const ratio = forecastOverTruth((t, r) => (t >= 240 ? 2 * r : r), 400, 7);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.05);
  });

  it('a stationary rate: the level stays within 10 % of the truth', () => {
    // 0.949 before the pair, 0.945 with it (SBA alone 1.022, TSB alone 0.979 on the same window).
    const ratio = forecastOverTruth((_t, r) => r, 400, 7);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  });
});
