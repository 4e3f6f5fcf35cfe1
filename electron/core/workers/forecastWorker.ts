import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { forecastSeries, type SeriesForecast } from '../modules/forecast/engine.js';
import { readDemand } from '../modules/forecast/demandInput.js';
import { encodeCurves } from '../db/repos/forecasts.js';
import { registerGridDay } from '../db/gridDays.js';
import { calibratedTotals } from '../modules/forecast/calibratedTotals.js';
import { validationJobs, type CalibrationPlan } from '../modules/forecast/validationWindows.js';
import type { LeadTimeCalibration } from '../modules/forecast/leadTimeCalibration.js';
import type {
  EncodedSeriesForecast,
  ForecastJob,
  ForecastJobResult,
  LedgerJob,
  LedgerJobResult,
  LedgerRun,
  ValidationJobResult,
} from './forecastPool.js';

/**
 * Worker side of the forecast pool: receives a batch of series (or of products whose history it
 * reads from the database itself), answers with their forecasts (or the error text per series, so
 * one bad series does not sink the batch).
 */
/** A job as posted by the pool: the series and closed-day flags as typed arrays (transferred, not cloned). */
type PackedJob = Omit<ForecastJob, 'y' | 'closed'> & { y: Float64Array; closed?: Uint8Array };

/** A plain array of doubles from the transferred buffer: Array.from walks a typed array through its iterator, far slower. */
function toArray(a: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) out.push(a[i]!);
  return out;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function series(jobs: PackedJob[]): ForecastJobResult[] {
  const out: ForecastJobResult[] = [];
  for (const j of jobs) {
    const started = performance.now();
    try {
      const closed = j.closed ? Array.from(j.closed, (v) => v === 1) : undefined;
      const r = forecastSeries(toArray(j.y), { frequency: j.frequency, horizon: j.horizon, kind: j.kind, closed, startDay: j.startDay });
      out.push({ id: j.id, ok: true, result: r, ms: performance.now() - started });
    } catch (e) {
      out.push({ id: j.id, ok: false, error: errorText(e), ms: performance.now() - started });
    }
  }
  return out;
}

/** This worker's read-only connection, opened on the first ledger batch and kept for the pool's life. */
let reader: { path: string; db: Database.Database } | null = null;

/**
 * A forecast in the form the run stores it (job.ts's toStored then forecasts.ts's encodeForecast,
 * here on the worker): the totals with the catalog's lead-time calibration, or, while it is pending,
 * the model's own, sent along to be scaled (forecastPool.ts LedgerRun.pendingTotals).
 */
function encoded(r: SeriesForecast, calibration: LeadTimeCalibration | null, pendingTotals = false): EncodedSeriesForecast {
  let next7 = 0;
  for (const v of r.p50.slice(0, 7)) next7 += v;
  return {
    model: r.model,
    kind: r.kind,
    params: JSON.stringify(r.params),
    curves: encodeCurves({ p10: r.p10, p50: r.p50, p90: r.p90, totals: r.total ? calibratedTotals(r.total, calibration) : null }),
    horizon: r.p50.length,
    next7P50: next7,
    mase: r.backtestMase,
    bias: r.backtestBias,
    // The factors are not known yet (a first-ever run's validation): the pool's caller scales these.
    ...(pendingTotals && r.total ? { rawTotal: r.total } : {}),
  };
}

/** This worker's read-only connection to the run's database file. */
function readerOf(run: LedgerRun): Database.Database {
  if (reader?.path !== run.dbPath) {
    reader?.db.close();
    reader = { path: run.dbPath, db: new Database(run.dbPath, { readonly: true, fileMustExist: true }) };
    // As every connection (openDatabase): a read that files instants under days asks grid_day.
    registerGridDay(reader.db);
  }
  return reader.db;
}

/** One read transaction per batch: every product of it sees the same commit, and SQLite takes its read lock once instead of once per statement. */
function inOneRead<T>(db: Database.Database, fn: () => T): T {
  db.exec('BEGIN');
  try {
    return fn();
  } finally {
    db.exec('COMMIT');
  }
}

