import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import { emitDataChanged } from '@core/changes.js';
import type { ForecastRunResult } from '@shared/model/forecast.js';
import { AppError } from '@shared/errors.js';
import { newId } from '@core/db/ids.js';
import { dailyLedger, firstMovementDay, pastEvents, upcomingEvents } from '@core/db/repos/demandHistory.js';
import { finishRun, runExists, saveForecasts, startRun, type StoredForecast } from '@core/db/repos/forecasts.js';
import { forecastMany, type ForecastJob, type ForecastJobResult } from '@core/workers/forecastPool.js';
import { readSettings } from '@core/settings.js';
import { unconstrainedDemand } from './stockouts.js';
import { backtestEventPrints, forecastEventCount, forecastEventPrints, learnPrintsPerEvent, type PrintsModel } from './eventDemand.js';
import { DAILY_FREQUENCY, HISTORY_DAYS, MIN_HISTORY_DAYS, planForecasts, type PlannedProduct } from './inputs.js';
import { DAY } from './replenishment.js';
import { holidayMask } from './holidays.js';
import { forecastSeries } from './engine.js';

/** Fewer past events than this and the calendar cannot say how many prints an event makes. */
const MIN_PAST_EVENTS = 5;
/** Main-thread work between yields, so the window keeps painting while series are read. */
const SLICE_MS = 12;

export interface RunOptions {
  mode: 'incremental' | 'full';
  jobId?: string;
  signal?: AbortSignal;
  threads?: number;
  /** Filled with where the run's time went (bench:forecast-catalog). */
  profile?: RunProfile;
}

/** Milliseconds by phase: the main thread's (plan, read, store, waiting) and the workers' CPU summed. */
export interface RunProfile {
  planMs: number;
  readMs: number;
  storeMs: number;
  workerMs: number;
  waitMs: number;
}

const sum7 = (a: readonly number[]) => a.slice(0, 7).reduce((x, y) => x + y, 0);
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

function noData(p: PlannedProduct, today: number, historyDays: number, now: number): StoredForecast {
  return {
    productId: p.productId,
    driver: p.driver,
    outcome: 'no_data',
    model: null,
    kind: null,
    params: {},
    startDay: today,
    horizon: 0,
    p10: [],
    p50: [],
    p90: [],
    next7P50: null,
    mase: null,
    bias: null,
    historyDays,
    fingerprint: p.fingerprint,
    computedAt: now,
    ms: 0,
  };
}

/** The longest forecast a screen may ask for: the product page's yearly view. */
export const MAX_VIEW_HORIZON = 365;

/**
 * A longer forecast of one history-driven product, made on demand and not stored: the product
 * page's yearly view (catalog runs keep their lead-time horizons, so 10,000 products stay fast).
 * Same inputs as a run — unconstrained demand over HISTORY_DAYS, the settings' holidays — and the
 * same engine in this thread (one series: ~0.1 s at 365 days). Day 0 is today. Null when the
 * product has too little history.
 */
export function viewForecast(
  ctx: Pick<CoreContext, 'db' | 'deviceId'>,
  productId: string,
  today: number,
  days: number,
): { p10: number[]; p50: number[]; p90: number[] } | null {
  const horizon = Math.min(MAX_VIEW_HORIZON, Math.max(1, Math.floor(days)));
  const country = readSettings(ctx).holidayCountry;
  const first = firstMovementDay(ctx.db, productId);
  const from = Math.max(today - HISTORY_DAYS * DAY, first ?? today);
  const ledger = dailyLedger(ctx.db, productId, from, today);
  const { y } = unconstrainedDemand(ledger.sales, ledger.closing);
  if (y.length < MIN_HISTORY_DAYS) return null;
  const closed = country === 'none' ? undefined : holidayMask(from, y.length + horizon, country);
  const f = forecastSeries(y, { frequency: DAILY_FREQUENCY, horizon, closed });
  return { p10: f.p10, p50: f.p50, p90: f.p90 };
}

