import type { Booth, BoothStatus, WolRoute } from '@shared/model/booth.js';
import { paperLevel } from '@shared/model/paper.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface BoothRow {
  id: string;
  name: string;
  hostname: string | null;
  mac: string | null;
  pc_address: string | null;
  tailscale_address: string | null;
  router_address: string | null;
  router_wol_port: number;
  pc_probe_port: number;
  router_probe_port: number;
  wol_port: number;
  wol_routes: string;
  wake_before_event_min: number | null;
  remaining_prints: number;
  roll_capacity: number;
  warning_threshold: number;
  critical_threshold: number;
  prints_per_copy: number;
  router_connected: number | null;
  pc_connected: number | null;
  last_seen: number | null;
  status: BoothStatus;
  updated_at: number;
}

const bool = (v: number | null) => (v === null ? null : v === 1);

export function toBooth(r: BoothRow): Booth {
  return {
    id: r.id,
    name: r.name,
    hostname: r.hostname,
    mac: r.mac,
    pcAddress: r.pc_address,
    tailscaleAddress: r.tailscale_address,
    routerAddress: r.router_address,
    routerWolPort: r.router_wol_port,
    pcProbePort: r.pc_probe_port,
    routerProbePort: r.router_probe_port,
    wolPort: r.wol_port,
    wolRoutes: JSON.parse(r.wol_routes) as WolRoute[],
    wakeBeforeEventMin: r.wake_before_event_min,
    remainingPrints: r.remaining_prints,
    rollCapacity: r.roll_capacity,
    warningThreshold: r.warning_threshold,
    criticalThreshold: r.critical_threshold,
    printsPerCopy: r.prints_per_copy === 0.5 ? 0.5 : 1,
    routerConnected: bool(r.router_connected),
    pcConnected: bool(r.pc_connected),
    lastSeen: r.last_seen,
    status: r.status,
    paperLevel: paperLevel(r.remaining_prints, r.warning_threshold, r.critical_threshold),
    updatedAt: r.updated_at,
  };
}

/** Booth names as people read them: É beside E (SQLite's lower() orders bytes: É after Z), 9 before 10. */
const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function listBooths(db: Db): Booth[] {
  return (db.prepare('SELECT * FROM booths WHERE deleted_at IS NULL').all() as BoothRow[])
    .map(toBooth)
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function getBooth(db: Db, id: string): Booth | null {
  const r = db.prepare('SELECT * FROM booths WHERE id = ? AND deleted_at IS NULL').get(id) as BoothRow | undefined;
  return r ? toBooth(r) : null;
}

/** By id, else by case-insensitive name (CLI and kiosk address booths by name). */
export function findBooth(db: Db, ref: string): Booth | null {
  const r = db
    .prepare('SELECT * FROM booths WHERE deleted_at IS NULL AND (id = ? OR lower(name) = lower(?)) LIMIT 1')
    .get(ref, ref.trim()) as BoothRow | undefined;
  return r ? toBooth(r) : null;
}

/** camelCase field → column, for inserts and patches. */
const COLUMNS: Record<string, string> = {
  name: 'name',
  hostname: 'hostname',
  mac: 'mac',
  pcAddress: 'pc_address',
  tailscaleAddress: 'tailscale_address',
  routerAddress: 'router_address',
  routerWolPort: 'router_wol_port',
  pcProbePort: 'pc_probe_port',
  routerProbePort: 'router_probe_port',
  wolPort: 'wol_port',
  wolRoutes: 'wol_routes',
  wakeBeforeEventMin: 'wake_before_event_min',
  remainingPrints: 'remaining_prints',
  rollCapacity: 'roll_capacity',
  warningThreshold: 'warning_threshold',
  criticalThreshold: 'critical_threshold',
  printsPerCopy: 'prints_per_copy',
};

function columnValues(fields: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(fields)) {
    const col = COLUMNS[k];
    if (!col || v === undefined) continue;
    out.push([col, k === 'wolRoutes' ? JSON.stringify(v) : v]);
  }
  return out;
}

export function insertBooth(db: Db, fields: Record<string, unknown>, stamp: { now: number; device: string; id?: string }): Booth {
  const id = stamp.id ?? newId();
  const cols = columnValues(fields);
  const names = ['id', ...cols.map((c) => c[0]), 'created_at', 'updated_at', 'origin_device'];
  db.prepare(`INSERT INTO booths (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    id,
    ...cols.map((c) => c[1]),
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return getBooth(db, id)!;
}

export function updateBooth(db: Db, id: string, fields: Record<string, unknown>, now: number): Booth | null {
  const cols = columnValues(fields);
  const res = db
    .prepare(
      `UPDATE booths SET ${[...cols.map((c) => `${c[0]} = ?`), 'updated_at = max(updated_at, ?)'].join(', ')} WHERE id = ? AND deleted_at IS NULL`,
    )
    .run(...cols.map((c) => c[1]), now, id);
  return res.changes ? getBooth(db, id) : null;
}

export function softDeleteBooth(db: Db, id: string, now: number): boolean {
  return (
    db.prepare('UPDATE booths SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NULL').run(now, now, id)
      .changes > 0
  );
}

/**
 * Remaining prints are derived (initial_prints + Σ counter prints_delta) and not synced: the write
 * leaves updated_at alone so it is not an edit of the booth (and queues nothing for the hub).
 */
export function setRemaining(db: Db, id: string, remaining: number, _now: number): void {
  db.prepare('UPDATE booths SET remaining_prints = ? WHERE id = ?').run(remaining, id);
}

/**
 * Connectivity fields, this device's own observation (not synced: updated_at stays, nothing is
 * queued); only writes when something changed. Returns true if so.
 */
export function setConnectivity(
  db: Db,
  id: string,
  c: { status: BoothStatus; pcConnected: boolean | null; routerConnected: boolean | null; lastSeen: number | null },
  _now: number,
): boolean {
  const toInt = (b: boolean | null) => (b === null ? null : b ? 1 : 0);
  return (
    db
      .prepare(
        `UPDATE booths SET status = ?, pc_connected = ?, router_connected = ?, last_seen = ?
         WHERE id = ? AND (status IS NOT ? OR pc_connected IS NOT ? OR router_connected IS NOT ? OR last_seen IS NOT ?)`,
      )
      .run(
        c.status,
        toInt(c.pcConnected),
        toInt(c.routerConnected),
        c.lastSeen,
        id,
        c.status,
        toInt(c.pcConnected),
        toInt(c.routerConnected),
        c.lastSeen,
      ).changes > 0
  );
}
