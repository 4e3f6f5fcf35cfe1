import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countExistingKeys,
  dailyDeltas,
  largestMovement,
  listMovements,
  netChangeSince,
  prepareMovementInsert,
} from '@core/db/repos/stockMovements.js';
import { listBalances, lowStock, onHandAt, productOnHand, stockOuts, stockTotals, stockValue } from '@core/db/repos/balances.js';
import { recordMovements } from '@core/modules/stock/record.js';
import { AppError } from '@shared/errors.js';
import { MovementInput } from '@shared/model/stock.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * The stock ledger's repository rules (issue 19, from StrykerJS survivors): what a batch refuses
 * and how it names the line, paging, the location filter, transfers cancelling out in daily and net
 * change, re-import detection, and the balances behind low stock, stock-outs and valuation.
 */

const DAY = 86_400_000;
let core: TestCore;
let lyon: string;
let van: string;
beforeEach(async () => {
  core = createTestCore();
  lyon = (await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
  van = (await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'van' })).id;
});
afterEach(() => core.dispose());

const db = () => core.ctx.db;
const product = (sku: string, extra: Record<string, unknown> = {}) =>
  core.router.call('catalog.products.create', { sku, name: `Produit ${sku}`, ...extra });
const rc = () => ({ db: db(), now: core.clock.now(), device: core.ctx.deviceId, userId: null, source: 'manual' as const });
const mv = (m: Record<string, unknown>) => MovementInput.parse({ reason: '', ...m });

