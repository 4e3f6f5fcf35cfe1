import { syncedTable } from '../syncedTables.js';
import type { Db } from '../connection.js';

/** One row to push: its current state and the highest mutation id of the batch window it covers. */
export interface OutgoingRow {
  mutationId: number;
  table: string;
  rowId: string;
  row: Record<string, unknown> | null;
  /** Hub seq of the version this device last pulled (the base for conflict detection). */
  baseSeq: number | null;
}

export interface OutboxBatch {
  /** Every outbox entry at or below this id is covered by the batch. */
  windowEnd: number;
  rows: OutgoingRow[];
}

export function pendingCount(db: Db): number {
  return (db.prepare('SELECT COUNT(DISTINCT table_name || char(31) || row_id) AS n FROM outbox').get() as { n: number }).n;
}

export function hasPending(db: Db, table: string, rowId: string): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE table_name = ? AND row_id = ? LIMIT 1').get(table, rowId) !== undefined;
}

/**
 * The next batch: a prefix of the outbox (first `limit` entries), one row per changed record at
 * its current state, tagged with the highest entry id of that prefix for the record. Later
 * batches only hold ids above windowEnd, so the hub's per-device counter never skips a change.
 */
export function nextBatch(db: Db, limit: number): OutboxBatch | null {
  const last = db.prepare('SELECT mutation_id FROM outbox ORDER BY mutation_id LIMIT 1 OFFSET ?').get(limit - 1) as
    { mutation_id: number } | undefined;
  const windowEnd = last?.mutation_id ?? (db.prepare('SELECT MAX(mutation_id) AS m FROM outbox').get() as { m: number | null }).m ?? null;
  if (windowEnd === null) return null;
  const entries = db
    .prepare(
      // The window first, by primary key: grouping the outbox directly makes SQLite walk its whole
      // (table, row) index for every batch (100,000 queued rows: 200 full scans).
      `WITH w AS MATERIALIZED (SELECT table_name, row_id, mutation_id FROM outbox WHERE mutation_id <= ?)
       SELECT w.table_name AS tableName, w.row_id AS rowId, MAX(w.mutation_id) AS mutationId, v.hub_seq AS baseSeq
         FROM w LEFT JOIN sync_row_versions v ON v.table_name = w.table_name AND v.row_id = w.row_id
        GROUP BY w.table_name, w.row_id ORDER BY mutationId`,
    )
    .all(windowEnd) as Array<{ tableName: string; rowId: string; mutationId: number; baseSeq: number | null }>;
  const readers = new Map<string, (id: string) => Record<string, unknown> | undefined>();
  const rows = entries.map((e) => {
    const t = syncedTable(e.tableName);
    let row: Record<string, unknown> | null = null;
    if (t) {
      let read = readers.get(t.name);
      if (!read) {
        const stmt = db.prepare(`SELECT ${t.columns.map((c) => `"${c}"`).join(', ')} FROM "${t.name}" WHERE id = ?`);
        read = (id) => stmt.get(id) as Record<string, unknown> | undefined;
        readers.set(t.name, read);
      }
      row = read(e.rowId) ?? null;
    }
    return { mutationId: e.mutationId, table: e.tableName, rowId: e.rowId, row, baseSeq: e.baseSeq };
  });
  return { windowEnd, rows };
}

/** The hub has the batch: its entries leave the outbox (in the caller's transaction). */
export function acknowledge(db: Db, windowEnd: number): void {
  db.prepare('DELETE FROM outbox WHERE mutation_id <= ?').run(windowEnd);
}

/** Queues a record again (dead-letter retry), under a new mutation id. */
export function enqueue(db: Db, table: string, rowId: string, now: number): void {
  db.prepare('INSERT INTO outbox (table_name, row_id, queued_at) VALUES (?, ?, ?)').run(table, rowId, now);
}

export function dropPending(db: Db, table: string, rowId: string): void {
  db.prepare('DELETE FROM outbox WHERE table_name = ? AND row_id = ?').run(table, rowId);
}

/**
 * After a restore or reinstall, this device's counter can be behind what the hub recorded for it,
 * and new mutations would be skipped as replays. Renumbers pending entries above the hub's
 * counter; returns how many moved. A counter at or ahead of the hub's is left alone.
 */
export function realignCounter(db: Db, hubLast: number): number {
  return db.transaction(() => {
    const local = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined)?.seq ?? 0;
    if (local >= hubLast) return 0;
    const min = (db.prepare('SELECT MIN(mutation_id) AS m FROM outbox').get() as { m: number | null }).m;
    let moved = 0;
    if (min !== null) {
      // Shift in descending order so the primary key never collides mid-update.
      const shift = hubLast - min + 1;
      const ids = db.prepare('SELECT mutation_id FROM outbox ORDER BY mutation_id DESC').all() as Array<{ mutation_id: number }>;
      const upd = db.prepare('UPDATE outbox SET mutation_id = ? WHERE mutation_id = ?');
      for (const { mutation_id } of ids) upd.run(mutation_id + shift, mutation_id);
      moved = ids.length;
    }
    const top = (db.prepare('SELECT MAX(mutation_id) AS m FROM outbox').get() as { m: number | null }).m ?? hubLast;
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(Math.max(top, hubLast));
    if (db.prepare("SELECT 1 FROM sqlite_sequence WHERE name = 'outbox'").get() === undefined) {
      db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(Math.max(top, hubLast));
    }
    return moved;
  })();
}

/**
 * Which of these rows the hub has confirmed: synced table, nothing queued, nothing refused.
 * The booth agent purges counter events and health samples only through this. A table not in
 * the registry is never confirmed (nothing ever pushed it).
 */
export function hubConfirmed(db: Db, table: string, ids: readonly string[]): Set<string> {
  const confirmed = new Set<string>();
  if (!syncedTable(table) || syncedTable(table)!.hubOnly) return confirmed;
  const waiting = db.prepare(
    `SELECT 1 FROM outbox WHERE table_name = ? AND row_id = ?
     UNION ALL SELECT 1 FROM dead_letters WHERE direction = 'push' AND table_name = ? AND row_id = ? LIMIT 1`,
  );
  for (const id of ids) if (waiting.get(table, id, table, id) === undefined) confirmed.add(id);
  return confirmed;
}
