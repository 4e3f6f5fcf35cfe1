/**
 * Calibration of the lead-time demand the reorder point comes from: on a demo ledger, forecast
 * each product from origins 12, 40, 70 and 100 days back, sum the daily bands over a protection
 * interval (demandOver) and count how often the actual total falls inside P10–P90 (target 0.80).
 * The demo sells min(demand, stock), so long intervals include censored (stocked-out) sales.
 * Totals of counts have whole-unit P10/P90 (smallest k with F(k) ≥ p): on the demo's small
 * 12-day totals even an exact Poisson law is above such a P90 less than 10 % of the time, and
 * the line prints that floor beside the measured rates.
 * Then the same for online_retail_daily's 28-day hold-out totals (target: about 10 % above P90),
 * and on simulated demand whose truth is known (--sim N series, 0 to skip): bench:forecast's
 * synthetic days (weekday pattern × slow trend × Poisson-like noise), 12- and 28-day totals, with
 * how far the forecast total sits from the true expected total where the actual exceeded P90.
 *
 * Every line gives the calibrated bands (as the app stores them: leadTimeCalibration.ts, each set
 * calibrated on its own earlier days — three validation windows one horizon apart, a sample of at
 * most 200 products) and, beside them, the model's own bands and the factors at the last day.
 *
 * Then (with --sim) known-truth low counts: stationary Poisson days, intermittent orders and an
 * autocorrelated level, a year of history each, 12- and 28-day totals.
 *
 *   npx tsx bench/forecast-leadtime.ts [--db demo.db] [--days 12] [--sim 2000] [--only sim]   (SIM_SEED=7 by default)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/entry.js';
import { memoryLogger } from '../electron/core/ports/log.js';
import { forecastMany, type ForecastJob } from '../electron/core/workers/forecastPool.js';
import { demandOver } from '../electron/core/modules/forecast/replenishment.js';
import { calibrationFor, DEFAULT_PLAN, MAX_VALIDATION_DAYS } from '../electron/core/modules/forecast/calibratedRun.js';
import { applyCalibration, type LeadTimeCalibration } from '../electron/core/modules/forecast/leadTimeCalibration.js';
import { dailyLedger, dailyOutSeries, firstMovementDay } from '../electron/core/db/repos/demandHistory.js';
import { DAILY_FREQUENCY, HISTORY_DAYS } from '../electron/core/modules/forecast/inputs.js';
import { parseSeriesCsv } from '../electron/core/modules/forecast/seriesCsv.js';
import type { TotalBands } from '../electron/core/modules/forecast/daily.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const days = Number(arg('--days') ?? 12);
const simN = Number(arg('--sim') ?? 2000);
const onlySim = arg('--only') === 'sim';
const DAY = 86_400_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-ltd-'));
const dbPath = arg('--db') ?? path.join(tmp, 'demo.db');
const core = createCore({ dbPath, shell: 'headless', log: memoryLogger(), services: false });
try {
  if (!onlySim && !arg('--db')) await core.router.call('system.setup', { choice: 'demo' });
  const today = Math.floor(core.ctx.clock.now() / DAY) * DAY;
  const ids = core.ctx.db.prepare('SELECT id FROM products WHERE deleted_at IS NULL').pluck().all() as string[];
  const jobs: ForecastJob[] = [];
  const actual = new Map<string, number>();
  const censored = new Set<string>();
  for (const id of onlySim ? [] : ids) {
    const first = firstMovementDay(core.ctx.db, id);
    if (first === null) continue;
    const from = Math.max(first, today - HISTORY_DAYS * DAY);
    const y = dailyOutSeries(core.ctx.db, id, from, today);
    const { closing } = dailyLedger(core.ctx.db, id, from, today);
    for (const back of [12, 40, 70, 100]) {
      const cut = y.length - back;
      if (cut < 60 || back < days) continue;
      jobs.push({ id: `${id}|${back}`, y: y.slice(0, cut), frequency: DAILY_FREQUENCY, horizon: days });
      actual.set(
        `${id}|${back}`,
        y.slice(cut, cut + days).reduce((a, b) => a + b, 0),
      );
      // A day that ends with nothing on hand caps that day's sales: the interval's total is censored demand.
      if (closing.slice(cut, cut + days).some((c) => c <= 0)) censored.add(`${id}|${back}`);
    }
  }
  let inside = 0;
  let below = 0;
  let n = 0;
  let sumActual = 0;
  let sumP50 = 0;
  let floorAbove = 0;
  let floorBelow = 0;
  // The same split by demand class (intermittent/lumpy items take the order-size model, the others
  // NB) and by whether the interval had a day ending out of stock (its sales are not its demand).
  const byKind = new Map<string, { n: number; below: number; above: number }>();
  // Each origin is the catalog as it stood then: its bands are calibrated on its own earlier days.
  const raw = { n: 0, above: 0, below: 0 };
  const factors: string[] = [];
  for (const back of [12, 40, 70, 100]) {
    const group = jobs.filter((j) => j.id.endsWith(`|${back}`));
    if (!group.length) continue;
    const { results, calibration } = await calibrated(group);
    factors.push(describe(back, calibration));
    for (const { r, total } of results) {
      if (!r.ok) continue;
      const a0 = actual.get(r.id)!;
      const m0 = demandOver({ ...r.result, totals: r.result.total }, days);
      raw.n++;
      if (a0 > m0.p90) raw.above++;
      if (a0 < m0.p10) raw.below++;
      const d = demandOver({ ...r.result, totals: total }, days);
      const a = actual.get(r.id)!;
      const k = r.result.kind === 'intermittent' || r.result.kind === 'lumpy' ? 'intermittent' : 'continuous';
      n++;
      for (const key of [k, censored.has(r.id) ? 'with a stock-out day' : 'never out of stock']) {
        const g = byKind.get(key) ?? { n: 0, below: 0, above: 0 };
        byKind.set(key, g);
        g.n++;
        if (a < d.p10) g.below++;
        else if (a > d.p90) g.above++;
      }
      if (a < d.p10) below++;
      else if (a <= d.p90) inside++;
      sumActual += a;
      sumP50 += d.p50;
      const fl = poissonFloor(d.p50);
      floorAbove += fl.above;
      floorBelow += fl.below;
    }
  }
  if (n)
    console.log(
      `demo catalog: ${n} intervals of ${days} days: P10–P90 coverage ${(inside / n).toFixed(3)}, below P10 ${(below / n).toFixed(3)}, above P90 ${((n - inside - below) / n).toFixed(3)} (` +
        [...byKind]
          .sort()
          .map(([k, g]) => `${k} ${g.n}: above ${(g.above / g.n).toFixed(3)}, below ${(g.below / g.n).toFixed(3)}`)
          .join('; ') +
        `); Σ actual / Σ P50 ${(sumActual / sumP50).toFixed(3)}; an exact Poisson law at each P50 would be above its whole-unit P90 ` +
        `${(floorAbove / n).toFixed(3)}, below P10 ${(floorBelow / n).toFixed(3)}; ` +
        `the model's own bands (uncalibrated): above P90 ${(raw.above / raw.n).toFixed(3)}, below P10 ${(raw.below / raw.n).toFixed(3)}; ${factors.join('; ')}`,
    );

  // The real daily retail set: each product's 28-day hold-out total against the P10/P90 of its forecast total.
  const dataDir = arg('--data') ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'forecast');
  const file = path.join(dataDir, 'online_retail_daily.csv');
  if (!onlySim && fs.existsSync(file)) {
    const series = parseSeriesCsv(fs.readFileSync(file, 'utf8'));
    const H = 28;
    const retail: ForecastJob[] = [...series].map(([id, y]) => ({
      id,
      y: y.slice(0, y.length - H),
      frequency: 7,
      horizon: H,
      kind: 'intermittent' as const,
    }));
    let over = 0;
    let under = 0;
    let overRaw = 0;
    let underRaw = 0;
    let m = 0;
    const { results, calibration } = await calibrated(retail);
    for (const { r, total } of results) {
      if (!r.ok) continue;
      const y = series.get(r.id)!;
      const a = y.slice(y.length - H).reduce((p, v) => p + v, 0);
      const d = demandOver({ ...r.result, totals: total }, H);
      const d0 = demandOver({ ...r.result, totals: r.result.total }, H);
      m++;
      if (a > d.p90) over++;
      if (a < d.p10) under++;
      if (a > d0.p90) overRaw++;
      if (a < d0.p10) underRaw++;
    }
    console.log(
      `online_retail_daily: ${m} products, 28-day totals: above P90 ${(over / m).toFixed(3)}, below P10 ${(under / m).toFixed(3)} ` +
        `(the model's own bands: above ${(overRaw / m).toFixed(3)}, below ${(underRaw / m).toFixed(3)}); ${describe(0, calibration)}`,
    );
  }
  if (simN > 0) await simulated(simN);
  if (simN > 0) await lowCounts(Math.max(100, Math.round(simN / 4)));
} finally {
  core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * Forecasts with the run's lead-time calibration (calibratedRun.ts, as the app does it): the model's
 * own totals stay on r.result.total, the calibrated ones come beside them.
 */