describe('recording a batch', () => {
  it('refuses an unknown product, location or destination, naming the line only in a batch', async () => {
    const p = await product('A-1');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ productId: 'nope', locationId: lyon, type: 'in', quantity: 1 }, 'Unknown product', 'productId'],
      [{ productId: p.id, locationId: 'nope', type: 'in', quantity: 1 }, 'Unknown location', 'locationId'],
      [{ productId: p.id, locationId: lyon, toLocationId: 'nope', type: 'transfer', quantity: 1 }, 'Unknown destination', 'toLocationId'],
    ];
    for (const [bad, message, field] of cases) {
      for (const batch of [[bad], [{ productId: p.id, locationId: lyon, type: 'in', quantity: 1 }, bad]]) {
        let e: unknown;
        try {
          recordMovements(rc(), batch.map(mv));
        } catch (err) {
          e = err;
        }
        expect(e).toBeInstanceOf(AppError);
        const index = batch.length - 1;
        expect([(e as AppError).code, (e as AppError).message, (e as AppError).details]).toEqual([
          'not_found',
          batch.length > 1 ? `${message} (line ${index + 1})` : message,
          { index, field },
        ]);
      }
    }
    expect(db().prepare('SELECT COUNT(*) FROM stock_movements').pluck().get()).toBe(0);
  });

  it('a deleted product or location (deleted_at, e.g. by sync) is unknown', async () => {
    const p = await product('A-2');
    db().prepare('UPDATE products SET deleted_at = ? WHERE id = ?').run(core.clock.now(), p.id);
    expect(() => recordMovements(rc(), [mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 1 })])).toThrow('Unknown product');
    const q = await product('A-3');
    db().prepare('UPDATE locations SET deleted_at = ? WHERE id = ?').run(core.clock.now(), van);
    expect(() => recordMovements(rc(), [mv({ productId: q.id, locationId: van, type: 'in', quantity: 1 })])).toThrow('Unknown location');
  });

  it('stores each line as given: signed delta, time (now by default), source, user, key; a known key is counted, not doubled', async () => {
    const p = await product('A-4');
    const t = core.clock.now() - 5 * DAY;
    const r = recordMovements({ ...rc(), source: 'csv', userId: 'u-1' }, [
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 10, occurredAt: t, idempotencyKey: 'k1' }),
      mv({ productId: p.id, locationId: lyon, type: 'adjust', direction: -1, quantity: 2, reason: 'casse' }),
      mv({ productId: p.id, locationId: lyon, type: 'transfer', toLocationId: van, quantity: 3 }),
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 99, idempotencyKey: 'k1' }),
    ]);
    expect(r.recorded).toHaveLength(3);
    expect(r.duplicates).toBe(1);
    const stored = db()
      .prepare(
        'SELECT type, quantity, direction, delta, occurred_at, source, user_id, idempotency_key, reason, to_location_id FROM stock_movements ORDER BY rowid',
      )
      .all();
    expect(stored).toEqual([
      {
        type: 'in',
        quantity: 10,
        direction: 1,
        delta: 10,
        occurred_at: t,
        source: 'csv',
        user_id: 'u-1',
        idempotency_key: 'k1',
        reason: '',
        to_location_id: null,
      },
      {
        type: 'adjust',
        quantity: 2,
        direction: -1,
        delta: -2,
        occurred_at: core.clock.now(),
        source: 'csv',
        user_id: 'u-1',
        idempotency_key: null,
        reason: 'casse',
        to_location_id: null,
      },
      {
        type: 'transfer',
        quantity: 3,
        direction: -1,
        delta: -3,
        occurred_at: core.clock.now(),
        source: 'csv',
        user_id: 'u-1',
        idempotency_key: null,
        reason: '',
        to_location_id: van,
      },
    ]);
    expect([onHandAt(db(), p.id, lyon), onHandAt(db(), p.id, van), productOnHand(db(), p.id)]).toEqual([5, 3, 8]);
  });

  it('one movement recorded twice with the same key is a conflict, not a second line', async () => {
    const p = await product('A-6');
    const m = { productId: p.id, locationId: lyon, type: 'in' as const, quantity: 2, idempotencyKey: 'bl-4711' };
    const first = await core.router.call('stock.record', m);
    expect(first).toMatchObject({ productId: p.id, locationId: lyon, quantity: 2, delta: 2 });
    expect(await core.router.request({ channel: 'stock.record', input: m })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'This movement was already recorded (same idempotency key)' },
    });
    expect(productOnHand(db(), p.id)).toBe(2);
  });

  it('the absolute bound holds at the insert itself: 1 000 000 passes, more is refused', async () => {
    const p = await product('A-5');
    const insert = prepareMovementInsert(db());
    const row = (quantity: number, id: string) => ({
      id,
      productId: p.id,
      locationId: lyon,
      toLocationId: null,
      type: 'in' as const,
      quantity,
      direction: 1 as const,
      reason: '',
      occurredAt: core.clock.now(),
      source: 'manual' as const,
      userId: null,
      idempotencyKey: null,
      now: core.clock.now(),
      device: core.ctx.deviceId,
    });
    expect(insert(row(1_000_000, 'm-1'))).toBe(true);
    let e: unknown;
    try {
      insert(row(1_000_001, 'm-2'));
    } catch (err) {
      e = err;
    }
    expect((e as AppError).code).toBe('invalid_input');
    expect((e as AppError).details).toEqual({ field: 'quantity', max: 1_000_000 });
    expect(() => insert(row(Number.NaN, 'm-3'))).toThrow(AppError);
    expect(largestMovement(db(), p.id)).toBe(1_000_000);
    expect(largestMovement(db(), 'never-moved')).toBe(0);
  });
});