function ledger(run: LedgerRun, jobs: LedgerJob[]): LedgerJobResult[] {
  const db = readerOf(run);
  const out: LedgerJobResult[] = [];
  inOneRead(db, () => {
    for (const j of jobs) {
      const t0 = performance.now();
      let readMs = 0;
      let historyDays = 0;
      try {
        const input = readDemand(db, j.id, { today: run.today, historyDays: run.historyDays, horizon: j.horizon, country: run.country });
        historyDays = input?.y.length ?? 0;
        const t1 = performance.now();
        readMs = t1 - t0;
        // The options in validate's shape (kind too): a first-ever run's workers call forecastSeries
        // from both, and a second shape sent it back to the interpreter once per worker ('wrong map').
        const result =
          input && historyDays >= run.minHistoryDays
            ? forecastSeries(input.y, {
                frequency: run.frequency,
                horizon: j.horizon,
                kind: undefined,
                closed: input.closed,
                startDay: input.from,
              })
            : null;
        const ms = performance.now() - t1;
        const stored = result ? encoded(result, run.calibration, run.pendingTotals) : null;
        out.push({ id: j.id, ok: true, result: stored, historyDays, readMs, ms });
      } catch (e) {
        out.push({ id: j.id, ok: false, error: errorText(e), historyDays, readMs, ms: performance.now() - t0 - readMs });
      }
    }
  });
  return out;
}

/**
 * A first-ever run's validation of sample products (forecastPool.ts LedgerValidation): each read as
 * the calibration reads it (up to today, no horizon), cut at the plan's earlier origins
 * (validationJobs) and forecast from each; a window whose forecast fails or has no totals is left
 * out, as the calibration's own pool leaves it out.
 */
function validate(run: LedgerRun, plan: CalibrationPlan, ids: string[]): ValidationJobResult[] {
  const db = readerOf(run);
  const out: ValidationJobResult[] = [];
  inOneRead(db, () => {
    for (const id of ids) {
      const t0 = performance.now();
      const input = readDemand(db, id, { today: run.today, historyDays: run.historyDays, horizon: 0, country: run.country });
      const t1 = performance.now();
      const pairs: ValidationJobResult['pairs'] = [];
      if (input) {
        const job: ForecastJob = {
          id,
          y: input.y,
          frequency: run.frequency,
          horizon: plan.days,
          closed: input.closed,
          startDay: input.from,
        };
        for (const v of validationJobs([job], { ...plan, sample: 1 })) {
          try {
            const r = forecastSeries(v.job.y, {
              frequency: v.job.frequency,
              horizon: v.job.horizon,
              kind: v.job.kind,
              closed: v.job.closed,
              startDay: v.job.startDay,
            });
            if (r.total) pairs.push({ total: r.total, actual: v.actual, window: v.window });
          } catch {
            // As in the calibration's own pool: a failed window is not a validation score.
          }
        }
      }
      out.push({ id, read: input !== null, pairs, readMs: t1 - t0, ms: performance.now() - t1 });
    }
  });
  return out;
}

parentPort!.on(
  'message',
  (
    msg:
      | { kind: 'series'; seq: number; jobs: PackedJob[] }
      | { kind: 'ledger'; seq: number; run: LedgerRun; jobs: LedgerJob[] }
      | { kind: 'validate'; seq: number; run: LedgerRun; plan: CalibrationPlan; ids: string[] },
  ) => {
    // The encoded curves are copied with the message, not transferred: transferring a batch's
    // hundreds of small buffers cost more CPU (detaching, external memory, GC) than the copies.
    const results =
      msg.kind === 'ledger' ? ledger(msg.run, msg.jobs) : msg.kind === 'validate' ? validate(msg.run, msg.plan, msg.ids) : series(msg.jobs);
    parentPort!.postMessage({ seq: msg.seq, results });
  },
);
