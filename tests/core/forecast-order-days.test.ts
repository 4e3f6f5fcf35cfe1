import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { warehouseCore } from '../fixtures/forecastShop.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';
import type { TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;

let core: TestCore;
let today: number;
let warehouse: string;

// Monday 23 November 2026 (the test core's clock).
beforeEach(async () => {
  ({ core, today, warehouse } = await warehouseCore());
});
afterEach(() => core.dispose());

/** 10 a day for 120 days, `left` on hand today. */
async function seller(sku: string, supplier: string, left: number): Promise<string> {
  const id = (
    await core.router.call('catalog.products.create', { sku, name: sku, unit: 'pce', cost: 1, leadTimeDays: 3, supplier } as never)
  ).id;
  const write = ledgerLines(core, warehouse, today);
  const line = (day: number, type: 'in' | 'out', quantity: number) => write(id, day, type, quantity);
  core.ctx.db.transaction(() => {
    line(-121, 'in', 1200 + left);
    for (let d = -120; d < 0; d++) line(d, 'out', 10);
  })();
  return id;
}

describe("a supplier's order days in the reorder advice", () => {
  it('the order-by day is one of its order days, and the product page reports them', async () => {
    const id = await seller('OD', 'Papeterie Nord', 150);
    await core.router.call('forecast.run', {});
    const anyDay = await core.router.call('forecast.product', { productId: id });
    expect(anyDay.orderDays).toEqual([]);
    expect(anyDay.row.orderBy).not.toBeNull();
    // Orders taken only on the day after that one and two days later.
    const w = new Date(anyDay.row.orderBy!).getUTCDay();
    const days = [(w + 1) % 7, (w + 3) % 7].sort();
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: days });
    const pf = await core.router.call('forecast.product', { productId: id });
    expect(pf.orderDays).toEqual(days);
    expect(days).toContain(new Date(pf.row.orderBy!).getUTCDay());
    expect(pf.row.orderBy!).toBeGreaterThan(today);
    // The list of what to order says the same day.
    const line = (await core.router.call('forecast.replenishment', { withinDays: 30 })).find((l) => l.productId === id)!;
    expect(line.orderBy).toBe(pf.row.orderBy);
  });

  it('lists every supplier of an active product with `all`, those without order days with none', async () => {
    await seller('A1', 'Papeterie Nord', 500);
    await seller('B1', 'Emballages Rhône', 500);
    await seller('C1', '', 500);
    await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [1] });
    expect(await core.router.call('forecast.orderDays.list', {})).toEqual([{ supplier: 'Papeterie Nord', weekdays: [1] }]);
    expect(await core.router.call('forecast.orderDays.list', { all: true })).toEqual([
      { supplier: 'Emballages Rhône', weekdays: [] },
      { supplier: 'Papeterie Nord', weekdays: [1] },
    ]);
  });
});

describe('stock-out days on the product page', () => {
  it('marks the days the shelf was empty, whose demand the forecast reads as not seen, apart from low sales', async () => {
    const id = (await core.router.call('catalog.products.create', { sku: 'RUPT', name: 'RUPT', unit: 'pce', cost: 1 } as never)).id;
    const write = ledgerLines(core, warehouse, today);
    const line = (day: number, type: 'in' | 'out', quantity: number, hour = 12) => write(id, day, type, quantity, hour);
    core.ctx.db.transaction(() => {
      // 10 a day from 300 in stock: empty after day −31; five days without stock, then a delivery.
      line(-61, 'in', 300, 8);
      for (let d = -60; d <= -31; d++) line(d, 'out', 10);
      line(-25, 'in', 1000, 8);
      for (let d = -25; d < 0; d++) line(d, 'out', d % 2 ? 4 : 16);
    })();
    await core.router.call('forecast.run', {});
    const pf = await core.router.call('forecast.product', { productId: id });
    const out = pf.history.filter((h) => h.stockout).map((h) => (h.day - today) / DAY);
    expect(out).toEqual([-30, -29, -28, -27, -26]);
    // A day of 4 sold with stock on the shelf is low demand, not a stock-out.
    expect(pf.history.find((h) => h.day === today - 3 * DAY)).toEqual({ day: today - 3 * DAY, quantity: 4 });
  });
});
