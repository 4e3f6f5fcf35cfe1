import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

describe.skipIf(!chromiumAvailable())('a customer order through the screens (issue 18)', () => {
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

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    clientId = (await rpc<{ id: string }>('clients.create', { name: 'Boutique Lumière' })).id;
    productId = (await rpc<{ id: string }>('catalog.products.create', { sku: 'ALB-1', name: 'Album photo', price: 30, cost: 10 })).id;
    const book = (await rpc<{ id: string }>('catalog.products.create', { sku: 'LIV-1', name: 'Livre d’or', price: 12.5, cost: 4 })).id;
    warehouseId = (await rpc<{ id: string }>('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
    await rpc('stock.record', { productId, locationId: warehouseId, type: 'in', quantity: 10 });
    await rpc('stock.record', { productId: book, locationId: warehouseId, type: 'in', quantity: 2 });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 15_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('two lines at two VAT rates with exact totals, one removed, created, confirmed and fulfilled from the warehouse', async () => {
    await go(`quotes/orders/new/${clientId}`);
    const rows = page.locator('.quote-lines tbody tr');
    await rows.first().getByLabel('Produits').selectOption({ label: 'ALB-1 · Album photo' });
    await rows.first().getByLabel('Qté').fill('3');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await rows.nth(1).getByLabel('Produits').selectOption({ label: 'LIV-1 · Livre d’or' });
    await rows.nth(1).getByLabel('TVA').selectOption('5.5');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByRole('button', { name: 'Retirer la ligne 3' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    // 90,00 € at 20 % + 12,50 € at 5,5 %: TVA 18,00 + 0,69 = 18,69 €; TTC 121,19 €.
    const totals = async () => (await page.locator('.quote-totals').textContent())?.replace(/[\s\u00a0\u202f]+/g, ' ');
    await expect.poll(totals).toContain('Total HT102,50 €');
    expect(await totals()).toContain('Total TVA18,69 €');
    expect(await totals()).toContain('Total TTC121,19 €');
    await shoot('order-new-fr');
    await page.getByRole('button', { name: 'Créer la commande' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^CMD-\d{4}-0001/);
    await page.getByRole('button', { name: 'Confirmer' }).click();
    const from = page.getByLabel('Depuis');
    await from.waitFor();
    await from.selectOption({ label: 'Entrepôt Lyon' });
    await page.getByRole('button', { name: 'Expédier (sortie de stock)' }).click();
    await expect.poll(() => page.locator('.page').textContent()).toContain('Commande expédiée : 2 lignes sorties du stock.');
    await expect
      .poll(async () => (await rpc<Array<{ onHand: number; sku: string }>>('stock.balances', {})).find((b) => b.sku === 'ALB-1')?.onHand)
      .toBe(7);
    await shoot('order-fulfilled-fr');

    await rpc('settings.setDisplay', { language: 'en' });
    await go(`quotes/orders/new/${clientId}`);
    await page.reload();
    await page.locator('.quote-lines tbody tr').first().getByLabel('Products').selectOption({ label: 'ALB-1 · Album photo' });
    await expect.poll(totals).toContain('Total incl. VAT€36.00');
    await shoot('order-new-en');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
