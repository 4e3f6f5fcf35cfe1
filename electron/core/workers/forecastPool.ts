import os from 'node:os';
import { startWorker, workerExt } from './startWorker.js';
import type { Worker } from 'node:worker_threads';
import type { KindHint } from '../modules/forecast/types.js';
import type { SeriesForecast } from '../modules/forecast/engine.js';
import type { HolidayCountry } from '../modules/forecast/holidays.js';
import type { LeadTimeCalibration } from '../modules/forecast/leadTimeCalibration.js';
import type { TotalBands } from '../modules/forecast/daily.js';
import type { CalibrationPlan } from '../modules/forecast/validationWindows.js';

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

/**
 * A first-ever run's lead-time validation, done in the run's own pool (catalogCalibration.ts): the
 * workers read the sample products themselves, as they read the catalog's, and forecast each from
 * `plan.windows` earlier origins (validationWindows.ts, the cuts the calibration's own pool makes).
 * Its batches go out first; the catalog's wait until every one is back and `factors` has turned
 * their pairs into the catalog's factors, which the catalog's batches then carry: no forecast is
 * encoded before the factors it is stored with are known.
 */
export interface LedgerValidation {
  /** The sample products, in the calibration's order. */
  ids: string[];
  plan: CalibrationPlan;
  /** Once every validation batch is back (never after an abort): the factors the catalog's forecasts are encoded with. */
  factors: (results: ValidationJobResult[]) => LeadTimeCalibration | null;
  /** After each validation batch: products validated so far, of all. */
  onProgress?: (done: number, total: number) => void;
}
/** One sample product's validation: read (false: no ledger line), its windows' total bands and what then sold. */
export interface ValidationJobResult {
  id: string;
  read: boolean;
  pairs: Array<{ total: TotalBands; actual: number[] }>;
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

/**
 * Batches that go out before the pool's own jobs (a first-ever run's validation): the pool's jobs
 * wait until every one is back and `open` has run, so their messages, packed only when sent, carry
 * what `open` computed. Workers left without work meanwhile get theirs as soon as it opens.
 */
interface Gate {
  batches: unknown[][];
  pack: (seq: number, batch: unknown[]) => { message: unknown; transfer: ArrayBuffer[] };
  onBatch: (results: unknown[]) => void;
  open: () => void;
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
  gate?: Gate,
): Promise<R[]> {
  const gated = gate?.batches.length ?? 0;
  const work = jobs.length + (gate?.batches.reduce((n, b) => n + b.length, 0) ?? 0);
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
  const total = gated + batches.length;
  const results: R[][] = new Array(batches.length);
  const workers = Array.from({ length: threads }, startForecastWorker);
  let next = 0;
  let done = 0;
  let open = gated === 0;
  /** Feeds refused while the gate was shut, by worker: sent when it opens. */
  const owed = new Map<Worker, number>();
  try {
    await new Promise<void>((resolve, reject) => {
      if (total === 0) return resolve();
      let finished = 0;
      let gatedBack = 0;
      const abort = () => reject(Object.assign(new Error('forecast run cancelled'), { name: 'AbortError' }));
      if (opts.signal?.aborted) return abort();
      opts.signal?.addEventListener('abort', abort, { once: true });
      const feed = (w: Worker) => {
        if (next >= total) return;
        if (!open && next >= gated) {
          owed.set(w, (owed.get(w) ?? 0) + 1);
          return;
        }
        const seq = next++;
        const { message, transfer } = seq < gated ? gate!.pack(seq, gate!.batches[seq]!) : pack(seq, batches[seq - gated]!);
        w.postMessage(message, transfer);
      };
      for (const w of workers) {
        w.on('message', (msg: { seq: number; results: unknown[] }) => {
          if (msg.seq < gated) {
            feed(w);
            try {
              gate!.onBatch(msg.results);
              // The last validation batch: the gate opens (unless the run was stopped meanwhile).
              if (++gatedBack === gated && !opts.signal?.aborted) {
                gate!.open();
                open = true;
                for (const [idle, n] of owed) for (let i = 0; i < n; i++) feed(idle);
                owed.clear();
              }
            } catch (e) {
              return reject(e);
            }
            if (++finished === total) resolve();
            return;
          }
          const own = msg.results as R[];
          results[msg.seq - gated] = own;
          done += own.length;
          feed(w);
          try {
            opts.onBatch?.(own);
          } catch (e) {
            return reject(e);
          }
          opts.onProgress?.(done, jobs.length);
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
 * the same pool, and the catalog's forecasts carry the factors it gave instead of run.calibration.
 */
export function forecastLedger(
  run: LedgerRun,
  jobs: LedgerJob[],
  opts: PoolOptions<LedgerJobResult> = {},
  validation?: LedgerValidation,
): Promise<LedgerJobResult[]> {
  let calibration = run.calibration;
  let gate: Gate | undefined;
  if (validation && validation.ids.length) {
    const { ids, plan } = validation;
    // Small batches: the catalog's wait for the last one to come back, one worker idle meanwhile.
    const threads = Math.max(1, opts.threads ?? os.availableParallelism());
    const size = Math.max(2, Math.ceil(ids.length / (threads * 12)));
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
    const back: ValidationJobResult[] = [];
    gate = {
      batches,
      pack: (seq, batch) => ({ message: { kind: 'validate', seq, run, plan, ids: batch }, transfer: [] }),
      onBatch: (results) => {
        for (const r of results as ValidationJobResult[]) back.push(r);
        validation.onProgress?.(back.length, ids.length);
      },
      open: () => {
        calibration = validation.factors(back);
      },
    };
  }
  return runPool<LedgerJob, LedgerJobResult>(
    jobs,
    (seq, batch) => ({ message: { kind: 'ledger', seq, run: { ...run, calibration }, jobs: batch }, transfer: [] }),
    opts,
    gate,
  );
}
