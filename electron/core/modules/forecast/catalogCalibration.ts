import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { databaseVersion } from '@core/db/repos/forecasts.js';
import type { ForecastJob } from '@core/workers/forecastPool.js';
import { carryStaleCount, DAILY_FREQUENCY, HISTORY_DAYS, type PlannedProduct } from './inputs.js';
import { carryAdviceCache } from './advice.js';
import { readDemand } from './demandInput.js';
import { calibrationFor, DEFAULT_PLAN, MAX_VALIDATION_DAYS, type CalibrationPlan } from './calibratedRun.js';
import { calibrateLeadTime, MIN_PRODUCTS, type LeadTimeCalibration, type ValidationPair } from './leadTimeCalibration.js';
import { DAY } from './replenishment.js';
import type { HolidayCountry } from './holidays.js';

/**
 * The catalog's lead-time calibration (leadTimeCalibration.ts): factors of the catalog's, not of
 * the products a run recomputes, so an incremental run of three products uses the catalog's factors
 * instead of refusing for want of products. The validation forecasts behind them (windows × sample
 * fits, ~1 s of CPU on two cores with the pool's start) stay off the run's path:
 *
 * - they are kept in this device's SQLite file (local_state: derived, per device, never synced —
 *   `settings` would push them to the hub every day), so a restart (a booth PC, a laptop) reuses them;
 * - a run uses stored factors while they are USABLE: computed within MAX_AGE_DAYS and for a catalog
 *   whose history-driven products changed by at most MAX_SIZE_CHANGE. Only without usable factors
 *   (first run ever, a week without a run, an import that grew or shrank the catalog a lot) does the
 *   run validate first, as it must: it has nothing else to apply;
 * - that validation runs in the run's OWN worker pool (runCalibration, forecastPool.ts
 *   LedgerValidation): the sample's batches are queued before the catalog's and the workers read the
 *   sample products on the connections they then read the catalog with. A pool of its own before
 *   the run (as the refresh below has) cost a second pool's start and JIT warm-up, the sample's
 *   reads on the main thread and both cores idle during the factor maths: the first-ever run of
 *   10,000 × 730 days took 0.8–0.9 s more than the daily run (CPU +1.6 s); in the run's pool it
 *   costs the validation forecasts themselves: ~0.45 s (CPU +0.9 s, the 600 fits as the pool's
 *   workers run them; sending a few catalog batches first only moved the workers' warm-up). The
 *   catalog's forecasts do not wait for the factors either: those the workers finish before the
 *   factors are known are held on the main thread, and stored once their totals are scaled by
 *   them — the bytes a worker given the factors would have sent;
 * - so no forecast is stored before its factors are, and each is stored once, with them: a run
 *   stopped during the validation stores neither factors nor history forecasts, one stopped later
 *   only forecasts with the stored factors. Storing the catalog with the model's own bands first and
 *   re-scaling it once the factors are known (measured on the same catalog: a pass of 1.1–2.4 s
 *   rewriting every total and recomputing the advice and alerts, after ~1 s of background
 *   validation, under load) would write every forecast twice, leave advice and stock-out alerts of
 *   uncalibrated bands on screen meanwhile, and rescale totals already rounded for storage;
 * - usable but not CURRENT factors (another day, another catalog size, horizon or holiday country)
 *   are refreshed AFTER the run, in the background (refreshCalibrationAfterRun): once the run has
 *   stored its forecasts and emitted its change feed. The new factors apply from the next run.
 */
export const MAX_AGE_DAYS = 7;
/**
 * Relative change of the history-driven product count beyond which stored factors are not used.
 * The factors are tail scales of the catalog's scale-free validation scores: they describe how the
 * catalog's models err, which the same products a few days on, or a catalog a fifth larger of the
 * same shop, share. A catalog that changed by more (an import of another range) is validated again.
 */
export const MAX_SIZE_CHANGE = 0.2;
/** The local_state key of the stored factors. */
export const CALIBRATION_STATE_KEY = 'forecast.leadTimeCalibration';

/** What a calibration is computed for: the validation day, the catalog's history-driven size, its validated days, its holidays. */
export interface CalibrationBasis {
  day: number;
  history: number;
  days: number;
  country: HolidayCountry;
}

