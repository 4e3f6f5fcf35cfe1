import { getLocal, setLocal } from './localState.js';
import type { Db } from '../connection.js';

export interface PullCursor {
  txid: number;
  seq: number;
}

/** The last seq of a transaction: a cursor at (txid, END_OF_TXID) has passed every row of txid. */
export const END_OF_TXID = Number.MAX_SAFE_INTEGER;

/** Hub transactions in which this device's pushes stored rows of one ledger table (inclusive). */
export interface OwnTxids {
  min: number;
  max: number;
}

export function getCursor(db: Db, table: string): PullCursor {
  const r = db.prepare('SELECT cursor_txid AS txid, cursor_seq AS seq FROM sync_state WHERE table_name = ?').get(table) as
    PullCursor | undefined;
  return r ?? { txid: 0, seq: 0 };
}

/**
 * Moves a table's cursor; called inside the transaction that applied the page. Once the cursor has
 * passed every row of the own-push range (all of its last transaction), the range is forgotten.
 */
export function advanceCursor(db: Db, table: string, c: PullCursor, rows: number, now: number): void {
  const passed = `(excluded.cursor_txid > sync_state.own_txid_max
                   OR (excluded.cursor_txid = sync_state.own_txid_max AND excluded.cursor_seq >= ${END_OF_TXID}))`;
  db.prepare(
    `INSERT INTO sync_state (table_name, cursor_txid, cursor_seq, pulled_rows, last_pulled_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (table_name) DO UPDATE SET cursor_txid = excluded.cursor_txid, cursor_seq = excluded.cursor_seq,
       pulled_rows = sync_state.pulled_rows + excluded.pulled_rows, last_pulled_at = excluded.last_pulled_at,
       own_txid_min = CASE WHEN ${passed} THEN NULL ELSE sync_state.own_txid_min END,
       own_txid_max = CASE WHEN ${passed} THEN NULL ELSE sync_state.own_txid_max END`,
  ).run(table, c.txid, c.seq, rows, now);
}

/** The own-push range of a table, or null (nothing pushed since the cursor passed the last one). */
export function getOwnTxids(db: Db, table: string): OwnTxids | null {
  const r = db.prepare('SELECT own_txid_min AS min, own_txid_max AS max FROM sync_state WHERE table_name = ?').get(table) as
    { min: number | null; max: number | null } | undefined;
  return r && r.min !== null && r.max !== null ? { min: r.min, max: r.max } : null;
}

/**
 * Records that this device's push stored rows of these tables in hub transaction txid (called in
 * the transaction that acknowledges the batch): the range grows to include it. A txid the cursor
 * has already passed is not recorded (nothing of it is left to pull).
 */
export function noteOwnPush(db: Db, tables: Iterable<string>, txid: number): void {
  const stmt = db.prepare(
    `INSERT INTO sync_state (table_name, own_txid_min, own_txid_max) VALUES (@t, @x, @x)
     ON CONFLICT (table_name) DO UPDATE SET own_txid_min = MIN(COALESCE(sync_state.own_txid_min, @x), @x),
       own_txid_max = MAX(COALESCE(sync_state.own_txid_max, @x), @x)
     WHERE sync_state.cursor_txid < @x`,
  );
  for (const t of tables) stmt.run({ t, x: txid });
}

/** Forget every cursor (a different hub): the next round pulls everything again. */
export function resetCursors(db: Db): void {
  db.prepare('DELETE FROM sync_state').run();
  db.prepare('DELETE FROM sync_row_versions').run();
}

export function setRowVersion(db: Db, table: string, rowId: string, seq: number): void {
  db.prepare(
    'INSERT INTO sync_row_versions (table_name, row_id, hub_seq) VALUES (?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET hub_seq = excluded.hub_seq',
  ).run(table, rowId, seq);
}

/** Non-secret sync configuration of this device (the anon key is public by design). */
export interface SyncConfigRow {
  hubUrl: string | null;
  anonKey: string | null;
  intervalMinutes: number;
  enabled: boolean;
}

export function readSyncConfig(db: Db, defaults: SyncConfigRow): SyncConfigRow {
  const raw = getLocal(db, 'sync.config');
  if (!raw) return defaults;
  try {
    return { ...defaults, ...(JSON.parse(raw) as Partial<SyncConfigRow>) };
  } catch {
    return defaults;
  }
}

export function writeSyncConfig(db: Db, c: SyncConfigRow): void {
  setLocal(db, 'sync.config', JSON.stringify(c));
}

export function readLastRound(db: Db): unknown {
  const raw = getLocal(db, 'sync.lastRound');
  return raw ? JSON.parse(raw) : null;
}

export function writeLastRound(db: Db, summary: unknown): void {
  setLocal(db, 'sync.lastRound', JSON.stringify(summary));
}
