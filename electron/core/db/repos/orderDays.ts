import type { Db } from '../connection.js';

/** Weekdays (0 Sunday … 6 Saturday) each supplier takes orders, for suppliers that have any set. */
export function readOrderDays(db: Db): Map<string, number[]> {
  const rows = db.prepare('SELECT supplier, weekdays FROM supplier_order_days ORDER BY supplier').all() as Array<{
    supplier: string;
    weekdays: number;
  }>;
  return new Map(rows.map((r) => [r.supplier, [0, 1, 2, 3, 4, 5, 6].filter((d) => r.weekdays & (1 << d))]));
}

/** Sets a supplier's order days; an empty list removes them (back to the weekly review). */
export function writeOrderDays(db: Db, supplier: string, weekdays: readonly number[], now: number): void {
  const mask = weekdays.reduce((m, d) => m | (1 << d), 0);
  if (mask === 0) db.prepare('DELETE FROM supplier_order_days WHERE supplier = ?').run(supplier);
  else
    db.prepare(
      'INSERT INTO supplier_order_days (supplier, weekdays, updated_at) VALUES (?, ?, ?) ON CONFLICT (supplier) DO UPDATE SET weekdays = excluded.weekdays, updated_at = excluded.updated_at',
    ).run(supplier, mask, now);
}

/** Every supplier named on an active product, by name. */
export function activeSuppliers(db: Db): string[] {
  return db
    .prepare("SELECT DISTINCT trim(supplier) FROM products WHERE active = 1 AND deleted_at IS NULL AND trim(supplier) <> '' ORDER BY 1")
    .pluck()
    .all() as string[];
}
