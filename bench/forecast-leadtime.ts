/**
 * Calibration of the lead-time demand the reorder point comes from: on a demo ledger, forecast
 * each product from origins 12, 40, 70 and 100 days back (those at least a horizon back), as the app
 * reads it (stock-out days censored, the settings' holidays; --input sales: the raw sales series),
 * sum the bands over a protection interval (demandOver) and count how often the total falls above
 * P90 and below P10 (target about 10 % each), for 12- and 28-day totals (--days).
 *
 * The demo sells min(demand, stock): an interval with a day that ended out of stock holds less than
 * its demand. The bands are about demand, so the demo is scored against its DEMAND, heard from the
 * demo's own generator on a twin seed (seedDemoStock's onDemand); the sales lines stay beside it
 * (every interval: biased low above P90; uncensored intervals only: biased by selection, stock runs
 * out where demand ran high), with the bounds censoring leaves when the demand is not known.
 * Totals of counts have whole-unit P10/P90 (smallest k with F(k) ≥ p): on the demo's small
 * 12-day totals even an exact Poisson law is above such a P90 less than 10 % of the time, and
 * the line prints that floor beside the measured rates.
 * Then online_retail_daily's 28-day totals: at --retail-origins earlier origins 28 days apart
 * before the hold-out (what a rule is judged on), and the hold-out; and simulated demand whose
 * truth is known (--sim N series, 0 to skip): bench:forecast's synthetic days (weekday pattern ×
 * slow trend × Poisson-like noise), 12- and 28-day totals, with how far the forecast total sits from
 * the true expected total where the actual exceeded P90.
 *
 * Every line gives the calibrated bands (as the app stores them: leadTimeCalibration.ts, each set
 * calibrated on its own earlier days — three validation windows one horizon apart, a sample of at
 * most 200 products; --windows N, --shift 0 to compare) and, beside them, the model's own bands,
 * the factors and the catalog-wide shift at the last day.
 *
 * Then (with --sim) known-truth low counts: stationary Poisson days, intermittent orders and an
 * autocorrelated level, a year of history each, 12- and 28-day totals.
 *
 *   npx tsx bench/forecast-leadtime.ts [--db demo.db] [--days 12,28] [--sim 2000] [--only sim|demo|retail]
 *     [--input app|sales] [--retail-origins 4] [--windows N] [--shift 0]   (SIM_SEED=7 by default)
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
import { dailyLedger, firstMovementDay } from '../electron/core/db/repos/demandHistory.js';
import { readDemand } from '../electron/core/modules/forecast/demandInput.js';
import { readSettings } from '../electron/core/settings.js';
import { DEMO_SEEDERS } from '../electron/core/demo/seed.js';
import { seedDemoStock } from '../electron/core/demo/stock.js';
import { DAILY_FREQUENCY, HISTORY_DAYS } from '../electron/core/modules/forecast/inputs.js';
import { parseSeriesCsv } from '../electron/core/modules/forecast/seriesCsv.js';
import { lcg, poisson as poissonDraw } from '../tests/fixtures/randomCounts.js';
import type { TotalBands } from '../electron/core/modules/forecast/daily.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const horizons = (arg('--days') ?? '12,28').split(',').map(Number);
const simN = Number(arg('--sim') ?? 2000);
/** --only sim | demo | retail: one part of the bench. */
const only = arg('--only');
const part = (name: string) => only === undefined || only === name;
/** The demo's forecast input: 'app' (default) as the app reads it (readDemand: stock-out days censored, the settings' holidays closed); 'sales' the raw sales series (this bench before 2026-12-07). */
const demoInput = arg('--input') ?? 'app';
/** online_retail_daily's rolling origins before the hold-out (0: none): origin k is 28·k days before the hold-out's start. */
const retailOrigins = Number(arg('--retail-origins') ?? 4);
/** Validation windows of the calibration (the app's DEFAULT_PLAN unless given: an experiment's knob). */
const windows = Number(arg('--windows') ?? DEFAULT_PLAN.windows);
/** --shift 0: the calibration without its catalog-wide shift (catalogShift), to compare. */
const shift = arg('--shift') !== '0';
const DAY = 86_400_000;
/** The demo's origins, in days back from today. */
const ORIGINS = [12, 40, 70, 100];
/** The demo's demand, once heard (demoDemand). */
let demoTruth: Map<string, Map<number, number>> | undefined;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-ltd-'));
const dbPath = arg('--db') ?? path.join(tmp, 'demo.db');
const core = createCore({ dbPath, shell: 'headless', log: memoryLogger(), services: false });
try {
  if (part('demo') && !arg('--db')) await core.router.call('system.setup', { choice: 'demo' });
  if (part('demo')) for (const days of horizons) await demoCatalog(days);

  // The real daily retail set: each product's 28-day hold-out total against the P10/P90 of its forecast total.
  const dataDir = arg('--data') ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'forecast');
  const file = path.join(dataDir, 'online_retail_daily.csv');
  if (part('retail') && fs.existsSync(file)) {
    const series = parseSeriesCsv(fs.readFileSync(file, 'utf8'));
    const H = 28;
    const len = Math.max(...[...series.values()].map((y) => y.length));
    // Earlier origins first (rolling, before the hold-out: what a rule may be judged on), then the hold-out.
    const earlier: Array<{ above: number; below: number }> = [];
    for (let k = retailOrigins; k >= 0; k--) {
      const end = len - H * (k + 1);
      const r = await retailAt(series, end, H);
      if (!r) continue;
      if (k > 0) earlier.push(r);
      console.log(
        (k > 0 ? `online_retail_daily, origin ${H * k} days before the hold-out: ` : 'online_retail_daily, the 28-day hold-out: ') + r.line,
      );
      if (k === 1 && earlier.length)
        console.log(
          `online_retail_daily, the ${earlier.length} earlier origins on average: above P90 ${mean(earlier.map((e) => e.above)).toFixed(3)}, ` +
            `below P10 ${mean(earlier.map((e) => e.below)).toFixed(3)} (each ${earlier.map((e) => e.above.toFixed(3)).join(', ')})`,
        );
    }
  }
  if (simN > 0 && part('sim')) await simulated(simN);
  if (simN > 0 && part('sim')) await lowCounts(Math.max(100, Math.round(simN / 4)));
} finally {
  core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * The demo catalog at one protection interval: each product forecast from origins 12, 40, 70 and 100
 * days back (those at least `days` back), its bands calibrated on its own earlier days, scored
 * against the interval's total.
 *
 * The demo sells min(demand, stock): in an interval with a day that ended out of stock (censored),
 * the sales total is only a lower bound of the demand the bands are about. Sales above P90 prove an
 * exceedance there; sales at or under it prove nothing. So the line scores:
 * - against the demo's DEMAND (the generator's, heard through seedDemoStock's onDemand on a twin
 *   database seeded the same way): what the 10 % target is about, every interval counted;
 * - against sales, every interval (the line before 2026-12-07): an exceedance rate biased low by the
 *   censored intervals, and below P10 biased high;
 * - against sales, uncensored intervals only (sales = demand there): unbiased per interval, but the
 *   intervals that ran out are the ones demand ran high in, so dropping them selects low demand;
 * - the bounds censoring leaves on real data without the truth: at least (sales > P90, all), at most
 *   (that + the censored intervals with sales ≤ P90).
 */
