import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { openDatabase } from '@core/db/connection.js';
import { migrate } from '@core/db/migrate.js';
import { newId } from '@core/db/ids.js';
import { writeGlobalSetting } from '@core/db/repos/settings.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * A conflict is two versions that say different things, not two devices that wrote the same thing
 * (hub migration 20261211010001; electron/core/db/repos/syncStateApply.ts). Bookkeeping — when and
 * where a row was created or last written (created_at, updated_at, origin_device), which UUID a
 * device gave a row of a natural key, when it was removed (deleted_at: only whether it is) — is
 * not content. Real devices (the sync service as the app runs it) through the hub double on each
 * engine: PGlite (sync-same-content.test.ts) and PostgreSQL 15 (sync-same-content-pg.test.ts),
 * both grant defaults.
 */
const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const DAY = 86_400_000;
/** Tue + Fri. */
const TUE_FRI = (1 << 2) | (1 << 5);

/**
 * A device that ran a version before 0245 (its order days local), with its own device id and the
 * given days, then opened by this version: migration 0245 makes them synced rows stamped with
 * that device and the old row's time, queued for the first push.
 */
function carriedOver(days: Array<[supplier: string, weekdays: number, updatedAt: number]>): { dbPath: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-same-content-'));
  const dbPath = path.join(dir, 'opsdeck.db');
  const db = openDatabase(dbPath);
  try {
    migrate(db, { upTo: 244 });
    db.prepare("INSERT INTO local_state (key, value) VALUES ('device_id', ?)").run(newId());
    const put = db.prepare('INSERT INTO supplier_order_days (supplier, weekdays, updated_at) VALUES (?, ?, ?)');
    for (const d of days) put.run(...d);
  } finally {
    db.close();
  }
  return { dbPath, dir };
}

