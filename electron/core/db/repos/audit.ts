import type { AuditEntry } from '@shared/contract/system.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface AuditInput {
  at: number;
  userId: string | null;
  action: string;
  target?: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  details?: unknown;
  originDevice: string;
}

export function appendAudit(db: Db, e: AuditInput): string {
  const id = newId();
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, action, target, outcome, details, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, e.at, e.userId, e.action, e.target ?? null, e.outcome, JSON.stringify(e.details ?? {}), e.at, e.at, e.originDevice);
  return id;
}

interface AuditRow {
  id: string;
  at: number;
  user_id: string | null;
  user_name: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  details: string;
  origin_device: string;
}

export function listAudit(
  db: Db,
  q: { limit: number; before?: number; beforeId?: string; action?: string },
): { items: AuditEntry[]; nextBefore: number | null; nextBeforeId: string | null } {
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.user_id, u.display_name AS user_name, a.action, a.target, a.outcome, a.details, a.origin_device
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE (@before IS NULL OR a.at < @before OR (@beforeId IS NOT NULL AND a.at = @before AND a.id < @beforeId))
         AND (@action IS NULL OR a.action = @action)
       ORDER BY a.at DESC, a.id DESC LIMIT @limit`,
    )
    .all({ before: q.before ?? null, beforeId: q.beforeId ?? null, action: q.action ?? null, limit: q.limit + 1 }) as AuditRow[];
  const page = rows.slice(0, q.limit);
  const names = targetNames(db, [...new Set(page.map((r) => r.target).filter((t): t is string => !!t))]);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      target: r.target,
      targetName: r.target ? (names.get(r.target) ?? null) : null,
      outcome: r.outcome,
      details: JSON.parse(r.details),
      originDevice: r.origin_device,
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.at : null,
    nextBeforeId: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * What an audited target is called (a product, booth, location, order, alert, person, event or
 * service), so the log reads "Produit créé : Boa plumes", never an id. Unknown targets are left out.
 */
export function targetNames(db: Db, targets: string[]): Map<string, string> {
  if (!targets.length) return new Map();
  const rows = db
    .prepare(
      `WITH t(id) AS (SELECT value FROM json_each(?))
       SELECT p.id AS id, p.name AS name FROM products p JOIN t ON t.id = p.id
       UNION ALL SELECT p.sku, p.name FROM products p JOIN t ON t.id = p.sku
       UNION ALL SELECT b.id, b.name FROM booths b JOIN t ON t.id = b.id
       UNION ALL SELECT l.id, l.name FROM locations l JOIN t ON t.id = l.id
       UNION ALL SELECT o.id, p.name FROM purchase_orders o JOIN products p ON p.id = o.product_id JOIN t ON t.id = o.id
       UNION ALL SELECT a.id, b.name FROM alerts a JOIN booths b ON b.id = a.booth_id JOIN t ON t.id = a.id
       UNION ALL SELECT u.id, u.display_name FROM users u JOIN t ON t.id = u.id
       UNION ALL SELECT e.id, e.client_name FROM events e JOIN t ON t.id = e.id
       UNION ALL SELECT s.id, s.title FROM services s JOIN t ON t.id = s.id`,
    )
    .all(JSON.stringify(targets)) as Array<{ id: string; name: string }>;
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.name);
  return out;
}
