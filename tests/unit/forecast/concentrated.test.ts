import { describe, expect, it } from 'vitest';
import { concentratedSse, etsFilter, fitEts } from '@core/modules/forecast/ets.js';
import { lcg } from '../../fixtures/randomCounts.js';

const sse = (y: number[], trend: 'N' | 'Ad', alpha: number, beta: number, phi: number, level: number, b: number) =>
  etsFilter(y, 1, { trend, season: 'N' }, { alpha, beta, gamma: 0, phi }, { level, trend: b, season: [] }).sse;

describe('ETS with the initial states concentrated out', () => {
  it('SES: the solved initial level gives the SSE it reports, and moving it either way only adds error', () => {
    // Hand check: y = [4, 6], α = 0.5. From ℓ₀: e₁ = 4 − ℓ₀, ℓ₁ = (4 + ℓ₀)/2, e₂ = 6 − ℓ₁ = 4 − ℓ₀/2.
    // SSE = (4 − ℓ₀)² + (4 − ℓ₀/2)² is least at ℓ₀ = 4.8 (derivative 2.5ℓ₀ − 12 = 0): 0.8² + 1.6² = 3.2.
    const out = { level: 0, trend: 0 };
    expect(concentratedSse([4, 6], 0.5, 0, 1, false, { level: 0, trend: 0 }, out)).toBeCloseTo(3.2, 10);
    expect(out.level).toBeCloseTo(4.8, 10);
    const rnd = lcg(5);
    const y = Array.from({ length: 150 }, (_, t) => 20 + 0.05 * t + (rnd() - 0.5) * 6);
    const s = concentratedSse(y, 0.2, 0, 1, false, { level: 18, trend: 0 }, out);
    expect(sse(y, 'N', 0.2, 0, 1, out.level, 0)).toBeCloseTo(s, 6);
    for (const d of [-0.5, 0.5]) expect(sse(y, 'N', 0.2, 0, 1, out.level + d, 0)).toBeGreaterThan(s);
  });

  it('damped trend: the solved level and trend are the least-squares pair', () => {
    const rnd = lcg(6);
    const y = Array.from({ length: 150 }, (_, t) => 50 + 0.3 * t + (rnd() - 0.5) * 10);
    const out = { level: 0, trend: 0 };
    const s = concentratedSse(y, 0.15, 0.02, 0.9, true, { level: 50, trend: 0 }, out);
    expect(sse(y, 'Ad', 0.15, 0.02, 0.9, out.level, out.trend)).toBeCloseTo(s, 6);
    for (const [dl, db] of [
      [1, 0],
      [-1, 0],
      [0, 0.5],
      [0, -0.5],
      [0.5, -0.5],
    ] as const)
      expect(sse(y, 'Ad', 0.15, 0.02, 0.9, out.level + dl, out.trend + db)).toBeGreaterThan(s);
  });

  it('a concentrated fit is as good as the simplex over all quantities (within the simplex tolerance)', () => {
    const rnd = lcg(7);
    for (let r = 0; r < 20; r++) {
      let level = 10 + rnd() * 30;
      const y = Array.from({ length: 150 }, () => Math.max(0, Math.round((level += (rnd() - 0.5) * 0.8) + (rnd() - 0.5) * 8)));
      for (const trend of ['N', 'Ad'] as const) {
        const plain = fitEts(y, 1, { trend, season: 'N' }, 30, 1e-3);
        const conc = fitEts(y, 1, { trend, season: 'N' }, 30, 1e-3, true);
        // tol 1e-3 on the SSE: σ within 0.5 % either way.
        expect(conc.params.sigma!).toBeLessThanOrEqual(plain.params.sigma! * 1.005);
        expect(conc.model).toBe(plain.model);
      }
    }
  });
});
