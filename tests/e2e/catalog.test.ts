import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

describe.skipIf(!chromiumAvailable())('catalog and stock in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);

  beforeAll(async () => {
    served = await startServe();
    // An empty database (no first-run dialog), with one warehouse.
    await rpc('system.setup', { choice: 'empty' });
    await rpc('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    ({ browser, page } = await openBrowser(served, { acceptDownloads: true, timeout: 10_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('creates a product, edits it inline (a bad value is refused with its reason), records a delivery, sees balance and history', async () => {
    await go('catalog/new');
    await page.getByLabel('Référence', { exact: true }).fill('DNP-E2E');
    await page.getByLabel('Désignation', { exact: true }).fill('Papier DNP test');
    await page.getByLabel('Éco-score (0–100)').fill('140');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('Éco-score : de 0 à 100');
    await page.getByLabel('Éco-score (0–100)').fill('64');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.product-detail');

    await go('catalog');
    // The category filter narrows the list on the server; every category in use is offered.
    await rpc('catalog.products.create', { sku: 'CADRE-E2E', name: 'Cadre test', category: 'Cadres' });
    await page.reload();
    await page.getByLabel('Catégorie', { exact: true }).selectOption('Cadres');
    await expect.poll(() => page.getByTestId('catalog-total').textContent()).toBe('1 produit');
    await page.getByLabel('Catégorie', { exact: true }).selectOption('');
    await page.getByLabel(/Rechercher/).fill('DNP-E2E');
    await expect.poll(() => page.getByTestId('catalog-total').textContent()).toBe('1 produit');
    const priceCell = page.locator('.ct-body [role="cell"]').nth(4);
    await priceCell.dblclick();
    await page.locator('.ct-edit input').fill('-3');
    await page.locator('.ct-edit input').press('Enter');
    await expect.poll(() => page.locator('.ct-error').textContent()).toContain('Doit être positif ou nul');
    await page.locator('.ct-edit input').fill('12,5');
    // The input goes away once saved: press on the page, not on the element.
    await page.locator('.ct-edit input').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ct-body [role="cell"]').nth(4).textContent()).toBe('12,50');

    await go('stock');
    await page.getByTestId('se-sku').fill('DNP-E2E');
    await page.getByTestId('se-sku').press('Enter');
    await page.getByTestId('se-qty').fill('10');
    await page.getByTestId('se-qty').press('Enter');
    await expect.poll(() => page.locator('.stock-entry tbody tr').count()).toBe(1);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.stock-entry [role="status"]').textContent()).toContain('1 mouvement enregistré');

    const id = ((await rpc('catalog.products.list', { q: 'DNP-E2E' })) as { items: Array<{ id: string }> }).items[0]!.id;
    await go(`catalog/product/${id}`);
    await expect.poll(() => page.getByTestId('pd-onhand').textContent()).toContain('10');
    await expect.poll(() => page.getByTestId('pd-history').textContent()).toContain('+10');
  }, 120_000);

  it('refuses a French CSV with one bad row at its line, imports it once fixed, and exports', async () => {
    await go('stock/import');
    const bad = '\ufeffDate;Référence;Type;Quantité;Motif\r\n01/11/2026;DNP-E2E;sortie;2,5;Salon\r\n31/11/2026;DNP-E2E;sortie;1;Salon\r\n';
    await page.getByTestId('import-file').setInputFiles({ name: 'mouvements.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect.poll(() => page.getByTestId('import-errors').textContent()).toContain('« 31/11/2026 » n’est pas une date');
    expect(await page.getByTestId('import-errors').locator('tbody td').first().textContent()).toBe('3');
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'mouvements.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('31/11/2026', '30/11/2026')) });
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('2 créés');
    const bal = (await rpc('stock.balances', {})) as Array<{ onHand: number }>;
    expect(bal[0]!.onHand).toBe(6.5);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter les mouvements' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('30/11/2026;DNP-E2E;sortie;1;Entrepôt Lyon');
  }, 90_000);
});
