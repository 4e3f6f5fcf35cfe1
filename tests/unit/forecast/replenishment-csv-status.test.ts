import { describe, expect, it } from 'vitest';
import { replenishmentCsv } from '@core/modules/forecast/replenishmentCsv.js';
import type { ReplenishmentLine } from '@shared/model/forecast.js';

const DAY = 86_400_000;
// Tuesday 8 December 2026.
const TODAY = Date.UTC(2026, 11, 8);

const line = (over: Partial<ReplenishmentLine>): ReplenishmentLine => ({
  productId: 'p',
  sku: 'CRO-01',
  name: 'Croissant',
  unit: 'pce',
  supplier: 'Boulangerie Martin',
  quantity: 336,
  orderBy: TODAY,
  stockoutAt: TODAY + DAY,
  onHand: 60,
  onOrder: 0,
  reorderPoint: 172,
  unitCost: 0.8,
  status: 'order_now',
  ...over,
});

/** The status column of the "to order" export, for a product below its reorder point. */
describe('replenishment CSV status', () => {
  const status = (l: ReplenishmentLine) => replenishmentCsv([l], TODAY).csv.trim().split('\r\n')[1]!.split(';').at(-1);

  it('says "now" only when the order can go out today; on a day the supplier takes no orders, its next order day', () => {
    expect(status(line({}))).toBe('À commander maintenant');
    // Below the reorder point on a Tuesday, orders taken on Fridays: not "maintenant".
    expect(status(line({ orderBy: TODAY + 3 * DAY }))).toBe('À commander au prochain jour de commande');
    expect(status(line({ status: 'order_soon', orderBy: TODAY + 3 * DAY }))).toBe('À commander bientôt');
  });
});
