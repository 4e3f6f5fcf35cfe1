import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@core/db/ids.js';
import { demandLedger } from '@core/db/repos/demandHistory.js';
import { getForecast, openOrdersByProduct } from '@core/db/repos/forecasts.js';
import { STOCK_DAYS_ZONE_KEY } from '@core/db/gridDays.js';
import { getLocal } from '@core/db/repos/localState.js';
import { inTimeZone, PARIS, zonedIsoDay, zonedTime } from '../fixtures/clock.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { ledgerLineAt } from '../fixtures/ledgerLines.js';

/**
 * Issue 17: the forecast's days are the shop's calendar days. A day is still the UTC midnight of
 * its date (day labels, holidays, stored forecasts), but a line counts on the date it has on the
 * device's clock: on Paris time a sale at 00:30 is that day's, not the UTC day before's (23:30 UTC).
 */
inTimeZone(PARIS);

const DAY = 86_400_000;
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);
/** Wall-clock time in Paris (month 1–12). */
const paris = (y: number, m: number, d: number, h = 0, mi = 0) => zonedTime(PARIS, y, m, d, h, mi);

const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

async function shopAt(now: number): Promise<{ core: TestCore; warehouse: string }> {
  const core = createTestCore({ start: now });
  cores.push(core);
  const warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
  return { core, warehouse };
}

async function product(core: TestCore, sku: string): Promise<string> {
  return (await core.router.call('catalog.products.create', { sku, name: sku, unit: 'pce', cost: 1, leadTimeDays: 7 } as never)).id;
}

/** A ledger line at an instant (the stock module's own insert). */
function line(core: TestCore, warehouse: string, productId: string, type: 'in' | 'out', quantity: number, at: number): void {
  ledgerLineAt(core, warehouse)(productId, type, quantity, at);
}

/** stock_days as {ISO day: [sold, net]} of one product. */
function stockDays(core: TestCore, productId: string): Record<string, [number, number]> {
  const rows = core.ctx.db
    .prepare('SELECT block, days, sold, net FROM stock_days WHERE product_id = ? ORDER BY block')
    .all(productId) as Array<{
    block: number;
    days: number;
    sold: string;
    net: string;
  }>;
  const out: Record<string, [number, number]> = {};
  for (const r of rows) {
    const sold = JSON.parse(r.sold) as number[];
    const net = JSON.parse(r.net) as number[];
    for (let i = 0; i < 32; i++) if ((r.days >>> i) & 1) out[iso((r.block * 32 + i) * DAY)] = [sold[i]!, net[i]!];
  }
  return out;
}

/** What stock_days should hold: the ledger summed by the date each line has in `tz`. */
function byLocalDate(core: TestCore, productId: string, tz: string): Record<string, [number, number]> {
  const lines = core.ctx.db
    .prepare("SELECT type, quantity, delta, occurred_at FROM stock_movements WHERE product_id = ? AND type <> 'transfer'")
    .all(productId) as Array<{ type: string; quantity: number; delta: number; occurred_at: number }>;
  const out: Record<string, [number, number]> = {};
  for (const l of lines) {
    const k = zonedIsoDay(l.occurred_at, tz);
    const v = (out[k] ??= [0, 0]);
    if (l.type === 'out') v[0] += l.quantity;
    v[1] += l.delta;
  }
  return out;
}

