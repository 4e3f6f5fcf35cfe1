import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { ForecastDouble, type DoubleProduct } from './forecast-double.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');
/** Polls long enough for a loaded machine (2 cores shared with other test runs): vitest's default is 1 s. */
const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

/**
 * The forecast screens against a double of the forecast channels (tests/e2e/forecast-double.ts):
 * states the demo data cannot show on demand — never computed, a run in progress and stopped,
 * products without enough data, field errors of the driver form.
 */
describe.skipIf(!chromiumAvailable())('forecast screens in Chromium (forecast channels answered by a double)', { timeout: 90_000 }, () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let double: ForecastDouble;
  let toPage: ((msg: unknown) => void) | undefined;
  const errors: string[] = [];
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    served = await startServe({ demo: true });
    const list = (await rpc('catalog.products.list', { limit: 500 })) as { items: DoubleProduct[] };
    double = new ForecastDouble(list.items.slice(0, 60));
    ({ browser, page } = await openBrowser(served, { acceptDownloads: true, timeout: 10_000, open: 'none' }));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.routeWebSocket(/\/events$/, (ws) => {
      ws.connectToServer();
      toPage = (msg) => ws.send(JSON.stringify(msg));
    });
    await double.install(page);
    await page.goto(served.appUrl);
    await page.waitForSelector('.app');
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('explains forecasts never computed, runs one with progress and Stop, then lists every product', async () => {
    await go('forecasts');
    await poll(() => page.getByTestId('forecast-never').isVisible()).toBe(true);
    expect(await page.getByTestId('forecast-never').textContent()).toContain('n’ont encore jamais été calculées');
    await shot('forecast-never-fr');

    await page.getByRole('button', { name: 'Calculer les prévisions' }).click();
    await poll(() => double.runningJobId).not.toBeNull();
    toPage!({ event: 'job.progress', payload: { jobId: double.runningJobId, kind: 'forecast', done: 20, total: 60 } });
    await poll(() => page.locator('.fc-progress').textContent()).toContain('20 / 60');
    expect(await page.locator('.fc-progress progress').getAttribute('value')).toBe('20');
    await page.screenshot({ path: path.join(SHOTS, 'forecast-running-fr.png'), clip: { x: 0, y: 0, width: 1360, height: 360 } });
    await page.getByTestId('forecast-cancel').click();
    await poll(() => page.getByTestId('forecast-outcome').textContent()).toContain('Calcul arrêté');

    // The list, most urgent first.
    await poll(() => page.getByTestId('forecast-total').textContent()).toBe('60 produits');
    expect(await page.locator('.fc-row').first().getAttribute('data-status')).toBe('order_now');
    expect(await page.getByTestId('forecast-computed').textContent()).toContain('Calculées');
    expect(await page.locator('.fc-row').first().textContent()).toContain('À commander');
    await shot('forecast-list-fr');

    // Recompute everything from the menu; a failed product is reported.
    await page.locator('.fc-menu summary').click();
    await page.getByTestId('forecast-full').click();
    await poll(() => double.runningJobId).toContain('full');
    double.finishRun(false);
    await poll(() => page.getByTestId('forecast-outcome').textContent()).toContain('1 produit n');

    // Filter and search.
    await page.getByTestId('forecast-status').selectOption('no_data');
    await poll(() => page.locator('.fc-row[data-status="no_data"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.fc-row:not([data-status="no_data"])').count()).toBe(0);
    await page.getByTestId('forecast-status').selectOption('');
    await page.getByLabel(/Rechercher/).fill(double.products[3]!.sku);
    await poll(() => page.getByTestId('forecast-total').textContent()).toBe('1 produit');
    await page.getByLabel(/Rechercher/).fill('');
    // Sort by name, then back to urgency.
    await page.getByRole('columnheader', { name: /Produit/ }).click();
    await poll(() => page.getByRole('columnheader', { name: /Produit/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('columnheader', { name: /Statut/ }).click();
    await poll(() => page.locator('.fc-row').first().getAttribute('data-status')).toBe('order_now');
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows a run started elsewhere (the daily run, another window) with its progress, then Recompute again', async () => {
    toPage!({ event: 'job.progress', payload: { jobId: 'daily-1', kind: 'forecast', done: 5, total: 60 } });
    await poll(() => page.locator('.fc-progress').textContent()).toContain('5 / 60');
    expect(await page.getByTestId('forecast-recompute').count()).toBe(0);
    toPage!({ event: 'job.progress', payload: { jobId: 'daily-1', kind: 'forecast', done: 60, total: 60 } });
    await poll(() => page.getByTestId('forecast-recompute').isVisible()).toBe(true);
  });

  it('reloads the list when the change feed says the forecasts changed (data.changed)', async () => {
    double.stale = 7;
    // Unrelated tables leave the list as it is; the forecasts table reloads it.
    toPage!({ event: 'data.changed', payload: { tables: ['booths'] } });
    await page.waitForTimeout(500);
    expect(await page.getByTestId('forecast-computed').textContent()).not.toContain('7 produits ont changé');
    toPage!({ event: 'data.changed', payload: { tables: ['forecasts'] } });
    await poll(() => page.getByTestId('forecast-computed').textContent()).toContain('7 produits ont changé');
  });

  it('shows a product: band, projection, advice, reliability in words, model details', async () => {
    await go(`forecasts/product/${double.products[0]!.id}`);
    await poll(() => page.getByTestId('forecast-product').isVisible()).toBe(true);
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    await poll(() => page.locator('[data-testid="forecast-stock-chart"] .recharts-reference-line').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('forecast-advice').textContent()).toMatch(/Commander \d+/);
    await poll(() => page.getByTestId('forecast-accuracy').textContent()).toMatch(
      /plus faibles que celles d’une prévision naïve ; tendance à sous-estimer de 8/,
    );
    await page.getByTestId('forecast-details').locator('summary').click();
    expect(await page.getByTestId('forecast-details').textContent()).toContain('ets(A,Ad,M)');
    await shot('forecast-product-fr');
  });

  it('says why a product has no forecast, and shows driver field errors to an admin', async () => {
    const i = double.products.findIndex((_, k) => double.row(k).status === 'no_data');
    await go(`forecasts/product/${double.products[i]!.id}`);
    await poll(() => page.getByTestId('forecast-nodata').textContent()).toContain('Pas assez d’historique');
    const form = page.getByTestId('forecast-driver');
    await form.getByRole('combobox').selectOption('event_prints');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // The core's message, shown in French.
    await poll(() => form.locator('.field-error').textContent()).toContain('Indiquez les unités');
    await page.getByTestId('forecast-perunit').fill('abc');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.locator('.field-error').textContent()).toContain('fraction');
    await page.getByTestId('forecast-perunit').fill('-2');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.locator('.field-error').textContent()).toContain('supérieures à 0');
    await page.getByTestId('forecast-perunit').fill('1/700');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.getByRole('status').textContent()).toContain('prochain calcul');
    expect(double.drivers.get(double.products[i]!.id)?.perUnit).toBeCloseTo(1 / 700, 10);
    await poll(() => page.getByTestId('forecast-nodata').textContent()).toContain('événements');
    await shot('forecast-nodata-fr');
  });

  it('lists what to order this week by supplier, with a total, and exports it', async () => {
    await go('forecasts/replenishment');
    await poll(() => page.locator('.fc-repl-table tbody tr[data-status]').count()).toBeGreaterThan(0);
    expect(await page.locator('.fc-group').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('forecast-replenishment-total').textContent()).toMatch(/€/);
    await shot('forecast-replenishment-fr');
    await page.getByTestId('forecast-within').selectOption('30');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('forecast-export').click()]);
    expect(download.suggestedFilename()).toBe('a-commander.csv');
    expect(fs.readFileSync((await download.path())!, 'utf8')).toContain('Référence;Désignation');
  });

  it('shows the stock-out risks tile on the dashboard, and a forecast link on the catalog product page', async () => {
    await go('dashboard');
    await poll(() => page.getByTestId('stockout-tile').textContent()).toContain('rupture prévue');
    await page.getByTestId('stockout-tile').screenshot({ path: path.join(SHOTS, 'forecast-tile-fr.png') });
    await shot('forecast-dashboard-fr');
    await go(`catalog/product/${double.products[0]!.id}`);
    await page.getByTestId('pd-forecast-link').click();
    await poll(() => page.getByTestId('forecast-product').isVisible()).toBe(true);
  });

  it('reads in English and in the dark theme', async () => {
    await rpc('settings.set', { language: 'en', theme: 'dark' });
    await page.reload();
    await page.waitForSelector('.app');
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await go('forecasts');
    await poll(() => page.getByTestId('forecast-total').textContent()).toBe('60 products');
    await shot('forecast-list-en-dark');
    toPage!({ event: 'job.progress', payload: { jobId: 'daily-2', kind: 'forecast', done: 42, total: 60 } });
    await poll(() => page.locator('.fc-progress').textContent()).toContain('42 / 60');
    await page.screenshot({ path: path.join(SHOTS, 'forecast-running-en-dark.png'), clip: { x: 0, y: 0, width: 1360, height: 360 } });
    toPage!({ event: 'job.progress', payload: { jobId: 'daily-2', kind: 'forecast', done: 50, total: 60, message: 'cancelled' } });
    await poll(() => page.getByTestId('forecast-recompute').isVisible()).toBe(true);
    await go(`forecasts/product/${double.products[0]!.id}`);
    await poll(() => page.getByTestId('forecast-accuracy').textContent()).toContain("smaller than a naive forecast's");
    await shot('forecast-product-en-dark');
    await go('forecasts/replenishment');
    await poll(() => page.locator('.fc-repl-table tbody tr[data-status]').count()).toBeGreaterThan(0);
    await shot('forecast-replenishment-en-dark');
    await go('dashboard');
    await poll(() => page.getByTestId('stockout-tile').textContent()).toContain('Stock-out risks');
    await shot('forecast-dashboard-en-dark');
    const i = double.products.findIndex((_, k) => double.row(k).status === 'no_data');
    await go(`forecasts/product/${double.products[i]!.id}`);
    await poll(() => page.getByTestId('forecast-nodata').textContent()).toContain('Not enough');
    await shot('forecast-nodata-en-dark');
    // Never computed, in English.
    const computedAt = double.computedAt;
    double.computedAt = null;
    await go('forecasts');
    await poll(() => page.getByTestId('forecast-never').textContent()).toContain('never been computed');
    await shot('forecast-never-en-dark');
    await go('dashboard');
    await poll(() => page.getByTestId('stockout-tile').textContent()).toContain('Forecasts never computed');
    double.computedAt = computedAt;
    expect(errors).toEqual([]);
  });
});
