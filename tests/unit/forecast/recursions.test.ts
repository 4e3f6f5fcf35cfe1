import { describe, expect, it } from 'vitest';
import { etsFilter, fitEts } from '@core/modules/forecast/ets.js';
import { crostonStates, fitCroston } from '@core/modules/forecast/croston.js';
import { tsbStates } from '@core/modules/forecast/tsb.js';
import { classifyDemand } from '@core/modules/forecast/classify.js';
import { nelderMead } from '@core/modules/forecast/optimize.js';

describe('ETS recursions (hand-computed)', () => {
  it('SES: level moves by alpha times the one-step error', () => {
    // l0 = 10, α = 0.5; y = 10 → e 0, l 10; y = 14 → e 4, l 12; y = 13 → e 1, l 12.5; SSE = 17
    const r = etsFilter(
      [10, 14, 13],
      1,
      { trend: 'N', season: 'N' },
      { alpha: 0.5, beta: 0, gamma: 0, phi: 1 },
      { level: 10, trend: 0, season: [] },
      true,
    );
    expect(r.sse).toBeCloseTo(17, 10);
    expect(Array.from(r.states!.level)).toEqual([10, 10, 12, 12.5]);
  });

  it('Holt: level and trend updates with additive error', () => {
    // l0 = 9, b0 = 1, α = 0.5, β = 0.2
    // t0: μ 10, e 0 → l 10, b 1; t1: μ 11, e 2 → l 12, b 1.4; t2: μ 13.4, e 1.6 → l 14.2, b 1.72
    const r = etsFilter(
      [10, 13, 15],
      1,
      { trend: 'A', season: 'N' },
      { alpha: 0.5, beta: 0.2, gamma: 0, phi: 1 },
      { level: 9, trend: 1, season: [] },
      true,
    );
    expect(r.sse).toBeCloseTo(4 + 1.6 * 1.6, 10);
    expect(r.states!.level[3]).toBeCloseTo(14.2, 10);
    expect(r.states!.trend[3]).toBeCloseTo(1.72, 10);
  });

  it('fitted SES forecasts a constant series as that constant', () => {
    const f = fitEts(new Array(30).fill(7), 1, { trend: 'N', season: 'N' });
    for (const v of f.forecastFrom(30, 3)) expect(v).toBeCloseTo(7, 6);
  });
});

describe('intermittent demand updates (hand-computed)', () => {
  it('Croston and SBA', () => {
    // first demand 3 at t1 → z 3, p 2; next demand 5 after 3 periods: z = 3 + .5·2 = 4, p = 2 + .5·1 = 2.5
    const s = crostonStates([0, 3, 0, 0, 5], 0.5);
    expect(s.z[5]).toBeCloseTo(4, 12);
    expect(s.p[5]).toBeCloseTo(2.5, 12);
    expect(fitCroston([0, 3, 0, 0, 5], 'croston', 0.5).forecastFrom(5, 2)).toEqual([1.6, 1.6]);
    expect(fitCroston([0, 3, 0, 0, 5], 'sba', 0.5).forecastFrom(5, 1)[0]).toBeCloseTo(1.2, 12);
  });

  it('TSB decays the probability every period and the size only on demand', () => {
    // π0 = 1/3, z0 = 4; t0 no demand: π 1/6; t1 demand 4: π 7/12, z 4; t2 none: π 7/24 → forecast 7/6
    const s = tsbStates([0, 4, 0], 0.5, 0.5);
    expect(s.pi[3]).toBeCloseTo(7 / 24, 12);
    expect(s.z[3]! * s.pi[3]!).toBeCloseTo(7 / 6, 12);
  });
});

describe('ADI / CV² classification', () => {
  it('classifies the four quadrants', () => {
    expect(classifyDemand([0, 2, 0, 2, 0, 2])).toMatchObject({ adi: 2, cv2: 0, kind: 'intermittent' });
    // sizes 1, 10, 1, 10: mean 5.5, variance 20.25 → CV² 0.669
    const e = classifyDemand([1, 10, 1, 10]);
    expect(e.kind).toBe('erratic');
    expect(e.cv2).toBeCloseTo(20.25 / 30.25, 10);
    expect(classifyDemand([0, 1, 0, 10, 0, 1, 0, 10]).kind).toBe('lumpy');
    expect(classifyDemand([5, 6, 5, 6]).kind).toBe('smooth');
  });
});

describe('Nelder–Mead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const r = nelderMead((x) => (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2, [0, 0], { maxEval: 500, tol: 1e-12 });
    expect(r.x[0]).toBeCloseTo(3, 3);
    expect(r.x[1]).toBeCloseTo(-1, 3);
  });
});