async function demoCatalog(days: number) {
  const db = core.ctx.db;
  const today = Math.floor(core.ctx.clock.now() / DAY) * DAY;
  const country = readSettings(core.ctx).holidayCountry;
  const truth = arg('--db') ? null : (demoTruth ??= demoDemand());
  const ids = db.prepare('SELECT id FROM products WHERE deleted_at IS NULL').pluck().all() as string[];
  interface Interval {
    id: string;
    back: number;
    sales: number;
    demand: number | null;
    censored: boolean;
  }
  const jobs: ForecastJob[] = [];
  const intervals = new Map<string, Interval>();
  let mismatched = 0;
  for (const id of ids) {
    const first = firstMovementDay(db, id);
    if (first === null) continue;
    const from = Math.max(first, today - HISTORY_DAYS * DAY);
    const { sales, closing } = dailyLedger(db, id, from, today);
    const dem = truth?.get(id);
    for (const back of ORIGINS) {
      const cut = sales.length - back;
      if (cut < 60 || back < days) continue;
      const origin = today - back * DAY;
      let y: number[];
      let closed: readonly boolean[] | undefined;
      if (demoInput === 'sales') y = sales.slice(0, cut);
      else {
        const input = readDemand(db, id, { today: origin, historyDays: HISTORY_DAYS, horizon: days, country });
        if (!input) continue;
        y = input.y;
        closed = input.closed;
      }
      const key = `${id}|${back}`;
      jobs.push({ id: key, y, frequency: DAILY_FREQUENCY, horizon: days, closed });
      let demand: number | null = null;
      if (dem) {
        demand = 0;
        for (let i = 0; i < days; i++) demand += dem.get(origin + i * DAY) ?? 0;
      }
      const total = sales.slice(cut, cut + days).reduce((a, b) => a + b, 0);
      // A day that ends with nothing on hand caps that day's sales: the interval's total is censored demand.
      const censored = closing.slice(cut, cut + days).some((c) => c <= 0);
      // The twin's demand is the ledger's sales wherever stock never ran out (checks the twin is the same demo).
      if (demand !== null && !censored && demand !== total) mismatched++;
      intervals.set(key, { id, back, sales: total, demand, censored });
    }
  }
  type Tally = { n: number; above: number; below: number };
  const tally = (): Tally => ({ n: 0, above: 0, below: 0 });
  const count = (t: Tally, a: number, b: { p10: number; p90: number }) => {
    t.n++;
    if (a > b.p90) t.above++;
    if (a < b.p10) t.below++;
  };
  const rate = (t: Tally) => (t.n ? `above P90 ${(t.above / t.n).toFixed(3)}, below P10 ${(t.below / t.n).toFixed(3)}` : 'none');
  const vsDemand = tally();
  const vsSales = tally();
  const uncensored = tally();
  const censoredSales = tally();
  const ownDemand = tally();
  const ownSales = tally();
  const byKind = new Map<string, Tally>();
  let censoredUnder = 0;
  let sumSales = 0;
  let sumDemand = 0;
  let sumP50 = 0;
  let floorAbove = 0;
  let floorBelow = 0;
  const factors: string[] = [];
  // Each origin is the catalog as it stood then: its bands are calibrated on its own earlier days.
  for (const back of ORIGINS) {
    const group = jobs.filter((j) => intervals.get(j.id)!.back === back);
    if (!group.length) continue;
    const { results, calibration } = await calibrated(group);
    factors.push(describe(back, calibration));
    for (const { r, total } of results) {
      if (!r.ok) continue;
      const iv = intervals.get(r.id)!;
      const d = demandOver({ ...r.result, totals: total }, days);
      const own = demandOver({ ...r.result, totals: r.result.total }, days);
      count(vsSales, iv.sales, d);
      count(ownSales, iv.sales, own);
      count(iv.censored ? censoredSales : uncensored, iv.sales, d);
      if (iv.censored && iv.sales <= d.p90) censoredUnder++;
      if (iv.demand !== null) {
        count(vsDemand, iv.demand, d);
        count(ownDemand, iv.demand, own);
        sumDemand += iv.demand;
        const k = r.result.kind === 'intermittent' || r.result.kind === 'lumpy' ? 'intermittent' : 'continuous';
        const g = byKind.get(k) ?? tally();
        byKind.set(k, g);
        count(g, iv.demand, d);
      }
      sumSales += iv.sales;
      sumP50 += d.p50;
      const fl = poissonFloor(d.p50);
      floorAbove += fl.above;
      floorBelow += fl.below;
    }
  }
  const n = vsSales.n;
  if (!n) return;
  const lines = [
    `demo catalog, ${days}-day totals: ${n} intervals (${censoredSales.n} with a stock-out day), input ${demoInput === 'sales' ? 'raw sales' : `as the app reads it (stock-out days censored, holidays ${country})`}`,
    truth
      ? `  vs DEMAND (the target; every interval): ${rate(vsDemand)}; ` +
        [...byKind]
          .sort()
          .map(([k, g]) => `${k} ${g.n}: ${rate(g)}`)
          .join('; ') +
        `; Σ demand / Σ P50 ${(sumDemand / sumP50).toFixed(3)}; the model's own bands: ${rate(ownDemand)}` +
        (mismatched
          ? `; ${mismatched} intervals never out of stock sold less than their demand (the ledger's stock counts the booths too: the warehouse ran out while a booth held some)`
          : '')
      : '  vs demand: not known (--db: no twin of the demo seed)',
    `  vs sales, every interval (the line before 2026-12-07; censored sales understate demand): ${rate(vsSales)}; Σ sales / Σ P50 ${(sumSales / sumP50).toFixed(3)}; the model's own bands: ${rate(ownSales)}`,
    `  vs sales, never out of stock ${uncensored.n}: ${rate(uncensored)}; with a stock-out day ${censoredSales.n}: ${rate(censoredSales)}`,
    `  without the demand, censoring bounds the share above P90 to [${(vsSales.above / n).toFixed(3)}, ${((vsSales.above + censoredUnder) / n).toFixed(3)}]`,
    `  an exact Poisson law at each P50 would be above its whole-unit P90 ${(floorAbove / n).toFixed(3)}, below P10 ${(floorBelow / n).toFixed(3)}`,
    `  ${factors.join('; ')}`,
  ];
  console.log(lines.join('\n'));
}

