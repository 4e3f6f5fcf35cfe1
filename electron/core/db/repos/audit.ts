import type { Db } from '../connection.js';
import { newId } from '../ids.js';
import type { AuditEntry } from '../../../../shared/contract/system.js';

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
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      details: JSON.parse(r.details),
      originDevice: r.origin_device,
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.at : null,
    nextBeforeId: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}
