import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '@shared/contract/backup.js';
import { AppError } from '@shared/errors.js';
import { makePrivateDir, makePrivateFile } from './fileModes.js';
import type { Db } from './connection.js';

export type BackupReason = BackupInfo['reason'];
const NAME_RE = /^opsdeck-([a-z-]+)-(\d{8})-(\d{6})(?:-\d+)?\.db$/;

export function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** The file that, when present at start-up, replaces the database before it is opened. */
export function stagedRestoreFile(dbPath: string): string {
  return `${dbPath}.restore-pending`;
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * VACUUM INTO gives a consistent snapshot even in WAL mode (copying the file would lose what is
 * still in the WAL); the copy is switched to a rollback journal so it is one self-contained file.
 */
export function writeBackup(db: Db, dataDir: string, reason: BackupReason, now: number): BackupInfo {
  const dir = backupDir(dataDir);
  makePrivateDir(dir);
  let file = path.join(dir, `opsdeck-${reason}-${stamp(now)}.db`);
  for (let i = 1; fs.existsSync(file); i++) file = path.join(dir, `opsdeck-${reason}-${stamp(now)}-${i}.db`);
  db.prepare('VACUUM INTO ?').run(file);
  makePrivateFile(file);
  const copy = new Database(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  makePrivateFile(file);
  return { file: path.basename(file), createdAt: now, sizeBytes: fs.statSync(file).size, reason };
}

/** The time is read from the name (written from the core's clock), not the file's mtime. */
function stampToMs(day: string, time: string): number | null {
  const ms = Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8), +time.slice(0, 2), +time.slice(2, 4), +time.slice(4, 6));
  return Number.isFinite(ms) ? ms : null;
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => ({ f, m: NAME_RE.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .map(({ f, m }) => {
      const st = fs.statSync(path.join(dir, f));
      const reason = (['daily', 'manual', 'pre-migration', 'pre-restore'].includes(m[1]!) ? m[1] : 'manual') as BackupReason;
      return { file: f, createdAt: stampToMs(m[2]!, m[3]!) ?? st.mtimeMs, sizeBytes: st.size, reason };
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.file.localeCompare(a.file));
}

/** Keeps the newest `keep` backups of one reason; manual and pre-restore ones are never pruned. */
export function pruneBackups(dataDir: string, reason: 'daily', keep: number): string[] {
  const old = listBackups(dataDir)
    .filter((b) => b.reason === reason)
    .slice(keep);
  for (const b of old) fs.rmSync(path.join(backupDir(dataDir), b.file), { force: true });
  return old.map((b) => b.file);
}

/** Refuses anything that is not a healthy OpsDeck database this app can open. */
export function verifyBackup(file: string, maxSchemaVersion: number): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('invalid_input', `integrity check failed: ${String(ok)}`);
    const v = db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
    if (v === null) throw new AppError('invalid_input', 'not an OpsDeck database');
    if (v > maxSchemaVersion) throw new AppError('invalid_input', `made by a newer OpsDeck (schema v${v})`);
  } finally {
    db?.close();
  }
}

/** Applied at start-up, before the database is opened: swaps a staged restore in. */
export function applyStagedRestore(dbPath: string): boolean {
  const staged = stagedRestoreFile(dbPath);
  if (!fs.existsSync(staged)) return false;
  for (const f of [`${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(staged, dbPath);
  return true;
}