/**
 * The demo's daily demand before stock capped it, by product id of the bench's database and day: a
 * twin database seeded by the same seeders (deterministic), its stock seeder heard through onDemand,
 * products matched by SKU.
 */
function demoDemand(): Map<string, Map<number, number>> {
  const twin = createCore({ dbPath: path.join(tmp, 'twin.db'), shell: 'headless', log: memoryLogger(), services: false });
  try {
    const heard = new Map<string, Map<number, number>>();
    for (const s of DEMO_SEEDERS) {
      if (s.name === 'stock') break;
      s.run(twin.ctx);
    }
    seedDemoStock(twin.ctx, {
      onDemand: (id, day, q) => {
        let m = heard.get(id);
        if (!m) heard.set(id, (m = new Map()));
        m.set(day, q);
      },
    });
    const skuOf = (c: typeof core) =>
      new Map(c.ctx.db.prepare('SELECT sku, id FROM products WHERE deleted_at IS NULL').raw().all() as Array<[string, string]>);
    const twinIds = skuOf(twin);
    const out = new Map<string, Map<number, number>>();
    for (const [sku, id] of skuOf(core)) {
      const m = heard.get(twinIds.get(sku) ?? '');
      if (m) out.set(id, m);
    }
    return out;
  } finally {
    twin.close();
  }
}

