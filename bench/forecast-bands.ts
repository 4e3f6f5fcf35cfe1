/**
 * bench:forecast-bands — calibration of the daily path's DAY bands (P10/P90 of each day, which
 * bench:forecast scores), on data none of them was fitted on: online_retail_daily's earlier
 * 28-day windows inside its training part (days n−28…n, n−56…n−28, n−84…n−56 with n = 346; never
 * the final hold-out) and seeded synthetic sets (bench:forecast's synthetic days, the low counts of
 * bench:forecast-leadtime --sim, over-dispersed days with a weekday pattern, sporadic orders with a
 * closed weekday and a drifting level, weekly series with a 52.18-week year).
 *
 * Per set and variant: scaled pinball (peers.md scorer: mean of SQL 0.1 / 0.5 / 0.9), coverage80,
 * the share of open days above P90 and below P10, what the model's own law says those shares
 * should be (bandDiagnostics.ts: a count above a fractional P90 is any whole unit past it, nothing
 * is below a P10 of 0) and the coverage80 that law implies (closed days count as covered, as in the
 * scorer), the share of open days whose P10 is 0, Σ actual / Σ mean, and the series' own backtest
 * PITs above 0.9 / below 0.1. Variants:
 *   model  — the bands as the app gives them (0.1 / 0.9, mid-distribution quantiles of counts);
 *   whole  — the count's whole-unit quantiles (smallest k with F(k) ≥ p: the pinball-optimal
 *            quantile of a count, as the lead-time totals);
 *   pooled — levels recalibrated per side on the pooled backtest PITs of the set's series (the
 *            levels that put 10 % of those PITs below / above), split-conformal style, no extra fit.
 *
 *   npm run bench:forecast-bands -- [--data DIR] [--series 300] [--only retail|synthetic] [--seed 11]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMetaCsv, parseSeriesCsv } from '../electron/core/modules/forecast/seriesCsv.js';
import { averageScores, scoreSeries, type SeriesScore } from '../electron/core/modules/forecast/metrics.js';
import { forecastCalendar, type CalendarOptions } from '../electron/core/modules/forecast/daily.js';
import { outsideProbabilities, PitIntervals } from '../electron/core/modules/forecast/bandDiagnostics.js';
import { lcg, seededDraws } from '../tests/fixtures/randomCounts.js';
import type { KindHint } from '../electron/core/modules/forecast/types.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = arg('--data') ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'forecast');
const count = Number(arg('--series') ?? 300);
const only = arg('--only');

interface Case {
  train: number[];
  test: number[];
  kind?: KindHint;
}
interface BandSet {
  name: string;
  frequency: number;
  horizon: number;
  cases: Case[];
}

function retailWindows(): BandSet[] {
  const file = path.join(dataDir, 'online_retail_daily.csv');
  if (!fs.existsSync(file)) return [];
  const series = parseSeriesCsv(fs.readFileSync(file, 'utf8'));
  const meta = parseMetaCsv(fs.readFileSync(path.join(dataDir, 'online_retail_daily_meta.csv'), 'utf8'));
  const H = 28;
  return [0, 28, 56].map((back) => ({
    name: `online_retail_daily days n−${back + H}…n${back ? `−${back}` : ''} of the training part`,
    frequency: 7,
    horizon: H,
    cases: [...series].map(([id, all]) => {
      // The training part only (the final 28 days are the benchmark's hold-out and stay unseen).
      const y = all.slice(0, all.length - H);
      const cut = y.length - back - H;
      return { train: y.slice(0, cut), test: y.slice(cut, cut + H), kind: meta.get(id)!.kind };
    }),
  }));
}

function syntheticSets(seed: number): BandSet[] {
  const rnd = lcg(seed);
  const { gauss, poisson, gamma } = seededDraws(rnd);
  const negbin = (mu: number, size: number) => poisson((mu * gamma(size)) / size);
  const set = (name: string, frequency: number, horizon: number, n: number, gen: () => (t: number) => number): BandSet => ({
    name,
    frequency,
    horizon,
    cases: Array.from({ length: count }, () => {
      const g = gen();
      const y = Array.from({ length: n + horizon }, (_, t) => g(t));
      return { train: y.slice(0, n), test: y.slice(n) };
    }),
  });
  const year = 365.25 / 7;
  return [
    set('synthetic days (bench:forecast)', 7, 28, 730, () => {
      const base = 2 + rnd() * 40;
      const trend = (rnd() - 0.5) * 0.01;
      const week = Array.from({ length: 7 }, () => 0.6 + rnd() * 0.8);
      return (t) => {
        const mu = Math.max(0, base * (1 + (trend * t) / 7) * week[t % 7]!);
        return Math.max(0, Math.round(mu + (rnd() + rnd() + rnd() - 1.5) * Math.sqrt(mu) * 2));
      };
    }),
    set('Poisson days 0.25–1.75', 7, 28, 365, () => {
      const r = 0.25 + rnd() * 1.5;
      return () => poisson(r);
    }),
    set('intermittent orders', 7, 28, 365, () => {
      const r = 0.08 + rnd() * 0.15;
      return () => (rnd() < r ? 1 + Math.floor(rnd() * 6) : 0);
    }),
    set('AR(1) level, NB days', 7, 28, 365, () => {
      const base = 1 + rnd() * 10;
      const sd = 0.3;
      let u = gauss() * sd;
      return () => {
        u = 0.98 * u + Math.sqrt(1 - 0.98 * 0.98) * sd * gauss();
        return negbin(base * Math.exp(u - (sd * sd) / 2), 2);
      };
    }),
    set('NB days, weekday pattern', 7, 28, 365, () => {
      const base = 0.5 + rnd() * 15;
      const size = 0.8 + rnd() * 5;
      const week = [0.6, 1, 1, 1.1, 1.2, 1.5, 0.6];
      return (t) => negbin(base * week[t % 7]!, size);
    }),
    set('orders, closed weekday, drifting level', 7, 28, 346, () => {
      const rate = 0.1 + rnd() * 0.6;
      const size = 1 + rnd() * 20;
      const closed = Math.floor(rnd() * 7);
      const amp = 0.3 * rnd();
      const phase = rnd() * 2 * Math.PI;
      let u = 0;
      return (t) => {
        u = 0.98 * u + Math.sqrt(1 - 0.98 * 0.98) * 0.3 * gauss();
        if (t % 7 === closed) return 0;
        const r = Math.min(0.95, rate * Math.exp(u) * (1 + amp * Math.sin((2 * Math.PI * t) / 365.25 + phase)));
        let y = 0;
        for (let i = poisson(r * 1.2); i > 0; i--) y += 1 + negbin(size, 1.5);
        return y;
      };
    }),
    set('weekly, 52.18-week year, promotions', 52, 13, 157, () => {
      const base = 5 + rnd() * 80;
      const amp = 0.1 + rnd() * 0.5;
      const phase = rnd() * 2 * Math.PI;
      const trend = (rnd() - 0.5) * 0.006;
      const size = 3 + rnd() * 20;
      let u = 0;
      return (t) => {
        u = 0.9 * u + 0.1 * gauss();
        const promo = rnd() < 0.04 ? 1.8 : 1;
        return negbin(base * (1 + trend * t) * (1 + amp * Math.sin((2 * Math.PI * t) / year + phase)) * Math.exp(u) * promo, size);
      };
    }),
    set('weekly slow movers, 52.18-week year', 52, 13, 157, () => {
      const base = 0.3 + rnd() * 4;
      const amp = rnd() * 0.5;
      const phase = rnd() * 2 * Math.PI;
      const size = 0.5 + rnd() * 3;
      return (t) => negbin(base * (1 + amp * Math.sin((2 * Math.PI * t) / year + phase)), size);
    }),
  ];
}

const f3 = (v: number) => v.toFixed(3);

/** Forecasts and scores one set with these day-band options; collects the backtest PITs when asked. */
function evaluate(s: BandSet, bands: CalendarOptions['dayBands'], pits?: PitIntervals) {
  const scores: SeriesScore[] = [];
  let open = 0;
  let above = 0;
  let below = 0;
  let lawAbove = 0;
  let lawBelow = 0;
  let lawCover = 0;
  let days = 0;
  let p10zero = 0;
  let sy = 0;
  let sm = 0;
  const own = new PitIntervals();
  for (const c of s.cases) {
    const f = forecastCalendar(c.train, { frequency: s.frequency, horizon: s.horizon, kind: c.kind, dayBands: bands });
    const intermittent = c.kind ? c.kind === 'intermittent' : f.kind === 'intermittent' || f.kind === 'lumpy';
    scores.push(scoreSeries(c.train, c.test, { p10: f.p10, p50: f.mean, p90: f.p90 }, s.frequency, intermittent));
    own.addBacktest(f.law);
    pits?.addBacktest(f.law);
    for (let d = 0; d < s.horizon; d++) {
      days++;
      const mu = f.mean[d]!;
      if (!(mu > 0)) {
        lawCover++;
        continue;
      }
      const a = c.test[d]!;
      open++;
      sy += a;
      sm += mu;
      if (a > f.p90[d]!) above++;
      if (a < f.p10[d]!) below++;
      if (f.p10[d]! === 0) p10zero++;
      const law = outsideProbabilities(f.law, mu, f.law.factor[d]!, f.p10[d]!, f.p90[d]!);
      lawAbove += law.above;
      lawBelow += law.below;
      lawCover += 1 - law.above - law.below;
    }
  }
  const avg = averageScores(scores);
  return {
    line:
      `pinball ${f3(avg.pinballMean)} (${f3(avg.sql10)} / ${f3(avg.sql50)} / ${f3(avg.sql90)}) coverage80 ${f3(avg.coverage80)} | ` +
      `open days above P90 ${f3(above / open)} (law ${f3(lawAbove / open)}), below P10 ${f3(below / open)} (law ${f3(lawBelow / open)}); ` +
      `law-implied coverage80 ${f3(lawCover / days)}; P10 = 0 on ${f3(p10zero / open)}; Σy/Σmean ${f3(sy / sm)}; ` +
      `backtest PITs above 0.9 ${f3(1 - own.shareBelow(0.9))}, below 0.1 ${f3(own.shareBelow(0.1))}`,
  };
}

process.stdout.write(
  `cores ${os.availableParallelism()}, load average ${os.loadavg()[0]!.toFixed(1)}; ${count} synthetic series per set\n`,
);
const sets = [...(only === 'synthetic' ? [] : retailWindows()), ...(only === 'retail' ? [] : syntheticSets(Number(arg('--seed') ?? 11)))];
for (const s of sets) {
  process.stdout.write(`\n${s.name} (${s.cases.length} series, horizon ${s.horizon})\n`);
  const pits = new PitIntervals();
  process.stdout.write(`  model   ${evaluate(s, undefined, pits).line}\n`);
  process.stdout.write(`  whole   ${evaluate(s, { lo: 0.1, hi: 0.9, whole: true }).line}\n`);
  const lo = pits.levelBelow(0.1);
  const hi = pits.levelBelow(0.9);
  process.stdout.write(`  pooled  ${evaluate(s, { lo, hi }).line} [levels ${f3(lo)} / ${f3(hi)} from ${pits.size} backtest days]\n`);
}
