/**
 * bench:forecast-r — our engine beside the R forecast 8.20 peers of ../shared/data/forecast/peers.md
 * (ets, auto.arima, theta, snaive), run HERE through Rscript on the same series, scored by the same
 * scorer (electron/core/modules/forecast/metrics.ts, as bench:forecast): first the visible sets
 * (to check the harness reproduces peers.md's rows), then the held-out-like synthetic sets of
 * bench:forecast-promotions (daily and weekly consumables with promotions, stock-outs, slow movers,
 * clean controls, yearly events) and bench:forecast-bands (daily counts of several shapes, weekly
 * series with a 52.18-week year). The hold-out is what was sold (promotions and stock-outs of the
 * horizon included), as on the real held-out sets.
 *
 * Protocol of the peers (bench/r/peers.R, exactly peers.md's): ts(y, frequency = meta frequency);
 * forecast(ets(y), h, level = 80), forecast(auto.arima(y), h, level = 80), thetaf(y, h, level = 80),
 * snaive(y, h, level = 80); P50 = mean, P10 / P90 = the 80 % bounds, clipped at 0; ms/series timed
 * inside R (fit + forecast, start-up and CSV I/O excluded). Daily series go to R with frequency 7
 * (as peers.md does for online_retail_daily), weekly ones with 52: R's ets() ignores seasonality
 * above frequency 24 (it warns and fits a non-seasonal model) — that is what R does, so it stays.
 * Each R fit runs under --timeout (default 60 s): auto.arima in a forked child killed then (on a weekly
 * series with frequency 52 it can take minutes under load, and setTimeLimit cannot stop its C code),
 * the others under setTimeLimit; errors caught. A failure or time-out loses that series (reported;
 * the set is then scored on the series every method forecast).
 * Our engine runs as `opsdeck forecast` runs it (forecastMany → forecastSeries, with the meta's kind).
 * kind of a synthetic series (the scorer's scale, our hint): intermittent when the training part
 * has ADI ≥ 1.32 (periods per non-zero, zeros of closed days counted), smooth otherwise — the rule
 * that reproduces the meta files' `intermittent` on every visible series (300 / 2,509 / 1,428).
 *
 * Per set: our row beside each peer's (MASE, sMAPE, SQL 0.1 / 0.5 / 0.9, scaled pinball = their
 * mean, coverage80, ms/series), and the paired per-series difference of scaled pinball, ours − the
 * best peer (lowest mean), ± its standard error. R's outputs are cached under bench/results/r-peers
 * (keyed by the series, the methods and peers.R), so re-running after an engine change costs our
 * engine's time only.
 *
 * Validation (R forecast 8.20 from Debian's r-cran-forecast 8.20-1, R 4.2.2): the harness reproduces
 * peers.md's rows to ≤ 0.0005 scaled pinball (peers.md rounds to 3 decimals; every MASE / SQL /
 * coverage80 identical): online_retail_daily ets 1.106, arima 1.092, theta 1.033, snaive 1.404;
 * carparts (298 scaled) ets 0.647, arima 0.673, theta 0.634, snaive 0.761; m3_monthly ets 0.557,
 * theta 0.574, snaive 0.741 (auto.arima skipped there: 3.7 s a series in peers.md, ~20 min of the
 * shared 2 cores). ms/series under load (load average 3–14 from the other engineers' jobs) is 2–10×
 * peers.md's.
 *
 * Results (2026-12-07, engine of main f2f8aa4, then meanrev17's mean reversion — the "after" column;
 * synthetic sets: first 30 series of seed 1 / bands seed 11, daily / slow 60; scaled pinball,
 * coverage80; ours − best peer per series ± se; a fit lost to R's time-out drops that series for
 * every method). Commands: --only visible (m3 with --methods ets,theta,snaive); --only daily,slow
 * --series 60; --only clean,events,moving --series 30; --only weekly,cleanweekly,eventsweekly --series
 * 30 --timeout 120; --only bdays,borders,bweekly,bweeklyslow --series 30; --only
 * bpoisson,bintermittent,bar1,bnbweek --series 100. "after − before": the same series paired, ± se.
 * (Engine of meanrev17 b8a48d8, before the joint event test of events17 landed: with it, daily 0.495,
 * events 0.620, moving 0.468, eventsweekly 0.546 — its change, not this one; the other rows unchanged.)
 *   set            ours before   after         best R peer         ours − best (after)  after − before
 *   retail (300)   0.927 0.863   bit-identical theta 1.033 0.874   −0.107 ± 0.015
 *   carparts (298) 0.604 0.826   bit-identical theta 0.634 0.917   −0.031 ± 0.014
 *   m3 (300)       0.551 0.805   bit-identical ets   0.557 0.763   −0.006 ± 0.009 (no arima)
 *   daily (57)     0.497 0.814   0.497 0.812   ets   0.515 0.883   −0.018 ± 0.007       +0.0000 ± 0.0004
 *   slow (58)      0.549 0.845   0.524 0.845   arima 0.518 0.882   +0.006 ± 0.023       −0.0252 ± 0.0230
 *                  (before: one series +2.5, a promotion on the last 5 days; ets +0.004 ± 0.006, theta −0.001 ± 0.006)
 *   clean (30)     0.471 0.818   0.470 0.820   ets   0.476 0.849   −0.006 ± 0.009       −0.0012 ± 0.0013
 *   events (30)    0.658 0.750   0.647 0.757   theta 0.691 0.863   −0.044 ± 0.028       −0.0106 ± 0.0095
 *   moving (30)    0.469 0.857   0.466 0.860   theta 0.482 0.925   −0.016 ± 0.008       −0.0037 ± 0.0024
 *   weekly (29)    0.577 0.777   0.578 0.775   theta 0.619 0.862   −0.041 ± 0.022       +0.0010 ± 0.0023 (arima 0.624 0.897)
 *   cleanweekly(29)0.417 0.785   0.417 0.790   arima 0.499 0.844   −0.082 ± 0.017       +0.0006 ± 0.0006
 *   eventsweekly   0.540 0.808   0.540 0.808   theta 0.600 0.897   −0.060 ± 0.028       −0.0004 ± 0.0015
 *   bdays (30)     0.447 0.788   0.447 0.786   theta 0.440 0.818   +0.007 ± 0.004       +0.0002 ± 0.0006
 *   bpoisson (100) 0.499 0.786   0.499 0.785   ets   0.477 0.870   +0.022 ± 0.003       −0.0004 ± 0.0003  ← loss
 *   bintermittent  0.650 0.892   unchanged     arima 0.650 0.903   −0.001 ± 0.009 (100)
 *   bar1 (100)     0.518 0.820   0.511 0.815   arima 0.502 0.869   +0.009 ± 0.005 (tie) −0.0072 ± 0.0025
 *   bnbweek (100)  0.480 0.824   0.480 0.818   ets   0.475 0.844   +0.005 ± 0.003       −0.0008 ± 0.0010
 *   borders (30)   0.548 0.887   unchanged     ets   0.575 0.890   −0.027 ± 0.007
 *   bweekly (29)   0.466 0.865   0.468 0.846   ets   0.496 0.926   −0.028 ± 0.031       +0.0015 ± 0.0152
 *   bweeklyslow(28)0.477 0.863   0.470 0.865   arima 0.464 0.876   +0.006 ± 0.007       −0.0076 ± 0.0071
 * (bweekly / bweeklyslow ran here with the default --timeout 60, R recomputed under load: auto.arima
 * timed out on 1 / 2 series, which both rows drop — hence bweekly 0.466 / ets 0.496 where the earlier
 * run with --timeout 120 scored 30 series: 0.463 / ets 0.502.)
 * (bpoisson, bintermittent, bar1, bnbweek: --series 100.) Where we lose, it is SQL 0.9. Poisson days
 * of mean 0.25–1.75: SQL 0.9 0.481 against 0.423 (SQL 0.1 / 0.5 level): our day P90 is the count's
 * mid-distribution quantile (counts.ts nbQuantile: fractional, so a sale of k units is "above" a P90
 * of k − 0.3), exceeded on 21 % of days (the law says 20 %), the peers' on 11 %. The same component is
 * our weak one on the low-count sets (slow movers' intermittent series SQL 0.9 0.524 against ets
 * 0.509) while SQL 0.1 / 0.5 are at or below the peers'. The count's whole-unit quantiles
 * (CalendarOptions.dayBands.whole, the pinball-optimal quantile of a count) close it — bpoisson
 * ours − arima −0.000 ± 0.002, slow movers ours − ets −0.005 ± 0.006, online_retail_daily 0.9266 →
 * 0.9237 — but raise coverage80 to 0.94 on both (online_retail_daily 0.863 → 0.877), far outside
 * 0.75–0.85: a policy choice (pinball against the issue's coverage band) left to the issue, not made
 * here. AR(1) log-level (φ 0.98) NB days: SQL 0.9 0.534 against 0.492 and SQL 0.5 0.795 / 0.786, our
 * P90 exceeded on 13.5 % of days; NOT discreteness (whole-unit quantiles: still +0.013 ± 0.007) nor
 * the day bands' level share (the totals' larger history estimate in the days: −0.0003). 95 of the
 * 100 series forecast by the SES/Theta/damped combination (ours − ets +0.015 on them): its Theta and
 * damped members extrapolate the level's wanderings (daily.ts notes the same on the lead-time
 * simulation) where R's ets keeps a slowly smoothed level — open.
 * bar1 diagnosis (2026-12-07 ar17, engine of main 212fbd8, --only bar1 --series 100, cached R; ours vs
 * auto.arima): NOT a trend extrapolation (our P50's week 4 − week 1, per series / its training mean:
 * median −0.002, 5–95 % −0.021…+0.077) and NOT a band too narrow for the long horizons: our P90 is
 * exceeded on 13.0 / 11.7 / 14.7 / 15.6 % of days at h 1–7 / 8–14 / 15–21 / 22–28, arima's on
 * 11.0 / 9.7 / 12.0 / 12.9 % (a gap of 2–3 points at EVERY horizon); arima's width flattened over
 * the horizon per series still gives SQL 0.9 0.497 on our P50s. The gap is the level's MEAN
 * REVERSION (φ 0.98: half-life ~34 days, comparable with the 28-day horizon). Quartiles of the series
 * by (our P50 mean / training mean):
 *   now/history  test/P50 ours  arima  width ours/arima  >P90 ours  arima  SQL 0.9 ours − arima
 *   0.71         1.36           1.22   0.66              22.3 %     12.4 %  +0.063
 *   0.88         1.16           1.06   0.85              15.0 %     11.7 %  +0.026
 *   1.02         1.00           1.01   0.92              11.9 %     10.7 %  −0.007
 *   1.37         0.82           0.93   1.47               5.9 %     10.7 %  +0.076
 * Our P50 stays at the current level and our NB band (μ + μ²/k + level·μ², all proportional to the
 * current level) shrinks on a low level that will rise and widens on a high one that will fall;
 * auto.arima's stationary AR pulls its P50 part-way back to the series' mean and its band (from the
 * whole history's residuals, in units) does not follow the current level. Decomposition (SQL 0.9):
 * ours 0.534, our P50 + arima's P90 − P50 0.497, arima's P50 + our P90 − P50 0.524, arima 0.494: the
 * band's level-proportional width is most of it. Tried and rejected (no effect beyond noise): our
 * widths × 1.03 / 1.06 / 1.10 → 0.533 / 0.532 / 0.532 (the per-series allocation is wrong, not the
 * scale); the day over-dispersion from the longer level backtest (whole 150-day window instead of
 * the last 56 days; per-series 1/k spread 5–95 % 0.20–1.36 around the generator's 0.5) → 0.532.
 * A principled fix would let the engine's own validation choose a level that reverts towards the
 * long-run mean (a stationary-level member, φ fitted on the whole history) and read the band of
 * such a level on the whole history in units — not small; not made here. Its ceiling, by an ORACLE
 * (the generator's φ, not estimable per series as such): our P50 pulled to the training mean by
 * 0.98^h, the band scaled with it → scaled pinball 0.519 → 0.510 (SQL 0.5 0.796 → 0.784, SQL 0.9
 * 0.535 → 0.517), still behind arima's 0.502; φ 0.99 → 0.513.
 * bar1 mean reversion (2026-12-07 meanrev17; daily.ts historyReversion, DEFAULT_REVERSION): made, as a
 * per-series out-of-sample measure rather than a fitted φ. Over the WHOLE history (historyLevelShare's
 * rolling origins: a level smoothed with the chosen model's α on the days before each origin, every
 * ⌊h/6⌋ days), the least-squares slope of the next h days' mean level on the smoothed level, both as
 * deviations from the mean of the days before the origin: the share of today's deviation the horizon
 * keeps (1 for a random walk or a trend; for bar1's φ 0.98 it includes the regression to the mean of
 * a noisy smoothed level too). Newey–West se over the overlapping blocks; positive-part Stein
 * shrinkage towards 1 (w = 1 − se²/(1 − slope)², the estimated optimal weight; 0 within one se, never
 * above 1); applied to the chosen model's open-day means as long-run mean + slope · deviation, only
 * within the largest deviation the history showed (a new level beyond it is followed whole:
 * tests/unit/forecast/promotions.test.ts 'a new level in the last days'); the day bands' shared level
 * variance then w · the history's residual level spread in units + (1 − w) · the relative one.
 * Level/trend models only (never the intermittent ones): online_retail_daily engages on 0 of 300
 * series (bit-identical), M3 and carparts do not take the calendar path. bar1 (--only bar1 --series
 * 100, cached R): SQL 0.1 / 0.5 / 0.9 0.226 / 0.795 / 0.534 → 0.226 / 0.788 / 0.520, scaled pinball
 * 0.518 → 0.511 (after − before −0.0072 ± 0.0025 paired; ours − arima +0.016 ± 0.007 → +0.009 ±
 * 0.005, a tie at 2 se), coverage80 0.820 → 0.815; 49 of 100 series engaged. Quartiles of the
 * series by our P50 / training mean, after (before: ar17's table above):
 *   now/history  test/P50 ours  arima  width ours/arima  >P90 ours  arima  SQL 0.9 ours − arima
 *   0.75         1.32           1.25   0.78              20.4 %     12.9 %  +0.023
 *   0.93         1.12           1.07   0.89              16.1 %     12.9 %  +0.007
 *   1.01         0.97           0.98   0.92              10.1 %      9.0 %  −0.004
 *   1.30         0.85           0.92   1.23               7.7 %     10.9 %  +0.020
 * Engaged on 28 % of the low quartile only: the slope's se per series (median 0.31, bar1's 365 days,
 * h 28) is what stops it — its rms across series (0.48) is close to the slopes' own spread (0.52).
 * Variants measured on bar1 (scaled pinball): se as L/stride × the independent one (rms 1.4× the
 * spread) 0.513 (34 series engaged); Newey–West without the range guard 0.509; every slope < 1
 * applied whole, no shrinkage 0.505 (SQL 0.5 0.781, below arima's 0.783) — not kept: it applies
 * noise-sized slopes on random walks as well; the band change alone (means left, L/stride se) 0.518; the means
 * alone (relative band kept) 0.512. Known-truth simulations (tests/unit/forecast/mean-reversion.test.ts,
 * 60 series × 730 days, NB size 4): AR(1) level pinball −0.4 to −2.7 %, P90 exceeded 10.7 % instead of
 * 11.8 % (low half 10.4 % vs 12.6 %), long-horizon deviation kept 0.78–0.80; random-walk level 10–17 of
 * 60 series engaged over 6 seeds, deviation kept 0.94–0.99, pinball ±0.2 %; trends 2–4 of 60, ±0.03 %.
 * Lead-time totals (npx tsx bench/forecast-leadtime.ts --only sim / --only demo, before → after): the
 * known-truth AR(1)-level low counts' 28-day totals above P90 0.110 → 0.096 calibrated (own bands
 * 0.152 → 0.120), 12-day 0.104 → 0.104 (own 0.104 → 0.094); synthetic days 12 / 28-day 0.107 / 0.085 →
 * 0.105 / 0.085; Poisson days 0.122 / 0.122 → 0.120 / 0.124; the demo catalog vs demand 0.076 / 0.110
 * unchanged (Σ demand / Σ P50 0.908 → 0.907).
 * Left: the low quartile's P50 (a stationary-level member fitted by likelihood on the whole history,
 * chosen by AICc as auto.arima does, would use every day's information rather than ~10 independent
 * h-day blocks; or a catalog-wide prior for the slope, as leadTimeCalibration's shift, in the app).
 * Coverage80 of intermittent items is
 * high for every method (0.89–0.90): a P10 of 0 covers every day without a sale. Weekly sets: our
 * coverage80 0.78–0.87 against the peers' 0.81–0.93 (auto.arima 0.897 on the weekly promotions set,
 * the issue's "P10–P90 covering 0.89"); R's ets there is non-seasonal (frequency 52 > 24).
 * online_retail_daily's coverage80, by its sources (printed under each daily set; --only retail,
 * 2026-12-07 coordinator): 14.3 % of its hold-out days are Saturdays (never sold in training: the
 * shop is closed), which every method covers (0 to 0; R ets / arima 94.5 / 90.4 %); of the other days
 * 23.8 % sold nothing. Open days: ours below P10 1.1 %, above P90 15.0 %, covered 84.0 %; R theta
 * 4.7 / 10.0 / 85.3 %, ets 4.8 / 10.4 / 84.9 %, arima 4.2 / 10.8 / 85.0 %. A P90 exceeded on 10 % of
 * the open days (theta's, the calibrated level) gives coverage80 ≈ 0.143 + 0.857 × (0.90 − below P10):
 * 0.87–0.90 — the issue's 0.75–0.85 is out of reach there for a forecast calibrated in its upper tail
 * (ours 0.863 only because our P90 is exceeded on 15 % of open days, see bpoisson above).
 * ms/series (under load): ours 6–20, R ets 25–1,000 (daily) , theta 10–45, auto.arima 0.7–19 s.
 *
 *   npm run bench:forecast-r -- [--only visible|synthetic|KEY,KEY…] [--series N] [--seed 1] [--bands-seed 11]
 *     [--methods ets,arima,theta,snaive] [--jobs 2] [--timeout 60] [--data DIR] [--dump FILE.csv] [--no-cache]
 *   keys: retail, m3, carparts (visible; --series N takes the first N of the sample);
 *         daily, slow, weekly, clean, cleanweekly, events, moving, eventsweekly (promotions, seed --seed; no dates
 *         are given, to R or to us: the held-out sets are series_id,t,y);
 *         bdays, bpoisson, bintermittent, bar1, bnbweek, borders, bweekly, bweeklyslow (bands, seed --bands-seed).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { averageScores, benchmarkScale, scoreSeries, type SeriesScore } from '../electron/core/modules/forecast/metrics.js';
import { parseMetaCsv, parseSeriesCsv } from '../electron/core/modules/forecast/seriesCsv.js';
import { forecastMany, type ForecastJob } from '../electron/core/workers/forecastPool.js';
import { ADI_CUTOFF } from '../electron/core/modules/forecast/classify.js';
import { promotionSets } from './fixtures/promotionSets.js';
import { syntheticBandSets } from './fixtures/bandSets.js';
import type { KindHint } from '../electron/core/modules/forecast/types.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = arg('--data') ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'forecast');
const seriesArg = arg('--series');
const count = Number(seriesArg ?? 100);
const methods = (arg('--methods') ?? 'ets,arima,theta,snaive').split(',');
const jobsR = Number(arg('--jobs') ?? 2);
const timeoutS = Number(arg('--timeout') ?? 60);
const dump = arg('--dump');
const useCache = !args.includes('--no-cache');
const rScript = path.join(import.meta.dirname, 'r', 'peers.R');
const cacheRoot = path.join(import.meta.dirname, 'results', 'r-peers');

const VISIBLE = ['retail', 'm3', 'carparts'];
const PROMOTIONS = ['daily', 'slow', 'weekly', 'clean', 'cleanweekly', 'events', 'moving', 'eventsweekly'];
const BANDS = ['bdays', 'bpoisson', 'bintermittent', 'bar1', 'bnbweek', 'borders', 'bweekly', 'bweeklyslow'];
const onlyArg = arg('--only') ?? 'all';
const wanted = new Set(
  onlyArg
    .split(',')
    .flatMap((k) =>
      k === 'all' ? [...VISIBLE, ...PROMOTIONS, ...BANDS] : k === 'visible' ? VISIBLE : k === 'synthetic' ? [...PROMOTIONS, ...BANDS] : [k],
    ),
);
for (const k of wanted) if (![...VISIBLE, ...PROMOTIONS, ...BANDS].includes(k)) throw new Error(`--only: unknown set ${k}`);

/** R and R forecast present? If not, say which Debian packages to install, and stop. */
function checkR(): string {
  const r = spawnSync(
    'Rscript',
    ['-e', 'suppressPackageStartupMessages(library(forecast)); cat(as.character(packageVersion("forecast")))'],
    {
      encoding: 'utf8',
    },
  );
  if (r.error || r.status !== 0) {
    process.stderr.write(
      `bench:forecast-r needs Rscript with the R package forecast (${r.error ? 'Rscript not found' : (r.stderr || '').trim().split('\n').pop()}).\n` +
        'Install them (Debian 12: R forecast 8.20, the version of peers.md):\n' +
        '  apt-get install -y --no-install-recommends r-base-core r-cran-forecast\n',
    );
    process.exit(2);
  }
  return r.stdout.trim();
}