async function calibrated(jobs: ForecastJob[]) {
  const horizon = jobs.reduce((m, j) => Math.max(m, j.horizon), 0);
  const calibration = await calibrationFor(jobs, { ...DEFAULT_PLAN, days: Math.min(horizon, MAX_VALIDATION_DAYS) });
  const results = (await forecastMany(jobs)).map((r) => ({
    r,
    total: (r.ok && r.result.total && calibration
      ? applyCalibration(r.result.total, calibration, true)
      : r.ok
        ? r.result.total
        : undefined) as TotalBands | undefined,
  }));
  return { results, calibration };
}

function describe(back: number, c: LeadTimeCalibration | null): string {
  const at = back ? `origin ${back} days back: ` : '';
  return c
    ? `${at}factors at the last day upper ${c.upper.at(-1)!.toFixed(2)}, lower ${c.lower.at(-1)!.toFixed(2)} (${c.products} products)`
    : `${at}not calibrated (too few products)`;
}

/**
 * How often a whole-unit P90 (P10) would be exceeded (undershot) if each total were exactly
 * Poisson with the forecast's P50 as its mean: 1 − F(q90) and F(q10 − 1), q the smallest k with
 * F(k) ≥ p. On small totals these sit well under 10 % (a total of mean 2: 5.3 % above P90), so it
 * is the floor a calibrated count forecast of such totals reaches, not a miss.
 */
