import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makePrivateFile, precreatePrivate } from './fileModes.js';
import { foldSql } from './fold.js';
import { registerGridDay } from './gridDays.js';

export type Db = Database.Database;

/** The one writer connection of the core: WAL, foreign keys, a busy timeout. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    precreatePrivate(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // SQLite gives -wal/-shm the database's mode; an older install's 0644 files are tightened here.
  if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) makePrivateFile(f);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // fold(text): accent- and case-blind search and sort (catalog lists); see fold.ts.
  db.function('fold', { deterministic: true }, foldSql);
  // grid_day(ms): the local calendar day of an instant, which the stock_days trigger files lines under; see gridDays.ts.
  registerGridDay(db);
  return db;
}
