import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { warehouseCore } from '../fixtures/forecastShop.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';
import type { TestCore } from '../fixtures/core.js';

let core: TestCore;
let today: number;
let warehouse: string;

beforeEach(async () => {
  ({ core, today, warehouse } = await warehouseCore());
});
afterEach(() => core.dispose());

/** A product received `days` days ago (5,000 on hand) whose sales of day d (−days … −1) are sold(d). */
async function product(sku: string, days: number, sold: (d: number) => number): Promise<string> {
  const id = (await core.router.call('catalog.products.create', { sku, name: sku, unit: 'pce', cost: 1, leadTimeDays: 3 } as never)).id;
  const line = ledgerLines(core, warehouse, today);
  core.ctx.db.transaction(() => {
    line(id, -days - 1, 'in', 5000);
    for (let d = -days; d < 0; d++) if (sold(d) > 0) line(id, d, 'out', sold(d));
  })();
  return id;
}

describe('why a forecast accuracy is not measured (ForecastRow.accuracyGap)', () => {
  it('tells a product that never sold, one that sells the same count every day and one too new apart', async () => {
    const never = await product('NEVER', 400, () => 0);
    const same = await product('SAME', 400, () => 6);
    const young = await product('YOUNG', 5, () => 6);
    const varied = await product('VARIED', 400, (d) => 5 + ((d * 7) % 5 === 0 ? 0 : Math.abs((d * 7) % 5)));
    await core.router.call('forecast.run', { mode: 'full' });
    const { items } = await core.router.call('forecast.list', {});
    const by = new Map(items.map((r) => [r.productId, r]));
    // Never sold: a forecast of 0, no error to compare with.
    expect(by.get(never)).toMatchObject({ mase: null, nextP50: 0, accuracyGap: 'no_sales' });
    // 6 every day for 400 days: a forecast of 6 a day that the naive forecast matches exactly — not "too little history".
    expect(by.get(same)!.model).not.toBeNull();
    expect(by.get(same)).toMatchObject({ mase: null, accuracyGap: 'constant' });
    expect(by.get(same)!.nextP50).toBeCloseTo(42, 0);
    // Five days of sales: no forecast at all.
    expect(by.get(young)).toMatchObject({ model: null, mase: null, status: 'no_data', accuracyGap: 'short_history' });
    // Measured: no gap.
    expect(by.get(varied)!.mase).not.toBeNull();
    expect(by.get(varied)!.accuracyGap).toBeNull();
    // The product page's row says the same.
    expect((await core.router.call('forecast.product', { productId: same })).row.accuracyGap).toBe('constant');
  });
});
