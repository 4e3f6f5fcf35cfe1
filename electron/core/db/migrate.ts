import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AppError } from '@shared/errors.js';
import { backupDir, writeBackup } from './backup.js';
import type { Db } from './connection.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const DEFAULT_MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** First line of a migration that must run with foreign keys off (a table rebuild). */
export const FK_OFF_MARKER = '-- opsdeck:foreign-keys-off';

const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const list = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = FILE_RE.exec(f);
      if (!m) throw new AppError('conflict', `Bad migration file name "${f}" (expected NNNN_name.sql)`);
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return { version: Number(m[1]), name: m[2]!, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version === list[i - 1]!.version) throw new AppError('conflict', `Two migrations share version ${list[i]!.version}`);
  }
  return list;
}

export interface MigrateResult {
  applied: number[];
  version: number;
  backupFile: string | null;
}

function ensureHistory(db: Db) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
}

export function currentSchemaVersion(db: Db): number {
  ensureHistory(db);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies pending migrations, each in its own transaction, recording history. Refuses a database
 * whose applied history is not a prefix of the known migrations (a newer app wrote it, or a file
 * was edited after release). Backs up a non-empty database before changing its schema.
 */
export function migrate(
  db: Db,
  opts: {
    migrations?: Migration[];
    /** where backups/ lives; a non-empty database is backed up before changing */ dataDir?: string;
    now?: () => number;
    upTo?: number;
  } = {},
): MigrateResult {
  const migrations = opts.migrations ?? loadMigrations();
  const now = opts.now ?? Date.now;
  ensureHistory(db);
  const applied = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all() as Array<{
    version: number;
    checksum: string;
  }>;
  applied.forEach((a, i) => {
    const known = migrations[i];
    if (!known || known.version !== a.version) {
      throw new AppError('conflict', `Database schema version ${a.version} is unknown to this app (newer app or out-of-order migrations)`);
    }
    if (known.checksum !== a.checksum) {
      throw new AppError('conflict', `Migration ${a.version}_${known.name} changed after it was applied`);
    }
  });
  const pending = migrations.slice(applied.length).filter((m) => opts.upTo === undefined || m.version <= opts.upTo);
  let backupFile: string | null = null;
  if (pending.length && applied.length && opts.dataDir) {
    backupFile = path.join(backupDir(opts.dataDir), writeBackup(db, opts.dataDir, 'pre-migration', now()).file);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of pending) {
    // A migration that rebuilds a referenced table (SQLite's 12-step ALTER) declares it on its first
    // line; foreign keys cannot be switched inside a transaction, so they are off around it and
    // every reference is checked before it commits.
    const fkOff = m.sql.startsWith(FK_OFF_MARKER);
    const fkWas = db.pragma('foreign_keys', { simple: true }) as number;
    if (fkOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (fkOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new AppError('conflict', `Migration ${m.version}_${m.name} leaves ${broken.length} broken reference(s)`);
        }
        record.run(m.version, m.name, m.checksum, now());
      })();
    } finally {
      if (fkOff) db.pragma(`foreign_keys = ${fkWas ? 'ON' : 'OFF'}`);
    }
  }
  return { applied: pending.map((m) => m.version), version: currentSchemaVersion(db), backupFile };
}