export function sameContentSync(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    let hub: HubDouble;
    const cores: TestCore[] = [];
    const dirs: string[] = [];
    let a: TestCore;
    let b: TestCore;
    const T0 = Date.UTC(2026, 9, 1, 8, 0, 0);

    const device = async (days: Array<[string, number, number]>) => {
      const old = carriedOver(days);
      dirs.push(old.dir);
      const c = createTestCore({ dbPath: old.dbPath });
      cores.push(c);
      await c.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
      await c.router.call('sync.signIn', { email: admin.email, password: admin.password });
      return c;
    };
    const sync = async (...ds: TestCore[]) => {
      for (const d of ds) {
        const s = await d.router.call('sync.now', {});
        expect(s.ok, s.error?.message).toBe(true);
      }
    };
    const conflicts = async (d: TestCore, table: string) =>
      (await d.router.call('sync.conflicts', { limit: 100 })).items.filter((c) => c.tableName === table);
    const hubConflicts = async (table: string) =>
      (
        await hub.db.query<{ row_id: string }>('select row_id from public.conflicts where table_name = $1 order by row_id', [table])
      ).rows.map((r) => r.row_id);
    const deadLetters = (d: TestCore) => d.ctx.db.prepare('SELECT direction, table_name, code FROM dead_letters').all();

    beforeAll(async () => {
      hub = await open();
      // Two office desktops with the same days for Papeterie Nord, set weeks apart on each
      // (different created_at and updated_at), and different days for Emballages Rhône.
      a = await device([
        ['Papeterie Nord', TUE_FRI, T0],
        ['Emballages Rhône', 1 << 1, T0],
      ]);
      b = await device([
        ['Papeterie Nord', TUE_FRI, T0 + 20 * DAY],
        ['Emballages Rhône', (1 << 3) | (1 << 4), T0 + 20 * DAY],
      ]);
    }, 180_000);
    afterAll(async () => {
      for (const c of cores) c.dispose();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
      await hub?.close();
    });

    test('privileges: the conflict trigger and its content helper are executable by service_role only (anon and authenticated nothing)', async () => {
      const can = async (role: string, fn: string) =>
        (await hub.db.query<{ ok: boolean }>('select has_function_privilege($1, $2, $3) as ok', [role, fn, 'execute'])).rows[0]!.ok;
      for (const fn of ['public.opsdeck_row_content(jsonb)', 'public.opsdeck_conflict_log()']) {
        expect(await can('anon', fn)).toBe(false);
        expect(await can('authenticated', fn)).toBe(false);
        expect(await can('service_role', fn)).toBe(true);
      }
      // What a version says: bookkeeping and hub columns left out, a tombstone only as removed or not.
      const content = async (row: object) =>
        (await hub.db.query<{ c: unknown }>('select public.opsdeck_row_content($1::jsonb) as c', [JSON.stringify(row)])).rows[0]!.c;
      expect(
        await content({
          id: 'x',
          weekdays: 4,
          created_at: 1,
          updated_at: 2,
          deleted_at: 3,
          origin_device: 'd',
          sync_seq: 9,
          sync_writer: 'd',
        }),
      ).toEqual({ id: 'x', weekdays: 4, deleted: true });
      expect(await content({ id: 'x', weekdays: 4, deleted_at: null })).toEqual({ id: 'x', weekdays: 4, deleted: false });
    });

    test('carried-over order days: the same days on two devices are no conflict; different days are exactly one, naming the replaced days', async () => {
      const stamps = (d: TestCore) =>
        d.ctx.db.prepare("SELECT created_at, origin_device FROM supplier_order_days WHERE id = 'Papeterie Nord'").get();
      expect(stamps(a)).not.toEqual(stamps(b));
      await sync(a, b, a);
      for (const d of [a, b]) {
        expect(await d.router.call('forecast.orderDays.list', {})).toEqual([
          { supplier: 'Emballages Rhône', weekdays: [3, 4] },
          { supplier: 'Papeterie Nord', weekdays: [2, 5] },
        ]);
        const mine = await conflicts(d, 'supplier_order_days');
        expect(mine.map((c) => c.rowId)).toEqual(['Emballages Rhône']);
        expect(mine[0]).toMatchObject({
          winnerDevice: b.ctx.deviceId,
          loserDevice: a.ctx.deviceId,
          winner: expect.objectContaining({ weekdays: (1 << 3) | (1 << 4) }),
          loser: expect.objectContaining({ weekdays: 1 << 1 }),
        });
        expect(deadLetters(d)).toEqual([]);
      }
      expect(await hubConflicts('supplier_order_days')).toEqual(['Emballages Rhône']);
    }, 120_000);

    test('both remove the same days (each its own tombstone time): no conflict', async () => {
      a.clock.advance(60_000);
      await a.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [] });
      await sync(a);
      // B removes them too without having pulled A's removal.
      b.clock.advance(3_600_000);
      await b.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [] });
      await sync(b, a);
      for (const d of [a, b]) {
        expect(await d.router.call('forecast.orderDays.list', {})).toEqual([{ supplier: 'Emballages Rhône', weekdays: [3, 4] }]);
        expect((await conflicts(d, 'supplier_order_days')).map((c) => c.rowId)).toEqual(['Emballages Rhône']);
      }
      expect(await hubConflicts('supplier_order_days')).toEqual(['Emballages Rhône']);
    }, 120_000);

    test('a natural key two devices filled in offline (each its own id): the same value is no conflict; a different one is one, on the device whose value was replaced', async () => {
      // Global settings have a UUID id and the natural key (scope, key): the hub keeps the first
      // pushed, the other device takes the hub's row when it pulls.
      const put = (d: TestCore, key: string, value: unknown) => writeGlobalSetting(d.ctx.db, key, value, d.clock.now(), d.ctx.deviceId);
      put(a, 'holidayCountry', 'GB');
      put(b, 'holidayCountry', 'GB');
      put(a, 'receiptFooter', 'Merci !');
      put(b, 'receiptFooter', 'Merci de votre visite');
      const ids = (key: string) =>
        [a, b].map((d) => d.ctx.db.prepare("SELECT id FROM settings WHERE scope = 'global' AND key = ?").pluck().get(key));
      expect(new Set(ids('holidayCountry')).size).toBe(2);
      await sync(a, b, a);
      for (const d of [a, b]) {
        expect((await d.router.call('settings.get', {})).holidayCountry).toBe('GB');
        expect(new Set(ids('holidayCountry')).size).toBe(1);
        expect(d.ctx.db.prepare("SELECT value FROM settings WHERE scope = 'global' AND key = 'receiptFooter'").pluck().get()).toBe(
          JSON.stringify('Merci !'),
        );
        expect(deadLetters(d)).toEqual([]);
      }
      expect(await conflicts(a, 'settings')).toEqual([]);
      const onB = await conflicts(b, 'settings');
      expect(onB).toHaveLength(1);
      expect(onB[0]).toMatchObject({
        winner: expect.objectContaining({ key: 'receiptFooter', value: JSON.stringify('Merci !') }),
        loser: expect.objectContaining({ key: 'receiptFooter', value: JSON.stringify('Merci de votre visite') }),
        winnerDevice: a.ctx.deviceId,
        loserDevice: b.ctx.deviceId,
      });
      expect(await hubConflicts('settings')).toEqual([]);
    }, 120_000);
  });
}
