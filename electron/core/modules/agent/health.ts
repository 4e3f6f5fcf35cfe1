import si from 'systeminformation';
import type { RawHealth } from './healthMap.js';

/** Battery costs three CIM queries on Windows: read it every few minutes, not every 30 s. */
const BATTERY_EVERY_MS = 5 * 60_000;

/**
 * Cheap calls only, one after the other (protocols §7: never in parallel while PowerShell is
 * per-call). A failing call leaves its field empty instead of losing the whole sample.
 */
export function createHealthReader(): { read(latencyMs: number | null): Promise<RawHealth>; stop(): void } {
  const win = process.platform === 'win32';
  // One persistent PowerShell instead of a process spawn per call.
  if (win) si.powerShellStart();
  let battery: RawHealth['battery'] = null;
  let batteryAt = 0;
  const safe = async <T>(f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch {
      return null;
    }
  };
  return {
    async read(latencyMs) {
      const load = await safe(() => si.currentLoad());
      const mem = await safe(() => si.mem());
      const disks = await safe(() => si.fsSize());
      const temp = await safe(() => si.cpuTemperature());
      if (Date.now() - batteryAt > BATTERY_EVERY_MS) {
        battery = await safe(() => si.battery());
        batteryAt = Date.now();
      }
      return { load, mem, disks, temp, battery, uptimeS: si.time().uptime, latencyMs };
    },
    stop() {
      if (win) si.powerShellRelease();
    },
  };
}
