import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { AppError } from '@shared/errors.js';
import type { Db } from '@core/db/connection.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * Quote numbering series per device through the hub double (issue 18, item 3), on whichever engine
 * the caller opens (crm-quote-series.test.ts: PGlite; crm-quote-series-pg.test.ts: PostgreSQL 15).
 * Two office devices quote OFFLINE, each in its own series: both sync, every quote is on the hub
 * and on both devices, each series gapless; a device cannot take a series another one used.
 */
export function quoteSeriesSuite(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
    let hub: HubDouble;
    let office: SyncDevice;
    let laptop: SyncDevice;
    let clientId = '';
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
    const quote = (d: SyncDevice) =>
      d.core.router.call('quotes.create', {
        clientId,
        lines: [{ label: 'Borne photo, mariage', quantity: '1', unitPrice: '890', vatRate: '20' }],
      });
    const numbersOn = (db: Db) => (db.prepare('SELECT number FROM quotes ORDER BY number').pluck().all() as string[]).sort();
    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    };

    test('the office quotes in the plain series; another device may not quote in it, nor pick a series the office used', async () => {
      clientId = (await office.core.router.call('clients.create', { name: 'Mariage Lefèvre', email: 'lefevre@example.fr' })).id;
      const first = await quote(office);
      year = new Date(office.core.clock.now()).getFullYear();
      expect(first.number).toBe(`DEV-${year}-0001`);
      await syncAll(office, laptop);
      expect(numbersOn(laptop.core.ctx.db)).toEqual([`DEV-${year}-0001`]);

      // The laptop still has the plain series (the default): quoting would take DEV-…-0002 offline too.
      const clash = await refusal(quote(laptop));
      expect(clash.code).toBe('conflict');
      expect(clash.message).toBe(
        `The plain quote numbering series is already used by the device Bureau (quote DEV-${year}-0001): pick another series in Settings`,
      );
      expect(clash.details).toMatchObject({ field: 'quoteSeries', reason: 'quote_series_taken', series: '' });
      expect(numbersOn(laptop.core.ctx.db)).toEqual([`DEV-${year}-0001`]);

      // A series is a letter then up to two letters or digits; lower case is taken as upper case.
      expect((await refusal(laptop.core.router.call('settings.set', { quoteSeries: 'B-1' }))).code).toBe('invalid_input');
      expect((await laptop.core.router.call('settings.set', { quoteSeries: 'b' })).quoteSeries).toBe('B');
    }, 60_000);

    test('both devices quote offline, each in its own series; after syncing every quote is on the hub and on both devices, gapless per series', async () => {
      const officeNumbers = [(await quote(office)).number, (await quote(office)).number];
      const laptopNumbers = [(await quote(laptop)).number, (await quote(laptop)).number, (await quote(laptop)).number];
      expect(officeNumbers).toEqual([`DEV-${year}-0002`, `DEV-${year}-0003`]);
      expect(laptopNumbers).toEqual([`DEV-${year}-B-0001`, `DEV-${year}-B-0002`, `DEV-${year}-B-0003`]);

      await syncAll(office, laptop, office);
      const all = [`DEV-${year}-0001`, ...officeNumbers, ...laptopNumbers].sort();
      const onHub = (
        await hub.db.query<{ number: string; series: string; seq: number }>(
          'select number, series, seq from public.quotes order by series, seq',
        )
      ).rows;
      expect(onHub.map((r) => r.number).sort()).toEqual(all);
      expect(onHub.map((r) => `${r.series}:${r.seq}`)).toEqual([':1', ':2', ':3', 'B:1', 'B:2', 'B:3']);
      expect(numbersOn(office.core.ctx.db)).toEqual(all);
      expect(numbersOn(laptop.core.ctx.db)).toEqual(all);
      // Nothing was taken over on a natural key: no local conflict on either device.
      for (const d of [office, laptop])
        expect(d.core.ctx.db.prepare("SELECT count(*) FROM conflicts WHERE table_name = 'quotes'").pluck().get()).toBe(0);
    }, 60_000);

    test('the office cannot take the laptop’s series, said in words; its own series stays usable', async () => {
      const clash = await refusal(office.core.router.call('settings.set', { quoteSeries: 'b' }));
      expect(clash.code).toBe('conflict');
      expect(clash.message).toBe(
        `The “B” quote numbering series is already used by the device Portable (quote DEV-${year}-B-0003): pick another series in Settings`,
      );
      expect((await office.core.router.call('settings.get', {})).quoteSeries).toBe('');
      expect((await quote(office)).number).toBe(`DEV-${year}-0004`);
      // A fresh series nobody used is free.
      expect((await office.core.router.call('settings.set', { quoteSeries: 'A2' })).quoteSeries).toBe('A2');
      expect((await quote(office)).number).toBe(`DEV-${year}-A2-0001`);
      await syncAll(office, laptop);
      expect(numbersOn(laptop.core.ctx.db)).toContain(`DEV-${year}-A2-0001`);
    }, 60_000);

    test('the hub keeps (year, series, seq) unique and checks the number’s form', async () => {
      const row = (await hub.db.query<Record<string, unknown>>('select * from public.quotes where number = $1', [`DEV-${year}-B-0001`]))
        .rows[0]!;
      const cols = [
        'id',
        'number',
        'year',
        'series',
        'seq',
        'client_id',
        'issued_at',
        'valid_until',
        'created_at',
        'updated_at',
        'origin_device',
      ];
      const insert = (over: Record<string, unknown>) => {
        const r = { ...row, ...over };
        return hub.db.query(
          `insert into public.quotes (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          cols.map((c) => r[c]),
        );
      };
      await expect(insert({ id: 'q-dup-seq', number: `DEV-${year}-B-9001` })).rejects.toThrow(/quotes_year_series_seq_key/);
      await expect(insert({ id: 'q-bad-form', number: `DEV-${year}-b-9001`, seq: 9001 })).rejects.toThrow(/quotes_number_check/);
      await expect(insert({ id: 'q-bad-series', number: `DEV-${year}-ZZZZ-9001`, series: 'ZZZZ', seq: 9001 })).rejects.toThrow(/check/);
    });
  });
}
