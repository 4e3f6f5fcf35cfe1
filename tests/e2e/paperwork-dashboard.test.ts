import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS, zonedMidnight } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

// Issue 18: the dashboard's "due today" (leads' next actions due by tonight, late ones flagged) and
// "recent orders" tiles, and the pipeline's conversion per month and source (chart and table),
// kept up to date by the change feed, in French and English.
describe.skipIf(!chromiumAvailable())('dashboard paperwork tiles, the conversion chart and the orders list (issue 18)', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let clientId = '';
  let productId = '';
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };
  const DAY = 86_400_000;
  // The browser runs on Paris time (timezoneId below): the dates the page shows are Paris days, so
  // the expected ones are too (from 23:00 UTC the two calendars name different days).
  const TZ = PARIS;
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: TZ }).format(new Date()));

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    const now = Date.now();
    clientId = (await rpc<{ id: string }>('clients.create', { name: 'Boutique Lumière', source: 'Salon du mariage' })).id;
    // Due today: a minute ago, or at midnight in the first minute of a Paris day.
    await rpc('clients.create', {
      name: 'Mariage Rivière',
      source: 'Site web',
      nextAction: 'Rappeler pour le devis',
      nextActionAt: Math.max(now - 60_000, zonedMidnight(now, TZ)),
    });
    await rpc('clients.create', {
      name: 'Gala Fontaine',
      source: 'Site web',
      nextAction: 'Envoyer la brochure',
      nextActionAt: now - 3 * DAY,
    });
    await rpc('clients.create', { name: 'Baptême Morel', source: 'Site web', nextAction: 'Relancer', nextActionAt: now + 3 * DAY });
    productId = (await rpc<{ id: string }>('catalog.products.create', { sku: 'ALB-1', name: 'Album photo', price: 30, cost: 10 })).id;
    for (let i = 1; i <= 6; i++) await rpc('orders.create', { clientId, lines: [{ productId, quantity: i }] });
    ({ browser, page } = await openBrowser(served, { timezoneId: TZ, timeout: 15_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('"À faire aujourd’hui" lists what is due by tonight, late ones flagged; "Commandes récentes" the five latest, and a new order appears', async () => {
    await go('dashboard');
    const due = page.getByTestId('due-today-tile');
    await expect
      .poll(() => due.locator('li').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Mariage Rivière · Rappeler pour le devis'),
          expect.stringContaining('Gala Fontaine'),
        ]),
      );
    expect(await due.locator('li').count()).toBe(2); // Baptême Morel is due in 3 days
    expect(await due.locator('li', { hasText: 'Gala Fontaine' }).textContent()).toContain('en retard');
    expect(await due.locator('li', { hasText: 'Mariage Rivière' }).textContent()).not.toContain('en retard');
    expect(await due.getByRole('heading').textContent()).toBe('À faire aujourd’hui');

    const orders = page.getByTestId('recent-orders-tile');
    const numbers = () => orders.locator('li a').allTextContents();
    await expect.poll(numbers).toEqual([6, 5, 4, 3, 2].map((n) => `CMD-${year}-000${n}`));
    // 6 × 30 € HT at 20 % = 216,00 € TTC, French format.
    expect((await orders.locator('li').first().textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('Boutique Lumière · 216,00 €');
    await shoot('paperwork-dashboard-fr');

    // A new order shows without a reload (change feed).
    await rpc('orders.create', { clientId, lines: [{ productId, quantity: 1 }] });
    await expect.poll(async () => (await numbers())[0]).toBe(`CMD-${year}-0007`);
    expect(await orders.locator('li').count()).toBe(5);
    // Done with: the lead leaves the list once its next action is cleared.
    const riviere = (await rpc<Array<{ id: string; name: string }>>('clients.list', {})).find((c) => c.name === 'Mariage Rivière')!;
    await rpc('clients.update', { id: riviere.id, patch: { nextAction: null, nextActionAt: null } });
    await expect.poll(() => due.locator('li').count()).toBe(1);
  }, 60_000);

  it('the pipeline shows conversion per month and source, as a chart and a table', async () => {
    const clients = await rpc<Array<{ id: string; name: string }>>('clients.list', {});
    await rpc('pipeline.move', { id: clientId, stage: 'booked' });
    await rpc('pipeline.move', { id: clients.find((c) => c.name === 'Gala Fontaine')!.id, stage: 'lost', lostReason: 'Budget' });
    await go('clients/pipeline');
    await page.waitForSelector('[data-testid="pipeline-board"]');
    const rows = page.locator('.history-section table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const cells = async (source: string) =>
      (await rows.filter({ hasText: source }).locator('td').allTextContents()).map((s) => s.replace(/[\u00a0\u202f]/g, ' '));
    expect((await cells('Salon du mariage')).slice(1)).toEqual(['Salon du mariage', '1', '1', '0', '100 %']);
    expect((await cells('Site web')).slice(1)).toEqual(['Site web', '3', '0', '1', '0 %']);
    // The month as a reader says it, not '2026-12'.
    const monthFr = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: TZ }).format(new Date());
    expect((await cells('Site web'))[0]).toBe(monthFr);
    await expect
      .poll(() => page.locator('.chart-box .recharts-cartesian-axis-tick-value').allTextContents())
      .toEqual(expect.arrayContaining([monthFr]));
    // The legend follows the funnel (leads, booked, lost), not the alphabet.
    expect(await page.locator('.chart-box .recharts-legend-item-text').allTextContents()).toEqual(['Prospects', 'Réservés', 'Perdus']);
    // The chart draws one bar per series that has a value (leads, booked, lost).
    await expect.poll(() => page.locator('.chart-box .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await shoot('paperwork-conversion-fr');
  }, 60_000);

  it('the orders list: every order with its client, date, status and TTC; one opened, a fulfilment without stock refused in words, kept after a reload', async () => {
    const warehouse = (await rpc<{ id: string }>('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
    await go('quotes/orders');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(7);
    expect((await rows.first().locator('td').allTextContents()).map((x) => x.replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      `CMD-${year}-0007`,
      'Boutique Lumière',
      new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: TZ }).format(new Date()),
      'En attente',
      '36,00 €',
    ]);
    await shoot('orders-list-fr');
    await rows
      .first()
      .getByRole('link', { name: `CMD-${year}-0007` })
      .click();
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Confirmée');
    await page.getByLabel('Depuis').selectOption(warehouse);
    await page.getByRole('button', { name: 'Expédier (sortie de stock)' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Seulement 0 × Album photo à Entrepôt Lyon (la commande en demande 1)');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Confirmée');
    await rpc('stock.record', { productId, locationId: warehouse, type: 'in', quantity: 5 });
    await page.getByLabel('Depuis').selectOption(warehouse);
    await page.getByRole('button', { name: 'Expédier (sortie de stock)' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Expédiée');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Commande expédiée' }).count()).toBe(1);
    await shoot('order-fulfilled-ok-fr');
    const balances = await rpc<Array<{ locationId: string; onHand: number }>>('stock.balances', { productId });
    expect(balances.find((b) => b.locationId === warehouse)?.onHand).toBe(4);
  }, 90_000);

  it('in English: the same tiles and the conversion table', async () => {
    await rpc('settings.setDisplay', { language: 'en' });
    await go('dashboard');
    await page.reload();
    await expect.poll(() => page.getByTestId('due-today-tile').getByRole('heading').textContent()).toBe('Due today');
    await expect.poll(() => page.getByTestId('recent-orders-tile').getByRole('heading').textContent()).toBe('Recent orders');
    // Each tile loads its own data.
    await expect
      .poll(async () => (await page.getByTestId('recent-orders-tile').locator('li').first().textContent())?.replace(/[\u00a0\u202f]/g, ' '))
      .toContain('€36.00');
    await shoot('paperwork-dashboard-en');
    await go('clients/pipeline');
    const monthEn = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: TZ }).format(new Date());
    await expect.poll(() => page.locator('.history-section table tbody tr td').first().textContent()).toBe(monthEn);
    await shoot('paperwork-conversion-en');
    await go('quotes/orders');
    await expect.poll(() => page.locator('table tbody tr').first().locator('td').nth(3).textContent()).toBe('Fulfilled');
    await shoot('orders-list-en');
  }, 90_000);
});
