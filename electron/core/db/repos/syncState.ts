import { getLocal, setLocal } from './localState.js';
import type { Db } from '../connection.js';

export interface PullCursor {
  txid: number;
  seq: number;
}

export function getCursor(db: Db, table: string): PullCursor {
  const r = db.prepare('SELECT cursor_txid AS txid, cursor_seq AS seq FROM sync_state WHERE table_name = ?').get(table) as
    PullCursor | undefined;
  return r ?? { txid: 0, seq: 0 };
}

/** Moves a table's cursor; called inside the transaction that applied the page. */
export function advanceCursor(db: Db, table: string, c: PullCursor, rows: number, now: number): void {
  db.prepare(
    `INSERT INTO sync_state (table_name, cursor_txid, cursor_seq, pulled_rows, last_pulled_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (table_name) DO UPDATE SET cursor_txid = excluded.cursor_txid, cursor_seq = excluded.cursor_seq,
       pulled_rows = sync_state.pulled_rows + excluded.pulled_rows, last_pulled_at = excluded.last_pulled_at`,
  ).run(table, c.txid, c.seq, rows, now);
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
