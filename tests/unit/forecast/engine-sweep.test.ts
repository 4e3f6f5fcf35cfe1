import { describe, expect, it } from 'vitest';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/**
 * Whatever a ledger or a script hands the engine — 1 to 800 points, yearly to weekly periods, all
 * zeros, a last-day spike, a trend, a constant, rare large orders, a product that stopped selling,
 * values around zero, counts from 0.05 to a million a period — every step of the answer is finite,
 * ordered P10 ≤ P50 ≤ P90, at or above 0 for a history at or above 0, and as long as asked.
 * Seeded: the same 240 series on every machine.
 */
describe('the engine on a sweep of odd series', () => {
  const rnd = lcg(20261207);
  const freqs = [1, 4, 7, 12, 52];
  const shapes = ['zeros', 'counts', 'spike', 'trend', 'constant', 'rare', 'stopped', 'around 0'] as const;
  const cases = Array.from({ length: 240 }, () => {
    const n = 1 + Math.floor(rnd() ** 2 * 800);
    const frequency = freqs[Math.floor(rnd() * freqs.length)]!;
    const horizon = 1 + Math.floor(rnd() * 60);
    const shape = shapes[Math.floor(rnd() * shapes.length)]!;
    const mu = [0.05, 0.5, 3, 40, 1e6][Math.floor(rnd() * 5)]!;
    const y = Array.from({ length: n }, (_, t) => {
      if (shape === 'zeros') return 0;
      if (shape === 'counts') return poisson(mu, rnd);
      if (shape === 'spike') return t === n - 1 ? mu * 50 : poisson(mu, rnd);
      if (shape === 'trend') return Math.round(mu * (1 + t / 50) + mu * 0.2 * (rnd() - 0.5));
      if (shape === 'constant') return 7;
      if (shape === 'rare') return rnd() < 0.97 ? 0 : poisson(mu * 10, rnd);
      if (shape === 'stopped') return t < n / 2 ? poisson(mu, rnd) : 0;
      return (rnd() - 0.5) * mu;
    });
    return { name: `${shape} n=${n} m=${frequency} h=${horizon} μ=${mu}`, y, frequency, horizon };
  });

  it('answers every series with finite, ordered, non-negative bands of the asked length', () => {
    const problems: string[] = [];
    for (const c of cases) {
      const f = forecastSeries(c.y, { frequency: c.frequency, horizon: c.horizon });
      const nonNegative = c.y.every((v) => v >= 0);
      if (f.p10.length !== c.horizon || f.p50.length !== c.horizon || f.p90.length !== c.horizon) problems.push(`${c.name}: length`);
      for (let i = 0; i < c.horizon; i++) {
        const [lo, mid, hi] = [f.p10[i]!, f.p50[i]!, f.p90[i]!];
        if (![lo, mid, hi].every(Number.isFinite)) problems.push(`${c.name}: step ${i + 1} not finite`);
        else if (lo > mid + 1e-9 || mid > hi + 1e-9) problems.push(`${c.name}: step ${i + 1} crosses (${lo}, ${mid}, ${hi})`);
        else if (nonNegative && lo < 0) problems.push(`${c.name}: step ${i + 1} below 0`);
      }
    }
    expect(problems).toEqual([]);
  });
});
