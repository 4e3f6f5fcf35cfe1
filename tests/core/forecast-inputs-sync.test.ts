import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { openDatabase } from '@core/db/connection.js';
import { migrate } from '@core/db/migrate.js';
import { insertUser } from '@core/db/repos/users.js';
import { writeDeviceSetting } from '@core/db/repos/settings.js';
import { startForecastSchedule } from '@core/modules/forecast/schedule.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';

/**
 * The forecast's business inputs shared through the hub. Suppliers' order days are a synced business fact (issue 17, item 4; local migration 0245, hub
 * migration 20261210020001): the days an office sets reach every device through the hub, and the
 * other devices' reorder advice follows them (a pulled change announces itself on the change feed,
 * so the forecast schedule recomputes as it does after a local edit). Two devices setting the same
 * supplier meet on one row: the last push wins and the replaced days are in the conflict log. The
 * shop's holiday country is one business-wide setting (it was each device's own).
 */
const DAY = 86_400_000;
const user = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const weekday = (ms: number) => new Date(ms).getUTCDay();

describe('migration 0245 on an existing database', () => {
  test("keeps each supplier's days, made synced rows of this device, queued once for the first push", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-0245-'));
    const db = openDatabase(path.join(dir, 'old.db'));
    try {
      migrate(db, { upTo: 244 });
      db.prepare("INSERT INTO local_state (key, value) VALUES ('device_id', 'dev-old-desk')").run();
      const T = 1_790_000_000_000;
      const put = db.prepare('INSERT INTO supplier_order_days (supplier, weekdays, updated_at) VALUES (?, ?, ?)');
      put.run('Papeterie Nord', (1 << 2) | (1 << 5), T);
      put.run('Emballages Rhône', 1 << 1, T + 1000);
      db.prepare('DELETE FROM outbox').run();
      migrate(db, { upTo: 245 });
      expect(db.prepare('SELECT * FROM supplier_order_days ORDER BY supplier').all()).toEqual([
        {
          id: 'Emballages Rhône',
          supplier: 'Emballages Rhône',
          weekdays: 2,
          created_at: T + 1000,
          updated_at: T + 1000,
          deleted_at: null,
          origin_device: 'dev-old-desk',
        },
        {
          id: 'Papeterie Nord',
          supplier: 'Papeterie Nord',
          weekdays: 36,
          created_at: T,
          updated_at: T,
          deleted_at: null,
          origin_device: 'dev-old-desk',
        },
      ]);
      expect(db.prepare('SELECT table_name AS t, row_id AS id FROM outbox ORDER BY mutation_id').all()).toEqual([
        { t: 'supplier_order_days', id: 'Emballages Rhône' },
        { t: 'supplier_order_days', id: 'Papeterie Nord' },
      ]);
      // From now on every write queues itself (the outbox triggers).
      db.prepare("UPDATE supplier_order_days SET weekdays = 8, updated_at = updated_at + 1 WHERE id = 'Papeterie Nord'").run();
      expect(db.prepare("SELECT COUNT(*) FROM outbox WHERE row_id = 'Papeterie Nord'").pluck().get()).toBe(2);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('order days on one device', () => {
  let core: TestCore;
  afterEach(() => core?.dispose());

  test('a change queues one push and announces the table; removing is a tombstone; the same days again queue nothing; admins only, audited', async () => {
    core = createTestCore();
    const db = core.ctx.db;
    const queued = () => db.prepare("SELECT COUNT(*) FROM outbox WHERE table_name = 'supplier_order_days'").pluck().get() as number;
    const changes: unknown[] = [];
    core.ctx.events.subscribe((e) => {
      if (e.event === 'data.changed') changes.push(e.payload);
    });
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [5, 2] });
    expect(queued()).toBe(1);
    expect(changes).toEqual([{ tables: ['supplier_order_days'], ids: ['Papeterie Nord'] }]);
    expect(db.prepare('SELECT id, supplier, weekdays, deleted_at, origin_device FROM supplier_order_days').all()).toEqual([
      { id: 'Papeterie Nord', supplier: 'Papeterie Nord', weekdays: 36, deleted_at: null, origin_device: core.ctx.deviceId },
    ]);
    // The same days again: nothing written, nothing to push.
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [2, 5] });
    expect(queued()).toBe(1);
    // Removed: a tombstone (synced rows are never deleted), gone from the list and the advice.
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [] });
    expect(queued()).toBe(2);
    expect(db.prepare('SELECT deleted_at FROM supplier_order_days').pluck().all()).toEqual([core.clock.now()]);
    expect(await core.router.call('forecast.orderDays.list', {})).toEqual([]);
    // Set again: the same row comes back.
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [1] });
    expect(db.prepare('SELECT id, weekdays, deleted_at FROM supplier_order_days').all()).toEqual([
      { id: 'Papeterie Nord', weekdays: 2, deleted_at: null },
    ]);
    expect(await core.router.call('forecast.orderDays.list', {})).toEqual([{ supplier: 'Papeterie Nord', weekdays: [1] }]);
    // A viewer is refused, and the refusal is in the audit log next to the admin's changes.
    const viewer = insertUser(
      db,
      { email: 'v@x.test', displayName: 'V', role: 'viewer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(viewer.id);
    expect(
      await core.router.request({ channel: 'forecast.orderDays.set', input: { supplier: 'Papeterie Nord', weekdays: [3] } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.router.call('forecast.orderDays.list', {})).toEqual([{ supplier: 'Papeterie Nord', weekdays: [1] }]);
    expect(db.prepare("SELECT outcome FROM audit_log WHERE action = 'forecast.orderDays.set' ORDER BY rowid").pluck().all()).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'refused',
    ]);
  });
});

