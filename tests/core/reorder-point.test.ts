import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveReorderPoint } from '@shared/model/forecast.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';

const DAY = 86_400_000;
let core: TestCore;
let warehouse: string;
beforeEach(async () => {
  core = createTestCore();
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
});
afterEach(() => core.dispose());

/** 200 days of steady sales (~6 a day), then the given stock on hand. */
function history(productId: string, onHand: number) {
  const at = ledgerLines(core, warehouse, Math.floor(core.clock.now() / DAY) * DAY);
  core.ctx.db.transaction(() => {
    const line = (day: number, type: 'in' | 'out', quantity: number) => at(productId, day, type, quantity);
    line(-201, 'in', 1200 + onHand);
    for (let d = -200; d < 0; d++) line(d, 'out', 6);
  })();
}

describe('one reorder point for the stock page and the forecast page', () => {
  it('effectiveReorderPoint: the computed one when a forecast exists, the typed minimum otherwise', () => {
    expect(effectiveReorderPoint(40, 10)).toEqual({ value: 40, source: 'forecast' });
    expect(effectiveReorderPoint(null, 10)).toEqual({ value: 10, source: 'manual' });
    expect(effectiveReorderPoint(undefined, null)).toBeNull();
  });

  it('the low-stock list uses the forecast’s reorder point when there is one, the typed minimum when not, and says which', async () => {
    // Forecast says ~6 a day over a 7-day lead time: a reorder point far above the typed 5.
    const sold = (
      await core.router.call('catalog.products.create', {
        sku: 'SOLD',
        name: 'Vendu',
        unit: 'pce',
        leadTimeDays: 7,
        reorderPoint: 5,
      } as never)
    ).id;
    history(sold, 20);
    // No sales history: no forecast, the typed minimum rules.
    const quiet = (
      await core.router.call('catalog.products.create', { sku: 'QUIET', name: 'Calme', unit: 'pce', reorderPoint: 10 } as never)
    ).id;
    await core.router.call('stock.record', { productId: quiet, locationId: warehouse, type: 'in', quantity: 8 });

    await core.router.call('forecast.run', { mode: 'full' });
    const fc = (await core.router.call('forecast.list', { q: 'SOLD' })).items[0]!;
    expect(fc.reorderPointSource).toBe('forecast');
    expect(fc.reorderPoint!).toBeGreaterThan(20);

    const low = await core.router.call('stock.lowStock', {});
    const bySku = Object.fromEntries(low.map((r) => [r.sku, r]));
    expect(bySku.SOLD).toMatchObject({ onHand: 20, reorderPoint: fc.reorderPoint, reorderPointSource: 'forecast' });
    expect(bySku.QUIET).toMatchObject({ onHand: 8, reorderPoint: 10, reorderPointSource: 'manual' });
    const quietFc = (await core.router.call('forecast.list', { q: 'QUIET' })).items[0]!;
    expect(quietFc).toMatchObject({ reorderPoint: 10, reorderPointSource: 'manual' });
    expect((await core.router.call('stock.summary', {})).lowStockCount).toBe(2);
  }, 60_000);
});
