import type { Db } from '../connection.js';
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

/** The first warehouse created: where rows without a location go (what an office means by a blank). */
export function mainWarehouseId(db: Db): string | null {
  return (db.prepare("SELECT id FROM locations WHERE kind = 'warehouse' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1").pluck().get() as string | undefined) ?? null;
}