interface BenchCase {
  id: string;
  train: number[];
  test: number[];
  kind: KindHint;
}
interface BenchSet {
  key: string;
  name: string;
  frequency: number;
  horizon: number;
  cases: BenchCase[];
  /** peers.md rows for this sample (visible sets only, when the whole sample is run). */
  peersMd?: string;
}

/** intermittent when the training part has ADI ≥ 1.32 (zeros of closed days counted), smooth otherwise. */
function kindOf(train: readonly number[]): KindHint {
  const nonZero = train.filter((v) => v > 0).length;
  return nonZero === 0 || train.length / nonZero >= ADI_CUTOFF ? 'intermittent' : 'smooth';
}

function visibleSets(): BenchSet[] {
  const samples = new Map<string, string[]>();
  for (const line of fs.readFileSync(path.join(dataDir, 'peers_sample_ids.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [set, id] = line.split(',');
    if (set && id) samples.set(set, [...(samples.get(set) ?? []), id]);
  }
  const out: BenchSet[] = [];
  for (const [key, name] of [
    ['retail', 'online_retail_daily'],
    ['m3', 'm3_monthly'],
    ['carparts', 'carparts'],
  ] as const) {
    if (!wanted.has(key)) continue;
    const series = parseSeriesCsv(fs.readFileSync(path.join(dataDir, `${name}.csv`), 'utf8'));
    const meta = parseMetaCsv(fs.readFileSync(path.join(dataDir, `${name}_meta.csv`), 'utf8'));
    const all = name === 'online_retail_daily' ? [...series.keys()] : (samples.get(name) ?? []);
    const ids = seriesArg ? all.slice(0, count) : all;
    const first = meta.get(ids[0]!)!;
    out.push({
      key,
      name: `${name} (${ids.length === all.length ? 'peers.md sample' : `first ${ids.length} of the peers.md sample`})`,
      frequency: first.frequency,
      horizon: first.horizon,
      peersMd: ids.length === all.length ? name : undefined,
      cases: ids.map((id) => {
        const y = series.get(id)!;
        const m = meta.get(id)!;
        if (m.frequency !== first.frequency || m.horizon !== first.horizon) throw new Error(`${name}: mixed frequency/horizon`);
        return { id, train: y.slice(0, y.length - m.horizon), test: y.slice(y.length - m.horizon), kind: m.kind ?? kindOf(y) };
      }),
    });
  }
  return out;
}

function syntheticSets(): BenchSet[] {
  const out: BenchSet[] = [];
  const promo = PROMOTIONS.filter((k) => wanted.has(k));
  if (promo.length) {
    const seed = Number(arg('--seed') ?? 1);
    const sets = promotionSets(seed, count, promo.join(','));
    for (const s of sets)
      out.push({
        key: s.key,
        name: `promotions seed ${seed}: ${s.name}`,
        frequency: s.frequency,
        horizon: s.horizon,
        cases: s.cases.map((c, j) => ({ id: `${s.key}${j}`, train: c.train, test: c.mixed, kind: kindOf(c.train) })),
      });
  }
  if (BANDS.some((k) => wanted.has(k))) {
    const seed = Number(arg('--bands-seed') ?? 11);
    syntheticBandSets(seed, count).forEach((s, i) => {
      const key = BANDS[i]!;
      if (!wanted.has(key)) return;
      out.push({
        key,
        name: `bands seed ${seed}: ${s.name}`,
        frequency: s.frequency,
        horizon: s.horizon,
        cases: s.cases.map((c, j) => ({ id: `${key}${j}`, train: c.train, test: c.test, kind: kindOf(c.train) })),
      });
    });
  }
  return out;
}

interface PeerForecast {
  p10: number[];
  p50: number[];
  p90: number[];
}
interface PeerRun {
  /** method → series id → forecast (only the series it forecast). */
  forecasts: Map<string, Map<string, PeerForecast>>;
  /** method → series id → ms inside R. */
  ms: Map<string, Map<string, number>>;
  failures: Array<{ method: string; id: string; error: string }>;
}

function runRscript(script: string, seriesFile: string, metaFile: string, prefix: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('Rscript', [script, seriesFile, metaFile, prefix, methods.join(','), String(timeoutS)], {
      // One thread per R process (peers.md times one core), whatever BLAS Debian picked.
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`Rscript exited ${code}: ${err.trim().slice(-500)}`))));
  });
}