describe('reading the ledger', () => {
  it('pages newest first without skipping rows that share a time; the location filter includes transfers to it', async () => {
    const p = await product('L-1');
    const q = await product('L-2');
    const t = core.clock.now();
    const ids = recordMovements(rc(), [
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 1, occurredAt: t - 2 * DAY }),
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 2, occurredAt: t - DAY }),
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 3, occurredAt: t - DAY }),
      mv({ productId: p.id, locationId: lyon, type: 'transfer', toLocationId: van, quantity: 1, occurredAt: t }),
      mv({ productId: q.id, locationId: lyon, type: 'in', quantity: 5, occurredAt: t }),
    ]).recorded;
    const all = listMovements(db(), { limit: 10 });
    expect(all.next).toBeNull();
    expect(all.items).toHaveLength(5);
    const seen: string[] = [];
    let before: { occurredAt: number; id: string } | undefined;
    for (let i = 0; i < 10; i++) {
      const page = listMovements(db(), { limit: 2, before });
      seen.push(...page.items.map((m) => m.id));
      if (!page.next) break;
      expect(page.next).toEqual({ occurredAt: page.items[1]!.occurredAt, id: page.items[1]!.id });
      before = page.next;
    }
    expect(seen).toEqual(all.items.map((m) => m.id));
    expect(new Set(seen)).toEqual(new Set(ids));
    // Exactly one full page: no next.
    expect(listMovements(db(), { limit: 5 }).next).toBeNull();
    expect(listMovements(db(), { limit: 4 }).next).not.toBeNull();
    expect(listMovements(db(), { productId: q.id, limit: 10 }).items.map((m) => m.quantity)).toEqual([5]);
    expect(listMovements(db(), { locationId: van, limit: 10 }).items.map((m) => [m.type, m.toLocationName])).toEqual([
      ['transfer', 'Camionnette'],
    ]);
    expect(listMovements(db(), { productId: p.id, locationId: lyon, limit: 10 }).items).toHaveLength(4);
  });

  it('daily and net change over all locations: transfers cancel out, only days from `from` count', async () => {
    const p = await product('D-1');
    const today = Math.floor(core.clock.now() / DAY) * DAY;
    recordMovements(rc(), [
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 10, occurredAt: today - 3 * DAY + 5 }),
      mv({ productId: p.id, locationId: lyon, type: 'out', quantity: 4, occurredAt: today - DAY + 7 }),
      mv({ productId: p.id, locationId: lyon, type: 'transfer', toLocationId: van, quantity: 5, occurredAt: today - DAY + 8 }),
      mv({ productId: p.id, locationId: lyon, type: 'out', quantity: 1, occurredAt: today + 9 }),
    ]);
    expect(dailyDeltas(db(), p.id, today - 3 * DAY)).toEqual([
      { day: today - 3 * DAY, delta: 10 },
      { day: today - DAY, delta: -4 },
      { day: today, delta: -1 },
    ]);
    // `from` is a day of the grid (its local midnight on), not an instant.
    expect(dailyDeltas(db(), p.id, today - DAY)).toEqual([
      { day: today - DAY, delta: -4 },
      { day: today, delta: -1 },
    ]);
    expect(dailyDeltas(db(), p.id, today)).toEqual([{ day: today, delta: -1 }]);
    expect(netChangeSince(db(), p.id, today - 3 * DAY)).toBe(5);
    expect(netChangeSince(db(), p.id, today - DAY + 7)).toBe(-5);
    expect(netChangeSince(db(), p.id, today + 10)).toBe(0);
  });

  it('counts which keys of a file are already in the ledger', async () => {
    const p = await product('K-1');
    recordMovements(rc(), [
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 1, idempotencyKey: 'csv:a' }),
      mv({ productId: p.id, locationId: lyon, type: 'in', quantity: 1, idempotencyKey: 'csv:b' }),
    ]);
    expect(countExistingKeys(db(), ['csv:a', 'csv:x', 'csv:b', 'csv:y'])).toBe(2);
    expect(countExistingKeys(db(), [])).toBe(0);
  });
});

