import { gridDay, gridDayStart } from '@shared/days.js';
import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import { emitDataChanged } from '@core/changes.js';
import type { ForecastRunResult } from '@shared/model/forecast.js';
import { AppError } from '@shared/errors.js';
import { newId } from '@core/db/ids.js';
import { pastEvents, upcomingEvents } from '@core/db/repos/demandHistory.js';
import {
  encodeForecast,
  finishRun,
  runExists,
  saveEncodedForecasts,
  startRun,
  type EncodedForecast,
  type StoredForecast,
} from '@core/db/repos/forecasts.js';
import {
  forecastLedger,
  forecastMany,
  type EncodedSeriesForecast,
  type ForecastJob,
  type ForecastJobResult,
  type LedgerJobResult,
  type LedgerValidation,
} from '@core/workers/forecastPool.js';
import { readSettings } from '@core/settings.js';
import { backtestEventPrints, forecastEventCount, forecastEventPrints, learnPrintsPerEvent, type PrintsModel } from './eventDemand.js';
import { DAILY_FREQUENCY, HISTORY_DAYS, MIN_HISTORY_DAYS, planForecasts, type PlannedProduct } from './inputs.js';
import { DAY } from './replenishment.js';
import { forecastSeries, type SeriesForecast } from './engine.js';
import { readDemand, type DemandInput } from './demandInput.js';
import { evaluateStockoutRisks, stockoutRiskStream, type StockoutRiskStream } from './stockRisk.js';
import { adviceStream, rememberCurves, type AdviceStream } from './advice.js';
import {
  calibratedTotals,
  calibrationForRun,
  refreshCalibrationAfterRun,
  runCalibration,
  type RunCalibration,
} from './catalogCalibration.js';
import type { LeadTimeCalibration } from './leadTimeCalibration.js';

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
  /** A first-ever run's validation in its pool (catalogCalibration.ts), after each batch: sample products validated so far, of all. */
  onValidated?: (done: number, total: number) => void;
}

