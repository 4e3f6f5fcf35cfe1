import { parentPort } from 'node:worker_threads';
import { forecastSeries } from '../modules/forecast/engine.js';
import type { ForecastJob, ForecastJobResult } from './forecastPool.js';

/**
 * Worker side of the forecast pool: receives a batch of series, answers with their forecasts
 * (or the error text per series, so one bad series does not sink the batch).
 */
parentPort!.on('message', (batch: { seq: number; jobs: ForecastJob[] }) => {
  const out: ForecastJobResult[] = [];
  for (const j of batch.jobs) {
    const started = performance.now();
    try {
      const r = forecastSeries(j.y, { frequency: j.frequency, horizon: j.horizon, kind: j.kind, closed: j.closed });
      out.push({ id: j.id, ok: true, result: r, ms: performance.now() - started });
    } catch (e) {
      out.push({ id: j.id, ok: false, error: e instanceof Error ? e.message : String(e), ms: performance.now() - started });
    }
  }
  parentPort!.postMessage({ seq: batch.seq, results: out });
});
