import crypto from 'node:crypto';
import type { Db } from '../connection.js';

/** The secret in a booth's dslrBooth trigger URL, or null when it has none (synced: booth_trigger_secrets). */
export function getTriggerSecret(db: Db, boothId: string): string | null {
  return (
    (db.prepare('SELECT secret FROM booth_trigger_secrets WHERE booth_id = ? AND deleted_at IS NULL').pluck().get(boothId) as
      string | null | undefined) ?? null
  );
}

/** When the booth's secret row last changed, or null (never set). */
export function triggerSecretUpdatedAt(db: Db, boothId: string): number | null {
  return (db.prepare('SELECT updated_at FROM booth_trigger_secrets WHERE booth_id = ?').pluck().get(boothId) as number | undefined) ?? null;
}

/** A new random secret (24 URL-safe characters) or none ('off'); returns it. One row per booth, never deleted. */
export function setTriggerSecret(db: Db, boothId: string, value: 'new' | 'off', stamp: { now: number; device: string }): string | null {
  const secret = value === 'new' ? crypto.randomBytes(18).toString('base64url') : null;
  db.prepare(
    `INSERT INTO booth_trigger_secrets (id, booth_id, secret, created_at, updated_at, deleted_at, origin_device)
     VALUES (@id, @id, @secret, @now, @now, NULL, @device)
     ON CONFLICT (id) DO UPDATE SET secret = excluded.secret, updated_at = MAX(booth_trigger_secrets.updated_at, excluded.updated_at),
       deleted_at = NULL, origin_device = excluded.origin_device`,
  ).run({ id: boothId, secret, now: stamp.now, device: stamp.device });
  return secret;
}
