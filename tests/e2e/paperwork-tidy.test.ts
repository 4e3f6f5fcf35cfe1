import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { startAtelier } from '../fixtures/atelier.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

// Issue 18, after the audit: a language switch keeps what is typed and not saved yet; a lost card says why.
describe.skipIf(!chromiumAvailable())('the office paperwork: a language switch keeps the drafts, a lost lead shows its reason', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const ids = { client: '', quote: '', album: '' };
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };
  const language = async (lang: 'fr' | 'en') => {
    await rpc('settings.setDisplay', { language: lang });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  };

  beforeAll(async () => {
    served = await startAtelier();
    await rpc('settings.setDisplay', { language: 'fr' });
    ids.client = (await rpc<{ id: string }>('clients.create', { name: 'Mariage Durand', email: 'durand@example.fr' })).id;
    ids.album = (await rpc<{ id: string }>('catalog.products.create', { sku: 'ALB-1', name: 'Album photo', price: 30, cost: 10 })).id;
    ids.quote = (
      await rpc<{ id: string }>('quotes.create', {
        clientId: ids.client,
        place: 'Château de Vaux',
        lines: [{ label: 'Forfait borne soirée', quantity: '1', unitPrice: '890', vatRate: '20' }],
      })
    ).id;
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 20_000 }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));
  beforeEach(() => rpc('settings.setDisplay', { language: 'fr' }));

  it('switching the language while a quote is edited keeps its unsaved fields, lines and discounts, and translates the labels', async () => {
    await go(`quotes/${ids.quote}`);
    await page.waitForSelector('[data-testid="quote-lines"]');
    await expect.poll(() => page.getByLabel('Lieu').inputValue()).toBe('Château de Vaux');
    await page.getByLabel('Lieu').fill('Domaine des Tilleuls');
    await page.getByLabel('Notes').fill('Arrivée 15 h');
    await page.getByLabel('Remise %', { exact: true }).first().fill('10');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Désignation', { exact: true }).nth(1).fill('Tirages supplémentaires');
    await page.getByLabel('Qté', { exact: true }).nth(1).fill('3');
    await page.getByLabel('PU HT', { exact: true }).nth(1).fill('4,20');

    await language('en');
    // The labels are English now, and what was typed is all still there (the amount with the English decimal mark).
    await expect.poll(() => page.getByLabel('Place').inputValue()).toBe('Domaine des Tilleuls');
    expect(await page.getByLabel('Notes').inputValue()).toBe('Arrivée 15 h');
    expect(await page.getByLabel('Discount %', { exact: true }).first().inputValue()).toBe('10');
    expect(await page.getByLabel('Description', { exact: true }).nth(1).inputValue()).toBe('Tirages supplémentaires');
    expect(await page.getByLabel('Qty', { exact: true }).nth(1).inputValue()).toBe('3');
    expect(await page.getByLabel('Unit price', { exact: true }).nth(1).inputValue()).toBe('4.20');
    await shoot('tidy-quote-draft-en');

    await language('fr');
    await expect.poll(() => page.getByLabel('Lieu').inputValue()).toBe('Domaine des Tilleuls');
    expect(await page.getByLabel('PU HT', { exact: true }).nth(1).inputValue()).toBe('4,20');
    expect(await page.getByLabel('Désignation', { exact: true }).count()).toBe(2);
    await shoot('tidy-quote-draft-fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(async () => {
        const q = await rpc<{ place: string; lines: Array<{ label: string; unitPrice: string; discountPct: string }> }>('quotes.get', {
          id: ids.quote,
        });
        return { place: q.place, lines: q.lines.map((l) => [l.label, l.unitPrice, l.discountPct]) };
      })
      .toEqual({
        place: 'Domaine des Tilleuls',
        lines: [
          ['Forfait borne soirée', '890', '10'],
          ['Tirages supplémentaires', '4.2', '0'],
        ],
      });
  }, 90_000);

  it('the customer order form and the client form keep what is typed through a language switch', async () => {
    await go(`quotes/orders/new/${ids.client}`);
    await page.getByLabel('Produits').first().selectOption(ids.album);
    await page.getByLabel('Qté', { exact: true }).first().fill('4');
    await page.getByLabel('Notes').fill('Livrer avant samedi');
    await language('en');
    await expect.poll(() => page.getByLabel('Products').first().inputValue()).toBe(ids.album);
    expect(await page.getByLabel('Qty', { exact: true }).first().inputValue()).toBe('4');
    expect(await page.getByLabel('Notes').inputValue()).toBe('Livrer avant samedi');
    await language('fr');

    await go(`clients/${ids.client}/edit`);
    await expect.poll(() => page.getByLabel('Nom').inputValue()).toBe('Mariage Durand');
    await page.getByLabel('Nom').fill('Mariage Durand-Martin');
    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await language('en');
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('Mariage Durand-Martin');
    expect(await page.getByLabel('Phone').inputValue()).toBe('06 12 34 56 78');
    await language('fr');
  }, 60_000);

  it('a lost card on the pipeline board and a lost row in the list say why, shortened, the whole reason in the title', async () => {
    const short = (await rpc<{ id: string }>('clients.create', { name: 'Gala Bernard' })).id;
    const long = (await rpc<{ id: string }>('clients.create', { name: 'Salon Petit' })).id;
    await rpc('pipeline.move', { id: short, stage: 'lost', lostReason: 'Budget trop serré' });
    const longReason =
      'Le client a choisi un concurrent moins cher qui propose aussi un photographe, une vidéo et un livre d’or numérique pour la même soirée';
    await rpc('pipeline.move', { id: long, stage: 'lost', lostReason: longReason });

    await go('clients/pipeline');
    const lost = page.locator('[data-stage="lost"]');
    const card = (name: string) => lost.locator(`[data-client="${name}"]`);
    await expect.poll(() => card('Gala Bernard').getByTestId('lost-reason').textContent()).toBe('Raison : Budget trop serré');
    expect(await card('Gala Bernard').getAttribute('aria-label')).toBe('Gala Bernard, étape Perdu, raison : Budget trop serré');
    const cut = card('Salon Petit').getByTestId('lost-reason');
    expect(await cut.getAttribute('title')).toBe(longReason);
    const shown = (await cut.textContent())!;
    expect(shown.startsWith('Raison : Le client a choisi un concurrent moins cher')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(longReason.length);
    // A lead still open has no reason line.
    expect(await page.locator('[data-stage="new"] [data-testid="lost-reason"]').count()).toBe(0);
    await shoot('tidy-pipeline-lost-fr');

    // Marked lost on the board itself: the reason asked for is on the card at once.
    await page.locator('[data-client="Mariage Durand"]').dragTo(lost);
    await page.getByLabel('Raison de la perte').fill('Date déjà prise');
    await page.getByRole('button', { name: 'Marquer perdu' }).click();
    await expect.poll(() => card('Mariage Durand').getByTestId('lost-reason').textContent()).toBe('Raison : Date déjà prise');

    await go('clients');
    const row = page.locator('tr', { hasText: 'Gala Bernard' });
    await expect.poll(() => row.getByTestId('lost-reason').textContent()).toBe('Raison : Budget trop serré');
    expect(await page.locator('tr', { hasText: 'Salon Petit' }).getByTestId('lost-reason').getAttribute('title')).toBe(longReason);

    await language('en');
    await expect.poll(() => row.getByTestId('lost-reason').textContent()).toBe('Why: Budget trop serré');
    await go('clients/pipeline');
    await expect.poll(() => card('Gala Bernard').getAttribute('aria-label')).toBe('Gala Bernard, stage Lost, reason: Budget trop serré');
    expect(await card('Salon Petit').getByTestId('lost-reason').textContent()).toMatch(/^Why: Le client a choisi .*…$/);
    await shoot('tidy-pipeline-lost-en');
    await language('fr');
  }, 90_000);
});
