import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { pdfText } from '../fixtures/pdfText.js';

/** The text of a PDF the core returned in base64. */
const b64Text = (b64: string) => pdfText(Buffer.from(b64, 'base64'));

// The quote PDF through the shared PDF port and the real built renderer (npm run build:renderer).
describe('quote PDF (shared PDF port, system Chromium)', () => {
  let core: TestCore;
  let quoteId: string;
  beforeAll(async () => {
    if (!fs.existsSync(path.resolve('renderer/dist/index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
    core = createTestCore({ start: Date.UTC(2026, 10, 23, 9) });
    await core.router.call('setup.business.set', {
      name: 'Atelier Lumière',
      address: '12 rue des Lilas\n69003 Lyon',
      vatNumber: 'FR 12 345678901',
      logo: null,
      currency: 'EUR',
      language: 'fr',
    });
    const booth = await core.router.call('booths.create', { name: 'Borne 1' });
    const c = await core.router.call('clients.create', {
      name: 'Mariage Durand',
      email: 'durand@example.fr',
      address: '3 rue des Lilas, Lyon',
    });
    const q = await core.router.call('quotes.create', {
      clientId: c.id,
      eventType: 'Mariage',
      eventStartsAt: Date.UTC(2027, 5, 12, 14),
      eventEndsAt: Date.UTC(2027, 5, 12, 22),
      place: 'Château de Vaux',
      boothId: booth.id,
      lines: [
        { label: 'Forfait borne photo soirée', quantity: '1', unitPrice: '890', vatRate: '20' },
        { label: 'Tirages supplémentaires', quantity: '3', unitPrice: '4.20', vatRate: '5.5' },
        { label: 'Livre d’or', quantity: '1', unitPrice: '45', vatRate: '10', discountPct: '10' },
      ],
    });
    quoteId = q.id;
  }, 60_000);
  afterAll(async () => {
    await core.ctx.ports.pdf.close();
    core.dispose();
  });

  it('prints the quote in French: number, company, client, lines, VAT per rate and totals to the cent', async () => {
    const f = await core.router.call('quotes.pdf', { id: quoteId, timeZone: 'Europe/Paris' });
    expect(f).toMatchObject({ fileName: 'DEV-2026-0001.pdf', mime: 'application/pdf' });
    const text = await b64Text(f.base64);
    for (const s of [
      'Devis DEV-2026-0001',
      'Atelier Lumière',
      'Mariage Durand',
      'Château de Vaux',
      '12 juin 2027, 16:00 – 00:00',
      'Forfait borne photo soirée',
      'TVA 5,5 % sur 12,60 €',
      'TVA 10 % sur 40,50 €',
      'Total HT 943,10 €',
      'Total TVA 182,74 €',
      'Total TTC 1 125,84 €',
      'Bon pour accord',
    ])
      expect(text).toContain(s);
  }, 60_000);

  it('prints it in English when asked', async () => {
    const text = await b64Text((await core.router.call('quotes.pdf', { id: quoteId, lang: 'en' })).base64);
    expect(text).toContain('Quote DEV-2026-0001');
    expect(text).toContain('Total incl. VAT €1,125.84');
    expect(text).not.toContain('Bon pour accord');
  }, 60_000);
});
