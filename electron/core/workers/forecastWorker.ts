import { parentPort } from 'node:worker_threads';
import { forecastSeries } from '../modules/forecast/engine.js';
import type { ForecastJob, ForecastJobResult } from './forecastPool.js';

/**
 * Worker side of the forecast pool: receives a batch of series, answers with their forecasts
 * (or the error text per series, so one bad series does not sink the batch).
 */
/** A job as posted by the pool: the series and closed-day flags as typed arrays (transferred, not cloned). */
type PackedJob = Omit<ForecastJob, 'y' | 'closed'> & { y: Float64Array; closed?: Uint8Array };

/** A plain array of doubles from the transferred buffer: Array.from walks a typed array through its iterator, far slower. */
function toArray(a: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) out.push(a[i]!);
  return out;
}

parentPort!.on('message', (batch: { seq: number; jobs: PackedJob[] }) => {
  const out: ForecastJobResult[] = [];
  for (const j of batch.jobs) {
    const started = performance.now();
    try {
      const closed = j.closed ? Array.from(j.closed, (v) => v === 1) : undefined;
      const r = forecastSeries(toArray(j.y), { frequency: j.frequency, horizon: j.horizon, kind: j.kind, closed });
      out.push({ id: j.id, ok: true, result: r, ms: performance.now() - started });
    } catch (e) {
      out.push({ id: j.id, ok: false, error: e instanceof Error ? e.message : String(e), ms: performance.now() - started });
    }
  }
  parentPort!.postMessage({ seq: batch.seq, results: out });
});
