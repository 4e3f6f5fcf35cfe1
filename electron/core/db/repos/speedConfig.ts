import { DEFAULT_SPEED_CONFIG, SpeedConfig } from '@shared/model/speedtest.js';
import { readGlobalSetting, writeGlobalSetting } from './settings.js';
import type { Db } from '../connection.js';

const KEY = 'speedtest.config';

/** The speed-test settings (global, synced), defaults filled in; a damaged value falls back to the defaults. */
export function readSpeedConfig(db: Db): SpeedConfig {
  const v = readGlobalSetting(db, KEY);
  const r = SpeedConfig.safeParse({ ...DEFAULT_SPEED_CONFIG, ...(v && typeof v === 'object' ? v : {}) });
  return r.success ? r.data : DEFAULT_SPEED_CONFIG;
}

export function writeSpeedConfig(db: Db, c: SpeedConfig, stamp: { now: number; device: string }): void {
  writeGlobalSetting(db, KEY, c, stamp.now, stamp.device);
}
