import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface DeliveryNoteRow {
  id: string;
  file_name: string;
  file_sha256: string;
  mime: string;
  supplier: string | null;
  location_id: string | null;
  status: 'review' | 'booked';
  pages: number;
  ocr_text: string | null;
  booked_lines: string | null;
  booked_at: number | null;
  created_at: number;
}

export function insertDeliveryNote(
  db: Db,
  n: { fileName: string; sha256: string; mime: string; supplier: string | null; pages: number; text: string },
  stamp: { now: number; device: string },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO delivery_notes (id, file_name, file_sha256, mime, supplier, pages, ocr_text, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, n.fileName, n.sha256, n.mime, n.supplier, n.pages, n.text.slice(0, 200_000), stamp.now, stamp.now, stamp.device);
  return id;
}

export function getDeliveryNote(db: Db, id: string): DeliveryNoteRow | null {
  return (db.prepare('SELECT * FROM delivery_notes WHERE id = ? AND deleted_at IS NULL').get(id) as DeliveryNoteRow | undefined) ?? null;
}

export function listDeliveryNotes(db: Db, limit: number): DeliveryNoteRow[] {
  return db
    .prepare('SELECT * FROM delivery_notes WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT ?')
    .all(limit) as DeliveryNoteRow[];
}

export function markNoteBooked(db: Db, id: string, locationId: string, lines: unknown, now: number): void {
  db.prepare(
    "UPDATE delivery_notes SET status = 'booked', location_id = ?, booked_lines = ?, booked_at = ?, updated_at = max(updated_at, ?) WHERE id = ?",
  ).run(locationId, JSON.stringify(lines), now, now, id);
}

/** The catalog as the matcher sees it. */
export function catalogForMatching(db: Db): Array<{ id: string; sku: string; name: string; supplier: string }> {
  return db.prepare('SELECT id, sku, name, supplier FROM products WHERE deleted_at IS NULL AND active = 1').all() as Array<{
    id: string;
    sku: string;
    name: string;
    supplier: string;
  }>;
}

/** Open purchase orders per product, oldest expected first (what a delivery most likely answers). */
export function openOrdersFor(
  db: Db,
  productIds: string[],
): Array<{ id: string; productId: string; outstanding: number; supplier: string; expectedAt: number }> {
  if (!productIds.length) return [];
  return db
    .prepare(
      `SELECT id, product_id AS productId, quantity - received_quantity AS outstanding, supplier, expected_at AS expectedAt FROM purchase_orders
       WHERE deleted_at IS NULL AND status = 'open' AND product_id IN (${productIds.map(() => '?').join(',')}) ORDER BY expected_at`,
    )
    .all(...productIds) as Array<{ id: string; productId: string; outstanding: number; supplier: string; expectedAt: number }>;
}
