import type Database from 'better-sqlite3';
import type { Db } from './connection.js';

type Statement = Database.Statement<unknown[], unknown>;
const prepared = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement prepared once per connection: for repositories called thousands of times in a run
 * (an import applies every page through several statements). Keep the SQL text fixed per call
 * site (or drawn from a small set), and use the same mode (pluck or not) every time.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare<unknown[], unknown>(sql)));
  return st;
}
