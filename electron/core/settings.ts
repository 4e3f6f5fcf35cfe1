import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '@shared/model/settings.js';
import { readDeviceSettings, writeDeviceSetting } from './db/repos/settings.js';
import { upsertDevice } from './db/repos/devices.js';
import type { CoreContext } from './context.js';

/** Stored values merged over defaults; a stored value that no longer validates falls back to its default. */
export function readSettings(ctx: Pick<CoreContext, 'db' | 'deviceId'>): Settings {
  const stored = readDeviceSettings(ctx.db, ctx.deviceId);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(stored)) {
    const field = Settings.shape[k as keyof Settings];
    if (field && field.safeParse(v).success) merged[k] = v;
  }
  return Settings.parse(merged);
}

export function writeSettings(ctx: Pick<CoreContext, 'db' | 'deviceId' | 'clock'>, patch: SettingsPatch): Settings {
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) writeDeviceSetting(ctx.db, ctx.deviceId, k, v, now);
    const s = readSettings(ctx);
    upsertDevice(ctx.db, { id: ctx.deviceId, name: s.deviceName, mode: s.mode, platform: process.platform }, now);
  })();
  return readSettings(ctx);
}
