import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface ConflictRow {
  id: string;
  tableName: string;
  rowId: string;
  winner: unknown;
  loser: unknown;
  winnerDevice: string | null;
  loserDevice: string | null;
  detectedAt: number;
  originDevice: string;
}

type Raw = {
  id: string;
  table_name: string;
  row_id: string;
  winner: string;
  loser: string;
  winner_device: string | null;
  loser_device: string | null;
  detected_at: number;
  origin_device: string;
};

export function listConflicts(db: Db, q: { limit: number; before?: number }): ConflictRow[] {
  const rows = db
    .prepare(`SELECT * FROM conflicts WHERE (? IS NULL OR detected_at < ?) ORDER BY detected_at DESC, id DESC LIMIT ?`)
    .all(q.before ?? null, q.before ?? null, q.limit) as Raw[];
  return rows.map((r) => ({
    id: r.id,
    tableName: r.table_name,
    rowId: r.row_id,
    winner: JSON.parse(r.winner),
    loser: JSON.parse(r.loser),
    winnerDevice: r.winner_device,
    loserDevice: r.loser_device,
    detectedAt: r.detected_at,
    originDevice: r.origin_device,
  }));
}

export function conflictCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM conflicts').get() as { n: number }).n;
}

/** A conflict this device found itself (a pulled row taking a natural key from a local one). */
export function recordLocalConflict(
  db: Db,
  c: {
    tableName: string;
    rowId: string;
    winner: unknown;
    loser: unknown;
    winnerDevice: string | null;
    loserDevice: string | null;
    now: number;
    device: string;
  },
): void {
  db.prepare(
    `INSERT INTO conflicts (id, table_name, row_id, winner, loser, winner_device, loser_device, detected_at, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    c.tableName,
    c.rowId,
    JSON.stringify(c.winner),
    JSON.stringify(c.loser),
    c.winnerDevice,
    c.loserDevice,
    c.now,
    c.now,
    c.now,
    c.device,
  );
}
