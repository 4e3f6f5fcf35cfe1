import type { Db } from '../connection.js';

export type CredentialKind = 'password' | 'pin';

export interface CredentialRow {
  userId: string;
  kind: CredentialKind;
  hash: string;
  failedCount: number;
  lockedUntil: number | null;
}

interface Row {
  user_id: string;
  kind: CredentialKind;
  hash: string;
  failed_count: number;
  locked_until: number | null;
}
const toRow = (r: Row): CredentialRow => ({
  userId: r.user_id,
  kind: r.kind,
  hash: r.hash,
  failedCount: r.failed_count,
  lockedUntil: r.locked_until,
});

export function getCredential(db: Db, userId: string): CredentialRow | null {
  const r = db.prepare('SELECT user_id, kind, hash, failed_count, locked_until FROM local_credentials WHERE user_id = ?').get(userId) as
    Row | undefined;
  return r ? toRow(r) : null;
}

export function listCredentials(db: Db): CredentialRow[] {
  return (db.prepare('SELECT user_id, kind, hash, failed_count, locked_until FROM local_credentials').all() as Row[]).map(toRow);
}

export function putCredential(db: Db, userId: string, kind: CredentialKind, hash: string, now: number): void {
  db.prepare(
    `INSERT INTO local_credentials (user_id, kind, hash, failed_count, locked_until, updated_at) VALUES (?, ?, ?, 0, NULL, ?)
     ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind, hash = excluded.hash, failed_count = 0, locked_until = NULL, updated_at = excluded.updated_at`,
  ).run(userId, kind, hash, now);
}

export function writeFailures(db: Db, userId: string, failedCount: number, lockedUntil: number | null, now: number): void {
  db.prepare('UPDATE local_credentials SET failed_count = ?, locked_until = ?, updated_at = ? WHERE user_id = ?').run(
    failedCount,
    lockedUntil,
    now,
    userId,
  );
}

/** Active admins that can sign in (have a credential): none means the device still needs its first admin. */
export function countSignableAdmins(db: Db): number {
  return db
    .prepare(
      `SELECT COUNT(*) FROM users u JOIN local_credentials c ON c.user_id = u.id
       WHERE u.role = 'admin' AND u.active = 1 AND u.deleted_at IS NULL`,
    )
    .pluck()
    .get() as number;
}