/** The factors as stored: their basis, when they were computed, and the factors (null: too few products validated). */
export interface StoredCalibration extends CalibrationBasis {
  computedAt: number;
  value: LeadTimeCalibration | null;
}

function basisOf(products: readonly PlannedProduct[], today: number, country: HolidayCountry) {
  const history = products.filter((p) => p.driver === 'history');
  const horizon = history.reduce((m, p) => Math.max(m, p.horizon), 0);
  return {
    history,
    horizon,
    basis: { day: today, history: history.length, days: Math.min(horizon, MAX_VALIDATION_DAYS), country } satisfies CalibrationBasis,
  };
}

const finiteList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** The stored factors, or null (none yet, or a value this version cannot read). */
export function storedCalibration(db: CoreContext['db']): StoredCalibration | null {
  const raw = getLocal(db, CALIBRATION_STATE_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as StoredCalibration;
    const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
    if (!num(s.day) || !num(s.history) || !num(s.days) || !num(s.computedAt) || typeof s.country !== 'string') return null;
    if (s.value !== null && (!finiteList(s.value?.upper) || !finiteList(s.value?.lower) || s.value.upper.length !== s.value.lower.length))
      return null;
    if (s.value?.shift !== undefined && (!finiteList(s.value.shift) || s.value.shift.length !== s.value.upper.length)) return null;
    return s;
  } catch {
    return null;
  }
}

/**
 * Stores the factors. The cached reads keyed on the database's version (the catalog's advice, the
 * stale count) do not read them: when this one row is all that changed, they stay valid (a refresh
 * after a run would otherwise make the next list read recompute the whole catalog's advice).
 */
function saveCalibration(ctx: CoreContext, s: StoredCalibration): void {
  const before = databaseVersion(ctx.db);
  setLocal(ctx.db, CALIBRATION_STATE_KEY, JSON.stringify(s));
  const after = databaseVersion(ctx.db);
  const [changes, dataVersion] = before.split(':');
  if (after !== `${Number(changes) + 1}:${dataVersion}`) return;
  carryAdviceCache(ctx, before, after);
  carryStaleCount(ctx, before, after);
}

/**
 * 'current': computed today for this very basis; 'usable': within MAX_AGE_DAYS and MAX_SIZE_CHANGE
 * (applied, refreshed after the run); 'none': nothing a run may apply (validate first).
 */
export function calibrationStatus(s: StoredCalibration | null, b: CalibrationBasis): 'current' | 'usable' | 'none' {
  if (!s) return 'none';
  // A stored day after today (the clock moved back) is not trusted either.
  if (s.day > b.day || b.day - s.day >= MAX_AGE_DAYS * DAY) return 'none';
  if (Math.abs(b.history - s.history) > MAX_SIZE_CHANGE * Math.max(1, s.history)) return 'none';
  return s.day === b.day && s.history === b.history && s.days === b.days && s.country === b.country ? 'current' : 'usable';
}

/** The products a calibration validates: every k-th history-driven product, k spreading DEFAULT_PLAN.sample over the catalog. */
function sampleOf(history: readonly PlannedProduct[]): string[] {
  const step = Math.max(1, Math.ceil(history.length / DEFAULT_PLAN.sample));
  const ids: string[] = [];
  for (let i = 0; i < history.length; i += step) ids.push(history[i]!.productId);
  return ids;
}

/**
 * The validation forecasts themselves, stored once done: a sample of the catalog's history-driven
 * products, each read once up to today, then forecast from DEFAULT_PLAN.windows earlier origins on
 * the worker pool (windows × sample fits, a fixed cost whatever the catalog's size). An aborted
 * computation stores nothing: the factors stored before stay.
 */
