import { describe, expect, it } from 'vitest';
import { autoEts } from '@core/modules/forecast/ets.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { isSeasonal } from '@core/modules/forecast/seasonality.js';
import { lcg } from '../../fixtures/randomCounts.js';

/** Deterministic uniform generator so the synthetic series are the same on every run. */
/** Approximately standard normal (sum of 12 uniforms − 6). */
function normal(rnd: () => number) {
  let s = 0;
  for (let i = 0; i < 12; i++) s += rnd();
  return s - 6;
}

describe('model selection recovers the generating model', () => {
  it('AICc picks a seasonal ETS for a seasonal series and no season for white noise around a level', () => {
    const rnd = lcg(1);
    const seasonal = Array.from({ length: 120 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + normal(rnd));
    expect(autoEts(seasonal, 12).best.spec.season).not.toBe('N');
    expect(isSeasonal(seasonal, 12)).toBe(true);
    const flat = Array.from({ length: 120 }, () => 50 + 3 * normal(rnd));
    expect(autoEts(flat, 12).best.spec).toEqual({ trend: 'N', season: 'N' });
    expect(isSeasonal(flat, 12)).toBe(false);
  });

  it('AICc picks a trend for a noisy straight line and the forecast keeps climbing', () => {
    const rnd = lcg(2);
    const line = Array.from({ length: 60 }, (_, t) => 10 + 2 * t + normal(rnd));
    const { best } = autoEts(line, 1);
    expect(best.spec.trend).not.toBe('N');
    const f = best.forecastFrom(60, 6);
    // True continuation is 130, 132, …, 140; a trend model stays within a few units of it.
    f.forEach((v, i) => expect(Math.abs(v - (130 + 2 * i))).toBeLessThan(5));
  });

  it('intermittent series go to the intermittent models and continuous ones do not', () => {
    const rnd = lcg(3);
    const sparse = Array.from({ length: 48 }, () => (rnd() < 0.25 ? 1 + Math.floor(rnd() * 3) : 0));
    const r = forecastSeries(sparse, { frequency: 12, horizon: 6 });
    expect(r.kind === 'intermittent' || r.kind === 'lumpy').toBe(true);
    expect(['croston', 'sba', 'tsb']).toContain(r.model);
    const smooth = Array.from({ length: 48 }, () => 30 + normal(rnd));
    expect(['croston', 'sba', 'tsb']).not.toContain(forecastSeries(smooth, { frequency: 12, horizon: 6 }).model);
  });

  it('refuses bad horizons and non-finite values with a clear message', () => {
    expect(() => forecastSeries([1, 2, 3], { frequency: 1, horizon: 0 })).toThrow(/horizon must be an integer/);
    expect(() => forecastSeries([1, 2, 3], { frequency: 1, horizon: 2.5 })).toThrow(/horizon/);
    expect(() => forecastSeries([1, NaN, 3], { frequency: 1, horizon: 2 })).toThrow(/position 2/);
    expect(() => forecastSeries([], { frequency: 1, horizon: 2 })).toThrow(/empty/);
  });
});

describe('quantiles', () => {
  it('are ordered, non-negative and cover about 80 % of simulated futures', () => {
    const rnd = lcg(4);
    let inside = 0;
    let total = 0;
    for (let s = 0; s < 150; s++) {
      // Local-level process (the SES generating model), level well above 0 so clamping does not help.
      let level = 100;
      const y: number[] = [];
      for (let t = 0; t < 86; t++) {
        level += 1 * normal(rnd);
        y.push(level + 3 * normal(rnd));
      }
      const train = y.slice(0, 80);
      const f = forecastSeries(train, { frequency: 1, horizon: 6 });
      for (let i = 0; i < 6; i++) {
        expect(f.p10[i]!).toBeGreaterThanOrEqual(0);
        expect(f.p10[i]!).toBeLessThanOrEqual(f.p50[i]!);
        expect(f.p50[i]!).toBeLessThanOrEqual(f.p90[i]!);
        if (f.p10[i]! <= y[80 + i]! && y[80 + i]! <= f.p90[i]!) inside++;
        total++;
      }
    }
    const coverage = inside / total;
    expect(coverage).toBeGreaterThan(0.72);
    expect(coverage).toBeLessThan(0.9);
  });

  it('intermittent bands stay at or above zero and P90 is above P50', () => {
    const y = [0, 0, 3, 0, 0, 0, 2, 0, 0, 4, 0, 0, 0, 1, 0, 0, 3, 0, 0, 0, 2, 0, 0, 5, 0, 0, 1, 0, 0, 2];
    const f = forecastSeries(y, { frequency: 1, horizon: 3, kind: 'intermittent' });
    for (let i = 0; i < 3; i++) {
      expect(f.p10[i]).toBe(0);
      expect(f.p90[i]!).toBeGreaterThan(f.p50[i]!);
    }
  });
});
