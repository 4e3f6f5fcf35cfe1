import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

// What a user walk-through of the office screens found (qa19), one test each: a customer order's
// notes were saved but shown nowhere; its fulfilment said "2 ligne(s) sorties"; receiving part of a
// supplier order closed it (the rest was no longer on order) and said "2 reçu :".
describe.skipIf(!chromiumAvailable())('office tasks through the screens (qa19 walk-through)', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let clientId = '';
  let productId = '';
  let warehouseId = '';
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };
  const onHand = async () =>
    (await rpc<Array<{ onHand: number; sku: string }>>('stock.balances', {})).find((b) => b.sku === 'ALB-1')?.onHand;

  beforeAll(async () => {
    served = await startServe();
    await rpc('system.setup', { choice: 'empty' });
    clientId = (await rpc<{ id: string }>('clients.create', { name: 'Boutique Lumière' })).id;
    productId = (await rpc<{ id: string }>('catalog.products.create', { sku: 'ALB-1', name: 'Album photo', price: 30, cost: 10 })).id;
    warehouseId = (await rpc<{ id: string }>('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
    await rpc('stock.record', { productId, locationId: warehouseId, type: 'in', quantity: 10 });
    ({ browser, page } = await openBrowser(served, { timezoneId: 'Europe/Paris', timeout: 15_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('a customer order keeps the notes typed when it was created (shown on the order, after a reload too), and its fulfilment speaks French plurals', async () => {
    await go(`quotes/orders/new/${clientId}`);
    const rows = page.locator('.quote-lines tbody tr');
    await rows.first().getByLabel('Produits').selectOption({ label: 'ALB-1 · Album photo' });
    await rows.first().getByLabel('Qté').fill('2');
    await page.getByLabel('Notes').fill('Livrer au château avant 10 h');
    await page.getByRole('button', { name: 'Créer la commande' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^CMD-\d{4}-0001/);
    await expect.poll(() => page.getByTestId('order-notes').textContent()).toContain('Livrer au château avant 10 h');
    await page.reload();
    await expect.poll(() => page.getByTestId('order-notes').textContent()).toContain('Livrer au château avant 10 h');
    await page.getByRole('button', { name: 'Confirmer' }).click();
    const from = page.getByLabel('Depuis');
    await from.waitFor();
    await from.selectOption({ label: 'Entrepôt Lyon' });
    await page.getByRole('button', { name: 'Expédier (sortie de stock)' }).click();
    await expect.poll(() => page.locator('.page').textContent()).toContain('Commande expédiée : 1 ligne sortie du stock.');
    expect(await page.locator('.page').textContent()).not.toContain('(s)');
    await expect.poll(onHand).toBe(8);
    await shoot('qa19-order-notes-fr');
  }, 90_000);

  it('receiving part of a supplier order books it and keeps the order open for the rest; the rest closes it', async () => {
    const po = await rpc<{ id: string }>('purchaseOrders.create', {
      productId,
      locationId: warehouseId,
      quantity: 6,
      expectedAt: Date.now() + 3 * 86_400_000,
    });
    const before = (await onHand())!;
    await go('stock/orders');
    const row = page.locator('[data-testid="po-table"] tbody tr', { hasText: 'Album photo' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('textbox').fill('2');
    await row.getByRole('button', { name: 'Réceptionner' }).click();
    await expect.poll(() => page.getByTestId('po-message').textContent()).toBe('Reçu : 2 × Album photo, en stock à Entrepôt Lyon.');
    await expect.poll(onHand).toBe(before + 2);
    // Still among the open orders, 2 received, 4 still expected (the placeholder of the next receipt).
    await expect.poll(() => row.locator('td').nth(5).textContent()).toBe('2');
    expect(await row.getByRole('textbox').getAttribute('placeholder')).toBe('4');
    const open = await rpc<Array<{ id: string; status: string; receivedQuantity: number }>>('purchaseOrders.list', {
      status: 'open',
      productId,
    });
    expect(open).toMatchObject([{ id: po.id, status: 'open', receivedQuantity: 2 }]);
    await shoot('qa19-po-partial-fr');
    // The rest (field left empty): booked, and the order is received.
    await row.getByRole('button', { name: 'Réceptionner' }).click();
    await expect.poll(() => page.getByTestId('po-message').textContent()).toBe('Reçu : 4 × Album photo, en stock à Entrepôt Lyon.');
    await expect.poll(onHand).toBe(before + 6);
    await expect.poll(() => row.count()).toBe(0);
    const all = await rpc<Array<{ id: string; status: string; receivedQuantity: number }>>('purchaseOrders.list', {
      status: 'all',
      productId,
    });
    expect(all).toMatchObject([{ id: po.id, status: 'received', receivedQuantity: 6 }]);
  }, 90_000);
});
