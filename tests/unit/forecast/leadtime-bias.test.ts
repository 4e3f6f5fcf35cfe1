import { describe, expect, it } from 'vitest';
import { forecastCalendar, leadTimeErrors, type Backtest } from '@core/modules/forecast/daily.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/** A backtest whose every origin forecasts `perDay` a day for h days (stride 1 over x). */
function flatBacktest(x: readonly number[], h: number, perDay: number): Backtest {
  const rows = x.length - h + 1;
  const bt: Backtest = { h, origins: new Int32Array(rows), steps: new Int32Array(rows), f: new Float64Array(rows * h) };
  for (let j = 0; j < rows; j++) {
    bt.origins[j] = j;
    bt.steps[j] = h;
    bt.f.fill(perDay, j * h, (j + 1) * h);
  }
  return bt;
}
const noDayVariance = () => 0;

describe('leadTimeErrors: the bias of the backtest totals', () => {
  it('a model whose totals ran 30 % low at every block moves the centre by about 1.3, and says so with little doubt', () => {
    const rnd = lcg(5);
    const x = Array.from({ length: 84 }, () => 13 + (rnd() - 0.5));
    const lt = leadTimeErrors(flatBacktest(x, 7, 10), x, noDayVariance);
    expect(lt.blocks).toBe(12);
    expect(lt.ratio).toBeGreaterThan(1.28);
    expect(lt.ratio).toBeLessThan(1.32);
    // Around the corrected centre almost nothing is left; around the model's own total the bias looked like level variance.
    expect(lt.centredLevel).toBeLessThan(0.001);
    expect(lt.level).toBeGreaterThan(0.08);
    expect(lt.ratioVariance).toBeLessThan(0.001);
  });

  it('an unbiased model keeps its centre: a ratio within its standard error of 1 is no evidence (Stein rule)', () => {
    // Block totals alternately 10 % above and below the forecast.
    const x = Array.from({ length: 84 }, (_, t) => (Math.floor(t / 7) % 2 ? 11 : 9));
    const lt = leadTimeErrors(flatBacktest(x, 7, 10), x, noDayVariance);
    expect(lt.ratio).toBe(1);
    expect(lt.ratioVariance).toBe(0);
    expect(lt.centredLevel).toBeCloseTo(lt.level, 12);
  });

  it('a bias of the size of its own noise is only partly believed', () => {
    // Blocks 20 % high on average, but ±25 % from block to block over 4 blocks.
    const perBlock = [1.45, 0.95, 1.45, 0.95];
    const x = Array.from({ length: 28 }, (_, t) => 10 * perBlock[Math.floor(t / 7)]!);
    const lt = leadTimeErrors(flatBacktest(x, 7, 10), x, noDayVariance);
    expect(lt.blocks).toBe(4);
    expect(lt.ratio).toBeGreaterThan(1);
    expect(lt.ratio).toBeLessThan(1.2);
    expect(lt.ratioVariance).toBeGreaterThan(0);
  });

  it('one block is no evidence of a bias', () => {
    const x = Array.from({ length: 10 }, () => 20);
    const lt = leadTimeErrors(flatBacktest(x, 7, 10), x, noDayVariance);
    expect(lt.blocks).toBe(1);
    expect(lt.ratio).toBe(1);
  });
});

describe('lead-time totals of an item that keeps catching on (known truth)', () => {
  it('launched mid-year, its order rate still ramping up: 28-day totals above P90 and below P10 about 10 % each', () => {
    // A flat intermittent model (SBA/TSB) follows the ramp late, and its backtest totals say so
    // at every block. Centred on the model's own total the band left 15.0 % of the totals above
    // P90 and 0.3 % below P10 on these 300 series; re-centred by the backtest's ratio, 10.7 % / 9.7 %.
    const rnd = lcg(101);
    const n = 365;
    const H = 28;
    let over = 0;
    let under = 0;
    const runs = 300;
    for (let s = 0; s < runs; s++) {
      const launch = 120 + Math.floor(rnd() * 120);
      const rate = 0.1 + rnd() * 0.3;
      const size = 2 + rnd() * 10;
      const y = Array.from({ length: n + H }, (_, t) =>
        t >= launch && rnd() < Math.min(0.95, rate * (1 + (t - launch) / 120)) ? 1 + poisson(size, rnd) : 0,
      );
      const f = forecastCalendar(y.slice(0, n), { frequency: 7, horizon: H });
      const a = y.slice(n).reduce((p, v) => p + v, 0);
      if (a > f.total.p90[H - 1]!) over++;
      if (a < f.total.p10[H - 1]!) under++;
      // The centre is the daily means summed, times the ratio.
      const sum = f.mean.reduce((p, v) => p + v, 0);
      expect(f.total.p50[H - 1]!).toBeCloseTo(sum * f.params.leadTimeRatio!, 6);
    }
    expect(over / runs).toBeGreaterThan(0.07);
    expect(over / runs).toBeLessThan(0.13);
    expect(under / runs).toBeGreaterThan(0.06);
    expect(under / runs).toBeLessThan(0.13);
  });
});
