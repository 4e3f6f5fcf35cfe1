import os from 'node:os';
import { calibratedTotals } from '../modules/forecast/calibratedTotals.js';
import { replaceTotals } from '../db/repos/forecasts.js';
import { startWorker, workerExt } from './startWorker.js';
import type { Worker } from 'node:worker_threads';
import type { ForecastJob } from '../modules/forecast/types.js';
import type { SeriesForecast } from '../modules/forecast/engine.js';
import type { HolidayCountry } from '../modules/forecast/holidays.js';
import type { LeadTimeCalibration } from '../modules/forecast/leadTimeCalibration.js';
import type { TotalBands } from '../modules/forecast/daily.js';
import type { CalibrationPlan } from '../modules/forecast/validationWindows.js';

export type { ForecastJob };
export type ForecastJobResult =
  { id: string; ok: true; result: SeriesForecast; ms: number } | { id: string; ok: false; error: string; ms: number };

/**
 * A catalog run whose history the workers read themselves, each on its own read-only connection to
 * the database file (WAL: they read the last commit while the app keeps writing): the ledger reads
 * then share the cores with the forecasts instead of queueing on the main thread, and no series
 * crosses a thread boundary.
 */
export interface LedgerRun {
  dbPath: string;
  today: number;
  /** Longest history read, in days. */
  historyDays: number;
  /** Fewer days of history than this and the product has no forecast (result null). */
  minHistoryDays: number;
  frequency: number;
  country: HolidayCountry;
  /** The catalog's lead-time calibration (catalogCalibration.ts): the stored totals are the model's scaled by it. */
  calibration: LeadTimeCalibration | null;
  /**
   * The calibration is still being computed (a first-ever run's validation, LedgerValidation): each
   * forecast also carries the model's own totals (rawTotal), which the pool's caller scales once
   * the factors are known (forecastLedger); the encoded totals are the model's meanwhile.
   */
  pendingTotals?: boolean;
}
export interface LedgerJob {
  /** The product id. */
  id: string;
  horizon: number;
}
/**
 * A forecast as a catalog run stores it, prepared on the worker: the curves encoded (encodeCurves,
 * one small buffer, copied with the message: transferring hundreds of them a batch cost more) and
 * the params as JSON, so the main thread neither clones nor encodes the daily arrays. `next7P50` is
 * the sum of the first seven P50 days.
 */
export interface EncodedSeriesForecast {
  model: string;
  kind: SeriesForecast['kind'];
  params: string;
  curves: Uint8Array;
  horizon: number;
  next7P50: number;
  mase: number;
  bias: number;
  /** The model's own totals, when the run's calibration was pending (LedgerRun.pendingTotals). */
  rawTotal?: TotalBands;
}
/** `result` null: too little history. readMs: ledger read + censoring; ms: the forecast. */
export type LedgerJobResult = { id: string; historyDays: number; readMs: number; ms: number } & (
  { ok: true; result: EncodedSeriesForecast | null } | { ok: false; error: string }
);

/**
 * A first-ever run's lead-time validation, done in the run's own pool (catalogCalibration.ts): the
 * workers read the sample products themselves, as they read the catalog's, and forecast each from
 * `plan.windows` earlier origins (validationWindows.ts, the cuts the calibration's own pool makes).
 * Its batches go out first; the catalog's follow without waiting for the factors (the workers
 * never idle on the main thread's factor maths): those sent before the factors are known come back
 * with the model's own totals too, and are held on the main thread until `factors` has turned the
 * validation into the catalog's factors, then re-encoded with them (replaceTotals) — the bytes a
 * worker encodes given the factors. Nothing reaches `onBatch` before the factors exist.
 */
