import { gridDay } from '@shared/days.js';
import type { HandlerMap } from '@core/router.js';
import type { HandlerContext } from '@core/context.js';
import type { stockChannels } from '@shared/contract/stock.js';
import { AppError } from '@shared/errors.js';
import { newId } from '@core/db/ids.js';
import {
  findLocationByName,
  getLocation,
  insertLocation,
  listLocations,
  updateLocation,
  mainWarehouseId,
} from '@core/db/repos/locations.js';
import { dailyDeltas, getMovement, listMovements, largestMovement } from '@core/db/repos/stockMovements.js';
import { listBalances, onHandAt, productOnHand, stockValue } from '@core/db/repos/balances.js';
import { appendAudit } from '@core/db/repos/audit.js';
import { getOrder, insertOrder, listOrders, markCancelled, markReceived, receiptKey } from '@core/db/repos/purchaseOrders.js';
import { getProduct } from '@core/db/repos/products.js';
import { lowStockRows, stockOutRows } from './reorder.js';
import { defaultMainWarehouse, readMainWarehouse, setMainWarehouse } from './mainWarehouse.js';
import { entryWarnings } from './entryChecks.js';
import { recordMovements, recordOne, type RecordContext } from './record.js';
import { onHandSeries } from './history.js';

const DAY = 86_400_000;

function recordContext(ctx: HandlerContext, source: RecordContext['source'] = 'manual'): RecordContext {
  return { db: ctx.db, now: ctx.clock.now(), device: ctx.deviceId, userId: ctx.caller.userId, source };
}

/** A warehouse or van (a booth's location follows its booth: edit the booth instead). */
function editableLocation(ctx: HandlerContext, id: string) {
  const loc = getLocation(ctx.db, id);
  if (!loc) throw new AppError('not_found', 'No such location', { field: 'id' });
  if (loc.kind === 'booth')
    throw new AppError('invalid_input', `${loc.name} is a booth's own stock: rename or remove the booth instead`, { field: 'id' });
  return loc;
}

function refuseTakenName(ctx: HandlerContext, name: string, self: string | null): void {
  const other = findLocationByName(ctx.db, name);
  if (other && other.id !== self) throw new AppError('conflict', `A location named ${other.name} already exists`, { field: 'name' });
}

