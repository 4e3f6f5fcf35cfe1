import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

/**
 * Edit forms at 1366×768, walked as a user would: every error of a save is told in that save's
 * round (a duplicate product reference, a booth's warning threshold below its critical one used to
 * come one save later, after the other errors were fixed), and errors on screen follow a language
 * switch (they were stored already translated and stayed in the old language).
 */
describe.skipIf(!chromiumAvailable())('edit forms: one round of errors, worded in the language in force', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const go = async (route: string) => {
    await page.goto(new URL(`#/${route}`, served.origin).href);
    await page.waitForSelector('main form');
  };
  const errors = () => page.locator('.field-error').allTextContents();
  const language = async (lang: 'fr' | 'en') => {
    await bridgeCall(served, 'settings.setDisplay', { language: lang });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  };
  const productInput = (label: RegExp) => page.locator('form.product-form label', { hasText: label }).locator('input').first();

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 15_000, viewport: { width: 1366, height: 768 } }));
    await bridgeCall(served, 'settings.setDisplay', { language: 'fr' });
    await page.reload();
    await page.waitForSelector('.app');
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('product: a reference already taken is told with the other errors, accented ones too', async () => {
    const taken = await bridgeCall<{ sku: string }>(served, 'catalog.products.create', {
      sku: 'ÉTÉ-001',
      name: 'Éventail d’été',
      price: 3.5,
    });
    expect(taken.sku).toBe('ÉTÉ-001');
    await go('catalog/new');
    await productInput(/^Référence/).fill('ÉTÉ-001');
    await productInput(/^Prix d’achat/).fill('abc');
    await page
      .getByRole('button', { name: /^Enregistrer$/ })
      .first()
      .press('Enter');
    // The old form showed the name and the number only; the reference came after they were fixed.
    await expect.poll(errors).toEqual(['La référence ÉTÉ-001 existe déjà', 'La désignation est requise', 'Saisissez un nombre']);
    await page.screenshot({ path: 'tests/e2e/screenshots/form-rounds-product-fr.png' });

    // Switching the language re-words them (the core's and the form's own alike).
    await language('en');
    await expect.poll(errors).toEqual(['SKU ÉTÉ-001 already exists', 'Name is required', 'Enter a number']);
    await page.screenshot({ path: 'tests/e2e/screenshots/form-rounds-product-en.png' });
    await language('fr');
    await expect.poll(errors).toEqual(['La référence ÉTÉ-001 existe déjà', 'La désignation est requise', 'Saisissez un nombre']);

    // Its own reference is not a duplicate when editing it.
    await productInput(/^Référence/).fill('ÉTÉ-002');
    await productInput(/^Désignation/).fill('Éventail');
    await productInput(/^Prix d’achat/).fill('1,25');
    await page
      .getByRole('button', { name: /^Enregistrer$/ })
      .first()
      .press('Enter');
    await page.waitForURL(/#\/catalog\/product\//);
  });

  it('booth: a warning below the critical threshold is told with a bad MAC address, and follows the language', async () => {
    await go('fleet/new');
    await page.locator('#booth-name').fill('Borne Zoé');
    await page.locator('#booth-mac').fill('zz:11');
    await page.locator('#booth-warningThreshold').fill('100');
    await page.locator('#booth-criticalThreshold').fill('200');
    await page.getByRole('button', { name: /^Enregistrer$/ }).press('Enter');
    await expect
      .poll(errors)
      .toEqual(['Adresse MAC invalide (ex. AA:BB:CC:DD:EE:FF)', 'Le seuil d’alerte doit être supérieur ou égal au seuil critique']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('booth-mac');
    await language('en');
    await expect
      .poll(errors)
      .toEqual(['Invalid MAC address (e.g. AA:BB:CC:DD:EE:FF)', 'The warning threshold must be at least the critical threshold']);
    await page.screenshot({ path: 'tests/e2e/screenshots/form-rounds-booth-en.png' });
    await language('fr');
  });

  it('event and client: errors switch language with the screen', async () => {
    await go('events/new');
    await page.locator('#event-client').fill('');
    await page.locator('#event-start').fill('2027-03-10T22:00');
    await page.locator('#event-end').fill('2027-03-10T02:00');
    await page.getByRole('button', { name: /^Enregistrer$/ }).press('Enter');
    await expect.poll(errors).toEqual(['Indiquez le client', 'La fin doit suivre le début']);
    await language('en');
    await expect.poll(errors).toEqual(['Enter the client', 'The end must come after the start']);
    await language('fr');

    await go('clients/new');
    await page.locator('#client-name').fill('Élodie Brûlé');
    await page.locator('#client-email').fill('elodie@@exemple');
    await page.getByRole('button', { name: /^Enregistrer$/ }).press('Enter');
    await expect.poll(errors).toEqual(['Adresse e-mail invalide']);
    await language('en');
    await expect.poll(errors).toEqual(['Not an e-mail address']);
    await language('fr');
  });
});
