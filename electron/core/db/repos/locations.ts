import type { Location, LocationKind } from '@shared/model/stock.js';
import { readGlobalSetting } from './settings.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  name: string;
  kind: LocationKind;
  booth_id: string | null;
  active: number;
  on_hand: number;
  products: number;
}
const toLocation = (r: Row): Location => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  boothId: r.booth_id,
  active: r.active === 1,
  onHand: r.on_hand,
  products: r.products,
});

const SELECT = `SELECT l.id, l.name, l.kind, l.booth_id, l.active,
  COALESCE((SELECT SUM(b.on_hand) FROM stock_balances b WHERE b.location_id = l.id), 0) AS on_hand,
  (SELECT COUNT(*) FROM stock_balances b WHERE b.location_id = l.id AND b.on_hand <> 0) AS products
  FROM locations l`;

/** Warehouses, then vans, then booths; archived ones last within their kind. */
export function listLocations(db: Db): Location[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE l.deleted_at IS NULL ORDER BY CASE l.kind WHEN 'warehouse' THEN 0 WHEN 'van' THEN 1 ELSE 2 END, l.active DESC, fold(l.name), l.name`,
      )
      .all() as Row[]
  ).map(toLocation);
}

export function getLocation(db: Db, id: string): Location | null {
  const r = db.prepare(`${SELECT} WHERE l.id = ? AND l.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toLocation(r) : null;
}

/** Case-insensitive in every alphabet ("ENTREPÔT" finds "Entrepôt"), as the CSV importer matches names. */
export function findLocationByName(db: Db, name: string): Location | null {
  const want = name.trim().toLowerCase();
  const hit = locationNames(db).find((l) => l.name.trim().toLowerCase() === want);
  return hit ? getLocation(db, hit.id) : null;
}

/** id and name of every location (no stock totals): what an importer resolves names against. */
export function locationNames(db: Db): Array<{ id: string; name: string }> {
  return db.prepare("SELECT id, name FROM locations WHERE deleted_at IS NULL ORDER BY kind = 'booth', created_at").all() as Array<{
    id: string;
    name: string;
  }>;
}

export function insertLocation(
  db: Db,
  l: { id: string; name: string; kind: LocationKind; boothId: string | null },
  stamp: { now: number; device: string },
): void {
  db.prepare(`INSERT INTO locations (id, name, kind, booth_id, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    l.id,
    l.name.trim(),
    l.kind,
    l.boothId,
    stamp.now,
    stamp.now,
    stamp.device,
  );
}

export function updateLocation(
  db: Db,
  id: string,
  patch: { name?: string; kind?: 'warehouse' | 'van'; active?: boolean },
  now: number,
): void {
  db.prepare(
    `UPDATE locations SET name = COALESCE(@name, name), kind = COALESCE(@kind, kind), active = COALESCE(@active, active), updated_at = MAX(updated_at, @now)
     WHERE id = @id AND deleted_at IS NULL`,
  ).run({
    id,
    name: patch.name?.trim() ?? null,
    kind: patch.kind ?? null,
    active: patch.active === undefined ? null : patch.active ? 1 : 0,
    now,
  });
}

/** The business-wide setting (scope 'global', synced to every device) naming the main warehouse. */
export const MAIN_WAREHOUSE_SETTING = 'stock.mainWarehouseId';

/** The warehouse the setting names, if it still exists, is a warehouse and is active. */
export function configuredMainWarehouseId(db: Db): string | null {
  const id = readGlobalSetting(db, MAIN_WAREHOUSE_SETTING);
  if (typeof id !== 'string') return null;
  const ok = db
    .prepare("SELECT 1 FROM locations WHERE id = ? AND kind = 'warehouse' AND active = 1 AND deleted_at IS NULL")
    .pluck()
    .get(id);
  return ok ? id : null;
}

/**
 * The main warehouse: where purchase orders, receipts and rows without a location go. The one set
 * in Settings; without one (or if it was archived), the first active warehouse created.
 */
export function mainWarehouseId(db: Db): string | null {
  return (
    configuredMainWarehouseId(db) ??
    (db
      .prepare("SELECT id FROM locations WHERE kind = 'warehouse' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1")
      .pluck()
      .get() as string | undefined) ??
    null
  );
}
