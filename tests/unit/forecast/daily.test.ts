import { describe, expect, it } from 'vitest';
import { fitFourierSeason, fourierRow, leastSquares } from '@core/modules/forecast/fourier.js';
import { demandQuantile, nbQuantile, OrderSizes, overdispersion } from '@core/modules/forecast/counts.js';
import { detectClosedWeekdays, forecastCalendar, weekdayProfile } from '@core/modules/forecast/daily.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/** NB(mean μ, integer size k) as a gamma–Poisson mixture (Gamma(k) = sum of k exponentials). */
function negbin(mu: number, size: number, rnd: () => number): number {
  let g = 0;
  for (let i = 0; i < size; i++) g -= Math.log(Math.max(rnd(), 1e-12));
  return poisson((mu * g) / size, rnd);
}

describe('Fourier regression', () => {
  it('solves least squares exactly on a consistent system', () => {
    const rows = [
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ].map((r) => Float64Array.from(r));
    const beta = leastSquares(rows, [1, 3, 5, 7], 0);
    expect(beta[0]).toBeCloseTo(1, 6);
    expect(beta[1]).toBeCloseTo(2, 6);
  });

  it('fourierRow gives sin and cos of each harmonic', () => {
    const out = new Float64Array(6);
    fourierRow(10, 52.18, 3, out);
    for (let k = 1; k <= 3; k++) {
      expect(out[2 * k - 2]).toBeCloseTo(Math.sin((2 * Math.PI * k * 10) / 52.18), 10);
      expect(out[2 * k - 1]).toBeCloseTo(Math.cos((2 * Math.PI * k * 10) / 52.18), 10);
    }
  });

  it('recovers a yearly season of non-integer period as multiplicative factors', () => {
    const ts = Array.from({ length: 730 }, (_, t) => t);
    const y = ts.map((t) => 100 * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 365.25) + 0.1 * Math.cos((4 * Math.PI * t) / 365.25)));
    const s = fitFourierSeason(ts, y, 365.25, 3)!;
    for (const t of [0, 91, 200, 300, 800]) {
      const truth = 1 + 0.3 * Math.sin((2 * Math.PI * t) / 365.25) + 0.1 * Math.cos((4 * Math.PI * t) / 365.25);
      expect(s.factor(t)).toBeCloseTo(truth, 2);
    }
    // Less than a year of data cannot show a yearly season.
    expect(fitFourierSeason(ts.slice(0, 300), y.slice(0, 300), 365.25, 3)).toBeNull();
  });
});

describe('count quantiles', () => {
  it('Poisson quantiles spread each count over (x − 1, x]', () => {
    // Poisson(2): F(0) = 0.1353, F(3) = 0.8571, p(4) = 0.0902.
    expect(nbQuantile(2, Infinity, 0.1)).toBe(0);
    expect(nbQuantile(2, Infinity, 0.9)).toBeCloseTo(3 + (0.9 - 0.857123) / 0.090224, 3);
    expect(nbQuantile(0, 2, 0.9)).toBe(0);
  });

  it('NB quantiles match the NB cumulative distribution', () => {
    const mu = 3;
    const k = 1.5;
    const pr = k / (k + mu);
    let p = Math.pow(pr, k);
    let F = p;
    const cdf = [F];
    for (let x = 1; x < 60; x++) {
      p *= ((x - 1 + k) / x) * (1 - pr);
      F += p;
      cdf.push(F);
    }
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      const v = nbQuantile(mu, k, q);
      const x = Math.ceil(v);
      // v lies in (x − 1, x] where F(x − 1) < q ≤ F(x).
      expect(cdf[x]!).toBeGreaterThanOrEqual(q - 1e-9);
      if (x > 0) expect(cdf[x - 1]!).toBeLessThan(q);
    }
    // Over-dispersion widens: the NB P90 is above the Poisson P90 of the same mean.
    expect(nbQuantile(10, 1, 0.9)).toBeGreaterThan(nbQuantile(10, Infinity, 0.9));
    // Large means use the gamma approximation, close to the normal one there.
    expect(demandQuantile(1000, 1000, 0.9, true)).toBeGreaterThan(1035);
    expect(demandQuantile(1000, 1000, 0.9, true)).toBeLessThan(1045);
  });

  it('estimates over-dispersion by moments: ~0 for Poisson days, ~1/k for NB days', () => {
    const rnd = lcg(7);
    const pois = Array.from({ length: 4000 }, () => ({ mean: 4, actual: poisson(4, rnd) }));
    expect(overdispersion(pois)).toBeLessThan(0.05);
    const nb = Array.from({ length: 4000 }, () => ({ mean: 4, actual: negbin(4, 2, rnd) }));
    expect(overdispersion(nb)).toBeGreaterThan(0.35);
    expect(overdispersion(nb)).toBeLessThan(0.65);
  });

  it('intermittent days: no order with probability 1 − π, else a past order size', () => {
    const sizes = new OrderSizes([1, 1, 1, 2, 12]);
    expect(sizes.mean).toBeCloseTo(3.4, 10);
    // Mean 0.34 a day = one order in 10 days: P10 and the P90 border sit in the mass at zero.
    expect(sizes.dayQuantile(0.34, 1, 0.5)).toBe(0);
    expect(sizes.dayQuantile(0.34, 1, 0.9)).toBe(0);
    // One order in 2.5 days: P90 is the size quantile at (0.9 − 0.6) / 0.4 = 0.75 → between 1 and 2 (G(1) = 0.6, G(2) = 0.8).
    expect(sizes.dayQuantile(1.36, 1, 0.9)).toBeCloseTo(1 + (0.75 - 0.6) / 0.2, 10);
    // Sizes doubled by a seasonal factor of 2 at twice the mean: the same order rate, twice the sizes.
    expect(sizes.dayQuantile(2 * 1.36, 2, 0.9)).toBeCloseTo(2 * sizes.dayQuantile(1.36, 1, 0.9)!, 10);
    // Above one order a day the model does not apply.
    expect(sizes.dayQuantile(5, 1, 0.9)).toBeNull();
    // Variance of a compound day: π·E[S²] − μ² with π = 0.1, E[S²] = 30.2.
    expect(sizes.dayVariance(0.34, 1)).toBeCloseTo(0.1 * 30.2 - 0.34 ** 2, 10);
  });
});