describe('the holiday country is business-wide', () => {
  let core: TestCore;
  afterEach(() => core?.dispose());

  test("stored once for every device (a global setting); a device's earlier own choice applies until one is set; an unchanged value queues nothing", async () => {
    core = createTestCore();
    const db = core.ctx.db;
    const rows = () => db.prepare("SELECT scope, device_id, value FROM settings WHERE key = 'holidayCountry' ORDER BY scope").all();
    const queued = () =>
      db
        .prepare(
          "SELECT COUNT(*) FROM outbox o JOIN settings s ON s.id = o.row_id WHERE o.table_name = 'settings' AND s.key = 'holidayCountry'",
        )
        .pluck()
        .get() as number;
    // Before this version the country was this device's own setting.
    writeDeviceSetting(db, core.ctx.deviceId, 'holidayCountry', 'none', core.clock.now());
    expect((await core.router.call('settings.get', {})).holidayCountry).toBe('none');
    const before = queued();
    await core.router.call('settings.set', { holidayCountry: 'GB' });
    expect((await core.router.call('settings.get', {})).holidayCountry).toBe('GB');
    expect(rows()).toEqual([
      { scope: 'device', device_id: core.ctx.deviceId, value: '"none"' },
      { scope: 'global', device_id: '', value: '"GB"' },
    ]);
    expect(queued()).toBe(before + 1);
    await core.router.call('settings.set', { holidayCountry: 'GB', deviceName: 'Bureau 2' });
    expect(queued()).toBe(before + 1);
  });
});

