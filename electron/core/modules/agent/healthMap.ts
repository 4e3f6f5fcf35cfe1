import type { HealthSample } from '@shared/model/booth.js';

/** What the cheap systeminformation calls returned; any of them may be missing or junk. */
export interface RawHealth {
  load?: { currentLoad?: number | null } | null;
  mem?: { total?: number; available?: number } | null;
  disks?: Array<{ mount?: string; size?: number; available?: number; use?: number }> | null;
  temp?: { main?: number | null } | null;
  battery?: { hasBattery?: boolean; percent?: number } | null;
  uptimeS?: number | null;
  latencyMs?: number | null;
}

const num = (v: unknown, lo: number, hi: number): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? Math.round(v * 10) / 10 : null;

/**
 * Pure mapping to a sample. The system disk is the one that fills up (photos land there):
 * C: on Windows, / elsewhere, else the fullest. -1 / null temperatures (common on Windows) → null.
 */
export function toHealthSample(raw: RawHealth, at: number): HealthSample {
  const disks = (raw.disks ?? []).filter((d) => typeof d.size === 'number' && d.size > 0);
  const sys =
    disks.find((d) => /^c:?\\?$/i.test(d.mount ?? '')) ??
    disks.find((d) => d.mount === '/') ??
    [...disks].sort((a, b) => (b.use ?? 0) - (a.use ?? 0))[0];
  const total = raw.mem?.total ?? 0;
  const avail = raw.mem?.available;
  return {
    sampledAt: at,
    cpuPct: num(raw.load?.currentLoad, 0, 100),
    memUsedPct: total > 0 && typeof avail === 'number' ? num(((total - avail) / total) * 100, 0, 100) : null,
    diskFreeBytes: sys && typeof sys.available === 'number' && sys.available >= 0 ? Math.round(sys.available) : null,
    diskFreePct: sys && typeof sys.available === 'number' ? num((sys.available / sys.size!) * 100, 0, 100) : null,
    temperatureC: num(raw.temp?.main, 1, 150),
    batteryPct: raw.battery?.hasBattery ? num(raw.battery.percent, 0, 100) : null,
    uptimeS: typeof raw.uptimeS === 'number' && raw.uptimeS >= 0 ? Math.floor(raw.uptimeS) : null,
    latencyMs: num(raw.latencyMs, 0, 600_000),
  };
}