/** Milliseconds by phase: the main thread's (plan, read, store, waiting) and the workers' CPU summed. */
export interface RunProfile {
  planMs: number;
  readMs: number;
  storeMs: number;
  workerMs: number;
  waitMs: number;
  /** Reorder maths of the whole catalog and the stock-out risk alerts that follow from it (batch by batch and at the end). */
  adviceMs: number;
  /** The main thread's work after the workers' last batch: the serial end of the run (recording it, the alerts). */
  tailMs: number;
  /** Whether the reorder maths was made batch by batch (else all at the end: something else wrote meanwhile). */
  streamedAdvice?: boolean;
  /**
   * The lead-time calibration on the run's path (catalogCalibration.ts), wall time: reading the
   * stored factors; or, without usable ones, from the run's start of its worker pool to the factors
   * stored (the pool's start, shared with the catalog, the validation batches, the factors' maths).
   */
  calibrateMs?: number;
  /** A first-ever run's validation in the run's pool, each worker's clock summed: reading the sample products, and their validation forecasts. */
  validateReadMs?: number;
  validateWorkerMs?: number;
  /** The main thread's factors from the validation forecasts, stored (the catalog's forecasts are stored once they are). */
  factorsMs?: number;
  /** Catalog forecasts the workers computed while the factors were not yet known, their totals scaled on the main thread once they were. */
  scaledProducts?: number;
  /** Products the run validated on its own path (windows forecasts each): 0 when it applied stored factors. */
  validatedProducts?: number;
  /** Where the run's lead-time factors came from (catalogCalibration.ts RunCalibration.source). */
  calibration?: RunCalibration['source'];
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
  const input = readDemand(ctx.db, productId, { today, historyDays: HISTORY_DAYS, horizon, country });
  if (!input || input.y.length < MIN_HISTORY_DAYS) return null;
  const f = forecastSeries(input.y, { frequency: DAILY_FREQUENCY, horizon, closed: input.closed, startDay: input.from });
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
  const today = gridDay(now);
  const country = readSettings(ctx).holidayCountry;
  const prof = o.profile;
  const mark = performance.now();
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
      const past = pastEvents(ctx.db, now, gridDayStart(today - HISTORY_DAYS * DAY));
      learned = { model: learnPrintsPerEvent(past), backtest: backtestEventPrints(past) };
    }
    return learned;
  };

  const history: PlannedProduct[] = [];
  const plans = new Map<string, PlannedProduct>();
  const direct: StoredForecast[] = [];
  let cancelled = false;
  /** The catalog's lead-time band factors (null: too few products to say), set before any history forecast is stored. */
  let calibration: LeadTimeCalibration | null = null;
  /** Whether the stored factors want a refresh once this run is over (catalogCalibration.ts). */
  let refreshAfter = false;
  /**
   * The reorder maths, batch by batch while the workers compute (advice.ts): opened at the first
   * batch of history forecasts, when the workers have work queued, not before they start.
   */
  let advice = null as AdviceStream | null;
  let risks = null as StockoutRiskStream | null;
  const adviceMs = (t: number) => {
    if (prof) prof.adviceMs += performance.now() - t;
  };
  /** Stores a batch and keeps its curves for the reorder maths. */
  const save = (rows: EncodedForecast[]) => {
    const curves = advice ? advice.write(() => saveEncodedForecasts(ctx.db, rows)) : saveEncodedForecasts(ctx.db, rows);
    rememberCurves(
      ctx,
      rows.map((meta, i) => ({ meta, curves: curves[i]! })),
    );
    if (advice) {
      const t = performance.now();
      advice.stored(rows, curves);
      adviceMs(t);
    }
  };
  const flushDirect = () => {
    save(direct.map(encodeForecast));
    done += direct.length;
    computed += direct.length;
    direct.length = 0;
    progress();
  };
  /** A forecast (or its absence: too little history) as stored. */
  const toStored = (p: PlannedProduct, f: SeriesForecast | null, historyDays: number, at: number, ms: number): StoredForecast =>
    f
      ? {
          ...noData(p, today, historyDays, at),
          outcome: 'ok',
          model: f.model,
          kind: f.kind,
          params: f.params,
          horizon: f.p50.length,
          p10: f.p10,
          p50: f.p50,
          p90: f.p90,
          totals: f.total ? calibratedTotals(f.total, calibration) : null,
          next7P50: sum7(f.p50),
          mase: f.backtestMase,
          bias: f.backtestBias,
          ms,
        }
      : noData(p, today, historyDays, at);
  /** The same from a worker's encoded forecast (the curves and params already in their stored form). */
  const fromWorker = (p: PlannedProduct, f: EncodedSeriesForecast | null, historyDays: number, at: number, ms: number): EncodedForecast =>
    f
      ? {
          productId: p.productId,
          driver: p.driver,
          outcome: 'ok',
          model: f.model,
          kind: f.kind,
          startDay: today,
          horizon: f.horizon,
          next7P50: f.next7P50,
          mase: f.mase,
          bias: f.bias,
          historyDays,
          fingerprint: p.fingerprint,
          computedAt: at,
          ms,
          params: f.params,
          curves: f.curves,
        }
      : encodeForecast(noData(p, today, historyDays, at));
  let tail = 0;
  try {
    let slice = performance.now();
    for (const p of todo) {
      if (o.signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      if (p.driver === 'history') {
        history.push(p);
        plans.set(p.productId, p);
      } else direct.push(eventForecast(p, ctx, today, learn));
      if (direct.length >= 200) flushDirect();
      if (performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
    flushDirect();

    const store = (results: Array<ForecastJobResult | LedgerJobResult>) => {
      if (!advice) {
        const t = performance.now();
        risks = stockoutRiskStream(ctx, today);
        advice = adviceStream(ctx, today, risks.onAdvice);
        adviceMs(t);
      }
      const t0 = performance.now();
      const rows: EncodedForecast[] = [];
      const at = ctx.clock.now();
      for (const r of results) {
        if (!r.ok) {
          failed.push({ productId: r.id, error: r.error });
          continue;
        }
        rows.push(
          'historyDays' in r
            ? fromWorker(plans.get(r.id)!, r.result, r.historyDays, at, r.ms)
            : encodeForecast(toStored(plans.get(r.id)!, r.result, inputs.get(r.id)?.y.length ?? 0, at, r.ms)),
        );
        if (prof) {
          prof.workerMs += r.ms;
          if ('readMs' in r) prof.readMs += r.readMs;
        }
      }
      const a0 = prof?.adviceMs ?? 0;
      save(rows);
      computed += rows.length;
      done += results.length;
      progress();
      if (prof) prof.storeMs += performance.now() - t0 - (prof.adviceMs - a0);
    };
    // In this thread only for an in-memory database (tests), which workers cannot open.
    const inputs = new Map<string, DemandInput>();
    const viaWorkers = history.length > 0 && ctx.dbPath !== ':memory:';
    const t0 = performance.now();
    const noteCalibration = (cal: RunCalibration) => {
      calibration = cal.value;
      refreshAfter = cal.refresh;
      if (prof) {
        prof.calibrateMs = (prof.calibrateMs ?? 0) + performance.now() - t0;
        prof.validatedProducts = (prof.validatedProducts ?? 0) + cal.validated;
        prof.calibration = cal.source;
      }
    };
    /**
     * Without usable stored factors the run validates first (catalogCalibration.ts): in its own
     * worker pool, queued before the catalog, so the validation shares the pool's start and the
     * workers' reads; no catalog forecast is stored before the factors are, and every one is
     * stored with them (forecastPool.ts LedgerValidation).
     */
    let validation: LedgerValidation | undefined;
    if (history.length) {
      const cal = viaWorkers
        ? runCalibration(ctx, plan.products, { today, country })
        : {
            kind: 'ready' as const,
            calibration: await calibrationForRun(ctx, plan.products, { today, country, threads: o.threads, signal: o.signal }),
          };
      if (cal.kind === 'ready') noteCalibration(cal.calibration);
      else
        validation = {
          ids: cal.ids,
          plan: cal.plan,
          factors: (results) => {
            if (prof)
              for (const r of results) {
                prof.validateReadMs = (prof.validateReadMs ?? 0) + r.readMs;
                prof.validateWorkerMs = (prof.validateWorkerMs ?? 0) + r.ms;
              }
            const m = performance.now();
            const c = cal.finish(results);
            if (prof) prof.factorsMs = (prof.factorsMs ?? 0) + performance.now() - m;
            noteCalibration(c);
            return c.value;
          },
          onProgress: o.onValidated,
          onScaled: (n) => {
            if (prof) prof.scaledProducts = (prof.scaledProducts ?? 0) + n;
          },
        };
    }
    const t1 = performance.now();
    const storedBefore = (prof?.storeMs ?? 0) + (prof?.adviceMs ?? 0);
    if (viaWorkers) {
      await forecastLedger(
        {
          dbPath: ctx.dbPath,
          today,
          historyDays: HISTORY_DAYS,
          minHistoryDays: MIN_HISTORY_DAYS,
          frequency: DAILY_FREQUENCY,
          country,
          calibration,
        },
        history.map((p) => ({ id: p.productId, horizon: p.horizon })),
        { signal: o.signal, threads: o.threads, onBatch: store },
        validation,
      );
    } else if (history.length) {
      const jobs: ForecastJob[] = [];
      const at = ctx.clock.now();
      for (const p of history) {
        if (o.signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
        const input = readDemand(ctx.db, p.productId, { today, historyDays: HISTORY_DAYS, horizon: p.horizon, country });
        if (!input || input.y.length < MIN_HISTORY_DAYS) direct.push(toStored(p, null, input?.y.length ?? 0, at, 0));
        else {
          inputs.set(p.productId, input);
          jobs.push({
            id: p.productId,
            y: input.y,
            frequency: DAILY_FREQUENCY,
            horizon: p.horizon,
            closed: input.closed,
            startDay: input.from,
          });
        }
      }
      flushDirect();
      if (prof) prof.readMs += performance.now() - t1;
      if (jobs.length) await forecastMany(jobs, { signal: o.signal, threads: o.threads, onBatch: store });
    }
    if (prof) prof.waitMs += performance.now() - t1 - (prof.storeMs + prof.adviceMs - storedBefore);
    tail = performance.now();
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
    cancelled = true;
  } finally {
    const ms = performance.now() - started;
    // The core may have closed under a cancelled run (app quitting): nothing left to record then.
    const record = () =>
      finishRun(ctx.db, { id: jobId, finishedAt: ctx.clock.now(), computed, skipped, failed: failed.length, cancelled, ms });
    if (ctx.db.open) {
      if (advice) advice.write(record);
      else record();
    }
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
  // Every finished run (its inputs changed, or a new day) looks again at which products run out
  // before their next possible delivery: raised once, cleared when the risk goes (issue 16).
  if (!cancelled && ctx.db.open) {
    const t2 = performance.now();
    try {
      // The advice made batch by batch, unless something else changed the data meanwhile.
      const streamed = advice?.finish(gridDay(ctx.clock.now())) ?? false;
      if (prof) prof.streamedAdvice = streamed;
      evaluateStockoutRisks(ctx, streamed ? (risks ?? undefined) : undefined);
    } catch (e) {
      ctx.log.warn('stock-out risk check failed', { error: String(e) });
    }
    if (prof) prof.adviceMs += performance.now() - t2;
  }
  if (prof && tail) prof.tailMs += performance.now() - tail;
  // Stored factors of another day (or catalog size): this run applied them; new ones are computed
  // now, in the background, and apply from the next run (catalogCalibration.ts).
  if (refreshAfter && !cancelled && ctx.db.open) void refreshCalibrationAfterRun(ctx, plan.products, { today, country, signal: o.signal });
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
