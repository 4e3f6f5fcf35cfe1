import type { Db } from '../connection.js';

export interface SetupCounts {
  admins: number;
  /** Active warehouses and vans (booths bring their own location). */
  stockPlaces: number;
  products: number;
  services: number;
  /** Ledger lines that put stock in (receipts, counts): an opening stock was recorded. */
  stockIns: number;
  /** Ledger lines that took stock out: sales history is there. */
  stockOuts: number;
  booths: number;
  /** Products, services or events that came from Notion. */
  fromNotion: number;
}

/** What a business has so far, for the set-up checklist. */
export function setupCounts(db: Db): SetupCounts {
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    admins: n("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND deleted_at IS NULL"),
    stockPlaces: n("SELECT COUNT(*) FROM locations WHERE kind <> 'booth' AND active = 1 AND deleted_at IS NULL"),
    products: n('SELECT COUNT(*) FROM products WHERE deleted_at IS NULL'),
    services: n('SELECT COUNT(*) FROM services WHERE deleted_at IS NULL'),
    stockIns: n("SELECT COUNT(*) FROM stock_movements WHERE type IN ('in', 'adjust') AND delta > 0"),
    stockOuts: n("SELECT COUNT(*) FROM stock_movements WHERE type = 'out'"),
    booths: n('SELECT COUNT(*) FROM booths WHERE deleted_at IS NULL'),
    fromNotion: n(
      'SELECT (SELECT COUNT(*) FROM products WHERE notion_page_id IS NOT NULL) + (SELECT COUNT(*) FROM services WHERE notion_page_id IS NOT NULL) + (SELECT COUNT(*) FROM events WHERE notion_page_id IS NOT NULL)',
    ),
  };
}
