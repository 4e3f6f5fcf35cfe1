import { describe, expect, it } from 'vitest';
import { desiredAlerts, reconcile, type AlertKind, type BoothFacts } from '@core/modules/alerts/rules.js';

const NOW = Date.UTC(2026, 5, 6, 20, 0);
const base = (over: Partial<BoothFacts> = {}): BoothFacts => ({
  name: 'Booth 1',
  now: NOW,
  remaining: 700,
  warning: 350,
  critical: 275,
  online: true,
  currentEvent: null,
  diskFreePct: 50,
  temperatureC: 50,
  sheetsInWindow: 0,
  open: new Set(),
  ...over,
});
const kinds = (f: BoothFacts) => desiredAlerts(f).map((a) => a.kind);

describe('alert rules', () => {
  it('nothing to say about a healthy booth', () => {
    expect(desiredAlerts(base())).toEqual([]);
  });
  it('paper: warning at the threshold, critical replaces it', () => {
    expect(kinds(base({ remaining: 351 }))).toEqual([]);
    expect(kinds(base({ remaining: 350 }))).toEqual(['paper_warning']);
    expect(kinds(base({ remaining: 275 }))).toEqual(['paper_critical']);
    expect(kinds(base({ remaining: 0 }))).toEqual(['paper_critical']);
    expect(desiredAlerts(base({ remaining: 300 }))[0]).toMatchObject({ severity: 'warning', details: { remaining: 300, threshold: 350 } });
  });
  it('offline only matters during an event', () => {
    expect(kinds(base({ online: false }))).toEqual([]);
    expect(kinds(base({ online: false, currentEvent: { id: 'e', clientName: 'Gala', endsAt: NOW + 3_600_000 } }))).toEqual([
      'offline_during_event',
    ]);
  });
  it('disk and temperature with hysteresis', () => {
    expect(kinds(base({ diskFreePct: 9.9 }))).toEqual(['disk_low']);
    expect(kinds(base({ diskFreePct: 12 }))).toEqual([]);
    expect(kinds(base({ diskFreePct: 12, open: new Set<AlertKind>(['disk_low']) }))).toEqual(['disk_low']);
    expect(kinds(base({ diskFreePct: 15, open: new Set<AlertKind>(['disk_low']) }))).toEqual([]);
    expect(kinds(base({ temperatureC: 85 }))).toEqual(['high_temperature']);
    expect(kinds(base({ temperatureC: 82 }))).toEqual([]);
    expect(kinds(base({ temperatureC: 82, open: new Set<AlertKind>(['high_temperature']) }))).toEqual(['high_temperature']);
    expect(kinds(base({ diskFreePct: null, temperatureC: null }))).toEqual([]);
  });
  it('print pace that empties the roll before the event ends', () => {
    const ev = { id: 'e', clientName: 'Gala', endsAt: NOW + 120 * 60_000 };
    // 400 sheets left, 60 sheets in 15 min = 4/min → 100 min < 120 min to go.
    expect(kinds(base({ remaining: 400, currentEvent: ev, sheetsInWindow: 60 }))).toEqual(['print_burst']);
    // 30 sheets in 15 min = 2/min → 200 min: fine.
    expect(kinds(base({ remaining: 400, currentEvent: ev, sheetsInWindow: 30 }))).toEqual([]);
    expect(kinds(base({ remaining: 400, sheetsInWindow: 60 }))).toEqual([]);
  });
  it('reconcile raises once and clears when resolved', () => {
    const d = desiredAlerts(base({ remaining: 300 }));
    expect(reconcile(new Set(), d).raise.map((a) => a.kind)).toEqual(['paper_warning']);
    expect(reconcile(new Set<AlertKind>(['paper_warning']), d)).toEqual({ raise: [], clear: [] });
    const crit = desiredAlerts(base({ remaining: 200 }));
    expect(reconcile(new Set<AlertKind>(['paper_warning']), crit)).toEqual({ raise: [crit[0]], clear: ['paper_warning'] });
    expect(reconcile(new Set<AlertKind>(['paper_critical']), desiredAlerts(base({ remaining: 700 })))).toEqual({
      raise: [],
      clear: ['paper_critical'],
    });
  });
});