/** Calendar-driven forecasts are cheap (a few thousand draws), so they run here, not on the workers. */
function eventForecast(
  p: PlannedProduct,
  ctx: CoreContext,
  today: number,
  learned: () => { model: PrintsModel; backtest: { mase: number; bias: number } | null },
): StoredForecast {
  const started = performance.now();
  const now = ctx.clock.now();
  const upcoming = upcomingEvents(ctx.db, today, today + p.horizon * DAY);
  const perUnit = p.perUnit ?? 1;
  if (p.driver === 'event_count') {
    const b = forecastEventCount(upcoming, { startDay: today, horizon: p.horizon, perUnit });
    return {
      ...noData(p, today, 0, now),
      outcome: 'ok',
      model: 'event_count',
      params: { events: upcoming.length, perUnit },
      horizon: p.horizon,
      ...b,
      next7P50: sum7(b.p50),
      ms: performance.now() - started,
    };
  }
  const { model, backtest } = learned();
  if (model.samples < MIN_PAST_EVENTS) return noData(p, today, model.samples, now);
  const b = forecastEventPrints(model, upcoming, { startDay: today, horizon: p.horizon, perUnit });
  return {
    ...noData(p, today, model.samples, now),
    outcome: 'ok',
    model: 'event_prints',
    params: { events: upcoming.length, learnedFrom: model.samples, printsPerEvent: Math.round(model.globalMean * 10) / 10, perUnit },
    horizon: p.horizon,
    ...b,
    next7P50: sum7(b.p50),
    mase: backtest?.mase ?? null,
    bias: backtest?.bias ?? null,
    ms: performance.now() - started,
  };
}

/**
 * One whole-catalog run. Incremental recomputes only products whose inputs fingerprint changed.
 * History products go to the worker pool; results are stored batch by batch, so a cancelled run
 * keeps what it finished. Progress counts products to compute (skipped ones are not work).
 */