async function computeCalibration(
  ctx: CoreContext,
  products: readonly PlannedProduct[],
  o: { today: number; country: HolidayCountry; threads?: number; signal?: AbortSignal; yieldEveryMs?: number },
): Promise<{ stored: StoredCalibration; validated: number }> {
  const { history, horizon, basis } = basisOf(products, o.today, o.country);
  const plan = { ...DEFAULT_PLAN, days: basis.days };
  const jobs: ForecastJob[] = [];
  let slice = performance.now();
  for (const id of sampleOf(history)) {
    if (o.signal?.aborted) throw Object.assign(new Error('calibration cancelled'), { name: 'AbortError' });
    const input = readDemand(ctx.db, id, { today: o.today, historyDays: HISTORY_DAYS, horizon: 0, country: o.country });
    if (input) jobs.push({ id, y: input.y, frequency: DAILY_FREQUENCY, horizon, closed: input.closed, startDay: input.from });
    // In the background, the reads leave the event loop to the app every few milliseconds.
    if (o.yieldEveryMs !== undefined && performance.now() - slice > o.yieldEveryMs) {
      await new Promise<void>((r) => setImmediate(r));
      slice = performance.now();
    }
  }
  // The jobs are the sample already: every one of them is validated.
  const value = await calibrationFor(jobs, { ...plan, sample: jobs.length }, o.threads, o.signal);
  if (o.signal?.aborted) throw Object.assign(new Error('calibration cancelled'), { name: 'AbortError' });
  const stored: StoredCalibration = { ...basis, computedAt: ctx.clock.now(), value };
  if (ctx.db.open) saveCalibration(ctx, stored);
  return { stored, validated: jobs.length };
}

/** The factors a run applies, and whether it validated for them on its own path or leaves a refresh for after it. */
export interface RunCalibration {
  value: LeadTimeCalibration | null;
  /** 'stored': usable stored factors; 'computed': validated on the run's path (none usable); 'small': too few products to validate. */
  source: 'stored' | 'computed' | 'small';
  /** Products validated on the run's path (0 unless source is 'computed'). */
  validated: number;
  /** The stored factors are usable but not current: refresh them after the run. */
  refresh: boolean;
}

/** The background refresh of a core, while one runs. */
interface Refresh {
  controller: AbortController;
  done: Promise<RefreshOutcome>;
}
export interface RefreshOutcome {
  outcome: 'stored' | 'aborted' | 'failed';
  /** Wall time of the refresh, from its start to its factors stored (or its end). */
  ms: number;
  validated: number;
}
const refreshes = perCore<Refresh>();

/**
 * What a run does for its factors (runCalibration): apply them now (stored, or none for a small
 * catalog), or validate first — in the run's own worker pool (forecastPool.ts LedgerValidation:
 * the sample products' ids and the plan), then `finish` turns the workers' validation forecasts
 * into the factors, stores them and gives the run's calibration.
 */
export type RunCalibrationPlan =
  | { kind: 'ready'; calibration: RunCalibration }
  | {
      kind: 'validate';
      ids: string[];
      plan: CalibrationPlan;
      finish(results: ReadonlyArray<{ id: string; read: boolean; pairs: ReadonlyArray<Omit<ValidationPair, 'product'>> }>): RunCalibration;
    };

/**
 * The catalog's factors for a run of `products` (all the plan's, not only the stale ones), or the
 * validation to do first when none are usable. Stops a background refresh still running: its
 * workers would take the cores from this run's (it is started again after this run, as its
 * factors are still not current).
 */
export function runCalibration(
  ctx: CoreContext,
  products: readonly PlannedProduct[],
  o: { today: number; country: HolidayCountry },
): RunCalibrationPlan {
  stopCalibrationRefresh(ctx);
  const { history, basis } = basisOf(products, o.today, o.country);
  // Fewer history-driven products than MIN_PRODUCTS can never validate as many: the model's own bands, nothing to forecast.
  if (history.length < MIN_PRODUCTS || basis.days < 1)
    return { kind: 'ready', calibration: { value: null, source: 'small', validated: 0, refresh: false } };
  const stored = storedCalibration(ctx.db);
  const status = calibrationStatus(stored, basis);
  if (status !== 'none')
    return { kind: 'ready', calibration: { value: stored!.value, source: 'stored', validated: 0, refresh: status === 'usable' } };
  const ids = sampleOf(history);
  const plan: CalibrationPlan = { ...DEFAULT_PLAN, days: basis.days, sample: ids.length };
  return {
    kind: 'validate',
    ids,
    plan,
    finish(results) {
      // In the sample's order (the workers answer batch by batch, in any order): the same pairs,
      // in the same order, as computeCalibration's pool gives, hence the same factors.
      const at = new Map(ids.map((id, i) => [id, i]));
      const sorted = [...results].sort((a, b) => at.get(a.id)! - at.get(b.id)!);
      const pairs: ValidationPair[] = sorted.flatMap((r) =>
        r.pairs.map((p) => ({ product: r.id, window: p.window, total: p.total, actual: p.actual })),
      );
      const value = calibrateLeadTime(pairs, plan.days, { shift: plan.shift });
      const stored: StoredCalibration = { ...basis, computedAt: ctx.clock.now(), value };
      if (ctx.db.open) saveCalibration(ctx, stored);
      return { value, source: 'computed', validated: sorted.filter((r) => r.read).length, refresh: false };
    },
  };
}

