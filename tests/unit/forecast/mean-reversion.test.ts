import { describe, expect, it } from 'vitest';
import { forecastCalendar, historyReversion, type CalendarForecast } from '@core/modules/forecast/daily.js';
import { lcg, seededDraws } from '../../fixtures/randomCounts.js';

/**
 * A level that wanders but comes back (log-level AR(1), φ = 0.98: half-life ~34 days, the horizon
 * 28 days — bench:forecast-r's bar1 shape) against levels that do not come back (a random walk, a
 * trend). The forecast must pull the first towards its long-run mean and leave the others alone.
 */
const H = 28;
const DAYS = 730;
const SERIES = 60;

type Level = 'ar1' | 'walk' | 'trend';

function simulate(kind: Level, seed: number): Array<{ train: number[]; test: number[] }> {
  const rnd = lcg(seed);
  const { gauss, poisson, gamma } = seededDraws(rnd);
  const negbin = (mu: number, size: number) => poisson((mu * gamma(size)) / size);
  return Array.from({ length: SERIES }, () => {
    const base = 3 + rnd() * 20;
    const slope = (0.5 + rnd()) / DAYS;
    let u = gauss() * 0.3;
    const y: number[] = [];
    for (let t = 0; t < DAYS + H; t++) {
      if (kind === 'ar1') u = 0.98 * u + Math.sqrt(1 - 0.98 ** 2) * 0.3 * gauss();
      else if (kind === 'walk') u += 0.03 * gauss();
      const mu = kind === 'trend' ? base * (1 + slope * t) : base * Math.exp(u);
      y.push(negbin(mu, 4));
    }
    return { train: y.slice(0, DAYS), test: y.slice(DAYS) };
  });
}

/** Scaled pinball (P10, P50, P90) of a forecast on its hold-out, over the training mean. */
function pinball(f: CalendarForecast, test: readonly number[], scale: number): number {
  let s = 0;
  test.forEach((v, i) => {
    for (const [q, p] of [
      [0.1, f.p10[i]!],
      [0.5, f.p50[i]!],
      [0.9, f.p90[i]!],
    ] as const)
      s += v > p ? q * (v - p) : (1 - q) * (p - v);
  });
  return s / scale / test.length / 3;
}

interface Outcome {
  /** Series whose forecast the reversion changed. */
  changed: number;
  /** Mean over series of (P50 at h 28 − training mean) / (the same without reversion − training mean), where that deviation is > 10 %. */
  kept: number;
  /** Share of hold-out days above P90, with and without the reversion. */
  above: number;
  aboveOff: number;
  /** The same on the series whose forecast (without reversion) starts below the training mean. */
  aboveLow: number;
  aboveLowOff: number;
  pinball: number;
  pinballOff: number;
}

function run(kind: Level, seed: number): Outcome {
  const out: Outcome = { changed: 0, kept: 0, above: 0, aboveOff: 0, aboveLow: 0, aboveLowOff: 0, pinball: 0, pinballOff: 0 };
  let kept = 0;
  let days = 0;
  let lowDays = 0;
  for (const { train, test } of simulate(kind, seed)) {
    const on = forecastCalendar(train, { frequency: 7, horizon: H });
    const off = forecastCalendar(train, { frequency: 7, horizon: H, reversion: false });
    const m = train.reduce((a, b) => a + b, 0) / train.length;
    if (on.p50.some((v, i) => v !== off.p50[i]) || on.p90.some((v, i) => v !== off.p90[i])) out.changed++;
    const dev = off.p50[H - 1]! - m;
    if (Math.abs(dev) > 0.1 * m) {
      out.kept += (on.p50[H - 1]! - m) / dev;
      kept++;
    }
    const low = off.p50[0]! < m;
    test.forEach((v, i) => {
      days++;
      if (low) lowDays++;
      if (v > on.p90[i]!) {
        out.above++;
        if (low) out.aboveLow++;
      }
      if (v > off.p90[i]!) {
        out.aboveOff++;
        if (low) out.aboveLowOff++;
      }
    });
    out.pinball += pinball(on, test, m) / SERIES;
    out.pinballOff += pinball(off, test, m) / SERIES;
  }
  out.kept /= Math.max(1, kept);
  out.above /= days;
  out.aboveOff /= days;
  out.aboveLow /= Math.max(1, lowDays);
  out.aboveLowOff /= Math.max(1, lowDays);
  return out;
}

