import type { Db } from '../connection.js';

/** Weekdays (0 Sunday … 6 Saturday) each supplier takes orders, for suppliers that have any set. */
export function readOrderDays(db: Db): Map<string, number[]> {
  const rows = db.prepare('SELECT supplier, weekdays FROM supplier_order_days WHERE deleted_at IS NULL ORDER BY supplier').all() as Array<{
    supplier: string;
    weekdays: number;
  }>;
  return new Map(rows.map((r) => [r.supplier, [0, 1, 2, 3, 4, 5, 6].filter((d) => r.weekdays & (1 << d))]));
}

/**
 * Sets a supplier's order days; an empty list removes them (back to the weekly review). A synced
 * table: one row per supplier (id = the supplier's name, the same row on every device), removed by
 * a tombstone that setting days again revives. Writing what is already there queues nothing.
 */
export function writeOrderDays(db: Db, supplier: string, weekdays: readonly number[], stamp: { now: number; device: string }): void {
  const mask = weekdays.reduce((m, d) => m | (1 << d), 0);
  if (mask === 0)
    db.prepare(
      'UPDATE supplier_order_days SET deleted_at = @now, updated_at = MAX(updated_at, @now) WHERE id = @supplier AND deleted_at IS NULL',
    ).run({ supplier, now: stamp.now });
  else
    db.prepare(
      `INSERT INTO supplier_order_days (id, supplier, weekdays, created_at, updated_at, origin_device)
       VALUES (@supplier, @supplier, @mask, @now, @now, @device)
       ON CONFLICT (id) DO UPDATE SET weekdays = excluded.weekdays, deleted_at = NULL, updated_at = MAX(updated_at, excluded.updated_at)
       WHERE weekdays <> excluded.weekdays OR deleted_at IS NOT NULL`,
    ).run({ supplier, mask, now: stamp.now, device: stamp.device });
}

/** Every supplier named on an active product, by name. */
export function activeSuppliers(db: Db): string[] {
  return db
    .prepare("SELECT DISTINCT trim(supplier) FROM products WHERE active = 1 AND deleted_at IS NULL AND trim(supplier) <> '' ORDER BY 1")
    .pluck()
    .all() as string[];
}
