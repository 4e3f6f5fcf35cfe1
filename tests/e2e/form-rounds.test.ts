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
  /** The "leave without saving?" question: what the user answers, and what they were asked. */
  let leaving: 'accept' | 'dismiss' = 'accept';
  const asked: string[] = [];
  const productInput = (label: RegExp) => page.locator('form.product-form label', { hasText: label }).locator('input').first();

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 15_000, viewport: { width: 1366, height: 768 } }));
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (leaving === 'accept' ? d.accept() : d.dismiss());
    });
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

  it('leaving a form with unsaved input asks first; staying keeps the input, leaving saves nothing', async () => {
    const booth = (await bridgeCall<Array<{ id: string; name: string }>>(served, 'booths.list', {}))[0]!;
    await go(`fleet/${booth.id}/edit`);
    await expect.poll(() => page.locator('#booth-name').inputValue()).toBe(booth.name);
    // Untouched: the back link leaves without a question.
    asked.length = 0;
    await page.getByRole('link', { name: /^← / }).click();
    await page.waitForURL(new RegExp(`#/fleet/${booth.id}$`));
    expect(asked).toEqual([]);

    await go(`fleet/${booth.id}/edit`);
    await expect.poll(() => page.locator('#booth-name').inputValue()).toBe(booth.name);
    await page.locator('#booth-name').fill('Borne Zoé – à renommer');
    leaving = 'dismiss';
    await page.getByRole('link', { name: /^← / }).click();
    await expect.poll(() => asked).toEqual(['Vos modifications ne sont pas enregistrées. Quitter sans enregistrer ?']);
    // Stayed: same address, the input still there.
    expect(page.url()).toMatch(new RegExp(`#/fleet/${booth.id}/edit$`));
    expect(await page.locator('#booth-name').inputValue()).toBe('Borne Zoé – à renommer');
    // The sidebar asks too; leaving then drops the input and saves nothing.
    leaving = 'accept';
    await page.locator('nav a[data-area="events"]').click();
    await expect.poll(() => asked.length).toBe(2);
    await page.waitForURL(/#\/events$/);
    await page.waitForSelector('.events-page, main h1');
    await go(`fleet/${booth.id}/edit`);
    await expect.poll(() => page.locator('#booth-name').inputValue()).toBe(booth.name);

    // The product form, edited from its page: a change, then the sidebar (in English this time).
    await language('en');
    const product = await bridgeCall<{ id: string; cost: number }>(served, 'catalog.products.create', {
      sku: 'LEAVE-1',
      name: 'Leave test',
      cost: 2.5,
    });
    await page.goto(new URL(`#/catalog/product/${product.id}`, served.origin).href);
    await page.getByRole('button', { name: /^Edit$/ }).click();
    await productInput(/^Cost/).fill('9');
    leaving = 'dismiss';
    await page.locator('nav a[data-area="fleet"]').click();
    await expect.poll(() => asked.at(-1)).toBe('Your changes are not saved. Leave without saving?');
    expect(await productInput(/^Cost/).inputValue()).toBe('9');
    // Cancel is the user's own choice to drop the change: no question, the stored value comes back.
    asked.length = 0;
    await page.getByRole('button', { name: /^Cancel$/ }).click();
    await page.getByRole('button', { name: /^Edit$/ }).click();
    expect(await productInput(/^Cost/).inputValue()).toBe('2.5');
    expect(asked).toEqual([]);
    leaving = 'accept';
    await language('fr');
  });

  it('keyboard: Tab follows the page, Enter saves, the past-event question takes the keyboard and Escape gives it back', async () => {
    await bridgeCall(served, 'clients.create', { name: 'Château de Vaux' }); // the client-file list shows
    await go('events/new');
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        return {
          id: el.id || el.textContent?.trim() || el.tagName,
          top: Math.round(r.top),
          left: Math.round(r.left),
          outline: getComputedStyle(el).outlineStyle,
        };
      });
    // The client field has the keyboard on arrival; Tab then goes down the form, in the order shown.
    await expect.poll(async () => (await active()).id).toBe('event-client');
    await page.keyboard.type('Mariage de Zoé & Loïc');
    // (A date-time field takes several Tabs: one per part, day, month, year, hour, minute.)
    const walk = [await active()];
    for (let i = 0; i < 30 && walk.at(-1)!.id !== 'Enregistrer'; i++) {
      await page.keyboard.press('Tab');
      const now = await active();
      if (now.id !== walk.at(-1)!.id) walk.push(now);
    }
    expect(walk.map((w) => w.id)).toEqual([
      'event-client',
      'event-client-file',
      'event-place',
      'event-type',
      'event-booth',
      'event-start',
      'event-end',
      'event-album',
      'Enregistrer',
    ]);
    for (let i = 1; i < walk.length; i++) expect(walk[i]!.top).toBeGreaterThan(walk[i - 1]!.top);
    // Focus is visible on each (the app's :focus-visible ring).
    expect(walk.filter((w) => w.outline === 'none').map((w) => w.id)).toEqual([]);

    // A past date, then Enter from the album field submits the form: the question comes and takes focus.
    await page.locator('#event-start').fill('2025-03-10T18:00');
    await page.locator('#event-end').fill('2025-03-10T23:00');
    await page.locator('#event-album').press('Enter');
    await expect.poll(async () => (await active()).id).toBe('Oui, enregistrer cet événement passé');
    // Escape closes it and gives the keyboard back to Save; nothing was saved.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('event-past').count()).toBe(0);
    expect((await active()).id).toBe('Enregistrer');
    expect(page.url()).toMatch(/#\/events\/new$/);
    // Enter on Save asks again; Enter on the answer saves.
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await active()).id).toBe('Oui, enregistrer cet événement passé');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/events$/);
  });

  it('business profile: what was saved is what the form shows after a reload, accents and lines kept', async () => {
    await go('setup/business');
    const form = page.getByTestId('business-form');
    await form.getByLabel('Nom de l’entreprise *').fill('Photobooth Éloïse – Œuvre & Cie');
    await form.getByLabel('Adresse').fill('12 rue de l’Église\n25000 Besançon');
    await form.getByLabel('N° de TVA intracommunautaire').fill('FR12345678901');
    await form.getByRole('button', { name: /^Enregistrer/ }).press('Enter');
    await page.waitForURL(/#\/setup\/admin$/);
    await page.goto(new URL('#/setup/business', served.origin).href);
    await page.reload();
    await page.waitForSelector('[data-testid=business-form]');
    // The old form read the profile before it had arrived: every field empty after a reload.
    await expect.poll(() => form.getByLabel('Nom de l’entreprise *').inputValue()).toBe('Photobooth Éloïse – Œuvre & Cie');
    expect(await form.getByLabel('Adresse').inputValue()).toBe('12 rue de l’Église\n25000 Besançon');
    expect(await form.getByLabel('N° de TVA intracommunautaire').inputValue()).toBe('FR12345678901');
    await page.screenshot({ path: 'tests/e2e/screenshots/form-rounds-business-fr.png' });
  });

  it('booth form: each check box sits on its words’ line, also once the catalog was opened', async () => {
    // The catalog's style sheet (loaded with the catalog or the forecasts, then kept) set every
    // .form-grid label to a column: the wake routes' boxes stood above their words.
    await page.goto(new URL('#/catalog', served.origin).href);
    await page.waitForSelector('.catalog-page');
    await go('fleet/new');
    const offsets = await page.evaluate(() =>
      [...document.querySelectorAll('main form label')]
        .filter((l) => l.querySelector(':scope > input[type=checkbox]'))
        .map((l) => {
          const box = l.querySelector('input')!.getBoundingClientRect();
          const words = document.createRange();
          words.selectNodeContents(l);
          words.setStartAfter(l.querySelector('input')!);
          const text = words.getBoundingClientRect();
          return {
            words: l.textContent!.trim(),
            dy: Math.round(Math.abs(box.top + box.height / 2 - (text.top + text.height / 2))),
            left: box.right <= text.left,
          };
        }),
    );
    expect(offsets.length).toBe(4);
    for (const o of offsets) expect(o, o.words).toMatchObject({ left: true });
    for (const o of offsets) expect(o.dy, o.words).toBeLessThan(6);
  });

  it('booth: prints left typed with a French decimal comma are saved, and shown back in each language', async () => {
    const booth = (await bridgeCall<Array<{ id: string }>>(served, 'booths.list', {}))[0]!;
    await go(`fleet/${booth.id}/edit`);
    await expect.poll(() => page.locator('#booth-name').inputValue()).not.toBe('');
    // A strips booth counts half prints: 699,5 left. Number('699,5') was NaN: 'Nombre invalide'.
    await page.locator('#booth-remainingPrints').fill('699,5');
    await page.getByRole('button', { name: /^Enregistrer$/ }).press('Enter');
    await page.waitForURL(new RegExp(`#/fleet/${booth.id}$`));
    await go(`fleet/${booth.id}/edit`);
    await page.reload();
    await expect.poll(() => page.locator('#booth-remainingPrints').inputValue()).toBe('699,5');
    await language('en');
    await page.reload();
    await expect.poll(() => page.locator('#booth-remainingPrints').inputValue()).toBe('699.5');
    await language('fr');
  });
});