/** Runs the R peers on one set (from the cache when the same series, methods and peers.R ran before). */
async function runPeers(s: BenchSet): Promise<PeerRun> {
  const seriesCsv = (cases: BenchCase[]) =>
    'series_id,t,y\n' + cases.map((c) => c.train.map((y, t) => `${c.id},${t + 1},${y}`).join('\n')).join('\n') + '\n';
  const metaCsv = (cases: BenchCase[]) =>
    'series_id,frequency,horizon,kind\n' + cases.map((c) => `${c.id},${s.frequency},${s.horizon},${c.kind}`).join('\n') + '\n';
  const key = crypto
    .createHash('sha256')
    .update(fs.readFileSync(rScript))
    .update(methods.join(','))
    .update(String(timeoutS))
    .update(seriesCsv(s.cases))
    .update(metaCsv(s.cases))
    .digest('hex')
    .slice(0, 20);
  const dir = path.join(cacheRoot, `${s.key}-${key}`);
  const fcFile = path.join(dir, 'forecasts.csv');
  const tmFile = path.join(dir, 'timings.csv');
  if (!useCache || !fs.existsSync(tmFile)) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'forecast-r-'));
    // R reads a script as it runs it: a copy, so editing peers.R cannot break a running bench.
    const script = path.join(tmp, 'peers.R');
    fs.copyFileSync(rScript, script);
    // Round-robin chunks: the slow and fast series spread evenly over the R processes.
    const chunks = Array.from({ length: Math.max(1, Math.min(jobsR, s.cases.length)) }, (_, k) =>
      s.cases.filter((_, i) => i % jobsR === k),
    );
    const started = performance.now();
    await Promise.all(
      chunks.map((cases, k) => {
        fs.writeFileSync(path.join(tmp, `series${k}.csv`), seriesCsv(cases));
        fs.writeFileSync(path.join(tmp, `meta${k}.csv`), metaCsv(cases));
        return runRscript(script, path.join(tmp, `series${k}.csv`), path.join(tmp, `meta${k}.csv`), path.join(tmp, `out${k}`));
      }),
    );
    process.stdout.write(
      `  R: ${s.cases.length} series × ${methods.join(',')} in ${((performance.now() - started) / 1000).toFixed(0)} s wall (${chunks.length} Rscript processes)\n`,
    );
    const join = (suffix: string) =>
      chunks
        .map((_, k) =>
          fs
            .readFileSync(path.join(tmp, `out${k}.${suffix}`), 'utf8')
            .trimEnd()
            .split('\n'),
        )
        .map((lines, k) => (k === 0 ? lines : lines.slice(1)))
        .flat()
        .join('\n') + '\n';
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(fcFile, join('forecasts.csv'));
    fs.writeFileSync(tmFile, join('timings.csv'));
    fs.rmSync(tmp, { recursive: true, force: true });
  } else process.stdout.write(`  R: from the cache ${path.relative(process.cwd(), dir)}\n`);
  const run: PeerRun = { forecasts: new Map(), ms: new Map(), failures: [] };
  for (const line of fs.readFileSync(fcFile, 'utf8').trimEnd().split('\n').slice(1)) {
    const [method, id, h, p10, p50, p90] = line.split(',');
    if (!run.forecasts.has(method!)) run.forecasts.set(method!, new Map());
    const byId = run.forecasts.get(method!)!;
    if (!byId.has(id!)) byId.set(id!, { p10: [], p50: [], p90: [] });
    const f = byId.get(id!)!;
    const i = Number(h) - 1;
    f.p10[i] = Number(p10);
    f.p50[i] = Number(p50);
    f.p90[i] = Number(p90);
  }
  for (const line of fs.readFileSync(tmFile, 'utf8').trimEnd().split('\n').slice(1)) {
    const [method, id, ms, ok, ...error] = line.split(',');
    if (!run.ms.has(method!)) run.ms.set(method!, new Map());
    run.ms.get(method!)!.set(id!, Number(ms));
    if (ok !== '1') run.failures.push({ method: method!, id: id!, error: error.join(',').trim() });
  }
  return run;
}

