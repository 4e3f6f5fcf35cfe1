import os from 'node:os';
import { startWorker, workerExt } from './startWorker.js';
import type { Worker } from 'node:worker_threads';
import type { KindHint } from '../modules/forecast/types.js';
import type { SeriesForecast } from '../modules/forecast/engine.js';
import type { HolidayCountry } from '../modules/forecast/holidays.js';
import type { LeadTimeCalibration } from '../modules/forecast/leadTimeCalibration.js';

export interface ForecastJob {
  id: string;
  y: number[];
  frequency: number;
  horizon: number;
  kind?: KindHint;
  /** Known closed days (public holidays) from the first history point, length n + horizon. */
  closed?: readonly boolean[];
}
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
}
/** `result` null: too little history. readMs: ledger read + censoring; ms: the forecast. */
export type LedgerJobResult = { id: string; historyDays: number; readMs: number; ms: number } & (
  { ok: true; result: EncodedSeriesForecast | null } | { ok: false; error: string }
);

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
): Promise<R[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), Math.ceil(jobs.length / 8) || 1));
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
  const results: R[][] = new Array(batches.length);
  const workers = Array.from({ length: threads }, startForecastWorker);
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (batches.length === 0) return resolve();
      let finished = 0;
      const abort = () => reject(Object.assign(new Error('forecast run cancelled'), { name: 'AbortError' }));
      if (opts.signal?.aborted) return abort();
      opts.signal?.addEventListener('abort', abort, { once: true });
      const feed = (w: Worker) => {
        if (next >= batches.length) return;
        const seq = next++;
        const { message, transfer } = pack(seq, batches[seq]!);
        w.postMessage(message, transfer);
      };
      for (const w of workers) {
        w.on('message', (msg: { seq: number; results: R[] }) => {
          results[msg.seq] = msg.results;
          done += msg.results.length;
          feed(w);
          try {
            opts.onBatch?.(msg.results);
          } catch (e) {
            return reject(e);
          }
          opts.onProgress?.(done, jobs.length);
          if (++finished === batches.length) resolve();
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

/** Reads each product's history from the database file and forecasts it, on worker threads. */
export function forecastLedger(run: LedgerRun, jobs: LedgerJob[], opts: PoolOptions<LedgerJobResult> = {}): Promise<LedgerJobResult[]> {
  return runPool<LedgerJob, LedgerJobResult>(
    jobs,
    (seq, batch) => ({ message: { kind: 'ledger', seq, run, jobs: batch }, transfer: [] }),
    opts,
  );
}
