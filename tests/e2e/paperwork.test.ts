import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { pdfText } from '../fixtures/pdfText.js';
import { startAtelier } from '../fixtures/atelier.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

/** The text of a PDF the page downloaded. */
const fileText = (file: string) => pdfText(fs.readFileSync(file));

describe.skipIf(!chromiumAvailable())('the office paperwork in Chromium: a lead becomes a quote, its PDF, accepted, booked', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const year = new Date().getFullYear();
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    served = await startAtelier('FR12345678901');
    await rpc('booths.create', { name: 'Borne Lyon' });
    await rpc('catalog.services.create', { title: 'Forfait borne soirée', description: '', durationMin: 360, benefits: [], price: 890 });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, acceptDownloads: true, timeout: 15_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('creates the lead, refuses its duplicate, quotes it with exact totals, prints the PDF, accepts it and the event is on the calendar with its booth', async () => {
    await go('clients');
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    await page.getByLabel('Nom').fill('Mariage Durand');
    await page.getByLabel('E-mail').fill('durand@example.fr');
    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await page.getByLabel('Adresse').fill('3 rue des Lilas, Lyon');
    await page.getByLabel('Origine').fill('Salon du mariage');
    await page.getByLabel('Prochaine action').fill('Rappeler pour la date');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.client-head');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Mariage Durand');

    // The same phone in another notation is refused as a duplicate, naming the client.
    await go('clients/new');
    await page.getByLabel('Nom').fill('M. Durand');
    await page.getByLabel('Téléphone').fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByTestId('client-duplicate').textContent()).toContain('Mariage Durand a déjà cet e-mail ou ce numéro');
    expect(await rpc<unknown[]>('clients.list', {})).toHaveLength(1);

    const [client] = await rpc<Array<{ id: string }>>('clients.list', {});
    await go(`clients/${client!.id}`);
    await page.waitForSelector('.client-head');
    await shoot('paperwork-client-fr');
    await page.getByRole('button', { name: 'Nouveau devis' }).click();
    await page.waitForSelector('[data-testid="quote-lines"]');
    await page.getByLabel('Type d’événement').fill('Mariage');
    await page.getByLabel('Début').fill('2027-06-12T16:00');
    await page.getByLabel('Fin').fill('2027-06-13T00:00');
    await page.getByLabel('Lieu').fill('Château de Vaux');
    await page.getByLabel('Borne').selectOption({ label: 'Borne Lyon' });
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Catalogue', { exact: true }).nth(0).selectOption({ label: 'Forfait borne soirée' });
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Désignation', { exact: true }).nth(1).fill('Tirages supplémentaires');
    await page.getByLabel('Qté', { exact: true }).nth(1).fill('3');
    await page.getByLabel('PU HT', { exact: true }).nth(1).fill('4,20');
    await page.getByLabel('TVA', { exact: true }).nth(1).selectOption({ label: '5,5 %' });
    // Bad input: a price that is not a number is refused before saving.
    await page.getByLabel('PU HT', { exact: true }).nth(1).fill('4,2x');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('.field-error').textContent()).toContain('Ligne 2');
    await page.getByLabel('PU HT', { exact: true }).nth(1).fill('4,20');
    // 890 + 12,60 HT; TVA 178,00 + 0,69; TTC 1 081,29 (exact to the cent while typing).
    await expect.poll(async () => (await page.getByTestId('quote-ttc').textContent())?.replace(/\s/g, ' ')).toBe('1 081,29 €');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain(`DEV-${year}-0001`);
    await page.reload();
    await expect.poll(async () => (await page.getByTestId('quote-ttc').textContent())?.replace(/\s/g, ' ')).toBe('1 081,29 €');
    await shoot('paperwork-quote-fr');

    const download = page.waitForEvent('download');
    await page.getByTestId('quote-pdf-fr').click();
    const file = await (await download).path();
    const text = await fileText(file!);
    expect(text).toContain(`Devis DEV-${year}-0001`);
    expect(text).toContain('Atelier Lumière');
    expect(text).toContain('Mariage Durand');
    expect(text).toContain('Château de Vaux');
    expect(text).toContain('12 juin 2027, 16:00 – 00:00'); // Paris time, as on the screen
    expect(text).toContain('Total TTC 1 081,29 €');
    fs.copyFileSync(file!, 'tests/e2e/screenshots/paperwork-quote-fr.pdf');

    await page.getByRole('button', { name: 'Marquer envoyé' }).click();
    await expect.poll(() => page.locator('h1 .chip').textContent()).toBe('Envoyé');
    await page.getByRole('button', { name: 'Accepter et réserver' }).click();
    await expect.poll(() => page.locator('h1 .chip').textContent()).toBe('Accepté');
    await expect.poll(() => page.locator('.page .notice[role="status"]').textContent()).toContain('Borne Lyon');

    await go('events');
    await page.waitForSelector('.events-table');
    const row = page.locator('.events-table tbody tr', { hasText: 'Mariage Durand' });
    await expect.poll(() => row.textContent()).toContain('Borne Lyon');
    const events = await rpc<Array<{ boothName: string; place: string; clientId: string; startsAt: number }>>('bookings.list', {});
    expect(events).toEqual([
      expect.objectContaining({
        boothName: 'Borne Lyon',
        place: 'Château de Vaux',
        clientId: client!.id,
        startsAt: Date.UTC(2027, 5, 12, 14),
      }),
    ]);
  }, 120_000);

  it('a second quote on the same booth and time is refused at acceptance, naming the clash', async () => {
    const other = await rpc<{ id: string }>('clients.create', { name: 'Gala Lefèvre' });
    const q = await rpc<{ id: string }>('quotes.create', {
      clientId: other.id,
      eventStartsAt: Date.UTC(2027, 5, 12, 18),
      eventEndsAt: Date.UTC(2027, 5, 12, 23),
      boothId: (await rpc<Array<{ id: string }>>('booths.list', {}))[0]!.id,
      lines: [{ label: 'Forfait', quantity: '1', unitPrice: '500', vatRate: '20' }],
    });
    await go(`quotes/${q.id}`);
    await page.getByRole('button', { name: 'Accepter et réserver' }).click();
    await expect.poll(() => page.getByTestId('quote-clash').textContent()).toContain('déjà réservée pour Mariage Durand');
    await shoot('paperwork-quote-clash-fr');
    expect(await rpc<unknown[]>('bookings.list', {})).toHaveLength(1);
  }, 60_000);

  it('moves a lead on the pipeline board with the keyboard, and asks why when it is lost', async () => {
    await rpc('clients.create', { name: 'Anniversaire Martin', source: 'Site web' });
    await go('clients/pipeline');
    await page.waitForSelector('[data-testid="pipeline-board"]');
    const card = page.locator('.board-card[data-client="Anniversaire Martin"]');
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-stage="contacted"] .board-card[data-client="Anniversaire Martin"]').count()).toBe(1);
    const gala = page.locator('.board-card[data-client="Gala Lefèvre"]');
    await gala.dragTo(page.locator('[data-stage="lost"]'));
    await expect.poll(() => page.getByTestId('lost-dialog').count()).toBe(1);
    await page.getByLabel('Raison de la perte').fill('Date déjà prise');
    await page.getByRole('button', { name: 'Marquer perdu' }).click();
    await expect.poll(() => page.locator('[data-stage="lost"] .board-card[data-client="Gala Lefèvre"]').count()).toBe(1);
    // The board moves a card as it is dropped; the move is saved by a call that may still be on its way.
    const clients = () => rpc<Array<{ name: string; stage: string; lostReason: string | null }>>('clients.list', {});
    await expect.poll(async () => (await clients()).find((c) => c.name === 'Anniversaire Martin')?.stage).toBe('contacted');
    await expect
      .poll(async () => (await clients()).find((c) => c.name === 'Gala Lefèvre'))
      .toMatchObject({ stage: 'lost', lostReason: 'Date déjà prise' });
    await shoot('paperwork-pipeline-fr');
  }, 60_000);

  it('registrations: past the capacity a new one waits in line, a cancellation lets it in', async () => {
    const [event] = await rpc<Array<{ id: string }>>('bookings.list', {});
    await go(`events/${event!.id}/registrations`);
    await page.getByLabel('Capacité').fill('3');
    await page.getByRole('button', { name: 'Enregistrer la capacité' }).click();
    await expect.poll(() => page.getByTestId('registrations-summary').textContent()).toContain('sur 3');
    for (const [name, seats] of [
      ['Ana', '2'],
      ['Bo', '1'],
      ['Cy', '1'],
    ] as const) {
      await page.getByRole('textbox', { name: 'Nom' }).fill(name);
      await page.getByLabel('Places').fill(seats);
      await page.getByRole('button', { name: 'Inscrire' }).click();
      await expect.poll(() => page.locator('[data-testid="registrations"] tbody tr', { hasText: name }).count()).toBe(1);
    }
    const cy = page.locator('[data-testid="registrations"] tbody tr', { hasText: 'Cy' });
    await expect.poll(() => cy.textContent()).toContain('Liste d’attente');
    await shoot('paperwork-registrations-fr');
    await page.locator('[data-testid="registrations"] tbody tr', { hasText: 'Bo' }).getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => cy.textContent()).toContain('En attente');
  }, 60_000);

  it('shows the client page, the board and the quote in English, and prints the English PDF', async () => {
    await rpc('settings.setDisplay', { language: 'en' });
    const [quote] = await rpc<Array<{ id: string }>>('quotes.list', { status: 'accepted' });
    await go(`quotes/${quote!.id}`);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toContain(`Quote DEV-${year}-0001`);
    await expect.poll(async () => (await page.getByTestId('quote-ttc').textContent())?.replace(/\s/g, ' ')).toBe('€1,081.29');
    await shoot('paperwork-quote-en');
    const download = page.waitForEvent('download');
    await page.getByTestId('quote-pdf-en').click();
    const file = await (await download).path();
    const text = await fileText(file!);
    expect(text).toContain(`Quote DEV-${year}-0001`);
    expect(text).toContain('Total incl. VAT €1,081.29');
    fs.copyFileSync(file!, 'tests/e2e/screenshots/paperwork-quote-en.pdf');
    await go('clients/pipeline');
    await page.waitForSelector('[data-testid="pipeline-board"]');
    await expect.poll(() => page.locator('[data-stage="booked"] h2').textContent()).toContain('Booked');
    await shoot('paperwork-pipeline-en');
    const [client] = await rpc<Array<{ id: string }>>('clients.list', { search: 'Durand' });
    await go(`clients/${client!.id}`);
    await expect.poll(() => page.locator('.history-section h2').first().textContent()).toBe('Quotes');
    await shoot('paperwork-client-en');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