const f3 = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '-');
const pinballOf = (s: SeriesScore) => (s.sql10 !== undefined ? (s.sql10 + s.sql50! + s.sql90!) / 3 : NaN);
/** Mean and standard error of the paired differences a − b over the series where both are finite. */
function paired(a: number[], b: number[]): { mean: number; se: number; n: number } {
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) d.push(a[i]! - b[i]!);
  const m = d.reduce((x, y) => x + y, 0) / d.length;
  const sd = Math.sqrt(d.reduce((x, y) => x + (y - m) ** 2, 0) / Math.max(1, d.length - 1));
  return { mean: m, se: sd / Math.sqrt(d.length), n: d.length };
}
const pm = (p: { mean: number; se: number }) => `${p.mean >= 0 ? '+' : ''}${p.mean.toFixed(4)} ± ${p.se.toFixed(4)}`;

const version = checkR();
const load = os.loadavg()[0]!;
process.stdout.write(
  `R forecast ${version} (Rscript, ${jobsR} processes, time-out ${timeoutS} s per fit); cores ${os.availableParallelism()}, load average ${load.toFixed(1)} at the start; data ${dataDir}\n`,
);
/**
 * Where coverage80 comes from, per method: the hold-out days of a weekday with no sale in the whole
 * training part (a shop closed that day: every method forecasts 0 to 0 there, so they all count as
 * covered) apart from the other days, and on those the share below P10, above P90, and with no sale.
 * A P90 exceeded on 10 % of the open days, with a P10 of 0 wherever a day without a sale is likelier
 * than 10 % (the pinball-optimal P10 then), puts coverage80 near closed + open × 0.9.
 */