/**
 * The catalog's factors for a run of `products` when the run's forecasts cannot go to its own
 * worker pool's validation (an in-memory database, which workers cannot open): validated first on
 * a pool of their own (computeCalibration) when none are usable.
 */
export async function calibrationForRun(
  ctx: CoreContext,
  products: readonly PlannedProduct[],
  o: { today: number; country: HolidayCountry; threads?: number; signal?: AbortSignal },
): Promise<RunCalibration> {
  const r = runCalibration(ctx, products, o);
  if (r.kind === 'ready') return r.calibration;
  const c = await computeCalibration(ctx, products, o);
  return { value: c.stored.value, source: 'computed', validated: c.validated, refresh: false };
}

/** The factors of the catalog as a run would apply them now (computed first when none are usable). */
export async function catalogCalibration(
  ctx: CoreContext,
  products: readonly PlannedProduct[],
  o: { today: number; country: HolidayCountry; threads?: number; signal?: AbortSignal },
): Promise<LeadTimeCalibration | null> {
  return (await calibrationForRun(ctx, products, o)).value;
}

/**
 * Recomputes the stored factors in the background, once a run is over (its forecasts stored, its
 * change feed emitted): the run itself applied the stored ones, the new factors apply from the next
 * run. Started on the next turn of the event loop, so the run's caller gets its answer first; its
 * reads yield to the app; its validation forecasts run on one worker (a core left to the app and the
 * screens). Aborted by the run's signal, by the module's stop (app quitting) or by the next run;
 * aborted, it stores nothing and the old factors stay. One at a time per core.
 */
export function refreshCalibrationAfterRun(
  ctx: CoreContext,
  products: readonly PlannedProduct[],
  o: { today: number; country: HolidayCountry; signal?: AbortSignal },
): Promise<RefreshOutcome> {
  const running = refreshes.peek(ctx);
  if (running) return running.done;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) controller.abort();
  const done = (async (): Promise<RefreshOutcome> => {
    await new Promise<void>((r) => setImmediate(r));
    const started = performance.now();
    try {
      const r = await computeCalibration(ctx, products, { ...o, threads: 1, signal: controller.signal, yieldEveryMs: 8 });
      return { outcome: 'stored', ms: performance.now() - started, validated: r.validated };
    } catch (e) {
      const aborted = (e as Error).name === 'AbortError' || controller.signal.aborted;
      if (!aborted) ctx.log.warn('lead-time calibration refresh failed', { error: String(e) });
      return { outcome: aborted ? 'aborted' : 'failed', ms: performance.now() - started, validated: 0 };
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
      if (refreshes.peek(ctx)?.controller === controller) refreshes.delete(ctx);
    }
  })();
  refreshes.set(ctx, { controller, done });
  return done;
}

/** The background refresh running on this core, if any (tests and the bench wait for it). */
export function calibrationRefresh(ctx: Pick<CoreContext, 'db'>): Promise<RefreshOutcome> | null {
  return refreshes.peek(ctx)?.done ?? null;
}

/** Aborts the core's background refresh (module stop, a new run). */
export function stopCalibrationRefresh(ctx: Pick<CoreContext, 'db'>): void {
  refreshes.peek(ctx)?.controller.abort();
}

/** A stored forecast's totals with the catalog's factors (calibratedTotals.ts: the workers apply it too). */
export { calibratedTotals } from './calibratedTotals.js';
