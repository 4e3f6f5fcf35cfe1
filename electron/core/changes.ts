import fs from 'node:fs';
import path from 'node:path';
import type { DataChanged } from '@shared/contract/events.js';
import { SYNCED_TABLES } from './db/syncedTables.js';
import type { Db } from './db/connection.js';
import type { CoreContext } from './context.js';

/** Beyond this many rows a change names its tables only (listeners reload them). */
export const MAX_CHANGED_IDS = 200;

/** Tables whose writes are bookkeeping, not data a screen shows. */
const NOT_DATA = new Set(['audit_log']);

/**
 * Where the outbox stands: every write of a synced table queues an outbox row (local triggers,
 * whatever connection wrote it, a worker thread included), so the rows past a mark are what changed.
 */
export function changeMark(db: Db): number {
  const r = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
  return r?.seq ?? 0;
}

/** What was written since `mark`, or null if nothing a screen shows. */
export function changesSince(db: Db, mark: number): DataChanged | null {
  const tables = (db.prepare('SELECT DISTINCT table_name FROM outbox WHERE mutation_id > ?').pluck().all(mark) as string[]).filter(
    (t) => !NOT_DATA.has(t),
  );
  if (tables.length === 0) return null;
  const ids = db
    .prepare(
      `SELECT DISTINCT row_id FROM outbox WHERE mutation_id > ? AND table_name NOT IN (${[...NOT_DATA].map(() => '?').join(', ')}) LIMIT ?`,
    )
    .pluck()
    .all(mark, ...NOT_DATA, MAX_CHANGED_IDS + 1) as string[];
  return ids.length > MAX_CHANGED_IDS ? { tables: tables.sort() } : { tables: tables.sort(), ids };
}

/** The one way the core announces written data (push event `data.changed`); never throws. */
export function emitDataChanged(ctx: Pick<CoreContext, 'events' | 'log'>, change: DataChanged | null): void {
  if (!change || change.tables.length === 0) return;
  try {
    const ids = change.ids && change.ids.length > MAX_CHANGED_IDS ? undefined : change.ids;
    ctx.events.emit(
      'data.changed',
      ids ? { tables: [...new Set(change.tables)], ids: [...new Set(ids)] } : { tables: [...new Set(change.tables)] },
    );
  } catch (e) {
    ctx.log.warn('data.changed not sent', { error: String(e) });
  }
}

/**
 * Tables another connection may change without queuing an outbox row: local-only columns of synced
 * tables (paper left, online status, event totals) and tables that never sync.
 */
export const UNTRACKED_TABLES: readonly string[] = [
  ...SYNCED_TABLES.filter((t) => t.localColumns?.length).map((t) => t.name),
  'alerts',
  'stock_balances',
  'forecasts',
];

/**
 * Writes by other connections to the same file (the CSV import worker, a booth agent run as its
 * own process) reach the change feed too: the database directory is watched (no timer), and when
 * SQLite's data_version says another connection committed, what it wrote is announced. A file
 * system without change notifications falls back to checking data_version every second.
 */
export function watchExternalWrites(ctx: Pick<CoreContext, 'db' | 'dbPath' | 'events' | 'log'>): () => void {
  if (ctx.db.memory || ctx.dbPath === ':memory:') return () => {};
  const version = () => ctx.db.pragma('data_version', { simple: true }) as number;
  let seen = version();
  let mark = changeMark(ctx.db);
  let timer: NodeJS.Timeout | null = null;
  const check = () => {
    timer = null;
    if (!ctx.db.open) return;
    try {
      const v = version();
      if (v === seen) return;
      seen = v;
      const tracked = changesSince(ctx.db, mark);
      mark = changeMark(ctx.db);
      emitDataChanged(ctx, { tables: [...(tracked?.tables ?? []), ...UNTRACKED_TABLES] });
    } catch (e) {
      ctx.log.warn('external write check failed', { error: String(e) });
    }
  };
  const soon = () => {
    if (!timer) timer = setTimeout(check, 50);
  };
  const base = path.basename(ctx.dbPath);
  try {
    const watcher = fs.watch(path.dirname(path.resolve(ctx.dbPath)), { persistent: false }, (_e, name) => {
      if (!name || String(name).startsWith(base)) soon();
    });
    watcher.on('error', () => undefined);
    return () => {
      watcher.close();
      if (timer) clearTimeout(timer);
    };
  } catch {
    const every = setInterval(check, 1000);
    every.unref();
    return () => clearInterval(every);
  }
}
