import type { Db } from '@core/db/connection.js';
import { AppError } from '@shared/errors.js';
import { writeGlobalSetting } from '@core/db/repos/settings.js';
import { configuredMainWarehouseId, getLocation, MAIN_WAREHOUSE_SETTING, mainWarehouseId } from '@core/db/repos/locations.js';

export interface MainWarehouse {
  locationId: string;
  name: string;
  /** false when no warehouse was chosen in Settings and the first one created stands in. */
  configured: boolean;
}

export function readMainWarehouse(db: Db): MainWarehouse | null {
  const id = mainWarehouseId(db);
  const loc = id ? getLocation(db, id) : null;
  return loc ? { locationId: loc.id, name: loc.name, configured: configuredMainWarehouseId(db) === loc.id } : null;
}

/** Names the business's main warehouse (a global setting, synced to every device). */
export function setMainWarehouse(db: Db, locationId: string, stamp: { now: number; device: string }): MainWarehouse {
  const loc = getLocation(db, locationId);
  if (!loc) throw new AppError('not_found', 'No such location');
  if (loc.kind !== 'warehouse' || !loc.active)
    throw new AppError('invalid_input', 'The main warehouse must be an active warehouse', { field: 'locationId' });
  writeGlobalSetting(db, MAIN_WAREHOUSE_SETTING, locationId, stamp.now, stamp.device);
  return readMainWarehouse(db)!;
}

/** The first warehouse a business creates becomes its main one, unless one is already set. */
export function defaultMainWarehouse(db: Db, stamp: { now: number; device: string }): void {
  if (configuredMainWarehouseId(db)) return;
  const id = mainWarehouseId(db);
  if (id) writeGlobalSetting(db, MAIN_WAREHOUSE_SETTING, id, stamp.now, stamp.device);
}