function mean(a: number[]): number {
  return a.reduce((x, v) => x + v, 0) / Math.max(1, a.length);
}

/**
 * online_retail_daily forecast from day `end` (the series cut there, its bands calibrated on its own
 * earlier days), each product's next H-day total scored against its bands.
 */
async function retailAt(series: Map<string, number[]>, end: number, H: number) {
  const jobs: ForecastJob[] = [];
  for (const [id, y] of series)
    if (end >= 60 && y.length >= end + H) jobs.push({ id, y: y.slice(0, end), frequency: 7, horizon: H, kind: 'intermittent' as const });
  if (!jobs.length) return null;
  let over = 0;
  let under = 0;
  let overRaw = 0;
  let underRaw = 0;
  let m = 0;
  let sumA = 0;
  let sumC = 0;
  const { results, calibration } = await calibrated(jobs);
  for (const { r, total } of results) {
    if (!r.ok) continue;
    const a = series
      .get(r.id)!
      .slice(end, end + H)
      .reduce((p, v) => p + v, 0);
    const d = demandOver({ ...r.result, totals: total }, H);
    const d0 = demandOver({ ...r.result, totals: r.result.total }, H);
    m++;
    sumA += a;
    sumC += d.p50;
    if (a > d.p90) over++;
    if (a < d.p10) under++;
    if (a > d0.p90) overRaw++;
    if (a < d0.p10) underRaw++;
  }
  return {
    above: over / m,
    below: under / m,
    line:
      `${m} products, ${H}-day totals: above P90 ${(over / m).toFixed(3)}, below P10 ${(under / m).toFixed(3)} ` +
      `(the model's own bands: above ${(overRaw / m).toFixed(3)}, below ${(underRaw / m).toFixed(3)}); Σ actual / Σ P50 ${(sumA / sumC).toFixed(3)}; ${describe(0, calibration)}`,
  };
}

/**
 * Forecasts with the run's lead-time calibration (calibratedRun.ts, as the app does it): the model's
 * own totals stay on r.result.total, the calibrated ones come beside them.
 */
async function calibrated(jobs: ForecastJob[]) {
  const horizon = jobs.reduce((m, j) => Math.max(m, j.horizon), 0);
  const calibration = await calibrationFor(jobs, { ...DEFAULT_PLAN, windows, shift, days: Math.min(horizon, MAX_VALIDATION_DAYS) });
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
    ? `${at}factors at the last day upper ${c.upper.at(-1)!.toFixed(2)}, lower ${c.lower.at(-1)!.toFixed(2)}, shift ${(c.shift?.at(-1) ?? 1).toFixed(3)} (${c.products} products)`
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
  const rnd = lcg(Number(process.env.SIM_SEED ?? 7));
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
  const rnd = lcg(Number(process.env.SIM_SEED ?? 7) + 1);
  const poisson = (mu: number) => poissonDraw(mu, rnd);
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
