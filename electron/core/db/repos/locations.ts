import type { Db } from '../connection.js';
import { readGlobalSetting } from './settings.js';
import type { Location } from '../../../../shared/model/stock.js';

interface Row {
  id: string;
  name: string;
  kind: 'warehouse' | 'booth';
  booth_id: string | null;
  active: number;
}
const toLocation = (r: Row): Location => ({ id: r.id, name: r.name, kind: r.kind, boothId: r.booth_id, active: r.active === 1 });

export function listLocations(db: Db): Location[] {
  return (db.prepare("SELECT id, name, kind, booth_id, active FROM locations WHERE deleted_at IS NULL ORDER BY kind = 'booth', name").all() as Row[]).map(toLocation);
}

export function getLocation(db: Db, id: string): Location | null {
  const r = db.prepare('SELECT id, name, kind, booth_id, active FROM locations WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  return r ? toLocation(r) : null;
}

export function findLocationByName(db: Db, name: string): Location | null {
  const r = db.prepare('SELECT id, name, kind, booth_id, active FROM locations WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL').get(name) as Row | undefined;
  return r ? toLocation(r) : null;
}

export function insertLocation(db: Db, l: { id: string; name: string; kind: 'warehouse' | 'booth'; boothId: string | null }, stamp: { now: number; device: string }): void {
  db.prepare(
    `INSERT INTO locations (id, name, kind, booth_id, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(l.id, l.name.trim(), l.kind, l.boothId, stamp.now, stamp.now, stamp.device);
}

/** The business-wide setting (scope 'global', synced to every device) naming the main warehouse. */
export const MAIN_WAREHOUSE_SETTING = 'stock.mainWarehouseId';

/** The warehouse the setting names, if it still exists, is a warehouse and is active. */
export function configuredMainWarehouseId(db: Db): string | null {
  const id = readGlobalSetting(db, MAIN_WAREHOUSE_SETTING);
  if (typeof id !== 'string') return null;
  const ok = db.prepare("SELECT 1 FROM locations WHERE id = ? AND kind = 'warehouse' AND active = 1 AND deleted_at IS NULL").pluck().get(id);
  return ok ? id : null;
}

/**
 * The main warehouse: where purchase orders, receipts and rows without a location go. The one set
 * in Settings; without one (or if it was archived), the first active warehouse created.
 */
export function mainWarehouseId(db: Db): string | null {
  return (
    configuredMainWarehouseId(db) ??
    (db.prepare("SELECT id FROM locations WHERE kind = 'warehouse' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1").pluck().get() as string | undefined) ??
    null
  );
}
