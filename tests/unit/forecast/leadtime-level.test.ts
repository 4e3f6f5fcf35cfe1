import { describe, expect, it } from 'vitest';
import { historyLevelShare } from '@core/modules/forecast/daily.js';
import { lcg } from '../../fixtures/randomCounts.js';

const gauss = (rnd: () => number) => Math.sqrt(-2 * Math.log(Math.max(rnd(), 1e-12))) * Math.cos(2 * Math.PI * rnd());

/**
 * Local level with known variances: y_t = μ_t + ε_t, μ_t = μ_{t−1} + η_t, Var ε = s², Var η = q
 * (here Poisson-like days around μ ≈ 100: s² = μ, given to the function as c1 = 1, c2 = 0).
 * A level smoothed with α estimates μ_t with steady-state error variance
 * D = ((1 − α)² q + α² s²) / (α (2 − α)), and the error of its L-day total is the level's error
 * L times plus the level's wandering over the lead time: Var = L² D + q L(L + 1)(2L + 1)/6.
 * Over (L·μ)², that is the shared relative variance historyLevelShare estimates.
 */
function theory(alpha: number, s2: number, q: number, L: number, mu: number): number {
  const D = ((1 - alpha) ** 2 * q + alpha ** 2 * s2) / (alpha * (2 - alpha));
  return (L * L * D + (q * L * (L + 1) * (2 * L + 1)) / 6) / (L * mu) ** 2;
}

function mean(runs: number, f: () => number): number {
  let s = 0;
  for (let i = 0; i < runs; i++) s += f();
  return s / runs;
}

describe('historyLevelShare: the shared error of L-day totals, out of sample over the whole history', () => {
  const L = 28;
  const mu = 100;
  const s2 = 100;
  const alpha = 0.1;
  const days = 730;
  const ones = new Float64Array(days).fill(1);

  it('a stationary level: only the smoothed level’s estimation error, α/(2 − α) · s²/μ²', () => {
    const rnd = lcg(3);
    const got = mean(60, () => {
      const y = Array.from({ length: days }, () => mu + Math.sqrt(mu) * gauss(rnd));
      return historyLevelShare(y, ones, alpha, L, 1, 0);
    });
    const want = theory(alpha, s2, 0, L, mu);
    expect(want).toBeCloseTo(alpha / (2 - alpha) / mu, 12);
    expect(got).toBeGreaterThan(0.75 * want);
    expect(got).toBeLessThan(1.25 * want);
  });

  it('a random-walk level: the estimation error plus the wandering over the lead time (local-level formula)', () => {
    const rnd = lcg(11);
    const q = 1;
    const got = mean(60, () => {
      let level = mu;
      const y = Array.from({ length: days }, () => {
        level += Math.sqrt(q) * gauss(rnd);
        return level + Math.sqrt(Math.max(1, level)) * gauss(rnd);
      });
      // Relative to the series' own scale, as the function measures it.
      return historyLevelShare(y, ones, alpha, L, 1, 0) * (y.reduce((a, b) => a + b, 0) / days / mu) ** 2;
    });
    const want = theory(alpha, s2, q, L, mu);
    // The wandering term is half of it here: a share that ignored it would be under 0.6 × want.
    expect(theory(alpha, s2, 0, L, mu) / want).toBeLessThan(0.6);
    expect(got).toBeGreaterThan(0.75 * want);
    expect(got).toBeLessThan(1.25 * want);
  });

  it('weekday factors: the same share on a seasonal series as on its deseasonalised one', () => {
    const rnd = lcg(5);
    const week = [0.6, 1.2, 1, 1.4, 0.8, 1.1, 0.9];
    const z = Array.from({ length: days }, () => mu + Math.sqrt(s2) * gauss(rnd));
    const y = z.map((v, t) => v * week[t % 7]!);
    // Constant noise s² on the deseasonalised scale, s²·k² on the seasonal one: c2 = s²/μ² for both.
    const flat = historyLevelShare(z, ones, alpha, L, 0, s2 / mu ** 2);
    const seasonal = historyLevelShare(
      y,
      y.map((_, t) => week[t % 7]!),
      alpha,
      L,
      0,
      s2 / mu ** 2,
    );
    expect(seasonal).toBeCloseTo(flat, 3);
  });

  it('says nothing without a burn-in and two lead times of history, or without a smoothing parameter', () => {
    expect(historyLevelShare([1, 2, 3, 4, 5], ones, 0.1, L, 1, 0)).toBe(0);
    expect(historyLevelShare(new Array(200).fill(3), ones, 0, L, 1, 0)).toBe(0);
    // A constant series with no day variance: nothing shared either.
    expect(historyLevelShare(new Array(200).fill(3), ones, 0.1, L, 0, 0)).toBe(0);
  });
});
