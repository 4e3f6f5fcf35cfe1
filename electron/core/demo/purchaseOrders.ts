import { newId } from '../db/ids.js';
import { mainWarehouseId } from '../db/repos/locations.js';
import { insertOrder } from '../db/repos/purchaseOrders.js';
import { roundToSupplierTerms } from '../modules/forecast/index.js';
import { createRandom } from './random.js';
import type { CoreContext } from '../context.js';

const DAY = 86_400_000;

/**
 * Orders already placed with suppliers: about half of the products running low (less than their
 * lead time plus a week of recent sales on hand) have a month of stock on its way, due within their
 * lead time. The reorder advice counts it as on order and the on-hand projection steps up on arrival.
 */
export function seedDemoPurchaseOrders(ctx: CoreContext): void {
  if ((ctx.db.prepare('SELECT count(*) FROM purchase_orders').pluck().get() as number) > 0) return;
  const warehouse = mainWarehouseId(ctx.db);
  if (!warehouse) return;
  const rnd = createRandom(5005);
  const now = ctx.clock.now();
  const today = Math.floor(now / DAY) * DAY;
  const products = ctx.db
    .prepare(
      `SELECT p.id, p.lead_time_days AS leadTime, p.moq, p.pack_size AS pack, p.supplier,
         COALESCE((SELECT SUM(on_hand) FROM stock_balances b WHERE b.product_id = p.id), 0) AS onHand,
         COALESCE((SELECT SUM(quantity) FROM stock_movements m WHERE m.product_id = p.id AND m.type = 'out' AND m.occurred_at >= ?), 0) AS sold28
       FROM products p WHERE p.active = 1 AND p.deleted_at IS NULL ORDER BY p.sku`,
    )
    .all(today - 28 * DAY) as Array<{
    id: string;
    leadTime: number;
    moq: number;
    pack: number;
    supplier: string;
    onHand: number;
    sold28: number;
  }>;
  ctx.db.transaction(() => {
    for (const p of products) {
      const rate = p.sold28 / 28;
      if (rate <= 0 || p.onHand >= rate * (p.leadTime + 7) || !rnd.chance(0.5)) continue;
      const expectedAt = today + rnd.int(1, Math.max(1, p.leadTime)) * DAY + 10 * 3_600_000;
      insertOrder(
        ctx.db,
        {
          id: newId(),
          productId: p.id,
          locationId: warehouse,
          quantity: roundToSupplierTerms(rate * 30, p.moq, p.pack),
          expectedAt,
          supplier: p.supplier,
        },
        { now, device: ctx.deviceId },
      );
    }
  })();
}
