import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@core/db/connection.js';
import { currentSchemaVersion, loadMigrations, migrate } from '@core/db/migrate.js';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-mig-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function schemaOf(db: Db): string[] {
  return db
    .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .pluck()
    .all() as string[];
}

describe('migrations', () => {
  const all = loadMigrations();

  it('are numbered, unique and start at 1', () => {
    expect(all.length).toBeGreaterThan(0);
    expect(all[0]!.version).toBe(1);
    const versions = all.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('apply from empty, record history with checksums, and are idempotent on a second run', () => {
    const db = openDatabase(path.join(tempDir(), 'a.db'));
    const first = migrate(db);
    expect(first.applied).toEqual(all.map((m) => m.version));
    expect(currentSchemaVersion(db)).toBe(all[all.length - 1]!.version);
    const hist = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all() as Array<{
      version: number;
      checksum: string;
    }>;
    expect(hist.map((h) => h.checksum)).toEqual(all.map((m) => m.checksum));
    expect(migrate(db).applied).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('upgrade from every earlier version gives the same schema as a fresh install, keeping a backup', () => {
    const fresh = openDatabase(path.join(tempDir(), 'fresh.db'));
    migrate(fresh);
    const expected = schemaOf(fresh);
    fresh.close();
    for (const m of all.slice(0, -1)) {
      const dir = tempDir();
      const db = openDatabase(path.join(dir, `from-${m.version}.db`));
      migrate(db, { upTo: m.version });
      expect(currentSchemaVersion(db)).toBe(m.version);
      const res = migrate(db, { dataDir: dir });
      expect(res.version).toBe(all[all.length - 1]!.version);
      expect(res.backupFile && fs.existsSync(res.backupFile)).toBeTruthy();
      expect(schemaOf(db)).toEqual(expected);
      db.close();
    }
  });

  it('0230 (order numbering series) keeps every order, its number and its lines, in the plain series', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'orders.db'));
    migrate(db, { upTo: 211 });
    const meta = "1, 1, 'dev-a'";
    db.exec(`INSERT INTO clients (id, name, created_at, updated_at, origin_device) VALUES ('c1', 'Boutique Martin', ${meta});
      INSERT INTO products (id, sku, name, created_at, updated_at, origin_device) VALUES ('p1', 'CAD-1', 'Cadre', ${meta});
      INSERT INTO customer_orders (id, number, year, seq, client_id, status, ordered_at, total_ht, created_at, updated_at, origin_device)
        VALUES ('o1', 'CMD-2026-0001', 2026, 1, 'c1', 'confirmed', 5, '20.00', ${meta}), ('o2', 'CMD-2026-0002', 2026, 2, 'c1', 'pending', 6, '0.00', ${meta});
      INSERT INTO customer_order_lines (id, order_id, position, product_id, quantity, unit_price, vat_rate, line_ht, created_at, updated_at, origin_device)
        VALUES ('l1', 'o1', 0, 'p1', 2, '10', '20', '20.00', ${meta});`);
    migrate(db, { dataDir: dir });
    expect(db.prepare('SELECT id, number, year, series, seq, status, total_ht FROM customer_orders ORDER BY seq').all()).toEqual([
      { id: 'o1', number: 'CMD-2026-0001', year: 2026, series: '', seq: 1, status: 'confirmed', total_ht: '20.00' },
      { id: 'o2', number: 'CMD-2026-0002', year: 2026, series: '', seq: 2, status: 'pending', total_ht: '0.00' },
    ]);
    expect(db.prepare('SELECT o.number FROM customer_order_lines l JOIN customer_orders o ON o.id = l.order_id').pluck().all()).toEqual([
      'CMD-2026-0001',
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The same seq in another series is another order; the same (year, series, seq) is refused.
    const ins = db.prepare(
      "INSERT INTO customer_orders (id, number, year, series, seq, client_id, ordered_at, created_at, updated_at, origin_device) VALUES (?, ?, 2026, ?, ?, 'c1', 7, 1, 1, 'dev-b')",
    );
    ins.run('o3', 'CMD-2026-B-0001', 'B', 1);
    expect(() => ins.run('o4', 'CMD-2026-B-0009', 'B', 1)).toThrow(/UNIQUE/);
    expect(() => ins.run('o5', 'CMD-2026-b-0002', 'b', 2)).toThrow(/CHECK/);
    db.close();
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const db = openDatabase(path.join(tempDir(), 'b.db'));
    migrate(db);
    db.prepare("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1").run();
    expect(() => migrate(db)).toThrow(/changed after it was applied/);
    db.close();
  });

  it('refuses a database written by a newer app (unknown version) and changes nothing', () => {
    const db = openDatabase(path.join(tempDir(), 'c.db'));
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, 'future', 'x', 0)").run();
    const before = schemaOf(db);
    expect(() => migrate(db)).toThrow(/unknown to this app/);
    expect(schemaOf(db)).toEqual(before);
    db.close();
  });

  it('rolls back a failing migration whole and records nothing for it', () => {
    const dir = tempDir();
    const mdir = path.join(dir, 'm');
    fs.mkdirSync(mdir);
    fs.writeFileSync(path.join(mdir, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    fs.writeFileSync(path.join(mdir, '0002_bad.sql'), 'CREATE TABLE b (y INTEGER); INSERT INTO nope VALUES (1);');
    const db = openDatabase(path.join(dir, 'd.db'));
    expect(() => migrate(db, { migrations: loadMigrations(mdir) })).toThrow();
    expect(currentSchemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
    db.close();
  });

  it('opens with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(tempDir(), 'e.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('makes the audit log an append-only ledger', () => {
    const db = openDatabase(path.join(tempDir(), 'f.db'));
    migrate(db);
    db.prepare(
      "INSERT INTO audit_log (id, at, action, outcome, created_at, updated_at, origin_device) VALUES ('a', 1, 'x', 'ok', 1, 1, 'd')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO audit_log (id, at, action, outcome, created_at, updated_at, origin_device) VALUES ('b', 1, 'x', 'maybe', 1, 1, 'd')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