function poissonFloor(mu: number): { above: number; below: number } {
  if (!(mu > 0)) return { above: 0, below: 0 };
  let p = Math.exp(-mu);
  let prev = 0;
  let c = p;
  let below = -1;
  for (let k = 0; c < 0.9 && k < 100_000; k++) {
    if (below < 0 && c >= 0.1) below = prev;
    p *= mu / (k + 1);
    prev = c;
    c += p;
  }
  if (below < 0) below = prev;
  return { above: 1 - c, below };
}

/**
 * Known truth: each series' expected demand per day (mu) is what the generator drew from, so a
 * forecast total can be compared with the true expected total, not only with one noisy outcome.
 */
async function simulated(count: number) {
  let seed = Number(process.env.SIM_SEED ?? 7);
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const n = 730;
  const H = 28;
  const jobs: ForecastJob[] = [];
  const truth = new Map<string, { mu: number[]; y: number[] }>();
  for (let s = 0; s < count; s++) {
    const base = 2 + rnd() * 40;
    const trend = (rnd() - 0.5) * 0.01;
    const week = Array.from({ length: 7 }, () => 0.6 + rnd() * 0.8);
    const mu: number[] = [];
    const y: number[] = [];
    for (let t = 0; t < n + H; t++) {
      const m = Math.max(0, base * (1 + (trend * t) / 7) * week[t % 7]!);
      mu.push(m);
      y.push(Math.max(0, Math.round(m + (rnd() + rnd() + rnd() - 1.5) * Math.sqrt(m) * 2)));
    }
    jobs.push({ id: `sim${s}`, y: y.slice(0, n), frequency: 7, horizon: H });
    truth.set(`sim${s}`, { mu, y });
  }
  const { results: withCal, calibration } = await calibrated(jobs);
  const calOf = new Map(withCal.map((x) => [x.r.id, x.total]));
  const results = withCal.map((x) => x.r);
  for (const d of [12, 28]) {
    let overRaw = 0;
    let underRaw = 0;
    let over = 0;
    let under = 0;
    let m = 0;
    let low = 0;
    const ratiosOver: number[] = [];
    const ratiosAll: number[] = [];
    for (const r of results) {
      if (!r.ok) continue;
      const t = truth.get(r.id)!;
      const band = demandOver({ ...r.result, totals: calOf.get(r.id) }, d);
      const own = demandOver({ ...r.result, totals: r.result.total }, d);
      const actual = t.y.slice(n, n + d).reduce((a, b) => a + b, 0);
      if (actual > own.p90) overRaw++;
      if (actual < own.p10) underRaw++;
      const expected = t.mu.slice(n, n + d).reduce((a, b) => a + b, 0);
      const ratio = band.p50 / expected;
      ratiosAll.push(ratio);
      if (ratio < 0.95) low++;
      m++;
      if (actual > band.p90) {
        over++;
        ratiosOver.push(ratio);
      }
      if (actual < band.p10) under++;
    }
    const median = (a: number[]) => (a.length ? [...a].sort((x, z) => x - z)[Math.floor(a.length / 2)]! : NaN);
    console.log(
      `simulated: ${m} series, ${d}-day totals: above P90 ${(over / m).toFixed(3)}, below P10 ${(under / m).toFixed(3)}; ` +
        `forecast / true expected total: median ${median(ratiosAll).toFixed(3)} (where above P90: ${median(ratiosOver).toFixed(3)}), under 0.95 on ${((low / m) * 100).toFixed(1)} %; ` +
        `the model's own bands: above ${(overRaw / m).toFixed(3)}, below ${(underRaw / m).toFixed(3)}; ${describe(0, calibration)}`,
    );
  }
}

