import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';

const DAY = 86_400_000;
const Z95 = 1.6448536;
const Z99 = 2.3263479;

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

/** Same noisy history (deterministic) for every product, so only the service level differs. */
function seed(productId: string, warehouse: string, today: number) {
  let a = 7;
  const rnd = () => ((a = (a * 1664525 + 1013904223) % 4294967296), a / 4294967296);
  const at = ledgerLines(core, warehouse, today);
  const row = (day: number, type: 'in' | 'out', quantity: number) => at(productId, day, type, quantity);
  core.ctx.db.transaction(() => {
    row(-200, 'in', 3000);
    for (let d = -200; d < 0; d++) row(d, 'out', 6 + Math.round(8 * rnd()));
  })();
}

describe("the product's service level reaches the advice end to end", () => {
  it('two products with the same history at 0.95 and 0.99: safety stocks in the ratio z(0.99) / z(0.95)', async () => {
    const today = Math.floor(core.clock.now() / DAY) * DAY;
    const warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
    const ids: Record<string, string> = {};
    for (const [sku, serviceLevel] of [
      ['SL95', 0.95],
      ['SL99', 0.99],
    ] as const) {
      ids[sku] = (
        await core.router.call('catalog.products.create', {
          sku,
          name: sku,
          unit: 'pce',
          leadTimeDays: 5,
          moq: 1,
          packSize: 1,
          serviceLevel,
        } as never)
      ).id;
      seed(ids[sku]!, warehouse, today);
    }
    await core.router.call('forecast.run', {});
    const p95 = await core.router.call('forecast.product', { productId: ids.SL95! });
    const p99 = await core.router.call('forecast.product', { productId: ids.SL99! });
    expect(p95.serviceLevel).toBe(0.95);
    expect(p99.serviceLevel).toBe(0.99);
    // Same history → same forecast and the same demand over the protection interval.
    expect(p99.leadTimeDemand).toEqual(p95.leadTimeDemand);
    const s95 = p95.row.safetyStock!;
    const s99 = p99.row.safetyStock!;
    expect(s95).toBeGreaterThan(5);
    expect(s99 / s95).toBeCloseTo(Z99 / Z95, 3);
    expect(p99.row.reorderPoint! - p95.row.reorderPoint!).toBeCloseTo(s99 - s95, 2);
    // The list shows the same figures as the product page.
    const list = (await core.router.call('forecast.list', { q: 'SL9' })).items;
    expect(Object.fromEntries(list.map((r) => [r.sku, r.safetyStock]))).toEqual({ SL95: s95, SL99: s99 });
  }, 60_000);
});
