import { insertOrder } from '../db/repos/purchaseOrders.js';
import { newId } from '../db/ids.js';
import { prepareMovementInsert } from '../db/repos/stockMovements.js';
import { listLocations, mainWarehouseId } from '../db/repos/locations.js';
import { createRandom } from './random.js';
import type { CoreContext } from '../context.js';

const DAY = 86_400_000;

/**
 * Two years of ledger for the demo catalog, shaped like the business: sales peak on weekends
 * (weekly season) and in May–September, the wedding season (yearly season); a quarter of the items
 * sell only now and then (intermittent). Deliveries arrive when stock falls under the reorder point,
 * rounded to MOQ and pack size after the lead time; a few inventory adjustments and transfers to
 * booths complete the picture.
 *
 * `onDemand` (benches only) hears each day's demand before stock caps it: the ledger records what
 * sold, min(demand, on hand), so an interval with a stock-out day holds less than its demand, and
 * bench/forecast-leadtime.ts scores the lead-time bands against the demand itself.
 */
export function seedDemoStock(ctx: CoreContext, o: { onDemand?: (productId: string, day: number, demand: number) => void } = {}): void {
  if ((ctx.db.prepare('SELECT count(*) FROM stock_movements').pluck().get() as number) > 0) return;
  const warehouse = mainWarehouseId(ctx.db);
  if (!warehouse) return;
  const booths = listLocations(ctx.db).filter((l) => l.kind === 'booth');
  const products = ctx.db
    .prepare(
      'SELECT id, moq, pack_size, lead_time_days, reorder_point, category, supplier FROM products WHERE deleted_at IS NULL ORDER BY sku',
    )
    .all() as Array<{
    id: string;
    moq: number;
    pack_size: number;
    lead_time_days: number;
    reorder_point: number | null;
    category: string;
    supplier: string;
  }>;
  const rnd = createRandom(4004);
  const now = ctx.clock.now();
  const today = Math.floor(now / DAY) * DAY;
  const start = today - 730 * DAY;
  const insert = prepareMovementInsert(ctx.db);
  const setReorderPoint = ctx.db.prepare('UPDATE products SET reorder_point = ? WHERE id = ?');
  const base = { toLocationId: null, userId: null, idempotencyKey: null, now, device: ctx.deviceId, source: 'manual' as const };
  // Today's hours still to come have no movements yet.
  type Movement = Parameters<typeof insert>[0];
  /** Writes a movement of the product at the main warehouse; false (nothing written) when it falls in today's hours still to come. */
  const move = (productId: string, m: Pick<Movement, 'type' | 'quantity' | 'direction' | 'reason' | 'occurredAt'> & Partial<Movement>) => {
    if (m.occurredAt > now) return false;
    insert({ ...base, id: newId(), productId, locationId: warehouse, ...m });
    return true;
  };
  ctx.db.transaction(() => {
    for (const p of products) {
      const intermittent = rnd.chance(0.25);
      const rate = intermittent ? 0.08 + rnd.next() * 0.15 : 0.25 + rnd.next() * 1.5;
      // A business that reorders sensibly: lead time plus a week of average demand, with a third
      // more as safety (the catalog's own reorder point when higher); the product shows it too.
      const rop = Math.max(p.reorder_point ?? p.moq, Math.ceil(rate * (p.lead_time_days + 7) * 1.35));
      setReorderPoint.run(rop, p.id);
      const orderQty = Math.max(p.moq, Math.ceil((rate * 30 + rop) / p.pack_size) * p.pack_size);
      let onHand = orderQty;
      let pending: { at: number; qty: number } | null = null;
      move(p.id, { type: 'in', quantity: orderQty, direction: 1, reason: 'Stock initial', occurredAt: start + 9 * 3_600_000 });
      for (let d = start + DAY; d <= today; d += DAY) {
        const date = new Date(d);
        const dow = date.getUTCDay();
        const weekly = dow === 5 || dow === 6 ? 1.9 : dow === 0 ? 1.2 : 0.7;
        const month = date.getUTCMonth();
        const yearly = 1 + 0.6 * Math.cos(((month - 6.5) / 12) * 2 * Math.PI);
        if (pending && d + 10 * 3_600_000 <= now && d >= pending.at) {
          move(p.id, { type: 'in', quantity: pending.qty, direction: 1, reason: 'Livraison fournisseur', occurredAt: d + 10 * 3_600_000 });
          onHand += pending.qty;
          pending = null;
        }
        const demand = intermittent ? (rnd.chance(rate * weekly * yearly) ? rnd.int(1, 6) : 0) : rnd.poisson(rate * weekly * yearly);
        o.onDemand?.(p.id, d, demand);
        const sold = Math.min(demand, onHand);
        if (
          sold > 0 &&
          move(p.id, {
            type: 'out',
            quantity: sold,
            direction: -1,
            reason: dow === 6 ? 'Événement' : 'Vente',
            occurredAt: d + rnd.int(9, 19) * 3_600_000,
          })
        ) {
          onHand -= sold;
        }
        if (!pending && onHand <= rop) pending = { at: d + p.lead_time_days * DAY, qty: orderQty };
        if (rnd.chance(0.004) && onHand > 0) {
          const lost = rnd.chance(0.7);
          const q = Math.min(onHand, rnd.int(1, 2));
          if (
            move(p.id, {
              type: 'adjust',
              quantity: q,
              direction: lost ? -1 : 1,
              reason: lost ? 'Inventaire : casse' : 'Inventaire : retrouvé',
              occurredAt: d + 18 * 3_600_000,
            })
          )
            onHand += lost ? -q : q;
        }
        if (booths.length && p.category === 'Consommables impression' && dow === 5 && onHand > 2 && rnd.chance(0.3)) {
          if (
            move(p.id, {
              toLocationId: rnd.pick(booths).id,
              type: 'transfer',
              quantity: 1,
              direction: -1,
              reason: 'Chargement borne',
              occurredAt: d + 8 * 3_600_000,
            })
          )
            onHand -= 1;
        }
      }
      // The delivery the business is waiting for is an open purchase order, so the reorder advice
      // counts it as on order (rather than advising a second one).
      if (pending) {
        const due = pending.at + 10 * 3_600_000;
        insertOrder(
          ctx.db,
          {
            id: newId(),
            productId: p.id,
            locationId: warehouse,
            quantity: pending.qty,
            expectedAt: due > now ? due : today + DAY + 10 * 3_600_000,
            supplier: p.supplier,
          },
          { now, device: ctx.deviceId },
        );
      }
    }
  })();
}
