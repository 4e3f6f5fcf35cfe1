import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { newId } from '@core/db/ids.js';
import { prepareMovementInsert } from '@core/db/repos/stockMovements.js';
import type { PushEvent } from '@shared/rpc.js';
import { startForecastSchedule } from '@core/modules/forecast/schedule.js';
import { insertBooth } from '@core/db/repos/booths.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];

let core: TestCore;
let today: number;
let warehouse: string;
let pushed: PushEvent[];

beforeEach(async () => {
  core = createTestCore();
  today = Math.floor(core.clock.now() / DAY) * DAY;
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
  pushed = [];
  core.ctx.events.subscribe((e) => pushed.push(e));
});
afterEach(() => core.dispose());

/** Deterministic PRNG so the seeded history is the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) % 4294967296;
    return a / 4294967296;
  };
}

async function product(sku: string, over: Record<string, unknown> = {}) {
  return (await core.router.call('catalog.products.create', { sku, name: `Produit ${sku}`, unit: 'pce', cost: 2.5, ...over } as never)).id;
}

/** Writes a product's ledger straight to the repo (the router would audit 700 lines one by one). */
function ledger(productId: string, lines: Array<{ day: number; type: 'in' | 'out'; quantity: number; hour?: number }>) {
  const insert = prepareMovementInsert(core.ctx.db);
  core.ctx.db.transaction(() => {
    for (const l of lines) {
      insert({
        id: newId(),
        productId,
        locationId: warehouse,
        toLocationId: null,
        type: l.type,
        quantity: l.quantity,
        direction: l.type === 'in' ? 1 : -1,
        reason: l.type === 'out' ? 'Vente' : 'Livraison',
        occurredAt: today + l.day * DAY + (l.hour ?? 12) * HOUR,
        source: 'manual',
        userId: null,
        idempotencyKey: null,
        now: core.clock.now(),
        device: core.ctx.deviceId,
      });
    }
  })();
}

/** A smooth seller (~6 a day, busier on weekends) and an intermittent one (1–4 now and then), 400 days. */
async function seedHistory() {
  const r = rng(11);
  const smooth = await product('SMOOTH', { leadTimeDays: 7, moq: 10, packSize: 5 });
  const lines: Parameters<typeof ledger>[1] = [{ day: -400, type: 'in', quantity: 5000, hour: 8 }];
  for (let d = -400; d < 0; d++) {
    const dow = new Date(today + d * DAY).getUTCDay();
    const q = Math.round((dow === 5 || dow === 6 ? 9 : 5) * (0.7 + 0.6 * r()));
    if (q > 0) lines.push({ day: d, type: 'out', quantity: q });
  }
  ledger(smooth, lines);
  const intermittent = await product('RARE', { leadTimeDays: 14, moq: 1, packSize: 1 });
  const rare: Parameters<typeof ledger>[1] = [{ day: -400, type: 'in', quantity: 300, hour: 8 }];
  for (let d = -400; d < 0; d++) if (r() < 0.15) rare.push({ day: d, type: 'out', quantity: 1 + Math.floor(r() * 4) });
  ledger(intermittent, rare);
  const short = await product('SHORT');
  ledger(short, [
    { day: -10, type: 'in', quantity: 50, hour: 8 },
    ...Array.from({ length: 10 }, (_, i) => ({ day: -10 + i, type: 'out' as const, quantity: 2 })),
  ]);
  return { smooth, intermittent, short };
}

