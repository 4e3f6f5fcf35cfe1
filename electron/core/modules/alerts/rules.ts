import type { AlertKind, DesiredAlert } from '@shared/model/alert.js';
import { minutesOfPaperLeft, paperLevel } from '@shared/model/paper.js';
import { slowReason } from '@shared/model/speedtest.js';

export { ALERT_KINDS, type AlertKind, type AlertSeverity, type DesiredAlert } from '@shared/model/alert.js';

/** Everything the rules look at for one booth, gathered by the monitor from the database. */
export interface BoothFacts {
  name: string;
  now: number;
  remaining: number;
  warning: number;
  critical: number;
  online: boolean;
  /** The event running now (start ≤ now ≤ end), if any. */
  currentEvent: { id: string; clientName: string; endsAt: number } | null;
  diskFreePct: number | null;
  temperatureC: number | null;
  /** Sheets used over the last BURST_WINDOW_MIN minutes. */
  sheetsInWindow: number;
  /** The booth's latest speed test when recent, and the warning thresholds (issue 16). */
  speed?: { downMbps: number | null; upMbps: number | null; pingMs: number | null; error: string | null } | null;
  speedWarn?: { warnDownMbps: number; warnUpMbps: number; warnPingMs: number };
  /** Kinds currently open for this booth: the rules use them for hysteresis. */
  open: ReadonlySet<AlertKind>;
}

// Raise and clear at different levels so a value sitting on the line does not flap.
export const DISK_RAISE_PCT = 10;
export const DISK_CLEAR_PCT = 15;
export const TEMP_RAISE_C = 85;
export const TEMP_CLEAR_C = 80;
export const BURST_WINDOW_MIN = 15;

/** The alerts that should be open for this booth right now. Pure. */
export function desiredAlerts(f: BoothFacts): DesiredAlert[] {
  const out: DesiredAlert[] = [];
  const level = paperLevel(f.remaining, f.warning, f.critical);
  const remaining = Math.round(f.remaining * 10) / 10;
  // One paper alert at a time: crossing critical replaces the warning.
  if (level === 'critical' || level === 'empty') {
    out.push({
      kind: 'paper_critical',
      severity: 'critical',
      message: `${f.name}: paper critical (${remaining} prints left)`,
      details: { remaining, threshold: f.critical },
    });
  } else if (level === 'warning') {
    out.push({
      kind: 'paper_warning',
      severity: 'warning',
      message: `${f.name}: paper low (${remaining} prints left)`,
      details: { remaining, threshold: f.warning },
    });
  }
  if (!f.online && f.currentEvent) {
    out.push({
      kind: 'offline_during_event',
      severity: 'critical',
      message: `${f.name} is offline during ${f.currentEvent.clientName}`,
      details: { eventId: f.currentEvent.id },
    });
  }
  if (f.diskFreePct !== null) {
    const limit = f.open.has('disk_low') ? DISK_CLEAR_PCT : DISK_RAISE_PCT;
    if (f.diskFreePct < limit)
      out.push({
        kind: 'disk_low',
        severity: 'warning',
        message: `${f.name}: disk almost full (${f.diskFreePct.toFixed(1)} % free)`,
        details: { diskFreePct: f.diskFreePct },
      });
  }
  if (f.temperatureC !== null) {
    const limit = f.open.has('high_temperature') ? TEMP_CLEAR_C : TEMP_RAISE_C;
    if (f.temperatureC >= limit)
      out.push({
        kind: 'high_temperature',
        severity: 'warning',
        message: `${f.name}: high temperature (${f.temperatureC.toFixed(0)} °C)`,
        details: { temperatureC: f.temperatureC },
      });
  }
  // "Faster than paper allows": at the last 15 minutes' pace the roll runs out before the event ends.
  if (f.currentEvent) {
    const left = minutesOfPaperLeft(f.remaining, f.sheetsInWindow, BURST_WINDOW_MIN);
    const minutesToEnd = (f.currentEvent.endsAt - f.now) / 60_000;
    if (left !== null && left < minutesToEnd) {
      out.push({
        kind: 'print_burst',
        severity: 'warning',
        message: `${f.name}: at this pace paper runs out in ${Math.floor(left)} min, before the event ends`,
        details: { minutesLeft: Math.floor(left), minutesToEnd: Math.floor(minutesToEnd), sheetsInWindow: f.sheetsInWindow },
      });
    }
  }
  if (f.speed && f.speedWarn) {
    const why = slowReason(f.speed, f.speedWarn);
    if (why) {
      const s = f.speed;
      out.push({
        kind: 'slow_network',
        severity: 'warning',
        message:
          why === 'failed'
            ? `${f.name}: speed test failed (${s.error})`
            : `${f.name}: slow network (↓ ${s.downMbps ?? '—'} Mbit/s, ↑ ${s.upMbps ?? '—'} Mbit/s, ${s.pingMs ?? '—'} ms)`,
        details: { reason: why, downMbps: s.downMbps, upMbps: s.upMbps, pingMs: s.pingMs, error: s.error },
      });
    }
  }
  return out;
}

/** What to change: raise what is wanted and not open, clear what is open and no longer wanted. */
export function reconcile(open: ReadonlySet<AlertKind>, desired: DesiredAlert[]): { raise: DesiredAlert[]; clear: AlertKind[] } {
  const wanted = new Set(desired.map((d) => d.kind));
  return {
    raise: desired.filter((d) => !open.has(d.kind)),
    clear: [...open].filter((k) => !wanted.has(k)),
  };
}