describe('mean reversion of a wandering level (daily.ts historyReversion)', () => {
  it('a level that comes back: the long-horizon P50 moves towards the long-run mean, P90 exceeded ~10 % of days', () => {
    const r = run('ar1', 3);
    // It engages where the history shows the reversion, not everywhere.
    expect(r.changed).toBeGreaterThan(SERIES / 3);
    // Without it the forecast keeps all of today's deviation (1); the level keeps about
    // 0.98^1…0.98^28 ≈ 0.75 of a TRUE deviation on average over the horizon, less of an estimated one.
    expect(r.kept).toBeLessThan(0.9);
    expect(r.kept).toBeGreaterThan(0.5);
    expect(r.above).toBeGreaterThan(0.07);
    expect(r.above).toBeLessThan(0.13);
    // A level now below its mean will rise: it is there that the level-proportional band was exceeded most.
    expect(r.aboveLow).toBeLessThan(r.aboveLowOff);
    expect(r.aboveLow).toBeLessThan(0.13);
    expect(r.pinball).toBeLessThan(r.pinballOff);
  });

  it('a random-walk level: the deviation is kept (slope ~1), engages rarely, no loss', () => {
    const r = run('walk', 5);
    // The Stein rule engages at one standard error (~16 % of series when the slope is exactly 1),
    // and a smoothed level's own noise makes the honest slope a little under 1 even here: over
    // seeds 1–6, 10–17 of 60 series engaged, with small weights (kept 0.94–0.99, pinball ±0.2 %).
    expect(r.changed).toBeLessThanOrEqual(0.3 * SERIES);
    expect(r.kept).toBeGreaterThan(0.9);
    expect(r.pinball).toBeLessThan(r.pinballOff * 1.01);
  });

  it('a trend: the forecast is left as it was', () => {
    const r = run('trend', 7);
    expect(r.changed).toBeLessThanOrEqual(SERIES / 12);
    expect(r.kept).toBeGreaterThan(0.97);
    expect(Math.abs(r.pinball - r.pinballOff)).toBeLessThan(0.005 * r.pinballOff);
  });
});

describe('historyReversion', () => {
  const ones = (n: number) => new Float64Array(n).fill(1);

  it('days around a constant level: the smoothed level’s deviations are noise, the slope goes to ~0', () => {
    const rnd = lcg(17);
    const { poisson } = seededDraws(rnd);
    let slope = 0;
    for (let s = 0; s < 20; s++) {
      const y = Array.from({ length: DAYS }, () => poisson(10));
      const r = historyReversion(y, ones(DAYS), 0.1, H, 1, 0);
      expect(r.weight).toBeGreaterThan(0);
      slope += r.slope / 20;
    }
    expect(slope).toBeLessThan(0.3);
  });

  it('a straight trend: no reversion (slope 1, weight 0)', () => {
    const y = Array.from({ length: DAYS }, (_, t) => 10 + t * 0.05);
    const r = historyReversion(y, ones(DAYS), 0.1, H, 1, 0);
    expect(r.weight).toBe(0);
    expect(r.slope).toBe(1);
  });

  it('too short a history, or no smoothing: nothing measured', () => {
    expect(historyReversion([1, 2, 3, 4, 5], ones(5), 0.1, H, 1, 0).weight).toBe(0);
    expect(historyReversion(new Array<number>(400).fill(3), ones(400), 0, H, 1, 0).slope).toBe(1);
  });
});