/** Paper forecast from a calendar: weddings print ~300, parties ~100; six events coming. */
async function seedPaper() {
  const paper = await product('PAPER', { unit: 'rouleau', leadTimeDays: 5, moq: 1, packSize: 1 });
  ledger(paper, [{ day: -300, type: 'in', quantity: 20, hour: 8 }]);
  const r = rng(5);
  const ins = core.ctx.db.prepare(
    `INSERT INTO events (id, client_name, event_type, starts_at, ends_at, status, prints, sessions, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = core.clock.now();
  for (let i = 0; i < 120; i++) {
    const type = i % 3 === 0 ? 'Mariage' : 'Soirée';
    const start = today - (360 - i * 3) * DAY + 18 * HOUR;
    const prints = Math.round((type === 'Mariage' ? 300 : 100) * (0.7 + 0.6 * r()));
    ins.run(newId(), `Client ${i}`, type, start, start + 5 * HOUR, 'completed', prints, 50, now, now, 'd');
  }
  const upcoming = [
    [2, 'Mariage'],
    [2, 'Soirée'],
    [6, 'Soirée'],
    [9, 'Mariage'],
    [13, 'Soirée'],
    [20, 'Mariage'],
  ] as const;
  for (const [d, type] of upcoming)
    ins.run(newId(), `Futur ${d}${type}`, type, today + d * DAY + 18 * HOUR, today + d * DAY + 23 * HOUR, 'active', 0, 0, now, now, 'd');
  await core.router.call('forecast.driver.set', { productId: paper, driver: 'event_prints', perUnit: 1 / 700 });
  return paper;
}

async function asRole(role: 'viewer' | 'installer') {
  const u = insertUser(
    core.ctx.db,
    { email: `${role}@x.test`, displayName: role, role },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
  core.ctx.session.set(u.id);
}

describe('catalog forecast run', () => {
  it('forecasts smooth, intermittent and calendar-driven products; too short a history is no_data', async () => {
    const { smooth, intermittent, short } = await seedHistory();
    const paper = await seedPaper();
    const run = await core.router.call('forecast.run', { mode: 'full', jobId: 'job-1' });
    expect(run).toMatchObject({ jobId: 'job-1', computed: 4, skipped: 0, failed: [], cancelled: false });

    const progress = pushed
      .filter((e) => e.event === 'job.progress')
      .map((e) => e.payload as { jobId: string; kind: string; done: number; total: number });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.jobId === 'job-1' && p.kind === 'forecast' && p.total === 4)).toBe(true);
    expect(progress.at(-1)!.done).toBe(4);
    expect(pushed.filter((e) => e.event === 'forecast.updated')).toHaveLength(1);

    const list = await core.router.call('forecast.list', {});
    expect(list.total).toBe(4);
    expect(list.stale).toBe(0);
    expect(list.computedAt).toBe(core.clock.now());
    const by = new Map(list.items.map((r) => [r.productId, r]));
    expect(['smooth', 'erratic']).toContain(by.get(smooth)!.kind);
    expect(['intermittent', 'lumpy']).toContain(by.get(intermittent)!.kind);
    // The base model, then the seasonal factors the daily path kept (e.g. sba+weekday); combo is
    // the SBA–TSB mean the intermittent selection starts from.
    expect(['croston', 'sba', 'tsb', 'combo']).toContain(by.get(intermittent)!.model!.split('+')[0]);
    expect(by.get(short)).toMatchObject({ status: 'no_data', model: null, nextP50: null, suggestedQty: 0 });
    // ~44 a week for the smooth seller (5 on weekdays, 9 on Fri/Sat, ±30 %).
    expect(by.get(smooth)!.nextP50!).toBeGreaterThan(33);
    expect(by.get(smooth)!.nextP50!).toBeLessThan(56);
    expect(by.get(paper)).toMatchObject({ driver: 'event_prints', model: 'event_prints', kind: null });

    // Urgency: statuses in order, no_data last.
    const rank = { order_now: 0, late_delivery: 1, order_soon: 2, ok: 3, overstock: 4, no_data: 5 };
    const ranks = list.items.map((r) => rank[r.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(list.items.at(-1)!.productId).toBe(short);

    const pf = await core.router.call('forecast.product', { productId: smooth });
    expect(pf.forecast).toHaveLength(28); // max(28, 7 + 7 + 7)
    expect(pf.forecast[0]!.day).toBe(today);
    expect(pf.forecast.every((p) => p.p10 <= p.p50 && p.p50 <= p.p90 && p.p10 >= 0)).toBe(true);
    expect(pf.history).toHaveLength(365);
    expect(pf.history.at(-1)!.day).toBe(today - DAY);
    expect(pf.projection).toHaveLength(28);
    expect(pf.leadTimeDemand!.p50).toBeGreaterThan(0);
    expect(pf.upToLevel!).toBeGreaterThan(pf.row.reorderPoint!);
    expect(pf.row.mase).not.toBeNull();
  });

  it('forecasts paper from the event calendar: prints per event by type, × rolls per print', async () => {
    const paper = await seedPaper();
    await core.router.call('forecast.run', { mode: 'full' });
    const pf = await core.router.call('forecast.product', { productId: paper });
    expect(pf.perUnit).toBeCloseTo(1 / 700, 12);
    const at = (d: number) => pf.forecast[d]!;
    // Day 2: a wedding (~300) and a party (~100) → ~400 prints ≈ 0.57 roll.
    expect(at(2).p50 * 700).toBeGreaterThan(360);
    expect(at(2).p50 * 700).toBeLessThan(440);
    expect(at(6).p50 * 700).toBeGreaterThan(85);
    expect(at(6).p50 * 700).toBeLessThan(115);
    expect(at(0)).toMatchObject({ p10: 0, p50: 0, p90: 0 });
    expect(at(2).p10).toBeLessThan(at(2).p50);
    expect(at(2).p90).toBeGreaterThan(at(2).p50);
    // History shows past prints in rolls on the events' days.
    expect(pf.history.filter((h) => h.quantity > 0).length).toBeGreaterThan(100);
    expect(pf.row.mase).not.toBeNull();
  });

  it('an incremental run recomputes only the products whose history changed', async () => {
    const { smooth, intermittent } = await seedHistory();
    await core.router.call('forecast.run', { mode: 'full' });
    const before = core.ctx.db.prepare('SELECT product_id, computed_at FROM forecasts').all() as Array<{
      product_id: string;
      computed_at: number;
    }>;
    expect((await core.router.call('forecast.run', {})).computed).toBe(0);

    // A back-dated sale of yesterday changes one product's series; a sale today is not history yet.
    ledger(intermittent, [{ day: -1, type: 'out', quantity: 3 }]);
    ledger(smooth, [{ day: 0, type: 'out', quantity: 3 }]);
    expect((await core.router.call('forecast.list', {})).stale).toBe(1);
    core.clock.advance(60_000);
    const run = await core.router.call('forecast.run', { mode: 'incremental' });
    expect(run).toMatchObject({ computed: 1, skipped: 2, failed: [] });
    const after = new Map(
      (core.ctx.db.prepare('SELECT product_id, computed_at FROM forecasts').all() as typeof before).map((r) => [
        r.product_id,
        r.computed_at,
      ]),
    );
    for (const b of before)
      expect(after.get(b.product_id), b.product_id).toBe(b.product_id === intermittent ? b.computed_at + 60_000 : b.computed_at);

    // A new day slides the window: everything is due again.
    core.clock.advance(DAY);
    expect((await core.router.call('forecast.run', {})).computed).toBe(3);
  });

  it('a driver change makes the product stale and the next run uses the calendar', async () => {
    const { smooth } = await seedHistory();
    await seedPaper();
    await core.router.call('forecast.run', {});
    await core.router.call('forecast.driver.set', { productId: smooth, driver: 'event_count', perUnit: 2 });
    expect((await core.router.call('forecast.list', {})).stale).toBe(1);
    expect((await core.router.call('forecast.run', {})).computed).toBe(1);
    const pf = await core.router.call('forecast.product', { productId: smooth });
    expect(pf.row.model).toBe('event_count');
    expect(pf.forecast[2]!.p50).toBe(4); // two events on day 2, two units each
    expect(pf.forecast[3]!.p50).toBe(0);
  });
});

describe('what counts as demand', () => {
  it('only out lines: transfers to a booth and inventory adjustments are not sales', async () => {
    const booth = core.ctx.db
      .prepare("INSERT INTO booths (id, name, created_at, updated_at, origin_device) VALUES ('b1', 'Borne', 1, 1, 'd') RETURNING id")
      .pluck()
      .get() as string;
    const boothLoc = (await core.router.call('stock.locations.create', { name: 'Borne B1', kind: 'booth', boothId: booth })).id;
    const id = await product('MIX');
    ledger(id, [
      { day: -60, type: 'in', quantity: 500, hour: 8 },
      ...Array.from({ length: 60 }, (_, i) => ({ day: -60 + i, type: 'out' as const, quantity: 2 })),
    ]);
    await core.router.call('stock.recordBatch', {
      movements: [
        { productId: id, locationId: warehouse, toLocationId: boothLoc, type: 'transfer', quantity: 40, occurredAt: today - 5 * DAY },
        { productId: id, locationId: warehouse, type: 'adjust', direction: -1, quantity: 30, occurredAt: today - 4 * DAY },
      ],
    });
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.history).toHaveLength(60);
    expect(pf.history.every((h) => h.quantity === 2)).toBe(true);
    expect(pf.row.nextP50).toBeCloseTo(14, 6);
    // On hand still counts the booth's stock and the adjustment: 500 − 120 − 30.
    expect(pf.row.onHand).toBe(350);
  });
});

async function manyProducts(n: number) {
  const r = rng(3);
  for (let i = 0; i < n; i++) {
    const id = await product(`P${String(i).padStart(3, '0')}`);
    const lines: Parameters<typeof ledger>[1] = [{ day: -120, type: 'in', quantity: 1000, hour: 8 }];
    for (let d = -120; d < 0; d++) lines.push({ day: d, type: 'out', quantity: 1 + Math.floor(r() * 6) });
    ledger(id, lines);
  }
}

describe('empty shelves', () => {
  it('a product out of stock for two weeks still has its demand: the empty days read as the recent rate', async () => {
    const id = await product('EMPTY', { leadTimeDays: 3, moq: 1, packSize: 1 });
    // 1,860 in stock, 10 sold a day for 186 days, then nothing on the shelf for the last 14 days.
    ledger(id, [
      { day: -200, type: 'in', quantity: 1860, hour: 8 },
      ...Array.from({ length: 186 }, (_, i) => ({ day: -200 + i, type: 'out' as const, quantity: 10 })),
    ]);
    await core.router.call('forecast.run', {});
    const row = (await core.router.call('forecast.list', { q: 'EMPTY' })).items[0]!;
    expect(row.onHand).toBe(0);
    expect(row.nextP50!).toBeGreaterThan(63);
    expect(row.nextP50!).toBeLessThan(77);
    expect(row).toMatchObject({ status: 'order_now', stockoutAt: today });
    // The chart still shows what was sold.
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.history.slice(-14).every((h) => h.quantity === 0)).toBe(true);
  });
});

describe('cancelling and one run at a time', () => {
  it('cancel stops the run; what was stored stays and the next incremental run finishes the rest', async () => {
    await manyProducts(80);
    let cancelled: Promise<{ cancelled: boolean }> | null = null;
    core.ctx.events.subscribe((e) => {
      const p = e.payload as { jobId: string; done: number };
      if (e.event === 'job.progress' && p.done > 0 && !cancelled) cancelled = core.router.call('forecast.cancel', { jobId: p.jobId });
    });
    const run = await core.router.call('forecast.run', { mode: 'full', jobId: 'to-cancel' });
    expect(await cancelled).toEqual({ cancelled: true });
    expect(run.cancelled).toBe(true);
    expect(pushed.filter((e) => e.event === 'job.progress').at(-1)!.payload).toMatchObject({
      jobId: 'to-cancel',
      message: 'cancelled',
      done: run.computed,
    });
    expect(run.computed).toBeGreaterThan(0);
    expect(run.computed).toBeLessThan(80);
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM forecasts').pluck().get()).toBe(run.computed);
    expect(core.ctx.db.prepare('SELECT cancelled, computed FROM forecast_runs WHERE id = ?').get('to-cancel')).toEqual({
      cancelled: 1,
      computed: run.computed,
    });

    const rest = await core.router.call('forecast.run', {});
    expect(rest).toMatchObject({ computed: 80 - run.computed, skipped: run.computed, cancelled: false });
    expect(await core.router.call('forecast.cancel', { jobId: 'to-cancel' })).toEqual({ cancelled: false });
  }, 60_000);

  it('a second run while one is going is refused with the running job id; a used job id is refused', async () => {
    await manyProducts(20);
    const first = core.router.call('forecast.run', { mode: 'full', jobId: 'first' });
    const second = await core.router.request({ channel: 'forecast.run', input: { mode: 'full' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', details: { jobId: 'first' } } });
    expect((await first).computed).toBe(20);
    expect(await core.router.request({ channel: 'forecast.run', input: { jobId: 'first' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  }, 60_000);
});

describe('supplier order days', () => {
  it("set the review period of the supplier's products; only admins set them; an empty list goes back to weekly", async () => {
    const id = await product('OD1', { supplier: 'Papeterie Nord', leadTimeDays: 3 });
    ledger(id, [
      { day: -120, type: 'in', quantity: 5000, hour: 8 },
      ...Array.from({ length: 120 }, (_, i) => ({ day: -120 + i, type: 'out' as const, quantity: 10 })),
    ]);
    await core.router.call('forecast.run', {});
    const weekly = await core.router.call('forecast.product', { productId: id });
    expect(weekly.reviewDays).toBe(7);
    const dow = new Date(core.clock.now()).getUTCDay();
    // Orders taken today and two days from now: the review period is 2 days.
    expect(await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [dow, (dow + 2) % 7] })).toEqual({
      supplier: 'Papeterie Nord',
      weekdays: [dow, (dow + 2) % 7].sort(),
    });
    expect(await core.router.call('forecast.orderDays.list', {})).toEqual([
      { supplier: 'Papeterie Nord', weekdays: [dow, (dow + 2) % 7].sort() },
    ]);
    const twoDays = await core.router.call('forecast.product', { productId: id });
    expect(twoDays.reviewDays).toBe(2);
    // 10 a day: protection 3 + 2 days instead of 3 + 7 → the reorder point drops by about 50.
    expect(weekly.row.reorderPoint! - twoDays.row.reorderPoint!).toBeGreaterThan(40);
    expect(
      await core.router.request({ channel: 'forecast.orderDays.set', input: { supplier: 'Papeterie Nord', weekdays: [1, 1] } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.router.request({ channel: 'forecast.orderDays.set', input: { supplier: '', weekdays: [1] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [] });
    expect(await core.router.call('forecast.orderDays.list', {})).toEqual([]);
    expect((await core.router.call('forecast.product', { productId: id })).reviewDays).toBe(7);
    await asRole('viewer');
    expect(
      await core.router.request({ channel: 'forecast.orderDays.set', input: { supplier: 'Papeterie Nord', weekdays: [1] } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('demand drivers: roles and bad input', () => {
  it('a viewer reads forecasts but cannot set a driver; the attempt is audited', async () => {
    const id = await product('X1');
    await asRole('viewer');
    expect((await core.router.call('forecast.list', {})).total).toBe(1);
    const res = await core.router.request({
      channel: 'forecast.driver.set',
      input: { productId: id, driver: 'event_prints', perUnit: 0.01 },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const audit = core.ctx.db.prepare("SELECT outcome FROM audit_log WHERE action = 'forecast.driver.set'").pluck().all();
    expect(audit).toEqual(['refused']);
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM product_demand_drivers').pluck().get()).toBe(0);
  });

  it('refuses archived and missing products and bad units; nothing is written but the audit trail', async () => {
    const archived = await product('OLD');
    await core.router.call('catalog.products.archive', { id: archived, archived: true });
    const active = await product('NEW');
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const attempts: Array<[unknown, string]> = [
      [{ productId: archived, driver: 'event_prints', perUnit: 0.01 }, 'conflict'],
      [{ productId: 'no-such-product', driver: 'history' }, 'not_found'],
      [{ productId: active, driver: 'event_prints' }, 'invalid_input'],
      [{ productId: active, driver: 'event_prints', perUnit: 0 }, 'invalid_input'],
      [{ productId: active, driver: 'event_count', perUnit: -1 }, 'invalid_input'],
      [{ productId: active, driver: 'weather', perUnit: 1 }, 'invalid_input'],
      [{ productId: active, driver: 'history', extra: true }, 'invalid_input'],
    ];
    for (const [input, code] of attempts) {
      const res = await core.router.request({ channel: 'forecast.driver.set', input });
      expect(res, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
    }
    for (const input of [{ productId: 'nope' }, { productId: '' }])
      expect((await core.router.request({ channel: 'forecast.product', input })).ok).toBe(false);
    expect((await core.router.request({ channel: 'forecast.replenishment', input: { withinDays: -1 } })).ok).toBe(false);
    expect((await core.router.request({ channel: 'forecast.list', input: { status: 'urgent' } })).ok).toBe(false);
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);

    // A valid change, and back to history.
    expect(await core.router.call('forecast.driver.set', { productId: active, driver: 'event_count', perUnit: 0.5 })).toEqual({
      productId: active,
      driver: 'event_count',
      perUnit: 0.5,
    });
    expect(await core.router.call('forecast.driver.set', { productId: active, driver: 'history', perUnit: 3 })).toEqual({
      productId: active,
      driver: 'history',
      perUnit: null,
    });
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM product_demand_drivers').pluck().get()).toBe(1);
  });
});

describe('replenishment, worked end to end', () => {
  // Exactly 10 sold every day for 200 days: the forecast is 10/day with no spread (σ 0, safety stock 0).
  // Lead time 5 + review 7 = 12 days → reorder point 120; up-to level 120 + 70 = 190.
  // On hand 2100 − 2000 = 100, 30 on order for day 3 → position 130 > 120 today; 120 tomorrow → order soon,
  // 190 − 120 = 70 → MOQ 20 → packs of 12: 72. On hand: 90, 80, 70, +30 → 90 … reaches 0 on day 12.
  it('orders 72 by tomorrow, stock-out in 12 days, in the list, the replenishment page, the CSV and the tile', async () => {
    const id = await product('FLAT', {
      name: 'Gobelets carton',
      leadTimeDays: 5,
      moq: 20,
      packSize: 12,
      serviceLevel: 0.95,
      cost: 1.5,
      supplier: 'Emballages Rhône',
    });
    ledger(id, [
      { day: -200, type: 'in', quantity: 2100, hour: 8 },
      ...Array.from({ length: 200 }, (_, i) => ({ day: -200 + i, type: 'out' as const, quantity: 10 })),
    ]);
    await core.router.call('purchaseOrders.create', {
      productId: id,
      locationId: warehouse,
      quantity: 30,
      expectedAt: today + 3 * DAY + 10 * HOUR,
    });
    await core.router.call('forecast.run', {});

    const row = (await core.router.call('forecast.list', { q: 'gobelets' })).items[0]!;
    expect(row).toMatchObject({
      status: 'order_soon',
      suggestedQty: 72,
      orderBy: today + DAY,
      stockoutAt: today + 12 * DAY,
      onHand: 100,
      onOrder: 30,
      safetyStock: 0,
      reorderPoint: 120,
      nextP50: 70,
    });
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.leadTimeDemand).toEqual({ p10: 120, p50: 120, p90: 120 });
    expect(pf.upToLevel).toBe(190);
    expect(pf.projection.slice(0, 5).map((p) => p.onHand)).toEqual([90, 80, 70, 90, 80]);

    expect(await core.router.call('forecast.replenishment', { withinDays: 0 })).toEqual([]);
    const lines = await core.router.call('forecast.replenishment', { withinDays: 7 });
    expect(lines).toEqual([
      {
        productId: id,
        sku: 'FLAT',
        name: 'Gobelets carton',
        unit: 'pce',
        supplier: 'Emballages Rhône',
        quantity: 72,
        orderBy: today + DAY,
        stockoutAt: today + 12 * DAY,
        onHand: 100,
        onOrder: 30,
        reorderPoint: 120,
        unitCost: 1.5,
        status: 'order_soon',
        // Ordered tomorrow, delivered a 5-day lead time later.
        arrivesAt: today + 6 * DAY,
      },
    ]);
    const file = await core.router.call('forecast.replenishment.export', { withinDays: 7 });
    expect(file.rows).toBe(1);
    expect(file.fileName).toBe('opsdeck-reappro-2026-11-23.csv');
    expect(file.csv.startsWith('\ufeffRéférence;Désignation;Fournisseur;Quantité à commander;')).toBe(true);
    expect(file.csv).toContain(
      'FLAT;Gobelets carton;Emballages Rhône;72;pce;24/11/2026;05/12/2026;100;30;120;1,5;108;À commander bientôt\r\n',
    );

    const tile = await core.router.call('forecast.summary', {});
    expect(tile.toOrderCount).toBe(1);
    expect(tile.stockoutRisks).toEqual([
      { productId: id, sku: 'FLAT', name: 'Gobelets carton', stockoutAt: today + 12 * DAY, onHand: 100, unit: 'pce' },
    ]);

    // Receiving the order changes the advice at once (no new forecast needed).
    const po = (await core.router.call('purchaseOrders.list', { status: 'open' }))[0]!;
    await core.router.call('purchaseOrders.receive', { id: po.id });
    expect((await core.router.call('forecast.list', { q: 'FLAT' })).items[0]).toMatchObject({
      onHand: 130,
      onOrder: 0,
      stockoutAt: today + 12 * DAY,
    });
  });
});

describe('background schedule', () => {
  const fast = { firstRunMs: 10, checkEveryMs: 60_000, afterChangeMs: 20 };
  const updated = () =>
    new Promise<void>((resolve) => {
      const off = core.ctx.events.subscribe((e) => {
        if (e.event === 'forecast.updated') {
          off();
          resolve();
        }
      });
    });

  it('runs shortly after start, then again soon after a driver change', async () => {
    const { smooth } = await seedHistory();
    await seedPaper();
    const stop = startForecastSchedule(core.ctx, fast);
    try {
      await updated();
      expect(core.ctx.db.prepare('SELECT COUNT(*) FROM forecasts').pluck().get()).toBe(4);
      const next = updated();
      await core.router.call('forecast.driver.set', { productId: smooth, driver: 'event_count', perUnit: 1 });
      await next;
      expect((await core.router.call('forecast.product', { productId: smooth })).row.model).toBe('event_count');
    } finally {
      stop();
    }
  }, 30_000);

  it('stopping the core stops a run started from a screen', async () => {
    await manyProducts(40);
    const stop = startForecastSchedule(core.ctx, { ...fast, firstRunMs: 60_000 });
    const run = core.router.call('forecast.run', { mode: 'full', jobId: 'screen' });
    stop();
    expect((await run).cancelled).toBe(true);
  }, 60_000);

  it('does nothing on a booth PC', async () => {
    await seedHistory();
    await core.router.call('kiosk.setPin', { pin: '2580' });
    await core.router.call('settings.set', { mode: 'booth' });
    const stop = startForecastSchedule(core.ctx, fast);
    await new Promise((r) => setTimeout(r, 200));
    stop();
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM forecast_runs').pluck().get()).toBe(0);
  });
});

describe('paper per booth', () => {
  it("weighs each booth's booked events against the sheets on board (strip booths use half a sheet a print)", async () => {
    const stamp = { now: core.clock.now(), device: core.ctx.deviceId };
    const a = insertBooth(core.ctx.db, { name: 'Borne A', remainingPrints: 650, printsPerCopy: 1 }, stamp);
    const b = insertBooth(core.ctx.db, { name: 'Borne B', remainingPrints: 100, printsPerCopy: 0.5 }, stamp);
    const ins = core.ctx.db.prepare(
      `INSERT INTO events (id, booth_id, client_name, event_type, starts_at, ends_at, status, prints, sessions, created_at, updated_at, origin_device)
       VALUES (?, ?, ?, 'Mariage', ?, ?, ?, ?, 40, ?, ?, 'd')`,
    );
    const r = rng(9);
    const now = core.clock.now();
    // 20 past weddings each: ~300 prints (B's strips: 150 sheets).
    for (let i = 0; i < 40; i++) {
      const start = today - (200 - i * 4) * DAY + 18 * HOUR;
      ins.run(
        newId(),
        i % 2 ? a.id : b.id,
        `Mariage ${i}`,
        start,
        start + 5 * HOUR,
        'completed',
        Math.round(300 * (0.8 + 0.4 * r())),
        now,
        now,
      );
    }
    const ahead = (booth: string, d: number, name: string) =>
      ins.run(name, booth, name, today + d * DAY + 18 * HOUR, today + d * DAY + 23 * HOUR, 'active', 0, now, now);
    ahead(a.id, 2, 'a-2');
    ahead(a.id, 5, 'a-5');
    ahead(a.id, 40, 'a-40'); // beyond the window
    ahead(b.id, 3, 'b-3');
    ahead(b.id, 10, 'b-10');

    const res = await core.router.call('forecast.booths', { days: 30 });
    const A = res.find((x) => x.boothId === a.id)!;
    const B = res.find((x) => x.boothId === b.id)!;
    expect(A.events.map((e) => e.eventId)).toEqual(['a-2', 'a-5']);
    // A: two weddings of ~300 sheets each against 650 on board; the one after the window does not count.
    expect(A.events[0]!.expected).toBeGreaterThan(270);
    expect(A.events[0]!.expected).toBeLessThan(320);
    expect(A.p50).toBeGreaterThan(540);
    expect(A.p50).toBeLessThan(650);
    expect(A.events[1]!.cumulativeP90).toBeGreaterThan(A.events[1]!.cumulativeP50);
    // B cuts two strips per sheet: ~150 sheets a wedding (shrunk a little toward all weddings), 100 on board → reload before its first.
    expect(B.events[0]!.expected).toBeGreaterThan(140);
    expect(B.events[0]!.expected).toBeLessThan(180);
    expect(B.reloadBefore).toEqual({ eventId: 'b-3', startsAt: today + 3 * DAY + 18 * HOUR });
    expect((await core.router.request({ channel: 'forecast.booths', input: { days: 0 } })).ok).toBe(false);
  });
});

describe('yearly view', () => {
  it('forecasts a product a year ahead on demand, with the season its two years of history show', async () => {
    // Two years of a seasonal seller: ~10 a day at the peak (day-of-year 172, late June), ~3.3 at the trough.
    const r = rng(23);
    const id = await product('SAISON', { leadTimeDays: 5 });
    const lines: Parameters<typeof ledger>[1] = [{ day: -731, type: 'in', quantity: 20_000, hour: 8 }];
    const doy = (d: number) => (today + d * DAY - Date.UTC(new Date(today + d * DAY).getUTCFullYear(), 0, 1)) / DAY;
    const rate = (d: number) => 6.5 * (1 + 0.5 * Math.cos((2 * Math.PI * (doy(d) - 172)) / 365.25));
    for (let d = -730; d < 0; d++) {
      const q = Math.round(rate(d) * (0.6 + 0.8 * r()));
      if (q > 0) lines.push({ day: d, type: 'out', quantity: q });
    }
    ledger(id, lines);
    await core.router.call('forecast.run', { mode: 'full' });
    const stored = await core.router.call('forecast.product', { productId: id });
    expect(stored.forecast).toHaveLength(28);

    const year = await core.router.call('forecast.product', { productId: id, horizonDays: 365 });
    expect(year.forecast).toHaveLength(365);
    expect(year.forecast[0]!.day).toBe(today);
    expect(year.forecast.at(-1)!.day).toBe(today + 364 * DAY);
    expect(year.forecast.every((p) => p.p10 <= p.p50 && p.p50 <= p.p90 && p.p10 >= 0)).toBe(true);
    // The high season forecasts clearly more than the low one (the truth is 3×).
    const mean = (pred: (d: number) => boolean) => {
      const pts = year.forecast.filter((_, i) => pred(i));
      return pts.reduce((s, p) => s + p.p50, 0) / pts.length;
    };
    const high = mean((i) => Math.abs(((doy(i) - 172 + 365) % 365) - 0) < 30 || (doy(i) - 172 + 365) % 365 > 335);
    const low = mean((i) => Math.abs(((doy(i) - 172 + 365) % 365) - 182) < 30);
    expect(high / low).toBeGreaterThan(1.8);
    // The stored run, its advice and a shorter view are untouched.
    expect(year.row).toEqual(stored.row);
    expect((await core.router.call('forecast.product', { productId: id, horizonDays: 7 })).forecast).toEqual(stored.forecast.slice(0, 7));
    expect((await core.router.request({ channel: 'forecast.product', input: { productId: id, horizonDays: 366 } })).ok).toBe(false);
  });
});
