import type { DeviceMode } from '@shared/model/settings.js';
import type { Db } from '../connection.js';

export function upsertDevice(db: Db, d: { id: string; name: string; mode: DeviceMode; platform: string }, now: number): void {
  db.prepare(
    `INSERT INTO devices (id, name, mode, platform, last_seen_at, created_at, updated_at, origin_device)
     VALUES (@id, @name, @mode, @platform, @now, @now, @now, @id)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, mode = excluded.mode, platform = excluded.platform,
       last_seen_at = excluded.last_seen_at, updated_at = MAX(devices.updated_at, excluded.updated_at)`,
  ).run({ ...d, now });
}
