import os from 'node:os';
import { startWorker, workerExt } from './startWorker.js';
import type { Worker } from 'node:worker_threads';
import type { KindHint } from '../modules/forecast/types.js';
import type { SeriesForecast } from '../modules/forecast/engine.js';

export interface ForecastJob {
  id: string;
  y: number[];
  frequency: number;
  horizon: number;
  kind?: KindHint;
  /** Known closed days (public holidays) from the first history point, length n + horizon. */
  closed?: boolean[];
}
export type ForecastJobResult =
  { id: string; ok: true; result: SeriesForecast; ms: number } | { id: string; ok: false; error: string; ms: number };

function startForecastWorker(): Worker {
  return startWorker(new URL('./forecastWorker' + workerExt(import.meta.url), import.meta.url));
}

export interface PoolOptions {
  threads?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Each batch's results as they arrive, so a caller can store them before the run ends (or is cancelled). */
  onBatch?: (results: ForecastJobResult[]) => void;
}

/**
 * Forecasts many series on worker threads (default: one per core). Series go out in batches,
 * each worker taking the next batch when it finishes, so long and short series balance out.
 * Aborting the signal terminates the workers and rejects with an AbortError.
 */
export async function forecastMany(jobs: ForecastJob[], opts: PoolOptions = {}): Promise<ForecastJobResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), Math.ceil(jobs.length / 8) || 1));
  const batchSize = opts.batchSize ?? Math.max(8, Math.min(200, Math.ceil(jobs.length / (threads * 8))));
  const batches: ForecastJob[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));
  const results: ForecastJobResult[][] = new Array(batches.length);
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
        // Series go as typed arrays whose buffers are transferred, not cloned element by element:
        // a JS array of 730 doubles costs far more to structure-clone than a 5.8 kB memcpy.
        const packed = batches[seq]!.map((j) => ({
          ...j,
          y: Float64Array.from(j.y),
          closed: j.closed ? Uint8Array.from(j.closed, (v) => (v ? 1 : 0)) : undefined,
        }));
        const transfer = packed.flatMap((j) => (j.closed ? [j.y.buffer, j.closed.buffer] : [j.y.buffer]));
        w.postMessage({ seq, jobs: packed }, transfer);
      };
      for (const w of workers) {
        w.on('message', (msg: { seq: number; results: ForecastJobResult[] }) => {
          results[msg.seq] = msg.results;
          done += msg.results.length;
          try {
            opts.onBatch?.(msg.results);
          } catch (e) {
            return reject(e);
          }
          opts.onProgress?.(done, jobs.length);
          if (++finished === batches.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