/**
 * Known truth at the low counts of a shop's slow movers (a year of history, nothing else going on):
 * stationary Poisson days (0.25–1.75 a day), intermittent orders (a sale on 8–23 % of days, 1–6
 * units) and an autocorrelated level (log-level AR(1), φ = 0.98, sd 0.3, NB days of size 2). Each
 * line gives how often the actual total is above the engine's P90, above that P90 rounded up to
 * the next whole unit (the classical count quantile, the stock that covers it: 'actual > P90' with
 * a fractional mid-distribution P90 counts the integer just above it as a miss), and below P10.
 */
async function lowCounts(count: number) {
  let seed = Number(process.env.SIM_SEED ?? 7) + 1;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const poisson = (mu: number) => {
    let k = 0;
    let p = Math.exp(-mu);
    let c = p;
    const u = rnd();
    while (u > c && k < 10_000) {
      k++;
      p *= mu / k;
      c += p;
    }
    return k;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rnd(), 1e-12))) * Math.cos(2 * Math.PI * rnd());
  const n = 365;
  const H = 28;
  const kinds: Record<string, () => number[]> = {
    'Poisson days': () => {
      const r = 0.25 + rnd() * 1.5;
      return Array.from({ length: n + H }, () => poisson(r));
    },
    'intermittent orders': () => {
      const r = 0.08 + rnd() * 0.15;
      return Array.from({ length: n + H }, () => (rnd() < r ? 1 + Math.floor(rnd() * 6) : 0));
    },
    'AR(1) level': () => {
      const base = 1 + rnd() * 10;
      const phi = 0.98;
      const sd = 0.3;
      let u = gauss() * sd;
      return Array.from({ length: n + H }, () => {
        u = phi * u + Math.sqrt(1 - phi * phi) * sd * gauss();
        const g = -Math.log(Math.max(rnd(), 1e-12)) - Math.log(Math.max(rnd(), 1e-12));
        return poisson((base * Math.exp(u - (sd * sd) / 2) * g) / 2);
      });
    },
  };
  for (const [name, gen] of Object.entries(kinds)) {
    const ys = Array.from({ length: count }, gen);
    const { results: withCal, calibration } = await calibrated(
      ys.map((y, i) => ({ id: String(i), y: y.slice(0, n), frequency: 7, horizon: H })),
    );
    const calOf = new Map(withCal.map((x) => [x.r.id, x.total]));
    const results = withCal.map((x) => x.r);
    const line: string[] = [];
    for (const d of [12, 28]) {
      let overRaw = 0;
      let underRaw = 0;
      let over = 0;
      let overInt = 0;
      let under = 0;
      let m = 0;
      for (const r of results) {
        if (!r.ok) continue;
        const band = demandOver({ ...r.result, totals: calOf.get(r.id) }, d);
        const own = demandOver({ ...r.result, totals: r.result.total }, d);
        const actual = ys[Number(r.id)]!.slice(n, n + d).reduce((a, b) => a + b, 0);
        if (actual > own.p90) overRaw++;
        if (actual < own.p10) underRaw++;
        m++;
        if (actual > band.p90) over++;
        if (actual > Math.ceil(band.p90 - 1e-9)) overInt++;
        if (actual < band.p10) under++;
      }
      line.push(
        `${d}-day totals above P90 ${(over / m).toFixed(3)} (above P90 rounded up ${(overInt / m).toFixed(3)}), below P10 ${(under / m).toFixed(3)} ` +
          `(own bands: above ${(overRaw / m).toFixed(3)}, below ${(underRaw / m).toFixed(3)})`,
      );
    }
    console.log(`simulated low counts, ${name}: ${count} series, ${line.join('; ')}; ${describe(0, calibration)}`);
  }
}