describe('the day grid on Paris time', () => {
  it('a sale at 00:30 on a Monday counts on Monday: daily totals, history, stock chart, and a PO due that day', async () => {
    // Monday 14 December 2026, 10:00 in Paris.
    const { core, warehouse } = await shopAt(paris(2026, 12, 14, 10));
    const id = await product(core, 'NUIT');
    line(core, warehouse, id, 'in', 100, paris(2026, 11, 30, 9));
    line(core, warehouse, id, 'out', 3, paris(2026, 12, 7, 0, 30)); // Monday 7th, 00:30 = Sunday 23:30 UTC
    line(core, warehouse, id, 'out', 2, paris(2026, 12, 6, 23, 45)); // Sunday 6th, 23:45
    expect(stockDays(core, id)).toEqual({ '2026-11-30': [0, 100], '2026-12-06': [2, -2], '2026-12-07': [3, -3] });

    const today = Date.UTC(2026, 11, 14);
    const ledger = demandLedger(core.ctx.db, id, today, 730)!;
    expect(iso(ledger.from)).toBe('2026-11-30');
    const at = (d: string) => Math.round((Date.parse(d) - ledger.from) / DAY);
    expect([ledger.sales[at('2026-12-06')], ledger.sales[at('2026-12-07')], ledger.sales[at('2026-12-08')]]).toEqual([2, 3, 0]);

    // The product page's history (the ledger read by day) and the stock chart tell the same days.
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    const h = new Map(pf.history.map((x) => [iso(x.day), x.quantity]));
    expect([h.get('2026-12-06'), h.get('2026-12-07')]).toEqual([2, 3]);
    expect(iso(pf.history.at(-1)!.day)).toBe('2026-12-13');
    const chart = await core.router.call('stock.onHandHistory', { productId: id, days: 10 });
    const c = new Map(chart.map((x) => [iso(x.day), x.onHand]));
    expect([c.get('2026-12-05'), c.get('2026-12-06'), c.get('2026-12-07'), c.get('2026-12-14')]).toEqual([100, 98, 95, 95]);
    expect(iso(chart.at(-1)!.day)).toBe('2026-12-14');

    // A purchase order due at the start of Sunday 20th (local midnight, 23:00 UTC on the 19th) arrives on the 20th.
    await core.router.call('purchaseOrders.create', { productId: id, quantity: 10, expectedAt: paris(2026, 12, 20) });
    expect(
      openOrdersByProduct(core.ctx.db, id)
        .get(id)!
        .map((o) => iso(o.expectedDay)),
    ).toEqual(['2026-12-20']);
  });

  it('a shop closed on Sundays whose sales ring up after midnight is read as closed on Sundays, not Saturdays', async () => {
    const { core, warehouse } = await shopAt(paris(2026, 12, 14, 10));
    const id = await product(core, 'BAR');
    const base = [0, 4, 5, 5, 6, 8, 12]; // Sunday … Saturday
    core.ctx.db.transaction(() => {
      line(core, warehouse, id, 'in', 100_000, paris(2025, 11, 1, 9));
      for (let d = -400; d < 0; d++) {
        const date = new Date(Date.UTC(2026, 11, 14 + d));
        const q = base[date.getUTCDay()]! + (d % 3 === 0 ? 1 : 0);
        // Every sale of the day is rung up at half past midnight that day (a late-night business).
        if (date.getUTCDay() !== 0)
          line(core, warehouse, id, 'out', q, paris(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 30));
      }
    })();
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.closedDays?.closedWeekdays).toEqual([0]);
    const closed = pf.forecast.filter((f) => f.closed).map((f) => new Date(f.day).getUTCDay());
    expect(new Set(closed)).toEqual(new Set([0]));
    const saturday = pf.forecast.find((f) => new Date(f.day).getUTCDay() === 6)!;
    expect(saturday.p50).toBeGreaterThan(8);
  }, 60_000);

  it('"today" of a run at 00:30 is the Paris date: the forecast starts on it, the history ends the day before', async () => {
    // Tuesday 15 December 2026, 00:30 in Paris (Monday 23:30 UTC).
    const now = paris(2026, 12, 15, 0, 30);
    expect(iso(now)).toBe('2026-12-14');
    const { core, warehouse } = await shopAt(now);
    const id = await product(core, 'TODAY');
    core.ctx.db.transaction(() => {
      line(core, warehouse, id, 'in', 10_000, paris(2026, 9, 1, 9));
      for (let d = 1; d <= 100; d++) line(core, warehouse, id, 'out', 5, paris(2026, 12, 15 - d, 15));
      line(core, warehouse, id, 'out', 7, paris(2026, 12, 14, 23, 50)); // Monday 23:50: yesterday's
      line(core, warehouse, id, 'out', 9, paris(2026, 12, 15, 0, 10)); // Tuesday 00:10: today's, not history yet
    })();
    await core.router.call('forecast.run', {});
    expect(iso(getForecast(core.ctx.db, id)!.startDay)).toBe('2026-12-15');
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(iso(pf.forecast[0]!.day)).toBe('2026-12-15');
    expect(pf.history.at(-1)).toEqual({ day: Date.UTC(2026, 11, 14), quantity: 12 });
  }, 60_000);

  it('summer time: the nights of 25 October 2026 and 28 March 2027 stay on their dates', async () => {
    const { core, warehouse } = await shopAt(paris(2027, 4, 5, 10));
    const id = await product(core, 'DST');
    line(core, warehouse, id, 'in', 1000, paris(2026, 10, 1, 9));
    line(core, warehouse, id, 'out', 1, paris(2026, 10, 25, 0, 30)); // CEST: 22:30 UTC on the 24th
    line(core, warehouse, id, 'out', 2, paris(2026, 10, 25, 23, 30)); // CET: 22:30 UTC on the 25th
    line(core, warehouse, id, 'out', 4, paris(2026, 10, 26, 0, 30)); // CET: 23:30 UTC on the 25th
    line(core, warehouse, id, 'out', 8, paris(2027, 3, 28, 0, 30)); // CET: 23:30 UTC on the 27th
    line(core, warehouse, id, 'out', 16, paris(2027, 3, 28, 23, 30)); // CEST: 21:30 UTC on the 28th
    line(core, warehouse, id, 'out', 32, paris(2027, 3, 29, 1, 30)); // CEST: 23:30 UTC on the 28th
    const days = stockDays(core, id);
    expect(days).toEqual(byLocalDate(core, id, PARIS));
    expect([days['2026-10-24'], days['2026-10-25'], days['2026-10-26']]).toEqual([undefined, [3, -3], [4, -4]]);
    expect([days['2027-03-27'], days['2027-03-28'], days['2027-03-29']]).toEqual([undefined, [24, -24], [32, -32]]);
    const pf = await core.router.call('forecast.product', { productId: id });
    const h = new Map(pf.history.map((x) => [iso(x.day), x.quantity]));
    expect(['2026-10-24', '2026-10-25', '2026-10-26', '2027-03-27', '2027-03-28', '2027-03-29'].map((d) => h.get(d))).toEqual([
      0, 3, 4, 0, 24, 32,
    ]);
  });

  it('an event starting at 00:30 is demand on its own date (a calendar-driven product)', async () => {
    const { core, warehouse } = await shopAt(paris(2026, 12, 14, 10));
    const id = await product(core, 'FLASH');
    line(core, warehouse, id, 'in', 50, paris(2026, 11, 1, 9));
    const ins = core.ctx.db.prepare(
      `INSERT INTO events (id, client_name, event_type, starts_at, ends_at, status, prints, sessions, created_at, updated_at, origin_device)
       VALUES (?, 'Nuit blanche', 'Soirée', ?, ?, 'active', 0, 0, 1, 1, 'd')`,
    );
    // Thursday 17th from 00:30 to 05:00 in Paris (Wednesday 23:30 UTC).
    ins.run(newId(), paris(2026, 12, 17, 0, 30), paris(2026, 12, 17, 5));
    await core.router.call('forecast.driver.set', { productId: id, driver: 'event_count', perUnit: 2 });
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.forecast.filter((f) => f.p50 > 0).map((f) => [iso(f.day), f.p50])).toEqual([['2026-12-17', 2]]);
  });

  it('a line dated before 1970 goes to its local date (day −7: block −1, slot 25)', async () => {
    const { core, warehouse } = await shopAt(paris(2026, 12, 14, 10));
    const id = await product(core, 'OLD');
    line(core, warehouse, id, 'out', 1, paris(1969, 12, 25, 0, 30)); // 23:30 UTC on 24 December 1969
    const row = core.ctx.db.prepare('SELECT block, days, sold FROM stock_days WHERE product_id = ?').get(id) as {
      block: number;
      days: number;
      sold: string;
    };
    expect({ block: row.block, days: row.days, slot25: (JSON.parse(row.sold) as number[])[25] }).toEqual({
      block: -1,
      days: 2 ** 25,
      slot25: 1,
    });
    expect(stockDays(core, id)).toEqual({ '1969-12-25': [1, -1] });
  });
});