describe('closed days', () => {
  it('finds a weekday the shop never opens, and not a weekday that is only quiet', () => {
    const rnd = lcg(11);
    // Sold on about 40 % of open days; never on position 3.
    const y = Array.from({ length: 364 }, (_, t) => (t % 7 === 3 ? 0 : rnd() < 0.4 ? 1 + Math.floor(rnd() * 4) : 0));
    expect(detectClosedWeekdays(y)).toEqual([3]);
    // A slow mover (one sale a fortnight) going 10 Tuesdays without a sale is luck, not a closing day.
    const slow = Array.from({ length: 70 }, (_, t) => (t % 7 !== 3 && t % 14 === 5 ? 1 : 0));
    expect(detectClosedWeekdays(slow)).toEqual([]);
    expect(detectClosedWeekdays(new Array<number>(100).fill(0))).toEqual([]);
  });

  it('forecasts zero on closed weekdays and on known holidays, and sells more on the open days instead', () => {
    const rnd = lcg(12);
    const y = Array.from({ length: 350 }, (_, t) => (t % 7 === 6 ? 0 : poisson(t % 7 === 0 ? 12 : 6, rnd)));
    const closed = new Array<boolean>(378).fill(false);
    closed[360] = true; // a public holiday in the horizon (t % 7 = 3)
    const f = forecastSeries(y, { frequency: 7, horizon: 28, closed });
    for (let i = 0; i < 28; i++) {
      const t = 350 + i;
      if (t % 7 === 6 || t === 360) {
        expect(f.p50[i]).toBe(0);
        expect(f.p90[i]).toBe(0);
      } else expect(f.p50[i]).toBeGreaterThan(3);
    }
    // The weekday pattern is kept: position 0 sells about twice the others.
    const at = (k: number) => f.p50[(k - (350 % 7) + 7) % 7]!;
    expect(at(0) / at(2)).toBeGreaterThan(1.5);
    // Count-shaped bands: P10 < P50 < P90 on open days, all non-negative.
    expect(f.p10[1]).toBeLessThan(f.p50[1]!);
    expect(f.p90[1]).toBeGreaterThan(f.p50[1]!);
  });

  it('weekday indices average 1 over the open days and shrink towards 1 with few data', () => {
    const ts = Array.from({ length: 70 }, (_, i) => i);
    const x = ts.map((t) => (t % 7 === 0 ? 20 : 10));
    const w = weekdayProfile(ts, x, 0, 70);
    expect(w.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(1, 10);
    expect(w[0]! / w[1]!).toBeGreaterThan(1.5);
    expect(w[0]! / w[1]!).toBeLessThan(2); // pulled towards 1 by the prior
  });
});

describe('weekly series', () => {
  it('learns a yearly season of 52.18 weeks through Fourier terms and follows it', () => {
    const rnd = lcg(31);
    const truth = (t: number) => 100 * (1 + 0.4 * Math.sin((2 * Math.PI * t) / 52.18));
    const y = Array.from({ length: 209 }, (_, t) => poisson(truth(t), rnd));
    const f = forecastSeries(y, { frequency: 52, horizon: 26 });
    expect(f.model).toContain('+year');
    let errSeason = 0;
    let errFlat = 0;
    const flat = y.slice(-52).reduce((a, b) => a + b, 0) / 52;
    for (let i = 0; i < 26; i++) {
      errSeason += Math.abs(f.p50[i]! - truth(209 + i));
      errFlat += Math.abs(flat - truth(209 + i));
    }
    expect(errSeason).toBeLessThan(errFlat / 3);
  });

  it('keeps a season-free weekly series without the yearly terms', () => {
    const rnd = lcg(32);
    const y = Array.from({ length: 209 }, () => poisson(50, rnd));
    expect(forecastSeries(y, { frequency: 52, horizon: 13 }).model).not.toContain('+year');
  });
});

describe('lead-time totals', () => {
  it('independent days: the total P90 is close to the Poisson total P90', () => {
    const rnd = lcg(21);
    const y = Array.from({ length: 365 }, () => poisson(5, rnd));
    const f = forecastCalendar(y, { frequency: 7, horizon: 28 });
    const M = f.total.p50[27]!;
    expect(M).toBeGreaterThan(120);
    expect(M).toBeLessThan(160);
    // Poisson(140): sd 11.8, P90 ≈ M + 15; the estimated shared level error may add a little.
    expect(f.total.p90[27]! - M).toBeGreaterThan(10);
    expect(f.total.p90[27]! - M).toBeLessThan(35);
  });

  it('a level that wanders makes totals wider than the sum of independent days', () => {
    const rnd = lcg(22);
    let level = 5;
    const y = Array.from({ length: 365 }, (_, t) => {
      if (t % 28 === 0) level = 5 * Math.exp((rnd() - 0.5) * 1.2);
      return poisson(level, rnd);
    });
    const f = forecastCalendar(y, { frequency: 7, horizon: 28 });
    expect(f.params.levelVariance).toBeGreaterThan(0.01);
    const M = f.total.p50[27]!;
    // Width of the 28-day total, relative: clearly wider than Poisson's 1.28·sqrt(M).
    expect(f.total.p90[27]! - M).toBeGreaterThan(2 * 1.2816 * Math.sqrt(M));
    // Totals grow with the days and keep P10 ≤ P50 ≤ P90.
    for (let d = 1; d < 28; d++) {
      expect(f.total.p50[d]!).toBeGreaterThanOrEqual(f.total.p50[d - 1]!);
      expect(f.total.p10[d]!).toBeLessThanOrEqual(f.total.p50[d]!);
      expect(f.total.p90[d]!).toBeGreaterThanOrEqual(f.total.p50[d]!);
    }
  });

  it('totals of smooth demand with a weekday pattern and a trend: the level estimate is uncertain too (about 10 % above P90)', () => {
    // bench:forecast's synthetic days (weekday × slow trend × noise of variance ≈ the mean), two years.
    const rnd = lcg(31);
    let over = 0;
    let under = 0;
    const runs = 300;
    for (let s = 0; s < runs; s++) {
      const base = 2 + rnd() * 40;
      const trend = (rnd() - 0.5) * 0.01;
      const week = Array.from({ length: 7 }, () => 0.6 + rnd() * 0.8);
      const y = Array.from({ length: 758 }, (_, t) => {
        const mu = base * (1 + (trend * t) / 7) * week[t % 7]!;
        return Math.max(0, Math.round(mu + (rnd() + rnd() + rnd() - 1.5) * Math.sqrt(mu) * 2));
      });
      const f = forecastCalendar(y.slice(0, 730), { frequency: 7, horizon: 28 });
      const a = y.slice(730).reduce((p, v) => p + v, 0);
      if (a > f.total.p90[27]!) over++;
      if (a < f.total.p10[27]!) under++;
      expect(f.params.levelVariance!).toBeGreaterThan(f.params.backtestLevelVariance!);
    }
    // 300 series say little more than "near 10 %" (6.7 % above, 9.0 % below here); on 2,000 such
    // series (npx tsx bench/forecast-leadtime.ts --only sim) the backtest's level share alone gave
    // 14.0 % above P90 and the estimation variance brings it to 10.8 %.
    expect(over / runs).toBeGreaterThan(0.05);
    expect(over / runs).toBeLessThan(0.14);
    expect(under / runs).toBeGreaterThan(0.05);
    expect(under / runs).toBeLessThan(0.14);
  });

  it('is calibrated on simulated NB demand: 28-day totals exceed P90 about 10 % of the time', () => {
    const rnd = lcg(23);
    let over = 0;
    let under = 0;
    const runs = 150;
    for (let s = 0; s < runs; s++) {
      const mu = 0.5 + rnd() * 8;
      const y = Array.from({ length: 393 }, () => negbin(mu, 2, rnd));
      const f = forecastCalendar(y.slice(0, 365), { frequency: 7, horizon: 28 });
      const a = y.slice(365).reduce((p, v) => p + v, 0);
      if (a > f.total.p90[27]!) over++;
      if (a < f.total.p10[27]!) under++;
    }
    expect(over / runs).toBeGreaterThan(0.03);
    expect(over / runs).toBeLessThan(0.17);
    expect(under / runs).toBeLessThan(0.17);
  });
});
