import type { Balance } from '@shared/model/stock.js';
import type { Db } from '../connection.js';

interface Row {
  product_id: string;
  sku: string;
  product_name: string;
  location_id: string;
  location_name: string;
  on_hand: number;
  last_movement_at: number;
}

export function listBalances(db: Db, q: { productId?: string; locationId?: string }): Balance[] {
  const rows = db
    .prepare(
      `SELECT b.product_id, p.sku, p.name AS product_name, b.location_id, l.name AS location_name, b.on_hand, b.last_movement_at
       FROM stock_balances b JOIN products p ON p.id = b.product_id JOIN locations l ON l.id = b.location_id
       WHERE (@productId IS NULL OR b.product_id = @productId) AND (@locationId IS NULL OR b.location_id = @locationId)
         AND p.deleted_at IS NULL
       ORDER BY p.name COLLATE NOCASE, l.name`,
    )
    .all({ productId: q.productId ?? null, locationId: q.locationId ?? null }) as Row[];
  return rows.map((r) => ({
    productId: r.product_id,
    sku: r.sku,
    productName: r.product_name,
    locationId: r.location_id,
    locationName: r.location_name,
    onHand: r.on_hand,
    lastMovementAt: r.last_movement_at,
  }));
}

export interface StockAlertRow {
  productId: string;
  sku: string;
  name: string;
  onHand: number;
  reorderPoint: number | null;
  unit: string;
}

const TOTALS = `SELECT p.id AS productId, p.sku, p.name, p.unit, p.reorder_point AS reorderPoint,
    COALESCE((SELECT SUM(on_hand) FROM stock_balances b WHERE b.product_id = p.id), 0) AS onHand
  FROM products p WHERE p.active = 1 AND p.deleted_at IS NULL`;

/** Every active product's on-hand total and manual minimum (the stock module applies the effective reorder point). */
export function stockTotals(db: Db): StockAlertRow[] {
  return db.prepare(TOTALS).all() as StockAlertRow[];
}

/** Active products at or below their manual reorder point but not out. */
export function lowStock(db: Db): StockAlertRow[] {
  return db
    .prepare(
      `SELECT * FROM (${TOTALS}) WHERE reorderPoint IS NOT NULL AND onHand > 0 AND onHand <= reorderPoint ORDER BY onHand / MAX(reorderPoint, 1e-9), name`,
    )
    .all() as StockAlertRow[];
}

export function stockOuts(db: Db): StockAlertRow[] {
  return db.prepare(`SELECT * FROM (${TOTALS}) WHERE onHand <= 0 ORDER BY name`).all() as StockAlertRow[];
}

export function stockValue(db: Db): number {
  return db
    .prepare(
      'SELECT COALESCE(SUM(CASE WHEN b.on_hand > 0 THEN b.on_hand * p.cost ELSE 0 END), 0) FROM stock_balances b JOIN products p ON p.id = b.product_id WHERE p.deleted_at IS NULL',
    )
    .pluck()
    .get() as number;
}

export function productOnHand(db: Db, productId: string): number {
  return db.prepare('SELECT COALESCE(SUM(on_hand), 0) FROM stock_balances WHERE product_id = ?').pluck().get(productId) as number;
}

/** On hand of one product at one location (0 when it never was there). */
export function onHandAt(db: Db, productId: string, locationId: string): number {
  return (
    (db.prepare('SELECT on_hand FROM stock_balances WHERE product_id = ? AND location_id = ?').pluck().get(productId, locationId) as
      number | undefined) ?? 0
  );
}
