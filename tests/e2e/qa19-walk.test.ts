import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS } from '../fixtures/clock.js';
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
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    clientId = (await rpc<{ id: string }>('clients.create', { name: 'Boutique Lumière' })).id;
    productId = (await rpc<{ id: string }>('catalog.products.create', { sku: 'ALB-1', name: 'Album photo', price: 30, cost: 10 })).id;
    warehouseId = (await rpc<{ id: string }>('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
    await rpc('stock.record', { productId, locationId: warehouseId, type: 'in', quantity: 10 });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 15_000 }));
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

  it('closing the assistant panel (Escape or ✕) gives the focus back where it was, not to the page top', async () => {
    await go('stock');
    const ref = page.getByLabel('Référence', { exact: true });
    await ref.focus();
    await page.keyboard.press('Alt+KeyA');
    await page.getByTestId('assistant-panel').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.as-panel') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('assistant-panel').count()).toBe(0);
    await expect.poll(() => ref.evaluate((el) => el === document.activeElement)).toBe(true);
    // Opened with the floating button and closed with ✕: back on the button.
    await page.locator('.as-fab').click();
    await page.getByTestId('assistant-panel').waitFor();
    await page.getByTestId('assistant-panel').getByRole('button', { name: 'Fermer l’assistant' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('as-fab'))).toBe(true);
  }, 60_000);

  it('a product rule without its own message is explained in French on the form, not in zod’s English', async () => {
    await go(`catalog/product/${productId}`);
    await page.getByRole('button', { name: 'Modifier' }).click();
    await page.getByLabel('Délai de livraison (jours)').fill('-3');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const form = page.locator('form');
    await expect.poll(() => form.textContent()).toContain('Doit être au moins 0');
    expect(await form.textContent()).not.toContain('Too small');
  }, 60_000);

  it('printing a quote before the business is entered says what to do and where, not "the data changed in the meantime"', async () => {
    const q = await rpc<{ id: string }>('quotes.create', {
      clientId,
      lines: [{ label: 'Borne photo', quantity: '1', unitPrice: '890', vatRate: '20' }],
    });
    await go(`quotes/${q.id}`);
    await page.getByTestId('quote-pdf-fr').click();
    const toast = page.locator('.toasts');
    await expect.poll(() => toast.textContent()).toContain('Réglages → Entreprise et mise en route');
    expect(await toast.textContent()).not.toContain('changé entre-temps');
  }, 60_000);

  it('merging duplicate clients reports what moved with French plurals, no "(s)"', async () => {
    const keep = await rpc<{ id: string }>('clients.create', { name: 'Camille Roux', kind: 'person', phone: '06 12 34 56 78' });
    const gone = await rpc<{ id: string }>('clients.create', {
      name: 'Camille ROUX',
      kind: 'person',
      phone: '+33612345678',
      allowDuplicate: true,
    });
    await rpc('quotes.create', { clientId: gone.id, lines: [{ label: 'Borne photo', quantity: '1', unitPrice: '890', vatRate: '20' }] });
    await rpc('quotes.create', { clientId: gone.id, lines: [{ label: 'Livre d’or', quantity: '1', unitPrice: '90', vatRate: '20' }] });
    await go('clients/duplicates');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Fusionner dans Camille Roux' }).click();
    await expect
      .poll(() => page.locator('.page').textContent())
      .toContain('Fusionné. Rattachés à la fiche gardée : 2 devis, 0 événement, 0 commande, 0 inscription, 0 contact.');
    expect(await page.locator('.page').textContent()).not.toContain('(s)');
    expect((await rpc<Array<{ id: string }>>('clients.list', { search: 'camille' })).map((c) => c.id)).toEqual([keep.id]);
  }, 60_000);

  it('the registrations summary agrees with its numbers: "0 place réservée", "3 places réservées sur 3 (1 confirmée)"', async () => {
    const start = Date.now() + 5 * 86_400_000;
    const event = await rpc<{ id: string }>('bookings.create', {
      clientName: 'Soirée Lilas',
      clientId,
      startsAt: start,
      endsAt: start + 4 * 3_600_000,
    });
    await go(`events/${event.id}/registrations`);
    const summary = page.getByTestId('registrations-summary');
    await expect.poll(() => summary.textContent()).toBe('0 place réservée, capacité non fixée');
    await page.getByLabel('Capacité').fill('3');
    await page.getByRole('button', { name: 'Enregistrer la capacité' }).click();
    await expect.poll(() => summary.textContent()).toBe('0 place réservée sur 3 (0 confirmée)');
    await page.getByRole('textbox', { name: 'Nom' }).fill('Ana');
    await page.getByLabel('Places').fill('1');
    await page.getByRole('button', { name: 'Inscrire' }).click();
    await expect.poll(() => summary.textContent()).toBe('1 place réservée sur 3 (0 confirmée)');
    await page.getByRole('textbox', { name: 'Nom' }).fill('Bo');
    await page.getByLabel('Places').fill('2');
    await page.getByRole('button', { name: 'Inscrire' }).click();
    await expect.poll(() => summary.textContent()).toBe('3 places réservées sur 3 (0 confirmée)');
    await page.locator('[data-testid="registrations"] tbody tr', { hasText: 'Ana' }).getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => summary.textContent()).toBe('3 places réservées sur 3 (1 confirmée)');
  }, 60_000);

  it('the product page shows what the product form took: category, typed minimum stock, description; "1 jour" of lead time', async () => {
    const p = await rpc<{ id: string }>('catalog.products.create', {
      sku: 'EVT-1',
      name: 'Éventail papier',
      category: 'Accessoires',
      description: 'Éventail en papier recyclé, 21 cm.',
      leadTimeDays: 1,
      reorderPoint: 5,
      price: 4.9,
      cost: 1.2,
    });
    await go(`catalog/product/${p.id}`);
    const facts = page.locator('.pd-facts');
    await expect.poll(() => facts.textContent()).toContain('CatégorieAccessoires');
    const text = (await facts.textContent()) ?? '';
    expect(text).toContain('Stock minimum (saisi)5 pces');
    expect(text).toContain('Délai de livraison1 jour');
    expect(text).not.toContain('1 jours');
    expect(await page.locator('.product-detail').textContent()).toContain('Éventail en papier recyclé, 21 cm.');
  }, 60_000);

  it('a refused hub setting is explained in French on the Sync screen, without the field’s code', async () => {
    await go('sync');
    await page.getByLabel('URL du projet').fill('http://127.0.0.1:9');
    await page.getByLabel('Clé anon (publique)').fill('abc');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const notice = page.locator('.sync-page p.notice[role="status"]');
    await expect.poll(() => notice.textContent()).toBe('La clé anon semble trop courte');
  }, 60_000);

  it('a service takes its price and duration as French offices type them ("1 290,50", "2 880") and shows them so', async () => {
    await go('catalog');
    await page.getByRole('button', { name: 'Prestations' }).click();
    await page.getByRole('button', { name: 'Nouvelle prestation' }).click();
    await page.getByLabel('Titre').fill('Formule Week-end');
    await page.getByLabel('Durée (min)').fill('2 880');
    await page.getByLabel('Prix de vente').fill('1 290,50');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const row = page.locator('tr', { hasText: 'Formule Week-end' });
    await expect.poll(async () => ((await row.textContent()) ?? '').replace(/[\u202f\u00a0]/g, ' ')).toContain('2 8801 290,50 €');
    await row.getByRole('button', { name: 'Modifier' }).click();
    await expect.poll(() => page.getByLabel('Prix de vente').inputValue()).toBe('1290,5');
    await page.getByLabel('Durée (min)').fill('1,5');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('form').textContent()).toContain('minutes entières');
  }, 60_000);

  it('the CSV import preview counts in French: "1 ligne lue (1 valide)", "0 déjà importée", thousands grouped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa19-csv-'));
    const one = path.join(dir, 'un.csv');
    fs.writeFileSync(one, 'Référence;Quantité;Type;Emplacement;Date\nALB-1;3;entrée;Entrepôt Lyon;01/12/2026\n');
    await go('stock/import');
    await page.getByTestId('import-kind').selectOption('movements');
    await page.getByTestId('import-file').setInputFiles(one);
    const summary = async () => (await page.getByTestId('import-summary').textContent())?.replace(/[\u202f\u00a0]/g, ' ');
    await expect.poll(summary).toContain('1 ligne lue (1 valide), encodage');
    expect(await summary()).toContain('1 à importer, 0 déjà importée (ignorée).');
    const many = path.join(dir, 'beaucoup.csv');
    const lines = Array.from(
      { length: 1200 },
      (_, i) => `ALB-1;1;entrée;Entrepôt Lyon;${String((i % 28) + 1).padStart(2, '0')}/11/2026;BL ${i}`,
    );
    fs.writeFileSync(many, `Référence;Quantité;Type;Emplacement;Date;Motif\n${lines.join('\n')}\n`);
    await page.getByTestId('import-file').setInputFiles(many);
    await expect.poll(summary).toContain('1 200 lignes lues (1 200 valides), encodage');
    expect(await summary()).toContain('1 200 à importer, 0 déjà importée (ignorée).');
    await shoot('qa19-import-summary-fr');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});

