import { describe, expect, it } from 'vitest';
import { forecastCalendar, type DayLaw } from '@core/modules/forecast/daily.js';
import { dayCdfPair, gammaCdf, outsideProbabilities, PitIntervals } from '@core/modules/forecast/bandDiagnostics.js';
import { gammaQuantile, nbQuantile, OrderSizes } from '@core/modules/forecast/counts.js';
import { pinball } from '@core/modules/forecast/metrics.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/** A day law with no backtest: Poisson days (variance μ) unless `variance` says otherwise. */
function law(over: Partial<DayLaw> = {}): DayLaw {
  return {
    counts: true,
    level: 0,
    orders: null,
    dayVariance: (mu) => mu,
    factor: [],
    backtest: { h: 1, origins: new Int32Array(0), steps: new Int32Array(0), f: new Float64Array(0) },
    window: [],
    windowFactor: () => 1,
    ...over,
  };
}

describe('the day law as a CDF (bandDiagnostics)', () => {
  it('is the CDF the day quantiles invert: F at the mid-distribution quantile interpolates to its level', () => {
    const out = new Float64Array(2);
    for (const [mu, size] of [
      [0.4, Infinity],
      [3, Infinity],
      [7, 2],
      [25, 0.9],
    ] as const) {
      const l = law({ dayVariance: (m) => m + (Number.isFinite(size) ? (m * m) / size : 0) });
      for (const q of [0.1, 0.5, 0.9]) {
        const x = nbQuantile(mu, size, q);
        if (x === 0) continue;
        // x = a − 1 + (q − F(a − 1)) / p(a) with a = ⌈x⌉.
        const a = Math.ceil(x);
        dayCdfPair(l, mu, 1, a, out);
        expect(out[0]! + (x - (a - 1)) * (out[1]! - out[0]!)).toBeCloseTo(q, 9);
      }
    }
    // Order sizes: 1 − π at zero, then the piecewise-linear size CDF that OrderSizes.quantile inverts.
    const sizes = new OrderSizes([1, 1, 2, 5]);
    const l = law({ orders: sizes });
    for (const r of [0.2, 0.5, 0.75, 0.9]) expect(sizes.cdfAt(sizes.quantile(r))).toBeCloseTo(r, 12);
    const mu = 0.5; // π = 0.5 / 2.25
    const pi = mu / sizes.mean;
    dayCdfPair(l, mu, 1, 0, out);
    expect(out).toEqual(Float64Array.from([0, 1 - pi]));
    dayCdfPair(l, mu, 1, 2, out);
    expect(out[0]).toBeCloseTo(1 - pi + pi * 0.5, 12);
    expect(out[1]).toBeCloseTo(1 - pi + pi * 0.75, 12);
    // Gamma: the Wilson–Hilferty CDF is the inverse of gammaQuantile.
    for (const q of [0.1, 0.5, 0.9]) expect(gammaCdf(40, 90, gammaQuantile(40, 90, q))).toBeCloseTo(q, 6);
  });

  it('randomised PITs of outcomes drawn from the law itself are uniform, and their levels are the nominal ones', () => {
    const rnd = lcg(5);
    const pits = new PitIntervals();
    for (let i = 0; i < 20_000; i++) {
      const mu = 0.2 + 4 * rnd();
      pits.add(law(), mu, 1, poisson(mu, rnd));
    }
    for (const tau of [0.1, 0.5, 0.9]) expect(Math.abs(pits.shareBelow(tau) - tau)).toBeLessThan(0.012);
    expect(Math.abs(pits.levelBelow(0.9) - 0.9)).toBeLessThan(0.012);
    // Outcomes from a law twice as large are above its 0.9 level far more often than 10 %.
    const low = new PitIntervals();
    for (let i = 0; i < 5000; i++) low.add(law(), 2, 1, poisson(4, rnd));
    expect(1 - low.shareBelow(0.9)).toBeGreaterThan(0.3);
    expect(low.levelBelow(0.9)).toBeGreaterThan(0.97);
  });

  it('says how often a calibrated count lands outside its mid-distribution band: Poisson(0.5) is above P90 39 % of the time, never below P10', () => {
    const mu = 0.5;
    const p90 = nbQuantile(mu, Infinity, 0.9);
    expect(p90).toBeGreaterThan(0.9);
    expect(p90).toBeLessThan(1);
    const { above, below } = outsideProbabilities(law(), mu, 1, 0, p90);
    expect(above).toBeCloseTo(1 - Math.exp(-mu), 9);
    expect(below).toBe(0);
    // …and the simulation agrees.
    const rnd = lcg(9);
    let over = 0;
    for (let i = 0; i < 20_000; i++) if (poisson(mu, rnd) > p90) over++;
    expect(Math.abs(over / 20_000 - above)).toBeLessThan(0.01);
  });
});

describe('forecastCalendar day-band options and law', () => {
  const rnd = lcg(17);
  const week = [0.6, 1, 1, 1.1, 1.2, 1.5, 0.6];
  const series = Array.from({ length: 40 }, () => {
    const base = 0.3 + 3 * rnd();
    return Array.from({ length: 393 }, (_, t) => poisson(base * week[t % 7]!, rnd));
  });

  it('the default levels are the app bands; whole-unit bands are whole numbers and score better on known Poisson days', () => {
    let mid = 0;
    let whole = 0;
    for (const y of series) {
      const train = y.slice(0, 365);
      const f = forecastCalendar(train, { frequency: 7, horizon: 28 });
      const same = forecastCalendar(train, { frequency: 7, horizon: 28, dayBands: { lo: 0.1, hi: 0.9 } });
      expect(same.p10).toEqual(f.p10);
      expect(same.p90).toEqual(f.p90);
      const w = forecastCalendar(train, { frequency: 7, horizon: 28, dayBands: { lo: 0.1, hi: 0.9, whole: true } });
      expect(w.mean).toEqual(f.mean);
      expect(w.total).toEqual(f.total);
      for (let d = 0; d < 28; d++) {
        expect(Number.isInteger(w.p10[d]!) || w.p10[d] === w.mean[d]).toBe(true);
        expect(Number.isInteger(w.p90[d]!) || w.p90[d] === w.mean[d]).toBe(true);
        // The whole unit at or past the mid-distribution quantile (a gamma-read under-dispersed day: past it − ½).
        expect(w.p90[d]!).toBeGreaterThanOrEqual(f.p90[d]! - 0.5 - 1e-9);
        const a = y[365 + d]!;
        mid += pinball(0.1, a, f.p10[d]!) + pinball(0.9, a, f.p90[d]!);
        whole += pinball(0.1, a, w.p10[d]!) + pinball(0.9, a, w.p90[d]!);
      }
      // Wider levels, wider bands.
      const wide = forecastCalendar(train, { frequency: 7, horizon: 28, dayBands: { lo: 0.05, hi: 0.95 } });
      for (let d = 0; d < 28; d++) expect(wide.p90[d]!).toBeGreaterThanOrEqual(f.p90[d]!);
    }
    expect(whole).toBeLessThan(mid);
  });

  it('exposes the law its bands come from: the backtest PITs of stationary Poisson days are calibrated', () => {
    const pits = new PitIntervals();
    for (const y of series) {
      const f = forecastCalendar(y.slice(0, 365), { frequency: 7, horizon: 28 });
      expect(f.law.factor).toHaveLength(28);
      pits.addBacktest(f.law);
    }
    expect(pits.size).toBeGreaterThan(10_000);
    expect(Math.abs(pits.shareBelow(0.1) - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(1 - pits.shareBelow(0.9) - 0.1)).toBeLessThan(0.03);
  });
});