function coverageSources(
  methodsShown: string[],
  cases: ReadonlyArray<{ id: string; train: number[]; test: number[] }>,
  forecastOf: (method: string, id: string) => PeerForecast,
  frequency: number,
): void {
  if (frequency !== 7) return;
  const closedDay = (c: { train: number[] }, t: number) => {
    for (let i = t % 7; i < c.train.length; i += 7) if (c.train[i]! > 0) return false;
    return true;
  };
  let closed = 0;
  let open = 0;
  let noSale = 0;
  for (const c of cases)
    c.test.forEach((y, d) => {
      if (closedDay(c, c.train.length + d)) closed++;
      else {
        open++;
        if (y === 0) noSale++;
      }
    });
  if (!closed) return;
  const all = closed + open;
  process.stdout.write(
    `  coverage80's sources: ${pct(closed / all)} of the hold-out days fall on a weekday never sold in training (closed); of the other days ${pct(noSale / open)} sold nothing\n`,
  );
  for (const method of methodsShown) {
    let coveredClosed = 0;
    let below = 0;
    let above = 0;
    for (const c of cases) {
      const f = forecastOf(method, c.id);
      c.test.forEach((y, d) => {
        const isClosed = closedDay(c, c.train.length + d);
        if (y < f.p10[d]!) {
          if (!isClosed) below++;
        } else if (y > f.p90[d]!) {
          if (!isClosed) above++;
        } else if (isClosed) coveredClosed++;
      });
    }
    process.stdout.write(
      `    ${method}: closed days covered ${pct(coveredClosed / closed)}; open days below P10 ${pct(below / open)}, above P90 ${pct(above / open)}, covered ${pct(1 - (below + above) / open)}\n`,
    );
  }
}
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

