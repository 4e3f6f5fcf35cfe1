import type { PurchaseOrder } from '@shared/model/stock.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  product_id: string;
  product_name: string;
  location_id: string;
  location_name: string;
  quantity: number;
  received_quantity: number;
  expected_at: number;
  status: PurchaseOrder['status'];
  supplier: string;
}
const toOrder = (r: Row): PurchaseOrder => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  locationId: r.location_id,
  locationName: r.location_name,
  quantity: r.quantity,
  receivedQuantity: r.received_quantity,
  expectedAt: r.expected_at,
  status: r.status,
  supplier: r.supplier,
});
const SELECT =
  'SELECT o.*, p.name AS product_name, l.name AS location_name FROM purchase_orders o JOIN products p ON p.id = o.product_id JOIN locations l ON l.id = o.location_id';

export function listOrders(db: Db, q: { status: PurchaseOrder['status'] | 'all'; productId?: string }): PurchaseOrder[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE o.deleted_at IS NULL AND (@status = 'all' OR o.status = @status) AND (@productId IS NULL OR o.product_id = @productId) ORDER BY o.expected_at`,
      )
      .all({ status: q.status, productId: q.productId ?? null }) as Row[]
  ).map(toOrder);
}

export function getOrder(db: Db, id: string): PurchaseOrder | null {
  const r = db.prepare(`${SELECT} WHERE o.id = ? AND o.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toOrder(r) : null;
}

export function insertOrder(
  db: Db,
  o: { id: string; productId: string; locationId: string; quantity: number; expectedAt: number; supplier: string },
  stamp: { now: number; device: string },
): void {
  db.prepare(
    `INSERT INTO purchase_orders (id, product_id, location_id, quantity, expected_at, supplier, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(o.id, o.productId, o.locationId, o.quantity, o.expectedAt, o.supplier, stamp.now, stamp.now, stamp.device);
}

/**
 * Books a receipt on the order: it is received once everything ordered has come in; a part of it
 * (a short delivery) leaves it open with the rest still on order (cancel the order to drop the rest).
 */
export function markReceived(db: Db, id: string, received: number, now: number): void {
  db.prepare(
    `UPDATE purchase_orders SET received_quantity = received_quantity + @received,
       status = CASE WHEN received_quantity + @received >= quantity - 1e-9 THEN 'received' ELSE status END,
       updated_at = MAX(updated_at, @now) WHERE id = @id`,
  ).run({ received, now, id });
}

/**
 * The idempotency key of the next receipt's stock movement: one per receipt of the order (the
 * first keeps the historical `po:<id>`), so a second part of a delivery is booked, not dropped.
 */
export function receiptKey(order: Pick<PurchaseOrder, 'id' | 'receivedQuantity'>): string {
  return order.receivedQuantity > 0 ? `po:${order.id}:${order.receivedQuantity}` : `po:${order.id}`;
}

export function markCancelled(db: Db, id: string, now: number): void {
  db.prepare("UPDATE purchase_orders SET status = 'cancelled', updated_at = MAX(updated_at, ?) WHERE id = ?").run(now, id);
}

/** Quantity still expected per product (feeds the reorder advice). */
export function onOrder(db: Db, productId: string): number {
  return db
    .prepare(
      "SELECT COALESCE(SUM(quantity - received_quantity), 0) FROM purchase_orders WHERE product_id = ? AND status = 'open' AND deleted_at IS NULL",
    )
    .pluck()
    .get(productId) as number;
}
