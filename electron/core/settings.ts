import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '@shared/model/settings.js';
import { readDeviceSettings, readGlobalSetting, writeDeviceSetting, writeGlobalSetting } from './db/repos/settings.js';
import { upsertDevice } from './db/repos/devices.js';
import type { CoreContext } from './context.js';

/**
 * Settings that are facts of the business, not of one device: stored once (scope 'global', synced
 * to every device) so every device forecasts with them. The shop's public holidays shape every
 * product's forecast and reorder advice: two office desktops must not disagree on them.
 */
export const BUSINESS_SETTINGS: ReadonlySet<keyof Settings> = new Set(['holidayCountry']);

/**
 * Stored values merged over defaults; a stored value that no longer validates falls back to its
 * default. A business setting reads its business-wide value; until one is set, the value this
 * device chose before it was business-wide (scope 'device') still applies here.
 */
export function readSettings(ctx: Pick<CoreContext, 'db' | 'deviceId'>): Settings {
  const stored = readDeviceSettings(ctx.db, ctx.deviceId);
  for (const k of BUSINESS_SETTINGS) {
    const v = readGlobalSetting(ctx.db, k);
    if (v !== undefined && Settings.shape[k].safeParse(v).success) stored[k] = v;
  }
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
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      if (BUSINESS_SETTINGS.has(k as keyof Settings)) {
        // Written only when it changes: an unchanged value queues no push (and no conflict).
        if (readGlobalSetting(ctx.db, k) !== v) writeGlobalSetting(ctx.db, k, v, now, ctx.deviceId);
      } else writeDeviceSetting(ctx.db, ctx.deviceId, k, v, now);
    }
    const s = readSettings(ctx);
    upsertDevice(ctx.db, { id: ctx.deviceId, name: s.deviceName, mode: s.mode, platform: process.platform }, now);
  })();
  return readSettings(ctx);
}
