import { onCoreStart } from '../../services.js';
import { readSettings } from '../system/settings.js';
import { lastRunFinishedAt } from '../../db/repos/forecasts.js';
import { forecastRunner } from './job.js';
import { DAY } from './replenishment.js';

/** Long enough after start-up that the window is up and the first screens have loaded. */
const FIRST_RUN_DELAY_MS = 20_000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

// Office and installer devices keep forecasts current: an incremental run shortly after start,
// then once each new day (history gains a day, so every product is recomputed then). A booth PC
// never orders stock, so it skips the work.
onCoreStart((core) => {
  const ctx = core.ctx;
  if (readSettings(ctx).mode === 'booth') return;
  const controller = new AbortController();
  let busy = false;
  const tick = (force: boolean) => {
    if (busy || controller.signal.aborted) return;
    const today = Math.floor(ctx.clock.now() / DAY) * DAY;
    if (!force && (lastRunFinishedAt(ctx.db) ?? 0) >= today) return;
    busy = true;
    forecastRunner(ctx)
      .run(ctx, { mode: 'incremental', signal: controller.signal })
      .then((r) => ctx.log.info('background forecast', { computed: r.computed, skipped: r.skipped, failed: r.failed.length, ms: Math.round(r.ms) }))
      .catch((e) => ctx.log.warn('background forecast did not run', { error: String(e) }))
      .finally(() => (busy = false));
  };
  const first = setTimeout(() => tick(true), FIRST_RUN_DELAY_MS);
  const nightly = setInterval(() => tick(false), CHECK_EVERY_MS);
  first.unref();
  nightly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(nightly);
    controller.abort();
  };
});
