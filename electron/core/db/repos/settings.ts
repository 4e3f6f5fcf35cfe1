import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export function readDeviceSettings(db: Db, deviceId: string): Record<string, unknown> {
  const rows = db
    .prepare("SELECT key, value FROM settings WHERE scope = 'device' AND device_id = ? AND deleted_at IS NULL")
    .all(deviceId) as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
}

export function writeDeviceSetting(db: Db, deviceId: string, key: string, value: unknown, now: number): void {
  db.prepare(
    `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device)
     VALUES (?, 'device', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scope, device_id, key) DO UPDATE SET value = excluded.value, updated_at = MAX(settings.updated_at, excluded.updated_at), deleted_at = NULL`,
  ).run(newId(), deviceId, key, JSON.stringify(value), now, now, deviceId);
}

export function readGlobalSetting(db: Db, key: string): unknown {
  const r = db
    .prepare("SELECT value FROM settings WHERE scope = 'global' AND device_id = '' AND key = ? AND deleted_at IS NULL")
    .get(key) as { value: string } | undefined;
  return r ? JSON.parse(r.value) : undefined;
}

export function writeGlobalSetting(db: Db, key: string, value: unknown, now: number, device: string): void {
  db.prepare(
    `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device)
     VALUES (?, 'global', '', ?, ?, ?, ?, ?)
     ON CONFLICT (scope, device_id, key) DO UPDATE SET value = excluded.value, updated_at = MAX(settings.updated_at, excluded.updated_at), deleted_at = NULL, origin_device = excluded.origin_device`,
  ).run(newId(), key, JSON.stringify(value), now, now, device);
}