describe('balances', () => {
  it('low stock: above 0 and at or below the manual reorder point, most urgent first; stock-outs at 0 or below', async () => {
    const a = await product('B-A', { reorderPoint: 10, cost: 2 });
    const b = await product('B-B', { reorderPoint: 4, cost: 5 });
    const c = await product('B-C', { reorderPoint: 3 });
    const d = await product('B-D', { cost: 7 });
    const e = await product('B-E', { reorderPoint: 5 });
    recordMovements(rc(), [
      mv({ productId: a.id, locationId: lyon, type: 'in', quantity: 6 }), // 6/10
      mv({ productId: a.id, locationId: van, type: 'in', quantity: 4 }), // 10/10 over two locations
      mv({ productId: b.id, locationId: lyon, type: 'in', quantity: 2 }), // 2/4 = 0.5
      mv({ productId: c.id, locationId: lyon, type: 'in', quantity: 4 }), // above 3
      mv({ productId: d.id, locationId: lyon, type: 'adjust', direction: -1, quantity: 2 }), // −2, no reorder point
      mv({ productId: e.id, locationId: lyon, type: 'in', quantity: 1 }),
      mv({ productId: e.id, locationId: lyon, type: 'out', quantity: 1 }), // 0
    ]);
    expect(lowStock(db()).map((r) => [r.sku, r.onHand, r.reorderPoint])).toEqual([
      ['B-B', 2, 4],
      ['B-A', 10, 10],
    ]);
    expect(stockOuts(db()).map((r) => [r.sku, r.onHand])).toEqual([
      ['B-D', -2],
      ['B-E', 0],
    ]);
    // Valued at cost, negative balances count as nothing.
    expect(stockValue(db())).toBe(10 * 2 + 2 * 5);
    const totals = Object.fromEntries(stockTotals(db()).map((r) => [r.sku, r.onHand]));
    expect(totals).toMatchObject({ 'B-A': 10, 'B-B': 2, 'B-C': 4, 'B-D': -2, 'B-E': 0 });
    // An archived product leaves the alert lists (it is still stock, still valued); a deleted one leaves everything.
    await core.router.call('catalog.products.archive', { id: b.id, archived: true });
    expect(lowStock(db()).map((r) => r.sku)).toEqual(['B-A']);
    expect(stockTotals(db()).some((r) => r.sku === 'B-B')).toBe(false);
    expect(stockValue(db())).toBe(30);
    db().prepare('UPDATE products SET deleted_at = ? WHERE id = ?').run(core.clock.now(), b.id);
    expect(stockValue(db())).toBe(20);
    expect(listBalances(db(), {}).some((r) => r.sku === 'B-B')).toBe(false);
  });

  it('per product and location, filtered either way, sorted by product then location name', async () => {
    const a = await product('C-A', { name: 'banane' });
    const b = await product('C-B', { name: 'Abricot' });
    recordMovements(rc(), [
      mv({ productId: a.id, locationId: lyon, type: 'in', quantity: 1 }),
      mv({ productId: a.id, locationId: van, type: 'in', quantity: 2 }),
      mv({ productId: b.id, locationId: lyon, type: 'in', quantity: 3 }),
    ]);
    expect(listBalances(db(), {}).map((r) => [r.productName, r.locationName, r.onHand])).toEqual([
      ['Abricot', 'Entrepôt Lyon', 3],
      ['banane', 'Camionnette', 2],
      ['banane', 'Entrepôt Lyon', 1],
    ]);
    expect(listBalances(db(), { productId: a.id }).map((r) => r.onHand)).toEqual([2, 1]);
    expect(listBalances(db(), { locationId: lyon }).map((r) => [r.sku, r.onHand])).toEqual([
      ['C-B', 3],
      ['C-A', 1],
    ]);
    expect(listBalances(db(), { productId: a.id, locationId: van })).toEqual([
      expect.objectContaining({
        productId: a.id,
        sku: 'C-A',
        locationId: van,
        locationName: 'Camionnette',
        onHand: 2,
        lastMovementAt: core.clock.now(),
      }),
    ]);
    expect(onHandAt(db(), b.id, van)).toBe(0);
    expect(productOnHand(db(), 'none')).toBe(0);
  });
});