export interface LedgerValidation {
  /** The sample products, in the calibration's order. */
  ids: string[];
  plan: CalibrationPlan;
  /** Once every validation batch is back (never after an abort): the factors the catalog's forecasts are stored with. */
  factors: (results: ValidationJobResult[]) => LeadTimeCalibration | null;
  /** After each validation batch: products validated so far, of all. */
  onProgress?: (done: number, total: number) => void;
  /** Catalog forecasts computed before the factors were known, as they are scaled. */
  onScaled?: (products: number) => void;
}
/** One sample product's validation: read (false: no ledger line), its windows' total bands and what then sold. */
export interface ValidationJobResult {
  id: string;
  read: boolean;
  /** window: 1 = the latest validation window (the calibration's shift is judged window by window). */
  pairs: Array<{ total: TotalBands; actual: number[]; window: number }>;
  readMs: number;
  ms: number;
}

function startForecastWorker(): Worker {
  return startWorker(new URL('./forecastWorker' + workerExt(import.meta.url), import.meta.url));
}

export interface PoolOptions<R = ForecastJobResult> {
  threads?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Each batch's results as they arrive, so a caller can store them before the run ends (or is cancelled). */
  onBatch?: (results: R[]) => void;
}

/** Batches that go out before the pool's own jobs (a first-ever run's validation), with their own answer. */
interface FirstBatches {
  batches: unknown[][];
  pack: (seq: number, batch: unknown[]) => { message: unknown; transfer: ArrayBuffer[] };
  onBatch: (results: unknown[]) => void;
}

/**
 * The pool (default: one worker per core). Jobs go out in batches, each worker holding two so it
 * never waits on the main thread (busy storing the previous batch) for its next one; a worker
 * takes a new batch whenever it returns one, so long and short series balance out. Aborting the
 * signal terminates the workers and rejects with an AbortError.
 */
