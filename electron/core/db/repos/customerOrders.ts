import type { Order } from '@shared/model/crm.js';
import type { VatRate } from '@shared/model/money.js';
import { computeTotals } from '@shared/model/money.js';
import { newId } from '../ids.js';
import { formatNumber } from './quotes.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  number: string;
  client_id: string;
  client_name: string;
  status: Order['status'];
  location_id: string | null;
  ordered_at: number;
  fulfilled_at: number | null;
  notes: string | null;
  total_ht: string;
  total_tva: string;
  total_ttc: string;
}
export type OrderSummary = Omit<Order, 'lines'>;
const toSummary = (r: Row): OrderSummary => ({
  id: r.id,
  number: r.number,
  clientId: r.client_id,
  clientName: r.client_name,
  status: r.status,
  locationId: r.location_id,
  orderedAt: r.ordered_at,
  fulfilledAt: r.fulfilled_at,
  notes: r.notes,
  totalHt: r.total_ht,
  totalTva: r.total_tva,
  totalTtc: r.total_ttc,
});
const SELECT = 'SELECT o.*, c.name AS client_name FROM customer_orders o JOIN clients c ON c.id = o.client_id';

export function listCustomerOrders(db: Db, q: { clientId?: string; status?: Order['status']; limit: number }): OrderSummary[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE o.deleted_at IS NULL AND (@client IS NULL OR o.client_id = @client) AND (@status IS NULL OR o.status = @status)
         ORDER BY o.ordered_at DESC, o.seq DESC LIMIT @limit`,
      )
      .all({ client: q.clientId ?? null, status: q.status ?? null, limit: q.limit }) as Row[]
  ).map(toSummary);
}

export function getCustomerOrder(db: Db, id: string): Order | null {
  const r = db.prepare(`${SELECT} WHERE o.id = ? AND o.deleted_at IS NULL`).get(id) as Row | undefined;
  if (!r) return null;
  const lines = db
    .prepare(
      `SELECT l.id, l.product_id AS productId, p.sku, p.name AS productName, l.quantity, l.unit_price AS unitPrice, l.vat_rate AS vatRate, l.line_ht AS lineHt
       FROM customer_order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? AND l.deleted_at IS NULL ORDER BY l.position`,
    )
    .all(id) as Order['lines'];
  return { ...toSummary(r), lines };
}

export function insertCustomerOrder(
  db: Db,
  o: {
    clientId: string;
    year: number;
    series: string;
    seq: number;
    orderedAt: number;
    notes: string | null;
    lines: Array<{ productId: string; quantity: number; unitPrice: string; vatRate: VatRate }>;
  },
  stamp: { now: number; device: string },
): string {
  const id = newId();
  const totals = computeTotals(o.lines.map((l) => ({ quantity: String(l.quantity), unitPrice: l.unitPrice, vatRate: l.vatRate })));
  db.prepare(
    `INSERT INTO customer_orders (id, number, year, series, seq, client_id, ordered_at, notes, total_ht, total_tva, total_ttc, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    formatNumber('CMD', o.year, o.seq, o.series),
    o.year,
    o.series,
    o.seq,
    o.clientId,
    o.orderedAt,
    o.notes,
    totals.ht,
    totals.tva,
    totals.ttc,
    stamp.now,
    stamp.now,
    stamp.device,
  );
  const ins = db.prepare(
    `INSERT INTO customer_order_lines (id, order_id, position, product_id, quantity, unit_price, vat_rate, line_ht, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  o.lines.forEach((l, i) =>
    ins.run(newId(), id, i, l.productId, l.quantity, l.unitPrice, l.vatRate, totals.lines[i]!.ht, stamp.now, stamp.now, stamp.device),
  );
  return id;
}

export function setCustomerOrderStatus(
  db: Db,
  id: string,
  status: Order['status'],
  extra: { locationId?: string; fulfilledAt?: number },
  now: number,
): void {
  db.prepare(
    'UPDATE customer_orders SET status = ?, location_id = coalesce(?, location_id), fulfilled_at = ?, updated_at = max(updated_at, ?) WHERE id = ?',
  ).run(status, extra.locationId ?? null, extra.fulfilledAt ?? null, now, id);
}
