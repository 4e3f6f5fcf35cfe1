import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { warehouseCore } from '../fixtures/forecastShop.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';
import type { TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;

let core: TestCore;
let today: number;
let warehouse: string;

beforeEach(async () => {
  ({ core, today, warehouse } = await warehouseCore());
});
afterEach(() => core.dispose());

/** 10 a day for 120 days, 3 days' lead time, `left` on hand today (15: empty tomorrow). */
async function seller(sku: string, left: number): Promise<string> {
  const id = (
    await core.router.call('catalog.products.create', {
      sku,
      name: sku,
      unit: 'pce',
      cost: 1,
      leadTimeDays: 3,
      supplier: 'Fournil',
    } as never)
  ).id;
  const write = ledgerLines(core, warehouse, today);
  core.ctx.db.transaction(() => {
    write(id, -121, 'in', 1200 + left);
    for (let d = -120; d < 0; d++) write(id, d, 'out', 10);
  })();
  return id;
}

describe('an open order arriving after the stock-out', () => {
  it("reads 'late_delivery', not ok: the shelf empties first and no order placed now comes sooner", async () => {
    const id = await seller('LATE', 15);
    await core.router.call('purchaseOrders.create', { productId: id, quantity: 200, expectedAt: today + 5 * DAY });
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.row.stockoutAt).toBe(today + DAY);
    // On hand + on order is above the reorder point: the old status read 'ok'.
    expect(pf.row.onHand + pf.row.onOrder).toBeGreaterThan(pf.row.reorderPoint!);
    expect(pf.row.status).toBe('late_delivery');
    expect(pf.row.suggestedQty).toBe(0);
    const list = await core.router.call('forecast.list', { q: '' } as never);
    expect(list.items.find((r) => r.productId === id)!.status).toBe('late_delivery');
    const filtered = await core.router.call('forecast.list', { q: '', status: 'late_delivery' } as never);
    expect(filtered.items.map((r) => r.productId)).toEqual([id]);
  });

  it('the same order arriving before the stock-out leaves the status as it was', async () => {
    const id = await seller('INTIME', 15);
    await core.router.call('purchaseOrders.create', { productId: id, quantity: 200, expectedAt: today + DAY });
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    // It runs out later, once the 200 are sold, with no order on its way then: not this status.
    expect(pf.row.stockoutAt).toBeGreaterThan(today + 5 * DAY);
    expect(pf.row.status).toBe('ok');
  });
});
