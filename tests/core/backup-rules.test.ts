import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyStagedRestore, backupDir, listBackups, pruneBackups, stagedRestoreFile, verifyBackup, writeBackup } from '@core/db/backup.js';
import { runDailyBackup, startDailyBackups } from '@core/modules/backup/daily.js';
import { currentSchemaVersion } from '@core/db/migrate.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/** Backup names, listing, rotation, verification and the staged swap: each rule pinned by an outcome. */
const DAY = 86_400_000;
let core: TestCore;
beforeEach(() => {
  core = createTestCore({ start: Date.UTC(2026, 10, 23, 9, 5, 7) });
});
afterEach(() => {
  vi.useRealTimers();
  core.dispose();
});

const dir = () => backupDir(core.dir);
const touch = (name: string, content = 'x') => {
  fs.mkdirSync(dir(), { recursive: true });
  fs.writeFileSync(path.join(dir(), name), content);
};

describe('writing and listing backups', () => {
  it('names a backup by reason and UTC time; a second one in the same second gets -1, -2', () => {
    const now = core.clock.now();
    const a = writeBackup(core.ctx.db, core.dir, 'manual', now);
    const b = writeBackup(core.ctx.db, core.dir, 'manual', now);
    const c = writeBackup(core.ctx.db, core.dir, 'manual', now);
    expect([a.file, b.file, c.file]).toEqual([
      'opsdeck-manual-20261123-090507.db',
      'opsdeck-manual-20261123-090507-1.db',
      'opsdeck-manual-20261123-090507-2.db',
    ]);
    expect(a).toMatchObject({ createdAt: now, reason: 'manual' });
    expect(a.sizeBytes).toBe(fs.statSync(path.join(dir(), a.file)).size);
    expect(a.sizeBytes).toBeGreaterThan(4096);
    expect(writeBackup(core.ctx.db, core.dir, 'daily', Date.UTC(2027, 0, 2, 3, 4, 5)).file).toBe('opsdeck-daily-20270102-030405.db');
  });

  it('lists newest first with the time read from the name, reasons kept, other files ignored', () => {
    expect(listBackups(core.dir)).toEqual([]);
    touch('opsdeck-daily-20261120-000000.db', 'abc');
    touch('opsdeck-manual-20261122-101010.db');
    touch('opsdeck-pre-migration-20261121-000000.db');
    touch('opsdeck-pre-restore-20261122-101010.db');
    touch('opsdeck-odd-20261119-000000.db');
    for (const junk of [
      'notes.txt',
      'opsdeck-manual-2026.db',
      'opsdeck-manual-20261122-101010.db.bak',
      'xopsdeck-daily-20261120-000000.db',
      'opsdeck-Daily-20261120-000000.db',
    ])
      touch(junk);
    const list = listBackups(core.dir);
    expect(list.map((b) => [b.file, b.reason, b.createdAt])).toEqual([
      ['opsdeck-pre-restore-20261122-101010.db', 'pre-restore', Date.UTC(2026, 10, 22, 10, 10, 10)],
      ['opsdeck-manual-20261122-101010.db', 'manual', Date.UTC(2026, 10, 22, 10, 10, 10)],
      ['opsdeck-pre-migration-20261121-000000.db', 'pre-migration', Date.UTC(2026, 10, 21)],
      ['opsdeck-daily-20261120-000000.db', 'daily', Date.UTC(2026, 10, 20)],
      ['opsdeck-odd-20261119-000000.db', 'manual', Date.UTC(2026, 10, 19)],
    ]);
    expect(list.find((b) => b.reason === 'daily')!.sizeBytes).toBe(3);
  });

  it('rotation keeps the newest daily backups only and never touches manual or pre-restore ones', () => {
    for (let d = 1; d <= 5; d++) touch(`opsdeck-daily-2026110${d}-000000.db`);
    touch('opsdeck-manual-20261101-000000.db');
    touch('opsdeck-pre-restore-20261101-000000.db');
    expect(pruneBackups(core.dir, 'daily', 2)).toEqual([
      'opsdeck-daily-20261103-000000.db',
      'opsdeck-daily-20261102-000000.db',
      'opsdeck-daily-20261101-000000.db',
    ]);
    expect(fs.readdirSync(dir()).sort()).toEqual([
      'opsdeck-daily-20261104-000000.db',
      'opsdeck-daily-20261105-000000.db',
      'opsdeck-manual-20261101-000000.db',
      'opsdeck-pre-restore-20261101-000000.db',
    ]);
    expect(pruneBackups(core.dir, 'daily', 2)).toEqual([]);
  });
});