describe.skipIf(!chromiumAvailable())('demo screens (qa19 walk-through)', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 20_000 }));
  }, 180_000);
  afterAll(async () => {
    await rpc('settings.setDisplay', { language: 'fr' }).catch(() => undefined);
    await closeApp({ browser, served });
  });

  it('stock-out risks on the Alerts page give the unit in the screen language, agreeing with its number ("7 pces", "7 pcs"; was "7 pce" in both)', async () => {
    const risks = await rpc<unknown[]>('alerts.products', { open: true });
    expect(risks.length).toBeGreaterThan(0);
    for (const lang of ['fr', 'en'] as const) {
      await rpc('settings.setDisplay', { language: lang });
      await go('alerts');
      await page.reload();
      const list = page.getByTestId('stock-alerts');
      await expect.poll(() => list.locator('li').count()).toBe(risks.length);
      const text = ((await list.textContent()) ?? '').replace(/[\u202f\u00a0]/g, ' ');
      const amounts = [...text.matchAll(/(\d[\d ]*(?:,\d+)?|\d[\d,]*(?:\.\d+)?) (pces?|pcs?)\b/g)];
      expect(amounts.length, text).toBeGreaterThan(risks.length);
      for (const [all, num, unit] of amounts) {
        const n = Number(num!.replace(/[ ,]/g, (c) => (c === ',' && lang === 'fr' ? '.' : '')));
        const want = lang === 'fr' ? (n < 2 ? 'pce' : 'pces') : n === 1 ? 'pc' : 'pcs';
        expect(unit, `${lang}: "${all}"`).toBe(want);
      }
    }
  }, 90_000);

  it('completing an event with required checklist items open asks in proper French ("6 points obligatoires encore ouverts"), not "point(s)"', async () => {
    await rpc('settings.setDisplay', { language: 'fr' });
    // An event under way (only those can be completed): late in the evening Today's first entry can
    // be tomorrow's, not started yet, and the page then has no "Terminer".
    const today = await rpc<{ entries: Array<{ event: { id: string; status: string } }> }>('today.get', {});
    const id = today.entries.find((e) => e.event.status === 'active')!.event.id;
    await go(`events/${id}`);
    await page.reload();
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => (resolve(d.message()), void d.dismiss())));
    await page.getByRole('button', { name: 'Terminer' }).click();
    const message = await asked;
    expect(message).toMatch(/^\d+ points? obligatoires? encore ouverts?\. Terminer quand même/);
    expect(message).not.toContain('(s)');
    // Dismissed: the event is still active.
    expect((await rpc<{ status: string }>('bookings.get', { id })).status).toBe('active');
  }, 60_000);

  it('the dashboard’s "À faire aujourd’hui" tile, empty of follow-ups, does not say nothing is planned on a day with events', async () => {
    await rpc('settings.setDisplay', { language: 'fr' });
    const today = await rpc<{ entries: unknown[] }>('today.get', {});
    expect(today.entries.length).toBeGreaterThan(0);
    await go('dashboard');
    await page.reload();
    const due = page.getByTestId('due-today-tile');
    await expect.poll(() => due.locator('p').textContent()).toBe('Aucune relance client prévue aujourd’hui.');
  }, 60_000);

  it('a paper alert counts paper as the booth does everywhere else: strips (and sheets) on a 2×6 booth, not "118 tirages"', async () => {
    await rpc('settings.setDisplay', { language: 'fr' });
    const booths = await rpc<Array<{ id: string; name: string; remainingPrints: number; printsPerCopy: number }>>('booths.list', {});
    const alerts = await rpc<Array<{ boothId: string; kind: string }>>('alerts.list', { open: true });
    const strip = booths.find((b) => b.printsPerCopy === 0.5 && alerts.some((a) => a.boothId === b.id && a.kind.startsWith('paper_')));
    expect(strip, 'a demo strip booth with a paper alert').toBeDefined();
    await go('alerts');
    await page.reload();
    const row = page.locator('tr.alert-row[data-kind^="paper_"]', { hasText: strip!.name });
    await expect.poll(() => row.count()).toBe(1);
    const sheets = Math.floor(strip!.remainingPrints + 1e-9);
    const text = ((await row.textContent()) ?? '').replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain(`${Math.floor(strip!.remainingPrints * 2 + 1e-9)} bandelettes restantes (${sheets} feuilles)`);
  }, 60_000);
});