describe('order days device to device through the hub double', () => {
  let hub: HubDouble;
  const cores: TestCore[] = [];
  /** A device signed in to the hub (the sync service as the app runs it, rounds on demand). */
  const device = async (role: string) => {
    const c = createTestCore();
    cores.push(c);
    await c.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
    await c.router.call('sync.signIn', { email: user(role).email, password: user(role).password });
    return c;
  };
  const sync = async (...ds: TestCore[]) => {
    for (const d of ds) {
      const s = await d.router.call('sync.now', {});
      expect(s.ok, s.error?.message).toBe(true);
      expect(d.ctx.db.prepare("SELECT code, message FROM dead_letters WHERE table_name = 'supplier_order_days'").all()).toEqual([]);
    }
  };
  let a: TestCore;
  let b: TestCore;
  let laptop: TestCore;
  let productId = '';
  beforeAll(async () => {
    hub = await startHubDouble({ users: DEMO_HUB_USERS });
    // Two office desktops (the same admin account) and an installer's laptop.
    a = await device('admin');
    b = await device('admin');
    laptop = await device('installer');
  }, 120_000);
  afterAll(async () => {
    for (const c of cores) c.dispose();
    await hub?.close();
  });

  test("office A sets Tuesday and Friday for a supplier: B pulls them and B's reorder advice uses the new review period", async () => {
    // A's catalog: one product of Papeterie Nord, 20 days' lead time, 10 sold a day, 300 left.
    const today = Math.floor(a.clock.now() / DAY) * DAY;
    expect(weekday(today)).toBe(1); // Monday 23 November 2026
    const warehouse = (await a.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
    productId = (
      await a.router.call('catalog.products.create', {
        sku: 'ENV-C5',
        name: 'Enveloppes C5',
        unit: 'pce',
        cost: 1,
        leadTimeDays: 20,
        supplier: 'Papeterie Nord',
      } as never)
    ).id;
    const line = ledgerLines(a, warehouse, today);
    a.ctx.db.transaction(() => {
      line(productId, -121, 'in', 1500);
      for (let d = -120; d < 0; d++) line(productId, d, 'out', 10);
    })();
    await sync(a, b);
    await b.router.call('forecast.run', {});
    const weekly = await b.router.call('forecast.product', { productId });
    expect(weekly.orderDays).toEqual([]);
    expect(weekly.reviewDays).toBe(7);
    // Lead time 20 + weekly review 7 + a week to spare.
    expect(weekly.forecast).toHaveLength(34);

    const changes: Array<{ tables: string[]; ids?: string[] }> = [];
    b.ctx.events.subscribe((e) => {
      if (e.event === 'data.changed') changes.push(e.payload as { tables: string[]; ids?: string[] });
    });
    const stop = startForecastSchedule(b.ctx, { firstRunMs: 600_000, checkEveryMs: 600_000, afterChangeMs: 20 });
    try {
      const recomputed = new Promise<void>((resolve) => {
        const off = b.ctx.events.subscribe((e) => {
          if (e.event === 'forecast.updated') {
            off();
            resolve();
          }
        });
      });
      await a.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [2, 5] });
      await sync(a, b);
      // The pulled row is announced as a local edit is, and B's schedule recomputes within seconds.
      expect(changes).toContainEqual({ tables: ['supplier_order_days'], ids: ['Papeterie Nord'] });
      await recomputed;
      const twice = await b.router.call('forecast.product', { productId });
      expect(twice.orderDays).toEqual([2, 5]);
      // From Monday: the next order day is Tuesday, then Friday: a 3-day review period.
      expect(twice.reviewDays).toBe(3);
      expect(twice.forecast).toHaveLength(30);
      expect(twice.row.orderBy).not.toBeNull();
      expect([2, 5]).toContain(weekday(twice.row.orderBy!));
      expect(twice.row.reorderPoint!).toBeLessThan(weekly.row.reorderPoint!);
      const line = (await b.router.call('forecast.replenishment', { withinDays: 30 })).find((l) => l.productId === productId);
      expect(line?.orderBy).toBe(twice.row.orderBy);
    } finally {
      stop();
    }
    // Pulled, not echoed back: nothing of it waits in B's outbox.
    expect(b.ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE table_name = 'supplier_order_days'").pluck().get()).toBe(0);
    expect(b.ctx.db.prepare('SELECT origin_device FROM supplier_order_days').pluck().all()).toEqual([a.ctx.deviceId]);
    // The installer's laptop forecasts too: it gets the same days.
    await sync(laptop);
    expect(await laptop.router.call('forecast.orderDays.list', {})).toEqual([{ supplier: 'Papeterie Nord', weekdays: [2, 5] }]);
  }, 120_000);

  test('A and B change the same supplier before syncing: the last push wins everywhere, the replaced days are in both conflict lists', async () => {
    await a.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [1] });
    await b.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [3, 4] });
    await sync(a, b, a, laptop);
    for (const d of [a, b, laptop])
      expect(await d.router.call('forecast.orderDays.list', {})).toEqual([{ supplier: 'Papeterie Nord', weekdays: [3, 4] }]);
    expect((await a.router.call('forecast.product', { productId })).orderDays).toEqual([3, 4]);
    for (const d of [a, b]) {
      const mine = (await d.router.call('sync.conflicts', {})).items.filter((c) => c.tableName === 'supplier_order_days');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        rowId: 'Papeterie Nord',
        winnerDevice: b.ctx.deviceId,
        loserDevice: a.ctx.deviceId,
        winner: expect.objectContaining({ weekdays: (1 << 3) | (1 << 4) }),
        loser: expect.objectContaining({ weekdays: 1 << 1 }),
      });
    }
  }, 120_000);

  test('A removes the days: the tombstone reaches B, whose advice goes back to the weekly review', async () => {
    await a.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [] });
    await sync(a, b);
    expect(await b.router.call('forecast.orderDays.list', {})).toEqual([]);
    expect(b.ctx.db.prepare('SELECT deleted_at IS NOT NULL FROM supplier_order_days').pluck().all()).toEqual([1]);
    expect((await b.router.call('forecast.product', { productId })).reviewDays).toBe(7);
  }, 120_000);

  test("an admin sets the holiday country on A: B and the laptop pull it, and B's schedule recomputes its closed days", async () => {
    expect((await b.router.call('forecast.product', { productId })).closedDays?.holidayCountry).toBe('FR');
    const stop = startForecastSchedule(b.ctx, { firstRunMs: 600_000, checkEveryMs: 600_000, afterChangeMs: 20 });
    try {
      const recomputed = new Promise<void>((resolve) => {
        const off = b.ctx.events.subscribe((e) => {
          if (e.event === 'forecast.updated') {
            off();
            resolve();
          }
        });
      });
      await a.router.call('settings.set', { holidayCountry: 'GB' });
      await sync(a, b, laptop);
      for (const d of [b, laptop]) expect((await d.router.call('settings.get', {})).holidayCountry).toBe('GB');
      await recomputed;
      expect((await b.router.call('forecast.product', { productId })).closedDays?.holidayCountry).toBe('GB');
    } finally {
      stop();
    }
  }, 120_000);
});