describe('a device moved to another time zone', () => {
  it('rebuilds stock_days once on opening, as a fresh build there would hold them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-grid-'));
    const dbPath = path.join(dir, 'opsdeck.db');
    const lines = (core: TestCore, warehouse: string, id: string) => {
      line(core, warehouse, id, 'in', 500, paris(2026, 11, 1, 9));
      for (let d = 1; d <= 40; d++) {
        line(core, warehouse, id, 'out', (d % 5) + 1, paris(2026, 12, 14 - d, 0, 30));
        line(core, warehouse, id, 'out', 1, paris(2026, 12, 14 - d, 23, 30));
      }
      line(core, warehouse, id, 'out', 2, paris(1969, 12, 31, 20)); // before 1970 too
    };
    const now = paris(2026, 12, 14, 10);
    try {
      const first = createTestCore({ start: now, dbPath });
      const warehouse = (await first.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
      const id = await product(first, 'VOYAGE');
      first.ctx.db.transaction(() => lines(first, warehouse, id))();
      expect(getLocal(first.ctx.db, STOCK_DAYS_ZONE_KEY)).toBe(PARIS);
      const inParis = stockDays(first, id);
      expect(inParis).toEqual(byLocalDate(first, id, PARIS));
      first.close();
      fs.rmSync(first.dir, { recursive: true, force: true });

      // The laptop flies to New York (Paris − 6 h): 00:30 in Paris is 18:30 the day before there.
      process.env.TZ = 'America/New_York';
      try {
        const moved = createTestCore({ start: now, dbPath });
        cores.push(moved);
        expect(moved.logs.lines.some((e) => e.msg === 'stock_days built for this time zone')).toBe(true);
        expect(getLocal(moved.ctx.db, STOCK_DAYS_ZONE_KEY)).toBe('America/New_York');
        const there = stockDays(moved, id);
        expect(there).not.toEqual(inParis);
        expect(there).toEqual(byLocalDate(moved, id, 'America/New_York'));

        // A fresh database there, the same lines written one by one through the trigger.
        const fresh = createTestCore({ start: now });
        cores.push(fresh);
        const fw = (await fresh.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
        const fid = await product(fresh, 'VOYAGE');
        fresh.ctx.db.transaction(() => lines(fresh, fw, fid))();
        const rows = (c: TestCore, p: string) =>
          c.ctx.db.prepare('SELECT block, days, net_total, sold, net FROM stock_days WHERE product_id = ? ORDER BY block').all(p);
        expect(rows(moved, id)).toEqual(rows(fresh, fid));

        // Opened again in the same zone: nothing to rebuild.
        moved.close();
        cores.pop();
        const again = createTestCore({ start: now, dbPath });
        cores.push(again);
        expect(again.logs.lines.some((e) => e.msg === 'stock_days built for this time zone')).toBe(false);
        expect(rows(again, id)).toEqual(rows(fresh, fid));
      } finally {
        process.env.TZ = PARIS;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
