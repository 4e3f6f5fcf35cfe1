import { BOOKKEEPING_COLUMNS, type SyncedTable } from '../syncedTables.js';
import { hasPending, dropPending } from './outbox.js';
import { setRowVersion, advanceCursor, type PullCursor } from './syncState.js';
import { recordDeadLetter } from './outboxDeadLetters.js';
import { recordLocalConflict } from './conflicts.js';
import type { Db } from '../connection.js';

export interface PulledRow extends Record<string, unknown> {
  id: string;
  sync_txid: number;
  sync_seq: number;
}

export interface ApplyResult {
  applied: number;
  keptLocal: number;
  deadLetters: number;
  localConflicts: number;
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' || (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Applies one pulled page and moves the table's cursor past it, in one transaction, with the
 * outbox triggers off. A mutable row with a local change not yet pushed keeps the local version
 * (it is pushed next and the hub decides). A row that cannot be applied here becomes a pull
 * dead letter holding the row, so the cursor can move on without losing it.
 */
export function applyPulledPage(
  db: Db,
  t: SyncedTable,
  rows: PulledRow[],
  cursor: PullCursor | null,
  ctx: { now: number; device: string },
): ApplyResult {
  const cols = t.columns;
  const colList = cols.map((c) => `"${c}"`).join(', ');
  const placeholders = cols.map((c) => `@${c}`).join(', ');
  const upsert = db.prepare(
    t.kind === 'ledger'
      ? `INSERT INTO "${t.name}" (${colList}) VALUES (${placeholders}) ON CONFLICT (id) DO NOTHING`
      : `INSERT INTO "${t.name}" (${colList}) VALUES (${placeholders}) ON CONFLICT (id) DO UPDATE SET ${cols
          .filter((c) => c !== 'id')
          .map((c) => `"${c}" = excluded."${c}"`)
          .join(', ')}`,
  );
  const bind = (r: PulledRow) => Object.fromEntries(cols.map((c) => [c, toSqlite(r[c])]));
  const result: ApplyResult = { applied: 0, keptLocal: 0, deadLetters: 0, localConflicts: 0 };

  const applyOne = (r: PulledRow, careful: boolean) => {
    if (t.kind === 'mutable' && hasPending(db, t.name, r.id)) {
      result.keptLocal++;
      return;
    }
    if (!careful) {
      upsert.run(bind(r));
    } else {
      try {
        db.transaction(() => upsert.run(bind(r)))();
      } catch (e) {
        let losers: LocalRow[] = [];
        try {
          if (isUniqueViolation(e)) losers = takeNaturalKeys(db, t, r);
        } catch (e2) {
          // The local holder of the key cannot leave (other rows refer to it, e.g. a product with
          // movements): keep the pulled row aside rather than stall the table.
          deadLetter(r, e2);
          return;
        }
        if (!losers.length) {
          deadLetter(r, e);
          return;
        }
        try {
          db.transaction(() => upsert.run(bind(r)))();
        } catch (e2) {
          // The local rows left and the hub's did not arrive: every one of them is a loss to log.
          logConflicts(r, losers);
          deadLetter(r, e2);
          return;
        }
        // A local row that said what the hub's row says (bookkeeping and its id aside) lost nothing.
        const stored = db.prepare(`SELECT * FROM "${t.name}" WHERE id = ?`).get(r.id) as LocalRow;
        logConflicts(
          r,
          losers.filter((l) => !sameContent(t, l, stored)),
        );
      }
    }
    if (t.kind === 'mutable') setRowVersion(db, t.name, r.id, r.sync_seq);
    result.applied++;
  };
  const logConflicts = (r: PulledRow, losers: LocalRow[]) => {
    for (const local of losers) {
      recordLocalConflict(db, {
        tableName: t.name,
        rowId: local.id,
        winner: r,
        loser: local,
        winnerDevice: (r.origin_device as string) ?? null,
        loserDevice: (local.origin_device as string) ?? null,
        now: ctx.now,
        device: ctx.device,
      });
      result.localConflicts++;
    }
  };
  const deadLetter = (r: PulledRow, e: unknown) => {
    recordDeadLetter(db, {
      direction: 'pull',
      tableName: t.name,
      rowId: r.id,
      mutationId: null,
      code: (e as { code?: string }).code ?? 'apply_failed',
      message: (e as Error).message ?? String(e),
      row: r,
      failedAt: ctx.now,
    });
    result.deadLetters++;
  };

  const run = (careful: boolean) =>
    db.transaction(() => {
      db.prepare('UPDATE sync_flags SET applying = 1').run();
      for (const r of rows) applyOne(r, careful);
      db.prepare('UPDATE sync_flags SET applying = 0').run();
      if (cursor) advanceCursor(db, t.name, cursor, rows.length, ctx.now);
    })();
  try {
    run(false);
  } catch {
    // Something in the page does not fit here: redo it row by row so only the misfits are set aside.
    Object.assign(result, { applied: 0, keptLocal: 0, deadLetters: 0, localConflicts: 0 });
    run(true);
  }
  return result;
}

type LocalRow = Record<string, unknown> & { id: string };

/**
 * A pulled row whose natural key (e.g. a setting's scope+key) is held by a different local row:
 * the hub's row wins, the local one leaves with its pending push and its push dead letter. Returns
 * the rows that left; the caller logs those whose content differs from the hub's row.
 */
function takeNaturalKeys(db: Db, t: SyncedTable, r: PulledRow): LocalRow[] {
  const taken: LocalRow[] = [];
  for (const key of t.uniqueKeys) {
    if (key.some((k) => r[k] === null || r[k] === undefined)) continue;
    const where = key.map((k) => `"${k}" = ?`).join(' AND ');
    const locals = db
      .prepare(`SELECT * FROM "${t.name}" WHERE ${where} AND id <> ?`)
      .all(...key.map((k) => toSqlite(r[k])), r.id) as LocalRow[];
    for (const local of locals) {
      db.transaction(() => {
        db.prepare(`DELETE FROM "${t.name}" WHERE id = ?`).run(local.id);
        dropPending(db, t.name, local.id);
        db.prepare("DELETE FROM dead_letters WHERE direction = 'push' AND table_name = ? AND row_id = ?").run(t.name, local.id);
      })();
      taken.push(local);
    }
  }
  return taken;
}

/**
 * Whether two stored versions of a row say the same thing: every synced column but `id` and the
 * bookkeeping ones (BOOKKEEPING_COLUMNS) equal, and both removed or both not (whenever that was).
 * The hub's conflict log applies the same rule (opsdeck_row_content).
 */
export function sameContent(t: SyncedTable, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return t.columns.every((c) => {
    if (c === 'id' || (BOOKKEEPING_COLUMNS as readonly string[]).includes(c)) return true;
    if (c === 'deleted_at') return (a[c] == null) === (b[c] == null);
    const x = a[c];
    const y = b[c];
    if (Buffer.isBuffer(x) && Buffer.isBuffer(y)) return x.equals(y);
    return x === y;
  });
}

function toSqlite(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}