export const stockHandlers: Pick<HandlerMap, keyof typeof stockChannels> = {
  'stock.locations.list': (_i, ctx) => listLocations(ctx.db),
  'stock.locations.create': (input, ctx) => {
    if (input.kind === 'booth' && !input.boothId)
      throw new AppError('invalid_input', 'A booth location names its booth', { field: 'boothId' });
    if (input.kind !== 'booth' && input.boothId)
      throw new AppError('invalid_input', 'Only a booth location names a booth', { field: 'boothId' });
    refuseTakenName(ctx, input.name, null);
    const id = newId();
    const stamp = { now: ctx.clock.now(), device: ctx.deviceId };
    ctx.db.transaction(() => {
      insertLocation(ctx.db, { id, name: input.name, kind: input.kind, boothId: input.boothId ?? null }, stamp);
      // The first warehouse of a business becomes its main one.
      if (input.kind === 'warehouse') defaultMainWarehouse(ctx.db, stamp);
    })();
    return getLocation(ctx.db, id)!;
  },
  'stock.locations.update': ({ id, ...patch }, ctx) => {
    const loc = editableLocation(ctx, id);
    if (patch.name !== undefined) refuseTakenName(ctx, patch.name, loc.id);
    updateLocation(ctx.db, id, patch, ctx.clock.now());
    return getLocation(ctx.db, id)!;
  },
  'stock.locations.archive': ({ id }, ctx) => {
    const loc = editableLocation(ctx, id);
    if (loc.products > 0) {
      throw new AppError('conflict', `${loc.name} still holds stock (${loc.products} product(s)): move or count it out before archiving`, {
        field: 'id',
        products: loc.products,
        onHand: loc.onHand,
      });
    }
    if (loc.active) updateLocation(ctx.db, id, { active: false }, ctx.clock.now());
    return getLocation(ctx.db, id)!;
  },
  'stock.mainWarehouse.get': (_i, ctx) => readMainWarehouse(ctx.db),
  'stock.mainWarehouse.set': ({ locationId }, ctx) => setMainWarehouse(ctx.db, locationId, { now: ctx.clock.now(), device: ctx.deviceId }),
  'stock.record': (m, ctx) => recordOne(recordContext(ctx), m),
  'stock.recordBatch': ({ movements, confirm }, ctx) =>
    ctx.db.transaction(() => {
      const warnings = entryWarnings(movements, {
        productName: (id) => getProduct(ctx.db, id)?.name ?? id,
        locationName: (id) => getLocation(ctx.db, id)?.name ?? id,
        largest: (id) => largestMovement(ctx.db, id),
        onHand: (id) => productOnHand(ctx.db, id),
        onHandAt: (p, l) => onHandAt(ctx.db, p, l),
      });
      if (warnings.length && !confirm)
        throw new AppError('conflict', 'Some lines need a confirmation', { needsConfirmation: true, warnings });
      const res = recordMovements(recordContext(ctx), movements);
      if (warnings.length) {
        // The person saw the warnings and confirmed them: say so in the audit trail, line by line.
        appendAudit(ctx.db, {
          at: ctx.clock.now(),
          userId: ctx.caller.userId,
          action: 'stock.confirmWarnings',
          target: warnings[0]!.productName,
          outcome: 'ok',
          details: { warnings },
          originDevice: ctx.deviceId,
        });
      }
      return { recorded: res.recorded.length, duplicates: res.duplicates, confirmed: warnings };
    })(),
  'stock.movements.list': (q, ctx) => listMovements(ctx.db, q),
  'stock.balances': (q, ctx) => listBalances(ctx.db, q),
  'stock.onHandHistory': ({ productId, days }, ctx) => {
    if (!getProduct(ctx.db, productId)) throw new AppError('not_found', 'No such product');
    const today = gridDay(ctx.clock.now());
    const from = today - (days - 1) * DAY;
    return onHandSeries(productOnHand(ctx.db, productId), dailyDeltas(ctx.db, productId, from), from, today);
  },
  'stock.lowStock': (_i, ctx) => lowStockRows(ctx),
  'stock.stockOuts': (_i, ctx) => stockOutRows(ctx),
  'stock.summary': (_i, ctx) => ({
    stockValue: Math.round(stockValue(ctx.db) * 100) / 100,
    lowStockCount: lowStockRows(ctx).length,
    stockOutCount: stockOutRows(ctx).length,
    latestMovements: listMovements(ctx.db, { limit: 6 }).items,
  }),
  'purchaseOrders.list': (q, ctx) => listOrders(ctx.db, q),
  'purchaseOrders.create': (input, ctx) => {
    const product = getProduct(ctx.db, input.productId);
    if (!product) throw new AppError('not_found', 'No such product');
    // Orders land in the main warehouse unless the person chose another destination.
    const locationId = input.locationId ?? mainWarehouseId(ctx.db);
    if (!locationId) throw new AppError('not_found', 'No location given and no warehouse exists');
    if (!getLocation(ctx.db, locationId)) throw new AppError('not_found', 'No such location');
    const id = newId();
    insertOrder(
      ctx.db,
      { id, ...input, locationId, supplier: input.supplier ?? product.supplier },
      { now: ctx.clock.now(), device: ctx.deviceId },
    );
    return getOrder(ctx.db, id)!;
  },
  'purchaseOrders.receive': ({ id, quantity, locationId }, ctx) => {
    const order = getOrder(ctx.db, id);
    if (!order) throw new AppError('not_found', 'No such purchase order');
    if (order.status !== 'open') throw new AppError('conflict', `This order is already ${order.status}`);
    const qty = quantity ?? order.quantity - order.receivedQuantity;
    const to = locationId ?? order.locationId;
    if (!getLocation(ctx.db, to)) throw new AppError('not_found', 'No such location');
    // Receiving books the `in` movement and the receipt on the order in one transaction (a part of
    // the order leaves it open for the rest).
    const movementId = ctx.db.transaction(() => {
      const rc = recordContext(ctx, 'purchase_order');
      const { recorded } = recordMovements(rc, [
        {
          productId: order.productId,
          locationId: to,
          type: 'in',
          quantity: qty,
          reason: `PO ${order.id.slice(-8)}`,
          idempotencyKey: receiptKey(order),
        },
      ]);
      markReceived(ctx.db, order.id, qty, rc.now);
      return recorded[0]!;
    })();
    return { order: getOrder(ctx.db, id)!, movement: getMovement(ctx.db, movementId)! };
  },
  'purchaseOrders.cancel': ({ id }, ctx) => {
    const order = getOrder(ctx.db, id);
    if (!order) throw new AppError('not_found', 'No such purchase order');
    if (order.status !== 'open') throw new AppError('conflict', `This order is already ${order.status}`);
    markCancelled(ctx.db, id, ctx.clock.now());
    return getOrder(ctx.db, id)!;
  },
};
