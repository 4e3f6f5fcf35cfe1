import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { generateDeliveryNotes, NOTE_PRODUCTS } from '../fixtures/delivery-notes.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

describe.skipIf(!chromiumAvailable())('delivery note by OCR in Chromium: dropped, reviewed, confirmed, stock rises', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };
  const drop = async (png: Buffer, name: string) => {
    // A real drop: a File in a DataTransfer, dropped on the zone (as from the file manager).
    await page.evaluate(
      ({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'image/png' }));
        const zone = document.querySelector('.drop-zone')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { b64: png.toString('base64'), name },
    );
  };

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    const wh = await rpc<{ id: string }>('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    await rpc('stock.mainWarehouse.set', { locationId: wh.id });
    for (const p of NOTE_PRODUCTS) await rpc('catalog.products.create', { sku: p.sku, name: p.name, price: 10, cost: 4 });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, acceptDownloads: true, timeout: 60_000 }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('refuses a file that is not an image, then reads a dropped note, lets the user fix a line and books the receipt', async () => {
    const [note] = await generateDeliveryNotes(1, 5);
    await page.goto(new URL('#/stock/delivery-note', served.origin).href);
    await page.waitForSelector('.drop-zone');
    await page.getByTestId('delivery-note-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect
      .poll(() => page.locator('[data-testid="delivery-note"] .field-error').textContent())
      .toContain('pas une image PNG ou JPEG');

    await drop(note!.png, 'bl-fournisseur.png');
    await page.waitForSelector('[data-testid="delivery-note-review"]');
    const rows = page.locator('[data-testid="delivery-note-review"] tbody tr');
    await expect.poll(() => rows.count()).toBe(note!.lines.length);
    // The user corrects the first quantity (one box was damaged: one less).
    const first = note!.lines[0]!;
    await rows
      .nth(0)
      .getByLabel('Qté')
      .fill(String(first.quantity - 1));
    await shoot('ocr-review-fr');
    const before = await rpc<Array<{ sku: string; onHand: number }>>('stock.balances', {});
    // A double click books the receipt once, and says it was booked (not "already booked").
    await page.getByRole('button', { name: /Confirmer la réception/ }).dblclick();
    await expect.poll(() => page.locator('[data-testid="delivery-note"] .notice').textContent()).toContain('Réception enregistrée');
    expect(await rpc<Array<{ status: string }>>('deliveryNotes.list', {})).toEqual([expect.objectContaining({ status: 'booked' })]);
    await expect.poll(() => page.locator('[data-testid="delivery-note"] .notice').textContent()).toContain('Réception enregistrée');
    const after = await rpc<Array<{ sku: string; onHand: number }>>('stock.balances', {});
    const onHand = (b: typeof after, sku: string) => b.filter((x) => x.sku === sku).reduce((s, x) => s + x.onHand, 0);
    note!.lines.forEach((l, i) => expect(onHand(after, l.sku) - onHand(before, l.sku), l.sku).toBe(i === 0 ? l.quantity - 1 : l.quantity));
    // The note is listed with the received ones, and its original file opens again as it was dropped.
    const received = page.getByTestId('delivery-notes-booked').locator('tbody tr', { hasText: 'bl-fournisseur.png' });
    await expect.poll(() => received.count()).toBe(1);
    const download = page.waitForEvent('download');
    await received.getByRole('button', { name: 'Ouvrir le fichier' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('bl-fournisseur.png');
    expect(fs.readFileSync((await file.path())!).equals(note!.png)).toBe(true);
    await shoot('ocr-booked-fr');
  }, 180_000);

  it('shows the review in English', async () => {
    await rpc('settings.setDisplay', { language: 'en' });
    const [note] = await generateDeliveryNotes(1, 9);
    await page.goto(new URL('#/stock/delivery-note', served.origin).href);
    await page.reload();
    await page.waitForSelector('.drop-zone');
    await drop(note!.png, 'delivery-note.png');
    await page.waitForSelector('[data-testid="delivery-note-review"]');
    await expect.poll(() => page.getByRole('button', { name: /Confirm the receipt/ }).count()).toBe(1);
    await shoot('ocr-review-en');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 180_000);
});
