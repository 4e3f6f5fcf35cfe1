import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');

// Issue 18, items 3 and 4: a device's numbering series (quotes and customer orders), set by an admin in Settings → Preferences.
describe.skipIf(!chromiumAvailable())('Settings → quote numbering series', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    ({ served, browser, page } = await openApp({}, { viewport: { width: 1300, height: 1000 }, timeout: 10_000, open: 'none' }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('the admin picks series B (bad input refused), it is audited and kept after a reload, and quotes and orders are numbered in it', async () => {
    await page.goto(served.appUrl);
    await page.waitForSelector('.app');
    await page.locator('nav a[data-area="settings"]').click();
    const field = page.getByLabel('Série de numérotation (devis et commandes)');
    await expect.poll(() => field.inputValue()).toBe('');
    const form = page.locator('form', { has: field });
    const save = form.getByRole('button', { name: 'Enregistrer', exact: true });
    await field.fill('9B');
    await expect.poll(() => form.textContent()).toContain('Une lettre, puis jusqu’à deux lettres ou chiffres');
    expect(await save.isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'quote-series-invalid-fr.png'), fullPage: true });
    await field.fill('b');
    await expect.poll(() => field.inputValue()).toBe('B');
    await save.click();
    await expect.poll(async () => (await bridgeCall<{ quoteSeries: string }>(served, 'settings.get', {})).quoteSeries).toBe('B');
    const audit = await bridgeCall<{ items: Array<{ outcome: string; details: unknown }> }>(served, 'audit.list', {
      action: 'settings.set',
    });
    expect(audit.items[0]).toMatchObject({ outcome: 'ok', details: { quoteSeries: 'B' } });

    await page.reload();
    await page.waitForSelector('.app');
    await expect.poll(() => page.getByLabel('Série de numérotation (devis et commandes)').inputValue()).toBe('B');
    await page.screenshot({ path: path.join(SHOTS, 'quote-series-fr.png'), fullPage: true });

    const client = await bridgeCall<{ id: string }>(served, 'clients.create', { name: 'Mariage Roux' });
    const q = await bridgeCall<{ number: string }>(served, 'quotes.create', {
      clientId: client.id,
      lines: [{ label: 'Borne photo', quantity: '1', unitPrice: '890', vatRate: '20' }],
    });
    expect(q.number).toMatch(/^DEV-\d{4}-B-0001$/);
    // Customer orders are numbered in the same series.
    const product = await bridgeCall<{ id: string }>(served, 'catalog.products.create', {
      sku: 'CAD-A5',
      name: 'Cadre A5',
      price: 12,
      cost: 4,
    });
    const o = await bridgeCall<{ number: string }>(served, 'orders.create', {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(o.number).toMatch(/^CMD-\d{4}-B-0001$/);

    await page.getByLabel('Langue').selectOption('en');
    await expect.poll(() => page.getByLabel('Numbering series (quotes and orders)').inputValue()).toBe('B');
    await page.screenshot({ path: path.join(SHOTS, 'quote-series-en.png'), fullPage: true });
  });
});