async function runPool<J, R>(
  jobs: J[],
  pack: (seq: number, batch: J[]) => { message: unknown; transfer: ArrayBuffer[] },
  opts: PoolOptions<R>,
  first?: FirstBatches,
): Promise<R[]> {
  const before = first?.batches.length ?? 0;
  const work = jobs.length + (first?.batches.reduce((n, b) => n + b.length, 0) ?? 0);
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), Math.ceil(work / 8) || 1));
  const batchSize = opts.batchSize ?? Math.max(8, Math.min(200, Math.ceil(jobs.length / (threads * 8))));
  // The run ends when the last worker returns its last batch: with full-size batches to the end,
  // one worker sat idle for up to a batch (~0.1 s of a 10,000-product run) while the other finished.
  // Unless a size is asked for, the last two rounds of batches are a quarter the size.
  const tailFrom = opts.batchSize ? jobs.length : Math.max(0, jobs.length - 2 * threads * batchSize);
  const tailSize = Math.max(8, Math.ceil(batchSize / 4));
  const batches: J[][] = [];
  for (let i = 0; i < jobs.length;) {
    const end = i < tailFrom ? Math.min(i + batchSize, tailFrom) : i + tailSize;
    batches.push(jobs.slice(i, end));
    i = end;
  }
  const total = before + batches.length;
  const results: R[][] = new Array(batches.length);
  const workers = Array.from({ length: threads }, startForecastWorker);
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (total === 0) return resolve();
      let finished = 0;
      const abort = () => reject(Object.assign(new Error('forecast run cancelled'), { name: 'AbortError' }));
      if (opts.signal?.aborted) return abort();
      opts.signal?.addEventListener('abort', abort, { once: true });
      // Packed when sent, not before: a batch's message carries what the caller knows by then.
      const feed = (w: Worker) => {
        if (next >= total) return;
        const seq = next++;
        const { message, transfer } = seq < before ? first!.pack(seq, first!.batches[seq]!) : pack(seq, batches[seq - before]!);
        w.postMessage(message, transfer);
      };
      for (const w of workers) {
        w.on('message', (msg: { seq: number; results: unknown[] }) => {
          feed(w);
          try {
            if (msg.seq < before) first!.onBatch(msg.results);
            else {
              const own = msg.results as R[];
              results[msg.seq - before] = own;
              done += own.length;
              opts.onBatch?.(own);
              opts.onProgress?.(done, jobs.length);
            }
          } catch (e) {
            return reject(e);
          }
          if (++finished === total) resolve();
        });
        w.on('error', reject);
        feed(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}

/** Forecasts many series on worker threads. */
export function forecastMany(jobs: ForecastJob[], opts: PoolOptions = {}): Promise<ForecastJobResult[]> {
  return runPool<ForecastJob, ForecastJobResult>(
    jobs,
    (seq, batch) => {
      // Series go as typed arrays whose buffers are transferred, not cloned element by element:
      // a JS array of 730 doubles costs far more to structure-clone than a 5.8 kB memcpy.
      const packed = batch.map((j) => ({
        ...j,
        y: Float64Array.from(j.y),
        closed: j.closed ? Uint8Array.from(j.closed, (v) => (v ? 1 : 0)) : undefined,
      }));
      const transfer = packed.flatMap((j) => (j.closed ? [j.y.buffer, j.closed.buffer] : [j.y.buffer]));
      return { message: { kind: 'series', seq, jobs: packed }, transfer };
    },
    opts,
  );
}

/**
 * Reads each product's history from the database file and forecasts it, on worker threads. With a
 * validation (a first-ever run's, catalogCalibration.ts), its sample is read and forecast first in
 * the same pool, and the catalog's forecasts are stored with the factors it gave instead of
 * run.calibration (LedgerValidation).
 */
export function forecastLedger(
  run: LedgerRun,
  jobs: LedgerJob[],
  opts: PoolOptions<LedgerJobResult> = {},
  validation?: LedgerValidation,
): Promise<LedgerJobResult[]> {
  if (!validation || validation.ids.length === 0)
    return runPool<LedgerJob, LedgerJobResult>(
      jobs,
      (seq, batch) => ({ message: { kind: 'ledger', seq, run, jobs: batch }, transfer: [] }),
      opts,
    );
  const { ids, plan } = validation;
  let calibration: LeadTimeCalibration | null = null;
  let known = false;
  /** Catalog batches back before the factors: held, then scaled and passed on in the order they came. */
  const held: LedgerJobResult[][] = [];
  /** A forecast encoded before the factors were known, scaled now: the totals a worker given them encodes. */
  const scale = (results: LedgerJobResult[]) => {
    let n = 0;
    for (const r of results)
      if (r.ok && r.result?.rawTotal) {
        r.result.curves = replaceTotals(r.result.curves, r.result.horizon, calibratedTotals(r.result.rawTotal, calibration));
        delete r.result.rawTotal;
        n++;
      }
    if (n) validation.onScaled?.(n);
    return results;
  };
  // Small batches: the factors come once the last one is back.
  const threads = Math.max(1, opts.threads ?? os.availableParallelism());
  const size = Math.max(2, Math.ceil(ids.length / (threads * 12)));
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  const back: ValidationJobResult[] = [];
  let batchesBack = 0;
  const first: FirstBatches = {
    batches,
    pack: (seq, batch) => ({ message: { kind: 'validate', seq, run, plan, ids: batch }, transfer: [] }),
    onBatch: (results) => {
      for (const r of results as ValidationJobResult[]) back.push(r);
      validation.onProgress?.(back.length, ids.length);
      // The last validation batch (unless the run was stopped meanwhile: then no factors, nothing stored).
      if (++batchesBack < batches.length || opts.signal?.aborted) return;
      calibration = validation.factors(back);
      known = true;
      for (const h of held.splice(0)) opts.onBatch?.(scale(h));
    },
  };
  return runPool<LedgerJob, LedgerJobResult>(
    jobs,
    (seq, batch) => ({
      message: {
        kind: 'ledger',
        seq,
        run: known ? { ...run, calibration } : { ...run, calibration: null, pendingTotals: true },
        jobs: batch,
      },
      transfer: [],
    }),
    {
      ...opts,
      onBatch: (results) => {
        if (known) opts.onBatch?.(scale(results));
        else held.push(results);
      },
    },
    first,
  );
}
