import { describe, expect, it } from 'vitest';
import { forecastCalendar } from '@core/modules/forecast/daily.js';
import { demandQuantile, demandQuantilePair, nbQuantile, nbQuantilePair } from '@core/modules/forecast/counts.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

function negbin(mu: number, size: number, rnd: () => number): number {
  let g = 0;
  for (let i = 0; i < size; i++) g -= Math.log(Math.max(rnd(), 1e-12));
  return poisson((mu * g) / size, rnd);
}

describe('calibrated daily bands', () => {
  it('cover about 80 % of the hold-out days on simulated over-dispersed demand with a weekday pattern', () => {
    const rnd = lcg(31);
    let inside = 0;
    let n = 0;
    for (let s = 0; s < 60; s++) {
      const base = 0.5 + rnd() * 15;
      const size = 0.8 + rnd() * 5;
      const week = [0.6, 1, 1, 1.1, 1.2, 1.5, 0.6];
      const y = Array.from({ length: 393 }, (_, t) => negbin(base * week[t % 7]!, size, rnd));
      const f = forecastCalendar(y.slice(0, 365), { frequency: 7, horizon: 28 });
      for (let d = 0; d < 28; d++) {
        const a = y[365 + d]!;
        n++;
        if (a >= f.p10[d]! && a <= f.p90[d]!) inside++;
      }
    }
    expect(inside / n).toBeGreaterThan(0.75);
    expect(inside / n).toBeLessThan(0.85);
  });
});

describe('a yearly view', () => {
  it('forecasts 365 days of a two-year daily history with its yearly season and weekday pattern', () => {
    const rnd = lcg(41);
    const season = (t: number) => 1 + 0.5 * Math.sin((2 * Math.PI * t) / 365.25);
    const week = [0.7, 1, 1, 1, 1.1, 1.4, 0.8];
    const y = Array.from({ length: 730 }, (_, t) => poisson(8 * season(t) * week[t % 7]!, rnd));
    const f = forecastCalendar(y, { frequency: 7, horizon: 365 });
    expect(f.mean).toHaveLength(365);
    expect(f.model).toContain('+year');
    expect(f.model).toContain('+weekday');
    // Peak of the season near t = 730 + 91 (sin = 1), trough near 730 + 274: about 1.5 / 0.5 = 3×.
    const around = (c: number) => f.mean.slice(c - 730 - 14, c - 730 + 14).reduce((a, v) => a + v, 0) / 28;
    const ratio = around(730 + 91) / around(730 + 274);
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(4.5);
    for (let d = 0; d < 365; d++) {
      expect(f.p10[d]!).toBeLessThanOrEqual(f.mean[d]!);
      expect(f.p90[d]!).toBeGreaterThanOrEqual(f.mean[d]!);
    }
  });
});

describe('two quantiles in one walk', () => {
  it('nbQuantilePair and demandQuantilePair give the single-level quantiles', () => {
    const out = new Float64Array(2);
    for (const [mu, k] of [
      [0.3, 0.5],
      [2, Infinity],
      [7, 2],
      [45, 8],
      [300, 5],
    ] as const) {
      nbQuantilePair(mu, k, 0.1, 0.9, out);
      expect(out[0]).toBeCloseTo(nbQuantile(mu, k, 0.1), 10);
      expect(out[1]).toBeCloseTo(nbQuantile(mu, k, 0.9), 10);
      for (const counts of [true, false]) {
        const v = mu + (mu * mu) / (Number.isFinite(k) ? k : 1e12);
        demandQuantilePair(mu, v, 0.1, 0.9, counts, out);
        expect(out[0]).toBeCloseTo(demandQuantile(mu, v, 0.1, counts), 10);
        expect(out[1]).toBeCloseTo(demandQuantile(mu, v, 0.9, counts), 10);
      }
    }
    demandQuantilePair(0, 1, 0.1, 0.9, true, out);
    expect([...out]).toEqual([0, 0]);
  });
});
