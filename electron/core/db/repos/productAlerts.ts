import type { ProductAlert, ProductAlertKind, StockoutRiskDetails } from '@shared/model/productAlert.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  product_id: string;
  product_name: string;
  kind: ProductAlertKind;
  severity: 'warning' | 'critical';
  message: string;
  details: string;
  raised_at: number;
  cleared_at: number | null;
}
const toAlert = (r: Row): ProductAlert => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  kind: r.kind,
  severity: r.severity,
  message: r.message,
  details: JSON.parse(r.details) as StockoutRiskDetails,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
});
const SELECT = 'SELECT a.*, p.name AS product_name FROM product_alerts a JOIN products p ON p.id = a.product_id';

export function getProductAlert(db: Db, id: string): ProductAlert | null {
  const r = db.prepare(`${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toAlert(r) : null;
}

export function openProductAlerts(db: Db, kind: ProductAlertKind): ProductAlert[] {
  // Raw rows (arrays): a catalog run reads every open stock-out alert, thousands on a large catalog.
  const rows = db
    .prepare(
      `SELECT a.id, a.product_id, p.name, a.kind, a.severity, a.message, a.details, a.raised_at, a.cleared_at
       FROM product_alerts a JOIN products p ON p.id = a.product_id
       WHERE a.kind = ? AND a.cleared_at IS NULL AND a.deleted_at IS NULL ORDER BY a.raised_at`,
    )
    .raw()
    .all(kind) as Array<[string, string, string, ProductAlertKind, Row['severity'], string, string, number, number | null]>;
  return rows.map((r) =>
    toAlert({
      id: r[0],
      product_id: r[1],
      product_name: r[2],
      kind: r[3],
      severity: r[4],
      message: r[5],
      details: r[6],
      raised_at: r[7],
      cleared_at: r[8],
    }),
  );
}

export function listProductAlerts(db: Db, q: { open?: boolean; limit: number }): ProductAlert[] {
  const where = q.open ? 'a.deleted_at IS NULL AND a.cleared_at IS NULL' : 'a.deleted_at IS NULL';
  return (db.prepare(`${SELECT} WHERE ${where} ORDER BY a.cleared_at IS NOT NULL, a.raised_at DESC LIMIT ?`).all(q.limit) as Row[]).map(
    toAlert,
  );
}

export function raiseProductAlert(
  db: Db,
  a: { productId: string; kind: ProductAlertKind; severity: 'warning' | 'critical'; message: string; details: StockoutRiskDetails },
  stamp: { now: number; device: string },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO product_alerts (id, product_id, kind, severity, message, details, raised_at, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    a.productId,
    a.kind,
    a.severity,
    a.message.slice(0, 500),
    JSON.stringify(a.details),
    stamp.now,
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return id;
}

/** An open alert keeps its raise (no second message); only what it says is brought up to date. */
export function refreshProductAlert(
  db: Db,
  id: string,
  v: { severity: 'warning' | 'critical'; message: string; details: StockoutRiskDetails },
  now: number,
): void {
  db.prepare('UPDATE product_alerts SET severity = ?, message = ?, details = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(
    v.severity,
    v.message.slice(0, 500),
    JSON.stringify(v.details),
    now,
    id,
  );
}

export function clearProductAlert(db: Db, id: string, now: number): void {
  db.prepare(
    'UPDATE product_alerts SET cleared_at = max(raised_at, ?), updated_at = max(updated_at, ?) WHERE id = ? AND cleared_at IS NULL',
  ).run(now, now, id);
}
