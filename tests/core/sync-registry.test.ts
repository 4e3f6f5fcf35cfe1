import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { describe, test, expect, afterEach } from 'vitest';
import { getCursor } from '@core/db/repos/syncState.js';
import { applyPulledPage } from '@core/db/repos/syncStateApply.js';
import { nextBatch, acknowledge, realignCounter, pendingCount } from '@core/db/repos/outbox.js';
import { outboxTriggerSql } from '@core/modules/sync/triggerSql.js';
import { SYNCED_TABLES, PUSHED_TABLES, BOOKKEEPING_COLUMNS } from '@core/db/syncedTables.js';
import { openDatabase } from '@core/db/connection.js';
import { migrate } from '@core/db/migrate.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore | null = null;
afterEach(() => {
  core?.dispose();
  core = null;
});

const HUB_DIR = path.resolve(import.meta.dirname, '../../supabase/migrations');
const HUB_SQL = fs
  .readdirSync(HUB_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => fs.readFileSync(path.join(HUB_DIR, f), 'utf8'))
  .join('\n');

describe('synced-table registry', () => {
  test('every registered table exists locally: synced columns plus the declared local-only ones, nothing else', () => {
    core = createTestCore();
    for (const t of SYNCED_TABLES) {
      const cols = (core.ctx.db.prepare(`PRAGMA table_info(${t.name})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect([...cols].sort(), t.name).toEqual([...t.columns, ...(t.localColumns ?? [])].sort());
      expect(
        t.columns.filter((c) => t.localColumns?.includes(c)),
        t.name,
      ).toEqual([]);
    }
  });
  test('every pushed table has exactly the generated outbox triggers; hub-only tables have none', () => {
    core = createTestCore();
    const triggers = core.ctx.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_outbox_%'")
      .all() as Array<{ name: string; sql: string }>;
    for (const t of PUSHED_TABLES) {
      const want = outboxTriggerSql(t).split('\n\n')[0]!;
      for (const stmt of want.split(/(?<=END;)\n/)) {
        const name = /CREATE TRIGGER (\S+)/.exec(stmt)![1]!;
        expect(triggers.find((x) => x.name === name)?.sql.replace(/\s+/g, ' '), name).toBe(
          stmt.replace(/;$/, '').replace(/\s+/g, ' ').replace(/ END$/, ' END'),
        );
      }
    }
    expect(triggers.filter((x) => x.name.startsWith('conflicts_'))).toEqual([]);
  });
  test('every registered table is made synced on the hub', () => {
    for (const t of SYNCED_TABLES) expect(HUB_SQL).toContain(`opsdeck_make_synced('${t.name}', '${t.kind}'`);
  });
});

describe('outbox', () => {
  test('a local change and its outbox entry commit or roll back together', () => {
    core = createTestCore();
    const db = core.ctx.db;
    const before = pendingCount(db);
    expect(() =>
      db.transaction(() => {
        db.prepare(
          `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES ('s1', 'global', '', 'x', '1', 1, 1, 'd')`,
        ).run();
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    expect(pendingCount(db)).toBe(before);
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES ('s1', 'global', '', 'x', '1', 1, 1, 'd')`,
    ).run();
    expect(pendingCount(db)).toBe(before + 1);
  });

  test('batches are prefixes: a record changed again later is covered by the later batch too', () => {
    core = createTestCore();
    const db = core.ctx.db;
    acknowledge(db, Number.MAX_SAFE_INTEGER);
    const ins = db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES (?, 'global', '', ?, '1', 1, 1, 'd')`,
    );
    for (let i = 0; i < 5; i++) ins.run(`s${i}`, `k${i}`);
    db.prepare(`UPDATE settings SET value = '2' WHERE id = 's0'`).run();
    const b1 = nextBatch(db, 3)!;
    expect(b1.rows.map((r) => r.rowId)).toEqual(['s0', 's1', 's2']);
    expect(b1.rows[0]!.row!.value).toBe('2');
    acknowledge(db, b1.windowEnd);
    const b2 = nextBatch(db, 10)!;
    expect(b2.rows.map((r) => r.rowId)).toEqual(['s3', 's4', 's0']);
    expect(Math.min(...b2.rows.map((r) => r.mutationId))).toBeGreaterThan(b1.windowEnd);
  });

  test('a counter behind the hub (restored database) is moved above it; one ahead is left alone', () => {
    core = createTestCore();
    const db = core.ctx.db;
    const top = (db.prepare('SELECT MAX(mutation_id) AS m FROM outbox').get() as { m: number }).m;
    expect(realignCounter(db, top - 1)).toBe(0);
    const n = pendingCount(db);
    expect(realignCounter(db, top + 100)).toBeGreaterThan(0);
    const min = (db.prepare('SELECT MIN(mutation_id) AS m FROM outbox').get() as { m: number }).m;
    expect(min).toBe(top + 101);
    expect(pendingCount(db)).toBe(n);
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES ('z', 'global', '', 'z', '1', 1, 1, 'd')`,
    ).run();
    expect((db.prepare("SELECT mutation_id AS m FROM outbox WHERE row_id = 'z'").get() as { m: number }).m).toBeGreaterThan(top + 100);
  });
});

describe('applying a pulled page', () => {
  const settings = SYNCED_TABLES.find((t) => t.name === 'settings')!;
  const row = (id: string, key: string, value: string, seq: number) => ({
    id,
    scope: 'global',
    device_id: '',
    key,
    value,
    created_at: 1,
    updated_at: 1,
    deleted_at: null,
    origin_device: 'other',
    sync_txid: 5,
    sync_seq: seq,
  });

  test('does not echo into the outbox, moves the cursor in the same transaction', () => {
    core = createTestCore();
    const db = core.ctx.db;
    const before = pendingCount(db);
    const r = applyPulledPage(
      db,
      settings,
      [row('p1', 'a', '1', 1), row('p2', 'b', '2', 2)],
      { txid: 5, seq: 2 },
      { now: 1, device: 'me' },
    );
    expect(r).toMatchObject({ applied: 2, deadLetters: 0 });
    expect(pendingCount(db)).toBe(before);
    expect(getCursor(db, 'settings')).toEqual({ txid: 5, seq: 2 });
  });

  test('a row that breaks a local CHECK becomes a dead letter holding it; the rest applies', () => {
    core = createTestCore();
    const db = core.ctx.db;
    const r = applyPulledPage(
      db,
      settings,
      [row('p1', 'a', 'not json', 1), row('p2', 'b', '2', 2)],
      { txid: 5, seq: 2 },
      { now: 1, device: 'me' },
    );
    expect(r).toMatchObject({ applied: 1, deadLetters: 1 });
    const d = db.prepare('SELECT direction, row_id, row_json FROM dead_letters').get() as {
      direction: string;
      row_id: string;
      row_json: string;
    };
    expect(d).toMatchObject({ direction: 'pull', row_id: 'p1' });
    expect(JSON.parse(d.row_json).value).toBe('not json');
    expect(getCursor(db, 'settings')).toEqual({ txid: 5, seq: 2 });
  });

  test('a natural-key clash: the hub row wins, the local one goes to the conflict log', () => {
    core = createTestCore();
    const db = core.ctx.db;
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES ('mine', 'global', '', 'k', '"local"', 1, 1, 'me')`,
    ).run();
    const r = applyPulledPage(db, settings, [row('theirs', 'k', '"hub"', 3)], { txid: 5, seq: 3 }, { now: 1, device: 'me' });
    expect(r).toMatchObject({ applied: 1, localConflicts: 1 });
    expect(db.prepare(`SELECT id, value FROM settings WHERE key = 'k'`).all()).toEqual([{ id: 'theirs', value: '"hub"' }]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE row_id = 'mine'`).get()).toEqual({ n: 0 });
    const c = db.prepare('SELECT row_id, loser FROM conflicts').get() as { row_id: string; loser: string };
    expect(c.row_id).toBe('mine');
    expect(JSON.parse(c.loser).value).toBe('"local"');
  });

  test('a natural-key clash with the same content: the hub row takes the key, the local one leaves, nothing is logged', () => {
    core = createTestCore();
    const db = core.ctx.db;
    // Same scope, key and value, its own id, creation time and device; removed too, at another time.
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, deleted_at, origin_device) VALUES ('mine', 'global', '', 'k', '"same"', 7, 8, 8, 'me')`,
    ).run();
    db.prepare(
      `INSERT INTO dead_letters (id, direction, table_name, row_id, mutation_id, code, message, row_json, failed_at) VALUES ('dl', 'push', 'settings', 'mine', 1, '23505', 'taken', '{}', 9)`,
    ).run();
    const r = applyPulledPage(
      db,
      settings,
      [{ ...row('theirs', 'k', '"same"', 3), deleted_at: 2 }],
      { txid: 5, seq: 3 },
      { now: 10, device: 'me' },
    );
    expect(r).toMatchObject({ applied: 1, localConflicts: 0, deadLetters: 0 });
    expect(db.prepare(`SELECT id, value FROM settings WHERE key = 'k'`).all()).toEqual([{ id: 'theirs', value: '"same"' }]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE row_id = 'mine'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM conflicts').get()).toEqual({ n: 0 });
    // Removed on one side only is a difference: logged.
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, deleted_at, origin_device) VALUES ('mine2', 'global', '', 'k2', '"same"', 7, 8, 8, 'me')`,
    ).run();
    const r2 = applyPulledPage(db, settings, [row('theirs2', 'k2', '"same"', 4)], { txid: 5, seq: 4 }, { now: 10, device: 'me' });
    expect(r2).toMatchObject({ applied: 1, localConflicts: 1 });
    expect(db.prepare('SELECT row_id FROM conflicts').pluck().all()).toEqual(['mine2']);
  });

  test("the local content rule and the hub's leave out the same bookkeeping columns", () => {
    const hub = /create or replace function public\.opsdeck_row_content[\s\S]*?array\[([^\]]*)\]/.exec(HUB_SQL)?.[1];
    expect(hub).toBeDefined();
    const skipped = hub!.split(',').map((c) => c.trim().replace(/'/g, ''));
    expect(skipped).toEqual(['sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer', ...BOOKKEEPING_COLUMNS, 'deleted_at']);
  });

  test('a local change not yet pushed is kept over the pulled version', () => {
    core = createTestCore();
    const db = core.ctx.db;
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES ('s', 'global', '', 'k', '"local"', 1, 1, 'me')`,
    ).run();
    const r = applyPulledPage(db, settings, [row('s', 'k', '"hub"', 4)], { txid: 5, seq: 4 }, { now: 1, device: 'me' });
    expect(r).toMatchObject({ applied: 0, keptLocal: 1 });
    expect(db.prepare(`SELECT value FROM settings WHERE id = 's'`).get()).toEqual({ value: '"local"' });
  });
});

describe('hub confirmation (for purging local samples)', () => {
  test('a row is confirmed only once it left the outbox without being refused, and only for synced tables', async () => {
    const { hubConfirmed, acknowledge: ack } = await import('@core/db/repos/outbox.js');
    const { recordDeadLetter } = await import('@core/db/repos/outboxDeadLetters.js');
    core = createTestCore();
    const db = core.ctx.db;
    ack(db, Number.MAX_SAFE_INTEGER);
    const ins = db.prepare(
      `INSERT INTO audit_log (id, at, action, outcome, details, created_at, updated_at, origin_device) VALUES (?, 1, 'x', 'ok', '{}', 1, 1, 'd')`,
    );
    ins.run('pushed');
    ins.run('refused');
    ack(db, Number.MAX_SAFE_INTEGER);
    recordDeadLetter(db, {
      direction: 'push',
      tableName: 'audit_log',
      rowId: 'refused',
      mutationId: 1,
      code: '42501',
      message: 'no',
      row: {},
      failedAt: 1,
    });
    ins.run('queued');
    expect([...hubConfirmed(db, 'audit_log', ['pushed', 'refused', 'queued'])]).toEqual(['pushed']);
    expect(hubConfirmed(db, 'not_synced_yet', ['pushed']).size).toBe(0);
  });
});

describe('migration 0041 on an existing database', () => {
  test('queues the existing business rows once (parents first) and sets initial paper so remaining = initial + Σ deltas', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-0041-'));
    const db = openDatabase(path.join(dir, 'old.db'));
    try {
      migrate(db, { upTo: 40 });
      db.prepare('DELETE FROM outbox').run();
      const T = 1_790_000_000_000;
      db.prepare(`INSERT INTO products (id, sku, name, created_at, updated_at, origin_device) VALUES ('p1', 'S1', 'P', ?, ?, 'd')`).run(
        T,
        T,
      );
      db.prepare(
        `INSERT INTO locations (id, name, kind, created_at, updated_at, origin_device) VALUES ('w1', 'W', 'warehouse', ?, ?, 'd')`,
      ).run(T, T);
      db.prepare(
        `INSERT INTO booths (id, name, remaining_prints, created_at, updated_at, origin_device) VALUES ('b1', 'B', 640, ?, ?, 'd')`,
      ).run(T, T);
      db.prepare(
        `INSERT INTO stock_movements (id, product_id, location_id, type, quantity, direction, delta, occurred_at, source, created_at, updated_at, origin_device) VALUES ('m1', 'p1', 'w1', 'in', 3, 1, 3, ?, 'manual', ?, ?, 'd')`,
      ).run(T, T, T);
      db.prepare(
        `INSERT INTO booth_counter_events (id, booth_id, kind, count, prints_delta, occurred_at, created_at, updated_at, origin_device) VALUES ('c1', 'b1', 'print', 60, -60, ?, ?, ?, 'd')`,
      ).run(T, T, T);
      migrate(db);
      const queued = db.prepare('SELECT table_name AS t, row_id AS id FROM outbox ORDER BY mutation_id').all();
      // The booth's derived location (id = booth id) is not pushed: every device and the hub derive it.
      expect(queued).toEqual([
        { t: 'products', id: 'p1' },
        { t: 'locations', id: 'w1' },
        { t: 'booths', id: 'b1' },
        { t: 'stock_movements', id: 'm1' },
        { t: 'booth_counter_events', id: 'c1' },
      ]);
      expect(db.prepare("SELECT initial_prints, remaining_prints FROM booths WHERE id = 'b1'").get()).toEqual({
        initial_prints: 700,
        remaining_prints: 640,
      });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