const dumpRows: string[] = ['set,series_id,kind,method,pinball,sql10,sql50,sql90,mase,coverage80,bias,width,above,below'];
const summary: string[] = [];
for (const s of [...visibleSets(), ...syntheticSets()]) {
  process.stdout.write(`\n## ${s.key}: ${s.name} — ${s.cases.length} series, frequency ${s.frequency}, horizon ${s.horizon}\n`);
  const jobs: ForecastJob[] = s.cases.map((c) => ({ id: c.id, y: c.train, frequency: s.frequency, horizon: s.horizon, kind: c.kind }));
  const ours = await forecastMany(jobs);
  const oursById = new Map(ours.map((r) => [r.id, r]));
  const oursFailed = ours.filter((r) => !r.ok);
  if (oursFailed.length) throw new Error(`${s.key}: our engine failed on ${oursFailed.map((r) => r.id).join(', ')}`);
  const peers = await runPeers(s);
  const peerMethods = methods.filter((m) => peers.ms.has(m));
  // Scored on the series every method forecast (no fallbacks, as peers.md).
  const failedIds = new Set(peers.failures.map((f) => f.id));
  for (const f of peers.failures.slice(0, 5)) process.stdout.write(`  R ${f.method} failed on ${f.id}: ${f.error}\n`);
  if (peers.failures.length)
    process.stdout.write(
      `  ${peers.failures.length} R fit(s) failed on ${failedIds.size} series: the set is scored without those series\n`,
    );
  const cases = s.cases.filter((c) => !failedIds.has(c.id));
  const scoreWith = (get: (id: string) => PeerForecast) =>
    cases.map((c) => scoreSeries(c.train, c.test, get(c.id), s.frequency, c.kind === 'intermittent'));
  const table: Array<{ method: string; scores: SeriesScore[]; ms: number }> = [];
  table.push({
    method: 'opsdeck',
    scores: scoreWith((id) => {
      const r = oursById.get(id)!;
      if (!r.ok) throw new Error(id);
      return { p10: r.result.p10, p50: r.result.p50, p90: r.result.p90 };
    }),
    ms: cases.reduce((a, c) => a + oursById.get(c.id)!.ms, 0) / cases.length,
  });
  for (const m of peerMethods)
    table.push({
      method: `R ${m}`,
      scores: scoreWith((id) => peers.forecasts.get(m)!.get(id)!),
      ms: cases.reduce((a, c) => a + peers.ms.get(m)!.get(c.id)!, 0) / cases.length,
    });
  process.stdout.write(
    '| method | MASE | sMAPE | SQL 0.1 | SQL 0.5 | SQL 0.9 | scaled pinball (mean) | coverage80 | ms/series |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n',
  );
  const avgs = table.map((t) => ({ ...t, avg: averageScores(t.scores) }));
  const peerMdRows = s.peersMd
    ? fs
        .readFileSync(path.join(dataDir, 'peers.md'), 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.startsWith(`| ${s.peersMd} (`))
        .map((l) => l.split('|').map((c) => c.trim()))
    : [];
  for (const t of avgs) {
    const a = t.avg;
    process.stdout.write(
      `| ${t.method} | ${f3(a.mase)} | ${f3(a.smape, 2)} | ${f3(a.sql10)} | ${f3(a.sql50)} | ${f3(a.sql90)} | ${f3(a.pinballMean)} | ${f3(a.coverage80)} | ${t.ms.toFixed(2)} |\n`,
    );
    const md = peerMdRows.find((c) => `R ${c[2]}` === t.method);
    if (md)
      process.stdout.write(
        `|   peers.md ${md[2]} | ${md[3]} | ${md[4]} | ${md[5]} | ${md[6]} | ${md[7]} | ${md[8]} (here − peers.md ${a.pinballMean - Number(md[8]) >= 0 ? '+' : ''}${(a.pinballMean - Number(md[8])).toFixed(4)}) | ${md[9]} | ${md[10]} |\n`,
      );
  }
  const oursPin = avgs[0]!.scores.map(pinballOf);
  const best = avgs.slice(1).sort((a, b) => a.avg.pinballMean - b.avg.pinballMean)[0];
  if (best) {
    const d = paired(oursPin, best.scores.map(pinballOf));
    const vsAll = avgs
      .slice(1)
      .map((t) => `${t.method.slice(2)} ${pm(paired(oursPin, t.scores.map(pinballOf)))}`)
      .join('; ');
    process.stdout.write(`  ours − best peer (${best.method}), scaled pinball per series: ${pm(d)} over ${d.n} series (${vsAll})\n`);
    const o = avgs[0]!.avg;
    summary.push(
      `| ${s.key} | ${f3(o.pinballMean)} | ${f3(o.coverage80)} | ${best.method} | ${f3(best.avg.pinballMean)} | ${f3(best.avg.coverage80)} | ${pm(d)} | ${d.mean + 2 * d.se < 0 ? 'ours better' : d.mean - 2 * d.se > 0 ? 'PEER better' : 'tie (±2 se)'} |`,
    );
  }
  // Per series, for the diagnosis (--dump): bias = mean(y − P50) / scale, width = mean(P90 − P10) / scale,
  // above / below = share of hold-out steps above P90 / below P10.
  const forecastsOf = (method: string, id: string): PeerForecast => {
    if (method !== 'opsdeck') return peers.forecasts.get(method.slice(2))!.get(id)!;
    const r = oursById.get(id)!;
    if (!r.ok) throw new Error(id);
    return { p10: r.result.p10, p50: r.result.p50, p90: r.result.p90 };
  };
  coverageSources(
    avgs.map((t) => t.method),
    cases,
    forecastsOf,
    s.frequency,
  );
  for (const t of avgs)
    t.scores.forEach((sc, i) => {
      const c = cases[i]!;
      const f = forecastsOf(t.method, c.id);
      const scale = benchmarkScale(c.train, s.frequency, c.kind === 'intermittent') || NaN;
      let bias = 0;
      let width = 0;
      let above = 0;
      let below = 0;
      c.test.forEach((y, d) => {
        bias += y - f.p50[d]!;
        width += f.p90[d]! - f.p10[d]!;
        if (y > f.p90[d]!) above++;
        if (y < f.p10[d]!) below++;
      });
      const H = c.test.length;
      dumpRows.push(
        `${s.key},${c.id},${c.kind},${t.method.replace('R ', '')},${pinballOf(sc)},${sc.sql10 ?? ''},${sc.sql50 ?? ''},${sc.sql90 ?? ''},${sc.mase ?? ''},${sc.coverage80 ?? ''},${bias / H / scale},${width / H / scale},${above / H},${below / H}`,
      );
    });
  // Written after every set: a long run stopped half-way keeps what it scored.
  if (dump) fs.writeFileSync(dump, dumpRows.join('\n') + '\n');
}
process.stdout.write(
  `\n## Summary (scaled pinball, lower is better)\n| set | opsdeck | coverage80 | best R peer | its pinball | its coverage80 | ours − best per series ± se | verdict |\n|---|---:|---:|---|---:|---:|---|---|\n${summary.join('\n')}\n`,
);
if (dump) process.stdout.write(`per-series scores written to ${dump}\n`);
