import type { DemandDriver } from '@shared/model/forecast.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface DriverSetting {
  driver: DemandDriver;
  perUnit: number | null;
}

export function getDriver(db: Db, productId: string): DriverSetting {
  const r = db.prepare('SELECT driver, per_unit FROM product_demand_drivers WHERE product_id = ? AND deleted_at IS NULL').get(productId) as
    { driver: DemandDriver; per_unit: number | null } | undefined;
  return r ? { driver: r.driver, perUnit: r.per_unit } : { driver: 'history', perUnit: null };
}

/** Every product with a driver other than history (the default needs no row). */
export function allDrivers(db: Db): Map<string, DriverSetting> {
  const rows = db
    .prepare("SELECT product_id, driver, per_unit FROM product_demand_drivers WHERE deleted_at IS NULL AND driver <> 'history'")
    .all() as Array<{
    product_id: string;
    driver: DemandDriver;
    per_unit: number | null;
  }>;
  return new Map(rows.map((r) => [r.product_id, { driver: r.driver, perUnit: r.per_unit }]));
}

/** One row per product, updated in place (a tombstoned row is revived). */
export function setDriver(db: Db, productId: string, s: DriverSetting, stamp: { now: number; device: string }): void {
  const perUnit = s.driver === 'history' ? null : s.perUnit;
  db.prepare(
    `INSERT INTO product_demand_drivers (id, product_id, driver, per_unit, created_at, updated_at, origin_device)
     VALUES (@id, @productId, @driver, @perUnit, @now, @now, @device)
     ON CONFLICT (product_id) DO UPDATE SET driver = excluded.driver, per_unit = excluded.per_unit, deleted_at = NULL,
       updated_at = MAX(updated_at, excluded.updated_at)`,
  ).run({ id: newId(), productId, driver: s.driver, perUnit, now: stamp.now, device: stamp.device });
}
