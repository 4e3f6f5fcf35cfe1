import { describe, expect, it } from 'vitest';
import { forecastCalendar } from '@core/modules/forecast/daily.js';
import { countQuantilePair, nbQuantilePair } from '@core/modules/forecast/counts.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/** P(X ≤ k) for X ~ Poisson(mu). */
function poissonCdf(mu: number, k: number): number {
  let p = Math.exp(-mu);
  let c = p;
  for (let i = 1; i <= k; i++) {
    p *= mu / i;
    c += p;
  }
  return c;
}

describe('count quantiles of a lead-time total: the smallest whole k with F(k) ≥ p', () => {
  it('Poisson totals: P10 and P90 are whole units with F(P − 1) < p ≤ F(P)', () => {
    const out = new Float64Array(2);
    for (const mu of [0.3, 2.4, 7, 19.5, 45, 59]) {
      countQuantilePair(mu, mu, 0.1, 0.9, true, out);
      for (const [i, p] of [
        [0, 0.1],
        [1, 0.9],
      ] as const) {
        const k = out[i]!;
        expect(Number.isInteger(k)).toBe(true);
        expect(poissonCdf(mu, k)).toBeGreaterThanOrEqual(p);
        if (k > 0) expect(poissonCdf(mu, k - 1)).toBeLessThan(p);
      }
    }
  });

  it('is the mid-distribution quantile rounded up, and whole above the pmf walk’s range too', () => {
    const mid = new Float64Array(2);
    const whole = new Float64Array(2);
    for (const [mu, size] of [
      [3, 2],
      [12, 5],
      [40, Infinity],
    ] as const) {
      nbQuantilePair(mu, size, 0.1, 0.9, mid);
      nbQuantilePair(mu, size, 0.1, 0.9, whole, true);
      expect(whole[0]).toBe(Math.max(0, Math.ceil(mid[0]! - 1e-12)));
      expect(whole[1]).toBe(Math.max(0, Math.ceil(mid[1]! - 1e-12)));
    }
    const out = new Float64Array(2);
    countQuantilePair(500, 800, 0.1, 0.9, true, out);
    expect(Number.isInteger(out[0])).toBe(true);
    expect(Number.isInteger(out[1])).toBe(true);
    expect(out[1]).toBeGreaterThan(500 + 1.2 * Math.sqrt(800));
    // Continuous quantities keep continuous quantiles.
    countQuantilePair(2.5, 1, 0.1, 0.9, false, out);
    expect(Number.isInteger(out[1])).toBe(false);
  });
});

describe('lead-time totals of stationary Poisson days (known truth)', () => {
  it('28-day totals: whole-unit P90 exceeded ~13 % of the time (the mid-distribution P90 15.5 %), P10 undershot at most 10 %', () => {
    // A year of Poisson days at 0.25–1.75 a day, nothing else going on, 1600 series (four seeds of
    // 400: one seed's rate moves by ±2 points). The fractional mid-distribution P90 (2.4 is
    // exceeded by every 3) left 15.5 % of these totals above it; the whole-unit quantile, exceeded
    // 1 − F(P90) ≤ 10 % of the time under the model's own law, 12.9 %. The rest is the law being
    // too narrow on the intermittent path (SBA/TSB: their rate estimate's own variance, which
    // their window backtest sees only in part), not the reading of its quantiles.
    const n = 365;
    const H = 28;
    let over = 0;
    let under = 0;
    let count = 0;
    for (const seed of [1, 2, 3, 2026]) {
      const rnd = lcg(seed);
      for (let s = 0; s < 400; s++) {
        const rate = 0.25 + rnd() * 1.5;
        const y = Array.from({ length: n + H }, () => poisson(rate, rnd));
        const f = forecastCalendar(y.slice(0, n), { frequency: 7, horizon: H });
        const actual = y.slice(n).reduce((a, b) => a + b, 0);
        count++;
        if (actual > f.total.p90[H - 1]!) over++;
        if (actual < f.total.p10[H - 1]!) under++;
      }
    }
    expect(over / count).toBeGreaterThanOrEqual(0.08);
    expect(over / count).toBeLessThanOrEqual(0.135);
    expect(under / count).toBeLessThanOrEqual(0.1);
  });
});