describe('verifying a backup', () => {
  it('accepts a healthy backup of this schema version, refuses a newer one and a database that is not OpsDeck', () => {
    const v = currentSchemaVersion(core.ctx.db);
    const b = writeBackup(core.ctx.db, core.dir, 'manual', core.clock.now());
    const file = path.join(dir(), b.file);
    expect(() => verifyBackup(file, v)).not.toThrow();
    expect(() => verifyBackup(file, v - 1)).toThrow(`made by a newer OpsDeck (schema v${v})`);
    const empty = path.join(core.dir, 'empty.db');
    const e = new Database(empty);
    e.exec('CREATE TABLE schema_migrations (version INTEGER)');
    e.close();
    expect(() => verifyBackup(empty, v)).toThrow('not an OpsDeck database');
    // A missing file is refused without being created.
    expect(() => verifyBackup(path.join(core.dir, 'missing.db'), v)).toThrow();
    expect(fs.existsSync(path.join(core.dir, 'missing.db'))).toBe(false);
    // The file is closed again, refused or accepted (no handle left on it: Linux's /proc shows them).
    if (fs.existsSync('/proc/self/fd')) {
      const open = () =>
        fs.readdirSync('/proc/self/fd').map((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        });
      expect(open().filter((f) => f === file || f === empty)).toEqual([]);
    }
    // Verification opens read-only: the file is unchanged.
    const before = fs.readFileSync(file);
    verifyBackup(file, v);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('the staged restore', () => {
  it('does nothing without a staged file; with one, replaces the database and drops its WAL files', () => {
    const db = path.join(core.dir, 'other.db');
    expect(applyStagedRestore(db)).toBe(false);
    fs.writeFileSync(db, 'old');
    fs.writeFileSync(`${db}-wal`, 'wal');
    fs.writeFileSync(`${db}-shm`, 'shm');
    fs.writeFileSync(stagedRestoreFile(db), 'new');
    expect(stagedRestoreFile(db)).toBe(`${db}.restore-pending`);
    expect(applyStagedRestore(db)).toBe(true);
    expect(fs.readFileSync(db, 'utf8')).toBe('new');
    expect([fs.existsSync(`${db}-wal`), fs.existsSync(`${db}-shm`), fs.existsSync(stagedRestoreFile(db))]).toEqual([false, false, false]);
  });

  it('restore refuses an unknown file as not_found and stages nothing', async () => {
    expect(await core.router.request({ channel: 'backup.restore', input: { file: 'opsdeck-manual-20200101-000000.db' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(fs.existsSync(stagedRestoreFile(core.ctx.dbPath))).toBe(false);
  });
});

describe('daily backups', () => {
  it('one a day: not again within 24 h of the last daily one, again at exactly 24 h', () => {
    expect(runDailyBackup(core.ctx)).toBe('opsdeck-daily-20261123-090507.db');
    core.clock.advance(DAY - 1);
    expect(runDailyBackup(core.ctx)).toBeNull();
    core.clock.advance(1);
    expect(runDailyBackup(core.ctx)).toBe('opsdeck-daily-20261124-090507.db');
    // A manual backup does not count as the daily one.
    core.clock.advance(DAY);
    writeBackup(core.ctx.db, core.dir, 'manual', core.clock.now());
    expect(runDailyBackup(core.ctx)).toBe('opsdeck-daily-20261125-090507.db');
    expect(core.logs.lines.filter((l) => l.msg === 'daily backup written').map((l) => l.fields?.file)).toEqual([
      'opsdeck-daily-20261123-090507.db',
      'opsdeck-daily-20261124-090507.db',
      'opsdeck-daily-20261125-090507.db',
    ]);
  });

  it('a failure is logged and returns null instead of throwing; an in-memory database is never backed up', () => {
    const closed = new Database(path.join(core.dir, 'closed.db'));
    closed.close();
    expect(runDailyBackup({ ...core.ctx, db: closed as unknown as typeof core.ctx.db })).toBeNull();
    expect(core.logs.lines.find((l) => l.msg === 'daily backup failed')).toMatchObject({
      level: 'error',
      fields: { error: expect.stringMatching(/not open/i) },
    });
    expect(runDailyBackup({ ...core.ctx, dbPath: ':memory:' })).toBeNull();
  });

  it('checks at start and then every hour until stopped', () => {
    vi.useFakeTimers();
    const stop = startDailyBackups(core.ctx);
    expect(listBackups(core.dir).filter((b) => b.reason === 'daily')).toHaveLength(1);
    core.clock.advance(DAY);
    vi.advanceTimersByTime(60 * 60 * 1000 - 1);
    expect(listBackups(core.dir).filter((b) => b.reason === 'daily')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(listBackups(core.dir).filter((b) => b.reason === 'daily')).toHaveLength(2);
    stop();
    core.clock.advance(DAY);
    vi.advanceTimersByTime(3 * 60 * 60 * 1000);
    expect(listBackups(core.dir).filter((b) => b.reason === 'daily')).toHaveLength(2);
  });
});
