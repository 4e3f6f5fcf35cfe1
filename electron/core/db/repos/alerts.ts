import type { Alert, AlertKind, DesiredAlert } from '@shared/model/alert.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  booth_id: string;
  booth_name: string;
  kind: Alert['kind'];
  severity: Alert['severity'];
  message: string;
  details: string;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by_name: string | null;
  resolved_by_name: string | null;
}
const toAlert = (r: Row): Alert => ({
  id: r.id,
  boothId: r.booth_id,
  boothName: r.booth_name,
  kind: r.kind,
  severity: r.severity,
  message: r.message,
  details: JSON.parse(r.details) as Record<string, unknown>,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by_name,
  resolvedBy: r.resolved_by_name,
});
const SELECT = `SELECT a.*, b.name AS booth_name, ua.display_name AS acknowledged_by_name, ur.display_name AS resolved_by_name
  FROM alerts a JOIN booths b ON b.id = a.booth_id LEFT JOIN users ua ON ua.id = a.acknowledged_by LEFT JOIN users ur ON ur.id = a.resolved_by`;

export function listAlerts(db: Db, q: { open?: boolean; boothId?: string; limit: number }): Alert[] {
  const where = ['a.deleted_at IS NULL'];
  const args: unknown[] = [];
  if (q.open === true) where.push('a.cleared_at IS NULL');
  if (q.open === false) where.push('a.cleared_at IS NOT NULL');
  if (q.boothId) {
    where.push('a.booth_id = ?');
    args.push(q.boothId);
  }
  return (
    db
      .prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.cleared_at IS NOT NULL, a.raised_at DESC LIMIT ?`)
      .all(...args, q.limit) as Row[]
  ).map(toAlert);
}

export function openAlertKinds(db: Db, boothId: string): Set<AlertKind> {
  return new Set(
    db
      .prepare('SELECT kind FROM alerts WHERE booth_id = ? AND cleared_at IS NULL AND deleted_at IS NULL')
      .pluck()
      .all(boothId) as AlertKind[],
  );
}

/** The partial unique index makes a second open alert of the same kind impossible; OR IGNORE keeps "raised once". */
export function raiseAlert(db: Db, boothId: string, a: DesiredAlert, stamp: { now: number; device: string }): Alert | null {
  const id = newId();
  const n = db
    .prepare(
      `INSERT OR IGNORE INTO alerts (id, booth_id, kind, severity, message, details, raised_at, created_at, updated_at, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, boothId, a.kind, a.severity, a.message, JSON.stringify(a.details), stamp.now, stamp.now, stamp.now, stamp.device).changes;
  if (!n) return null;
  return toAlert(db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row);
}

export function clearAlert(db: Db, boothId: string, kind: AlertKind, now: number): Alert | null {
  const r = db
    .prepare(`${SELECT} WHERE a.booth_id = ? AND a.kind = ? AND a.cleared_at IS NULL AND a.deleted_at IS NULL`)
    .get(boothId, kind) as Row | undefined;
  if (!r) return null;
  db.prepare('UPDATE alerts SET cleared_at = max(raised_at, ?), updated_at = max(updated_at, ?) WHERE id = ?').run(now, now, r.id);
  return toAlert(db.prepare(`${SELECT} WHERE a.id = ?`).get(r.id) as Row);
}

export function getAlert(db: Db, id: string): Alert | null {
  const r = db.prepare(`${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toAlert(r) : null;
}

/** The first acknowledgement counts: a second one changes nothing. */
export function acknowledgeAlert(db: Db, id: string, userId: string | null, now: number): void {
  db.prepare(
    'UPDATE alerts SET acknowledged_at = max(raised_at, ?), acknowledged_by = ?, updated_at = max(updated_at, ?) WHERE id = ? AND acknowledged_at IS NULL',
  ).run(now, userId, now, id);
}

export function resolveAlert(db: Db, id: string, userId: string | null, now: number): void {
  db.prepare(
    'UPDATE alerts SET cleared_at = max(raised_at, ?), resolved_by = ?, updated_at = max(updated_at, ?) WHERE id = ? AND cleared_at IS NULL',
  ).run(now, userId, now, id);
}
