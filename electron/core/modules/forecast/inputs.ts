import type { Db } from '../../db/connection.js';
import type { CoreContext } from '../../context.js';
import type { DemandDriver } from '../../../../shared/model/forecast.js';
import { allDrivers } from '../../db/repos/demandDrivers.js';
import { eventsFingerprint, outStatsByProduct } from '../../db/repos/demandHistory.js';
import { databaseVersion, forecastFingerprints } from '../../db/repos/forecasts.js';
import { DAY, DEFAULT_REVIEW_DAYS } from './replenishment.js';

/** Two years of daily history: enough for a yearly season to show, short enough to stay current. */
export const HISTORY_DAYS = 730;
/** Fewer days than this and a product has no forecast (status no_data). */
export const MIN_HISTORY_DAYS = 28;
/** Weekly season on daily data. */
export const DAILY_FREQUENCY = 7;
const MAX_HORIZON = 120;

/** Forecast far enough to cover lead time + review and a week to spare, at least four weeks (the dashboard looks 30 days out). */
export function horizonFor(leadTimeDays: number, reviewDays = DEFAULT_REVIEW_DAYS): number {
  return Math.min(MAX_HORIZON, Math.max(28, leadTimeDays + reviewDays + 7));
}

export interface PlannedProduct {
  productId: string;
  leadTimeDays: number;
  driver: DemandDriver;
  perUnit: number | null;
  horizon: number;
  fingerprint: string;
}

/**
 * What a product's forecast depends on, as a short string: the history window (it slides daily),
 * the horizon, the driver, and either its `out` lines in the window (count, total, newest row) or
 * the event calendar. Equal strings mean a recomputation would give the same forecast.
 */
export function planProducts(db: Db, today: number): PlannedProduct[] {
  const from = today - HISTORY_DAYS * DAY;
  const stats = outStatsByProduct(db, from, today);
  const drivers = allDrivers(db);
  const events = eventsFingerprint(db);
  const products = db.prepare('SELECT id, lead_time_days FROM products WHERE active = 1 AND deleted_at IS NULL ORDER BY id').all() as Array<{
    id: string;
    lead_time_days: number;
  }>;
  return products.map((p) => {
    const d = drivers.get(p.id) ?? { driver: 'history' as const, perUnit: null };
    const horizon = horizonFor(p.lead_time_days);
    const s = stats.get(p.id);
    const inputs = d.driver === 'history' ? `out:${s?.count ?? 0}:${s?.sum ?? 0}:${s?.lastRow ?? 0}` : `ev:${events}:${d.perUnit}`;
    return { productId: p.id, leadTimeDays: p.lead_time_days, driver: d.driver, perUnit: d.perUnit, horizon, fingerprint: `v1|${today}|h${horizon}|${d.driver}|${inputs}` };
  });
}

/** Active products whose stored forecast is missing or was made from other inputs. */
export function staleProducts(db: Db, today: number): PlannedProduct[] {
  const stored = forecastFingerprints(db);
  return planProducts(db, today).filter((p) => stored.get(p.productId) !== p.fingerprint);
}

/** How many products an incremental run would recompute, cached until the database changes. */
export function staleCount(ctx: Pick<CoreContext, 'db' | 'services'>, today: number): number {
  const key = `${today}|${databaseVersion(ctx.db)}`;
  const hit = ctx.services.get('forecast.stale') as { key: string; value: number } | undefined;
  if (hit?.key === key) return hit.value;
  const value = staleProducts(ctx.db, today).length;
  ctx.services.set('forecast.stale', { key, value });
  return value;
}
