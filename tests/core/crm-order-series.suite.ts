import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { AppError } from '@shared/errors.js';
import type { Db } from '@core/db/connection.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * Customer order numbering series per device through the hub double (issue 18, item 4), on
 * whichever engine and grant default the caller opens (crm-order-series.test.ts: PGlite;
 * crm-order-series-pg.test.ts: PostgreSQL 15; both through tests/fixtures/hub-rls.ts). Two office
 * devices take orders OFFLINE, each in its own series (the one its quotes use): both sync as the
 * admin (RLS and grants of customer_orders as the hub sets them), every order is on the hub and on
 * both devices, each series gapless; a device cannot number orders in a series another used.
 */
export function orderSeriesSuite(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
    let hub: HubDouble;
    let office: SyncDevice;
    let laptop: SyncDevice;
    let clientId = '';
    let productId = '';
    let year = 0;

    beforeAll(async () => {
      hub = await open();
      office = await makeSyncDevice(hub, admin.email, admin.password);
      laptop = await makeSyncDevice(hub, admin.email, admin.password);
      await office.core.router.call('settings.set', { deviceName: 'Bureau' });
      await laptop.core.router.call('settings.set', { deviceName: 'Portable' });
    }, 120_000);
    afterAll(async () => {
      for (const d of [office, laptop]) d?.dispose();
      await hub?.close();
    });

    const syncAll = async (...ds: SyncDevice[]) => {
      for (const d of ds) {
        const s = await d.round();
        expect(s.ok, s.error?.message).toBe(true);
        expect(d.core.ctx.db.prepare("SELECT table_name, code, message FROM dead_letters WHERE table_name <> 'users'").all()).toEqual([]);
      }
    };
    const order = async (d: SyncDevice) =>
      (await d.core.router.call('orders.create', { clientId, lines: [{ productId, quantity: 2, unitPrice: '12.50' }] })).number;
    const numbersOn = (db: Db) => (db.prepare('SELECT number FROM customer_orders ORDER BY number').pluck().all() as string[]).sort();
    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    };

    test('the office takes orders in the plain series; another device in the plain series is refused, naming the office and its order', async () => {
      clientId = (await office.core.router.call('clients.create', { name: 'Boutique Martin', email: 'martin@example.fr' })).id;
      productId = (await office.core.router.call('catalog.products.create', { sku: 'PAP-6X4', name: 'Papier 6x4', price: 25, cost: 11 }))
        .id;
      year = new Date(office.core.clock.now()).getFullYear();
      expect(await order(office)).toBe(`CMD-${year}-0001`);
      await syncAll(office, laptop);
      expect(numbersOn(laptop.core.ctx.db)).toEqual([`CMD-${year}-0001`]);

      const clash = await refusal(order(laptop));
      expect(clash.code).toBe('conflict');
      expect(clash.message).toBe(
        `The plain order numbering series is already used by the device Bureau (order CMD-${year}-0001): pick another series in Settings`,
      );
      expect(clash.details).toMatchObject({ field: 'quoteSeries', reason: 'order_series_taken', series: '' });
      // Refused in the same transaction: nothing written, no number taken.
      expect(numbersOn(laptop.core.ctx.db)).toEqual([`CMD-${year}-0001`]);
      expect((await laptop.core.router.call('settings.set', { quoteSeries: 'b' })).quoteSeries).toBe('B');
    }, 60_000);

    test('both devices take orders offline, each in its own series; after syncing every order is on the hub and on both devices, gapless per series', async () => {
      const officeNumbers = [await order(office), await order(office)];
      const laptopNumbers = [await order(laptop), await order(laptop), await order(laptop)];
      expect(officeNumbers).toEqual([`CMD-${year}-0002`, `CMD-${year}-0003`]);
      expect(laptopNumbers).toEqual([`CMD-${year}-B-0001`, `CMD-${year}-B-0002`, `CMD-${year}-B-0003`]);
      // The laptop's quotes use the same series.
      const q = await laptop.core.router.call('quotes.create', {
        clientId,
        lines: [{ label: 'Borne photo', quantity: '1', unitPrice: '890', vatRate: '20' }],
      });
      expect(q.number).toBe(`DEV-${year}-B-0001`);

      await syncAll(office, laptop, office);
      const all = [`CMD-${year}-0001`, ...officeNumbers, ...laptopNumbers].sort();
      const onHub = (
        await hub.db.query<{ number: string; series: string; seq: number; lines: number }>(
          `select o.number, o.series, o.seq, (select count(*)::int from public.customer_order_lines l where l.order_id = o.id) as lines
           from public.customer_orders o order by o.series, o.seq`,
        )
      ).rows;
      expect(onHub.map((r) => r.number).sort()).toEqual(all);
      expect(onHub.map((r) => `${r.series}:${r.seq}`)).toEqual([':1', ':2', ':3', 'B:1', 'B:2', 'B:3']);
      expect(onHub.every((r) => r.lines === 1)).toBe(true);
      expect(numbersOn(office.core.ctx.db)).toEqual(all);
      expect(numbersOn(laptop.core.ctx.db)).toEqual(all);
      const onOffice = await office.core.router.call('orders.list', { clientId, limit: 50 });
      expect(onOffice.map((o) => o.number).sort()).toEqual(all);
      for (const d of [office, laptop])
        expect(d.core.ctx.db.prepare("SELECT count(*) FROM conflicts WHERE table_name = 'customer_orders'").pluck().get()).toBe(0);
    }, 60_000);

    test('a series is refused in Settings when another device numbered orders in it; a fresh one is free', async () => {
      const clash = await refusal(office.core.router.call('settings.set', { quoteSeries: 'B' }));
      expect(clash.code).toBe('conflict');
      // The laptop's quotes in B synced too: the first kind found in use is named.
      expect(clash.details).toMatchObject({ field: 'quoteSeries', series: 'B', device: 'Portable' });
      expect((await office.core.router.call('settings.get', {})).quoteSeries).toBe('');
      expect(await order(office)).toBe(`CMD-${year}-0004`);
      expect((await office.core.router.call('settings.set', { quoteSeries: 'C' })).quoteSeries).toBe('C');
      expect(await order(office)).toBe(`CMD-${year}-C-0001`);
      await syncAll(office, laptop);
      expect(numbersOn(laptop.core.ctx.db)).toContain(`CMD-${year}-C-0001`);
    }, 60_000);

    test('the hub keeps (year, series, seq) unique and checks the number’s form', async () => {
      const row = (
        await hub.db.query<Record<string, unknown>>('select * from public.customer_orders where number = $1', [`CMD-${year}-B-0001`])
      ).rows[0]!;
      const cols = ['id', 'number', 'year', 'series', 'seq', 'client_id', 'ordered_at', 'created_at', 'updated_at', 'origin_device'];
      const insert = (over: Record<string, unknown>) => {
        const r = { ...row, ...over };
        return hub.db.query(
          `insert into public.customer_orders (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          cols.map((c) => r[c]),
        );
      };
      await expect(insert({ id: 'o-dup-seq', number: `CMD-${year}-B-9001` })).rejects.toThrow(/customer_orders_year_series_seq_key/);
      await expect(insert({ id: 'o-bad-form', number: `CMD-${year}-b-9001`, seq: 9001 })).rejects.toThrow(/customer_orders_number_check/);
      await expect(insert({ id: 'o-bad-series', number: `CMD-${year}-ZZZZ-9001`, series: 'ZZZZ', seq: 9001 })).rejects.toThrow(/check/);
      // The plain series still has its own numbers 1…: the same seq in another series is fine.
      await insert({ id: 'o-other-series', number: `CMD-${year}-Z-0001`, series: 'Z', seq: 1 });
    });
  });
}
