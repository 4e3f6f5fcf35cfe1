import { gridDay, gridDayStart } from '@shared/days.js';
import type { CoreContext } from '@core/context.js';
import { readSettings } from '@core/settings.js';
import { lastRunFinishedAt } from '@core/db/repos/forecasts.js';
import { forecastRunner } from './job.js';
import { staleCount } from './inputs.js';

export interface ScheduleTimings {
  /** Long enough after start-up that the window is up and the first screens have loaded. */
  firstRunMs: number;
  checkEveryMs: number;
  /** After a change that feeds forecasts, wait for the burst to end (an import is many calls). */
  afterChangeMs: number;
}
const DEFAULT_TIMINGS: ScheduleTimings = { firstRunMs: 20_000, checkEveryMs: 15 * 60 * 1000, afterChangeMs: 5_000 };
/**
 * Tables a forecast reads: the stock ledger (sales), products (supplier terms), events (booth paper),
 * demand drivers, and the suppliers' order days (a product's horizon covers its review period).
 */
export const FORECAST_INPUT_TABLES: ReadonlySet<string> = new Set([
  'stock_movements',
  'products',
  'events',
  'product_demand_drivers',
  'supplier_order_days',
]);

// Office and installer devices keep forecasts current: an incremental run shortly after start,
// soon after its inputs change (the data.changed feed; a burst such as an import is one run), and whenever a check finds stale products (each new day
// adds a day of history, so every product is due once a day). A booth PC never orders stock.
export function startForecastSchedule(ctx: CoreContext, t: ScheduleTimings = DEFAULT_TIMINGS): () => void {
  if (readSettings(ctx).mode === 'booth') return () => {};
  const controller = new AbortController();
  let busy = false;
  const tick = (force: boolean) => {
    if (busy || controller.signal.aborted || forecastRunner(ctx).current()) return;
    const today = gridDay(ctx.clock.now());
    if (!force && (lastRunFinishedAt(ctx.db) ?? 0) >= gridDayStart(today) && staleCount(ctx, today) === 0) return;
    busy = true;
    forecastRunner(ctx)
      .run(ctx, { mode: 'incremental', signal: controller.signal })
      .then((r) =>
        ctx.log.info('background forecast', { computed: r.computed, skipped: r.skipped, failed: r.failed.length, ms: Math.round(r.ms) }),
      )
      .catch((e) => ctx.log.warn('background forecast did not run', { error: String(e) }))
      .finally(() => (busy = false));
  };
  let soon: NodeJS.Timeout | null = null;
  // A change made while a run is going (its inputs were read before it) waits for that run to end.
  const later = () => {
    if (soon) clearTimeout(soon);
    soon = setTimeout(() => (busy || forecastRunner(ctx).current() ? later() : tick(false)), t.afterChangeMs);
    soon.unref();
  };
  // The holiday country is a forecast input too: a change shows on the product pages within seconds,
  // set here (settings.changed) or pulled from another device (a business-wide setting: data.changed
  // on `settings`).
  let country = readSettings(ctx).holidayCountry;
  const countryChanged = () => {
    const next = readSettings(ctx).holidayCountry;
    if (next === country) return false;
    country = next;
    return true;
  };
  const unsubscribe = ctx.events.subscribe((e) => {
    if (e.event === 'settings.changed') {
      if (countryChanged()) later();
      return;
    }
    if (e.event !== 'data.changed') return;
    const { tables } = e.payload as { tables: string[] };
    if (tables.some((t) => FORECAST_INPUT_TABLES.has(t)) || (tables.includes('settings') && countryChanged())) later();
  });
  const first = setTimeout(() => tick(true), t.firstRunMs);
  const periodic = setInterval(() => tick(false), t.checkEveryMs);
  first.unref();
  periodic.unref();
  return () => {
    unsubscribe();
    if (soon) clearTimeout(soon);
    clearTimeout(first);
    clearInterval(periodic);
    controller.abort();
    // A run started from a screen stops too: its workers would otherwise outlive the core.
    const running = forecastRunner(ctx).current();
    if (running) forecastRunner(ctx).cancel(running);
  };
}
