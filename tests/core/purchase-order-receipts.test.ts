import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// A short delivery (qa19): receiving part of a supplier order closed it, so the rest was no longer
// on order for the reorder advice, and a second part could not be received at all.
let core: TestCore;
let warehouse: string;
let productId: string;
beforeEach(async () => {
  core = createTestCore();
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
  productId = (await core.router.call('catalog.products.create', { sku: 'ALB-1', name: 'Album photo', price: 30, cost: 10 })).id;
});
afterEach(() => core.dispose());

const onHand = async () => (await core.router.call('catalog.products.get', { id: productId })).onHand;
const order = (quantity: number) =>
  core.router.call('purchaseOrders.create', { productId, locationId: warehouse, quantity, expectedAt: core.clock.now() + 86_400_000 });

describe('receiving a purchase order in parts', () => {
  it('a part leaves the order open with the rest on order; each part is booked; the last one closes it', async () => {
    const po = await order(10);
    const first = await core.router.call('purchaseOrders.receive', { id: po.id, quantity: 4 });
    expect(first.order).toMatchObject({ status: 'open', receivedQuantity: 4 });
    expect(first.movement).toMatchObject({ type: 'in', quantity: 4 });
    expect(await onHand()).toBe(4);
    expect(await core.router.call('purchaseOrders.list', { status: 'open', productId })).toMatchObject([
      { id: po.id, receivedQuantity: 4 },
    ]);

    const second = await core.router.call('purchaseOrders.receive', { id: po.id, quantity: 3 });
    expect(second.order).toMatchObject({ status: 'open', receivedQuantity: 7 });
    expect(second.movement.id).not.toBe(first.movement.id);
    expect(await onHand()).toBe(7);

    // Left empty: what is still expected (3), and the order is received.
    const last = await core.router.call('purchaseOrders.receive', { id: po.id });
    expect(last.movement.quantity).toBe(3);
    expect(last.order).toMatchObject({ status: 'received', receivedQuantity: 10 });
    expect(await onHand()).toBe(10);
    expect(await core.router.request({ channel: 'purchaseOrders.receive', input: { id: po.id } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await core.router.call('purchaseOrders.list', { status: 'open', productId })).toEqual([]);
  });

  it('a delivery of more than ordered, or all at once, closes the order as before', async () => {
    const more = await order(5);
    expect((await core.router.call('purchaseOrders.receive', { id: more.id, quantity: 6 })).order).toMatchObject({
      status: 'received',
      receivedQuantity: 6,
    });
    const whole = await order(2);
    expect((await core.router.call('purchaseOrders.receive', { id: whole.id })).order).toMatchObject({
      status: 'received',
      receivedQuantity: 2,
    });
    expect(await onHand()).toBe(8);
  });

  it('cancelling an order received in part drops the rest from what is on order', async () => {
    const po = await order(10);
    await core.router.call('purchaseOrders.receive', { id: po.id, quantity: 4 });
    expect(await core.router.call('purchaseOrders.cancel', { id: po.id })).toMatchObject({ status: 'cancelled', receivedQuantity: 4 });
    expect(await onHand()).toBe(4);
  });
});
