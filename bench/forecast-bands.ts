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
import { syntheticBandSets, type BandSet } from './fixtures/bandSets.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = arg('--data') ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'forecast');
const count = Number(arg('--series') ?? 300);
const only = arg('--only');

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
const sets = [
  ...(only === 'synthetic' ? [] : retailWindows()),
  ...(only === 'retail' ? [] : syntheticBandSets(Number(arg('--seed') ?? 11), count)),
];
for (const s of sets) {
  process.stdout.write(`\n${s.name} (${s.cases.length} series, horizon ${s.horizon})\n`);
  const pits = new PitIntervals();
  process.stdout.write(`  model   ${evaluate(s, undefined, pits).line}\n`);
  process.stdout.write(`  whole   ${evaluate(s, { lo: 0.1, hi: 0.9, whole: true }).line}\n`);
  const lo = pits.levelBelow(0.1);
  const hi = pits.levelBelow(0.9);
  process.stdout.write(`  pooled  ${evaluate(s, { lo, hi }).line} [levels ${f3(lo)} / ${f3(hi)} from ${pits.size} backtest days]\n`);
}
