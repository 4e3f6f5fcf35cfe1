import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@core/db/ids.js';
import { prepareMovementInsert } from '@core/db/repos/stockMovements.js';
import { dailyLedger, demandLedger } from '@core/db/repos/demandHistory.js';
import { getForecast } from '@core/db/repos/forecasts.js';
import { readDemand } from '@core/modules/forecast/demandInput.js';
import { holidayMask } from '@core/modules/forecast/holidays.js';
import { openDatabase } from '@core/db/connection.js';
import { migrate } from '@core/db/migrate.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

function rng(seed: number) {
  let a = seed;
  return () => (a = (a * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

type Line = { day: number; type: 'in' | 'out' | 'adjust' | 'transfer'; quantity: number; hour?: number; direction?: 1 | -1 };

/** A core with two locations and the same seeded catalog: a long seller, one with a two-week empty shelf, a newcomer, a short one. */
async function seeded(dbPath?: string) {
  const core = createTestCore(dbPath ? { dbPath } : {});
  cores.push(core);
  const today = Math.floor(core.clock.now() / DAY) * DAY;
  const shop = (await core.router.call('stock.locations.create', { name: 'Magasin', kind: 'warehouse' })).id;
  const van = (await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'warehouse' })).id;
  const insert = prepareMovementInsert(core.ctx.db);
  const write = (productId: string, lines: Line[]) =>
    core.ctx.db.transaction(() => {
      for (const l of lines)
        insert({
          id: newId(),
          productId,
          locationId: shop,
          toLocationId: l.type === 'transfer' ? van : null,
          type: l.type,
          quantity: l.quantity,
          direction: l.direction ?? (l.type === 'in' ? 1 : -1),
          reason: '',
          occurredAt: today + l.day * DAY + (l.hour ?? 12) * HOUR,
          source: 'manual',
          userId: null,
          idempotencyKey: null,
          now: core.clock.now(),
          device: core.ctx.deviceId,
        });
    })();
  const product = async (sku: string) =>
    (await core.router.call('catalog.products.create', { sku, name: sku, unit: 'pce', cost: 1, leadTimeDays: 5 } as never)).id;
  const r = rng(7);
  const ids: Record<string, string> = {};
  // Three years: the read keeps the last two, its opening stock from the year before.
  ids.long = await product('LONG');
  const long: Line[] = [{ day: -1100, type: 'in', quantity: 20_000, hour: 8 }];
  for (let d = -1100; d < 0; d++)
    long.push({ day: d, type: 'out', quantity: 1 + Math.floor(r() * (new Date(today + d * DAY).getUTCDay() === 6 ? 12 : 6)) });
  long.push({ day: -20, type: 'transfer', quantity: 30 }, { day: -10, type: 'adjust', quantity: 4, direction: -1 });
  write(ids.long, long);
  // 10 a day for 100 days, then the shelf empty for the last 14 days.
  ids.empty = await product('EMPTY');
  write(ids.empty, [
    { day: -114, type: 'in', quantity: 1000, hour: 8 },
    ...Array.from({ length: 100 }, (_, i) => ({ day: -114 + i, type: 'out' as const, quantity: 10 })),
  ]);
  ids.fresh = await product('FRESH');
  write(ids.fresh, [
    { day: -60, type: 'in', quantity: 500, hour: 8 },
    ...Array.from({ length: 60 }, (_, i) => ({ day: -60 + i, type: 'out' as const, quantity: 3 })),
  ]);
  ids.short = await product('SHORT');
  write(ids.short, [
    { day: -10, type: 'in', quantity: 50, hour: 8 },
    { day: -3, type: 'out', quantity: 2 },
  ]);
  ids.none = await product('NONE');
  return { core, today, ids };
}

describe('reading a product history for a forecast', () => {
  it('the daily-totals read gives the same days, sales and closing stock as a scan of the ledger lines; null without lines', async () => {
    const { core, today, ids } = await seeded();
    const db = core.ctx.db;
    const long = demandLedger(db, ids.long!, today, 730)!;
    expect(long.from).toBe(today - 730 * DAY);
    expect(long.sales).toHaveLength(730);
    expect(long).toEqual({ from: long.from, ...dailyLedger(db, ids.long!, long.from, today) });
    // The opening stock of the window is the year before it: 20,000 less what sold then.
    const fresh = demandLedger(db, ids.fresh!, today, 730)!;
    expect(fresh.from).toBe(today - 60 * DAY);
    expect(fresh.sales.every((v) => v === 3)).toBe(true);
    expect(fresh.closing.at(-1)).toBe(500 - 180);
    expect(demandLedger(db, ids.none!, today, 730)).toBeNull();
    // Censoring and holidays come with it: the empty fortnight reads as ~10 a day, Christmas is closed.
    const empty = readDemand(db, ids.empty!, { today, historyDays: 730, horizon: 28, country: 'FR' })!;
    expect(empty.y.slice(-14).every((v) => v === 10)).toBe(true);
    expect(empty.closed).toEqual(holidayMask(today - 114 * DAY, 114 + 28, 'FR'));
    expect(readDemand(db, ids.empty!, { today, historyDays: 730, horizon: 28, country: 'none' })!.closed).toBeUndefined();
  });

  it('a run on the worker threads (database file) stores what a run reading in this thread (in-memory database) stores', async () => {
    const file = await seeded();
    const memory = await seeded(':memory:');
    const a = await file.core.router.call('forecast.run', { mode: 'full' });
    const b = await memory.core.router.call('forecast.run', { mode: 'full' });
    expect(a).toMatchObject({ computed: 5, failed: [] });
    expect(b).toMatchObject({ computed: 5, failed: [] });
    for (const key of ['long', 'empty', 'fresh', 'short', 'none'] as const) {
      const fa = getForecast(file.core.ctx.db, file.ids[key]!)!;
      const fb = getForecast(memory.core.ctx.db, memory.ids[key]!)!;
      expect({ key, ...fa, productId: '', ms: 0, computedAt: 0 }).toEqual({ key, ...fb, productId: '', ms: 0, computedAt: 0 });
    }
    const long = getForecast(file.core.ctx.db, file.ids.long!)!;
    expect(long).toMatchObject({ outcome: 'ok', historyDays: 730 });
    expect(long.p50.length).toBeGreaterThanOrEqual(28);
    expect(getForecast(file.core.ctx.db, file.ids.empty!)!.next7P50).toBeGreaterThan(60);
    expect(getForecast(file.core.ctx.db, file.ids.short!)).toMatchObject({ outcome: 'no_data', historyDays: 10 });
    expect(getForecast(file.core.ctx.db, file.ids.none!)).toMatchObject({ outcome: 'no_data', historyDays: 0 });
  });
});

describe('daily totals in 32-day blocks (stock_days)', () => {
  /** stock_days as one row per product and day that had a line, like a GROUP BY over the ledger. */
  const totals = (db: TestCore['ctx']['db']) => {
    const rows = db
      .prepare('SELECT product_id, block, days, net_total, sold, net FROM stock_days ORDER BY product_id, block')
      .all() as Array<{
      product_id: string;
      block: number;
      days: number;
      net_total: number;
      sold: string;
      net: string;
    }>;
    const out: Array<{ product_id: string; day: number; sold: number; net: number }> = [];
    for (const r of rows) {
      // Whole numbers are written as integers (0242): "8", never "8.0".
      expect(`${r.sold} ${r.net}`).not.toMatch(/\.0[,\]]/);
      const sold = JSON.parse(r.sold) as number[];
      const net = JSON.parse(r.net) as number[];
      expect(sold).toHaveLength(32);
      expect(r.net_total).toBeCloseTo(
        net.reduce((a, b) => a + b, 0),
        9,
      );
      for (let i = 0; i < 32; i++) {
        if ((r.days >>> i) & 1) out.push({ product_id: r.product_id, day: r.block * 32 + i, sold: sold[i]!, net: net[i]! });
        else expect([sold[i], net[i]]).toEqual([0, 0]);
      }
    }
    return out;
  };
  const fromLines = (db: TestCore['ctx']['db']) =>
    db
      .prepare(
        `SELECT product_id, grid_day(occurred_at) AS day, SUM(CASE WHEN type = 'out' THEN quantity ELSE 0 END) AS sold, SUM(delta) AS net
         FROM stock_movements WHERE type <> 'transfer' GROUP BY product_id, day ORDER BY product_id, day`,
      )
      .all();

  it('follow every ledger line: a till writing many lines a day, fractions, adjustments, transfers', async () => {
    const { core, today, ids } = await seeded();
    const db = core.ctx.db;
    const insert = prepareMovementInsert(db);
    const shop = db.prepare("SELECT id FROM locations WHERE name = 'Magasin'").pluck().get() as string;
    db.transaction(() => {
      for (let k = 0; k < 40; k++)
        insert({
          id: newId(),
          productId: ids.fresh!,
          locationId: shop,
          toLocationId: null,
          type: 'out',
          quantity: 0.25,
          direction: -1,
          reason: 'ticket',
          occurredAt: today - DAY + k * 60_000,
          source: 'manual',
          userId: null,
          idempotencyKey: null,
          now: core.clock.now(),
          device: core.ctx.deviceId,
        });
    })();
    // A line dated tomorrow (a delivery booked ahead) is in the table but not in today's read.
    insert({
      id: newId(),
      productId: ids.fresh!,
      locationId: shop,
      toLocationId: null,
      type: 'in',
      quantity: 70,
      direction: 1,
      reason: '',
      occurredAt: today + DAY + HOUR,
      source: 'manual',
      userId: null,
      idempotencyKey: null,
      now: core.clock.now(),
      device: core.ctx.deviceId,
    });
    expect(totals(db)).toEqual(fromLines(db));
    // A line dated before 1970 (a mistyped import) is stored, in the block and slot of its floored day.
    insert({
      id: newId(),
      productId: ids.short!,
      locationId: shop,
      toLocationId: null,
      type: 'out',
      quantity: 1,
      direction: -1,
      reason: '',
      occurredAt: -7 * DAY + HOUR,
      source: 'manual',
      userId: null,
      idempotencyKey: null,
      now: core.clock.now(),
      device: core.ctx.deviceId,
    });
    const early = db.prepare('SELECT block, days, sold FROM stock_days WHERE product_id = ? AND block < 0').get(ids.short!) as {
      block: number;
      days: number;
      sold: string;
    };
    expect({ block: early.block, days: early.days, day25: (JSON.parse(early.sold) as number[])[25] }).toEqual({
      block: -1,
      days: 2 ** 25,
      day25: 1,
    });
    const fresh = demandLedger(db, ids.fresh!, today, 730)!;
    expect(fresh.sales.at(-1)).toBe(3 + 40 * 0.25);
    expect(fresh.closing.at(-1)).toBe(500 - 180 - 10);
    expect(fresh).toEqual({ from: fresh.from, ...dailyLedger(db, ids.fresh!, fresh.from, today) });
    // Windows starting anywhere in a block, before and after a product's first line, read as the ledger scan does.
    for (const days of [1, 31, 32, 33, 59, 60, 61, 100, 365, 729]) {
      for (const key of ['long', 'fresh', 'empty'] as const) {
        const l = demandLedger(db, ids[key]!, today, days)!;
        expect({ key, days, ...l }).toEqual({ key, days, from: l.from, ...dailyLedger(db, ids[key]!, l.from, today) });
        expect(l.from).toBe(Math.max(today - days * DAY, today + { long: -1100, fresh: -60, empty: -114 }[key] * DAY));
      }
    }
  });

  it('an older database gets them from its ledger when it upgrades', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-daily-'));
    try {
      const { core } = await seeded();
      const file = path.join(dir, 'old.db');
      // The seeded ledger copied into a database migrated only up to 0209, then upgraded (0210's
      // daily totals, then 0241's blocks built from them).
      const old = openDatabase(file);
      migrate(old, { upTo: 209 });
      old.pragma('foreign_keys = OFF');
      old.exec(`ATTACH '${core.ctx.dbPath}' AS src`);
      for (const t of ['products', 'locations', 'stock_movements']) old.exec(`INSERT INTO ${t} SELECT * FROM src.${t}`);
      old.exec('DETACH src');
      expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'stock_days'").pluck().get()).toBe(0);
      migrate(old, { dataDir: dir });
      expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('stock_daily', 'stock_movements_daily')").pluck().get()).toBe(
        0,
      );
      expect(totals(old)).toEqual(fromLines(core.ctx.db));
      expect((totals(old) as unknown[]).length).toBeGreaterThan(1000);
      old.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