export async function runForecast(ctx: CoreContext, o: RunOptions): Promise<ForecastRunResult> {
  const jobId = o.jobId ?? newId();
  const started = performance.now();
  const now = ctx.clock.now();
  const today = Math.floor(now / DAY) * DAY;
  const country = readSettings(ctx).holidayCountry;
  const prof = o.profile;
  let mark = performance.now();
  const plan = planForecasts(ctx.db, today, country);
  if (prof) prof.planMs += performance.now() - mark;
  const todo = o.mode === 'full' ? plan.products : plan.stale;
  const skipped = plan.products.length - todo.length;
  startRun(ctx.db, { id: jobId, mode: o.mode, startedAt: now, total: todo.length });

  let done = 0;
  let computed = 0;
  const failed: ForecastRunResult['failed'] = [];
  const progress = () => ctx.events.emit('job.progress', { jobId, kind: 'forecast', done, total: todo.length });
  progress();

  let learned: { model: PrintsModel; backtest: { mase: number; bias: number } | null } | null = null;
  const learn = () => {
    if (!learned) {
      const past = pastEvents(ctx.db, now, today - HISTORY_DAYS * DAY);
      learned = { model: learnPrintsPerEvent(past), backtest: backtestEventPrints(past) };
    }
    return learned;
  };

  const jobs: ForecastJob[] = [];
  const meta = new Map<string, { plan: PlannedProduct; historyDays: number }>();
  const direct: StoredForecast[] = [];
  let cancelled = false;
  try {
    let slice = performance.now();
    mark = slice;
    for (const p of todo) {
      if (o.signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      if (p.driver !== 'history') {
        direct.push(eventForecast(p, ctx, today, learn));
      } else {
        const first = firstMovementDay(ctx.db, p.productId);
        const from = Math.max(today - HISTORY_DAYS * DAY, first ?? today);
        const ledger = dailyLedger(ctx.db, p.productId, from, today);
        const { y } = unconstrainedDemand(ledger.sales, ledger.closing);
        if (y.length < MIN_HISTORY_DAYS) direct.push(noData(p, today, y.length, ctx.clock.now()));
        else {
          const closed = country === 'none' ? undefined : holidayMask(from, y.length + p.horizon, country);
          jobs.push({ id: p.productId, y, frequency: DAILY_FREQUENCY, horizon: p.horizon, closed });
          meta.set(p.productId, { plan: p, historyDays: y.length });
        }
      }
      if (direct.length >= 200) {
        saveForecasts(ctx.db, direct);
        done += direct.length;
        computed += direct.length;
        direct.length = 0;
        progress();
      }
      if (performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
    if (prof) prof.readMs += performance.now() - mark;
    saveForecasts(ctx.db, direct);
    done += direct.length;
    computed += direct.length;
    progress();

    const store = (results: ForecastJobResult[]) => {
      const t0 = performance.now();
      const rows: StoredForecast[] = [];
      const at = ctx.clock.now();
      for (const r of results) {
        const m = meta.get(r.id)!;
        if (!r.ok) {
          failed.push({ productId: r.id, error: r.error });
          continue;
        }
        const f = r.result;
        rows.push({
          ...noData(m.plan, today, m.historyDays, at),
          outcome: 'ok',
          model: f.model,
          kind: f.kind,
          params: f.params,
          horizon: f.p50.length,
          p10: f.p10,
          p50: f.p50,
          p90: f.p90,
          totals: f.total ?? null,
          next7P50: sum7(f.p50),
          mase: f.backtestMase,
          bias: f.backtestBias,
          ms: r.ms,
        });
      }
      saveForecasts(ctx.db, rows);
      computed += rows.length;
      done += results.length;
      progress();
      if (prof) {
        prof.storeMs += performance.now() - t0;
        for (const r of results) prof.workerMs += r.ms;
      }
    };
    const t1 = performance.now();
    const storedBefore = prof?.storeMs ?? 0;
    if (jobs.length) await forecastMany(jobs, { signal: o.signal, threads: o.threads, onBatch: store });
    if (prof) prof.waitMs += performance.now() - t1 - (prof.storeMs - storedBefore);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
    cancelled = true;
  } finally {
    const ms = performance.now() - started;
    // The core may have closed under a cancelled run (app quitting): nothing left to record then.
    if (ctx.db.open) finishRun(ctx.db, { id: jobId, finishedAt: ctx.clock.now(), computed, skipped, failed: failed.length, cancelled, ms });
  }
  const ms = performance.now() - started;
  // Every run ends with a last report, so every window closes its progress display: a stopped run
  // never reaches done = total, and a run with nothing to do only ever reported 0 / 0.
  ctx.events.emit('job.progress', {
    jobId,
    kind: 'forecast',
    done: cancelled ? done : todo.length,
    total: todo.length,
    message: cancelled ? 'cancelled' : 'done',
  });
  if (computed > 0) {
    ctx.events.emit('forecast.updated', { computedAt: ctx.clock.now(), computed });
    emitDataChanged(ctx, { tables: ['forecasts'] });
  }
  return { jobId, computed, skipped, failed, cancelled, ms };
}

/** The one run allowed at a time, per core. */
export interface ForecastRunner {
  run(ctx: CoreContext, o: RunOptions): Promise<ForecastRunResult>;
  cancel(jobId: string): boolean;
  current(): string | null;
}

const runners = perCore(() => createRunner());

export function forecastRunner(ctx: Pick<CoreContext, 'db'>): ForecastRunner {
  return runners.get(ctx);
}

function createRunner(): ForecastRunner {
  let active: { jobId: string; controller: AbortController } | null = null;
  const runner: ForecastRunner = {
    async run(c, o) {
      // A second run would read the same inputs and race to write the same rows: refuse it clearly.
      if (active) throw new AppError('conflict', 'A forecast run is already in progress', { jobId: active.jobId });
      const jobId = o.jobId ?? newId();
      if (runExists(c.db, jobId)) throw new AppError('conflict', `Job id ${jobId} was already used`, { field: 'jobId' });
      const controller = new AbortController();
      const onOuterAbort = () => controller.abort();
      o.signal?.addEventListener('abort', onOuterAbort, { once: true });
      active = { jobId, controller };
      try {
        return await runForecast(c, { ...o, jobId, signal: controller.signal });
      } finally {
        active = null;
        o.signal?.removeEventListener('abort', onOuterAbort);
      }
    },
    cancel(jobId) {
      if (!active || active.jobId !== jobId) return false;
      active.controller.abort();
      return true;
    },
    current: () => active?.jobId ?? null,
  };
  return runner;
}
