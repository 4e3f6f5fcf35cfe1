import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { startSpeedTargetDouble } from '../fixtures/speed-target-double.js';
import type { Browser, Page } from 'playwright-core';

// Issue 16: the installer's day, done through the screen in Chromium.
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;

describe.skipIf(!chromiumAvailable())('installer mode in Chromium: Today, checklists', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let client = '';
  const card = () => page.locator(`article.today-event[data-event="${client}"]`);
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = async (name: string, full = false) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `tests/e2e/screenshots/${name}-${size.width}.png`, fullPage: full });
    }
    await page.setViewportSize(SIZES[0]);
  };
  const setLang = async (language: 'fr' | 'en') => {
    await rpc('settings.setDisplay', { language });
    await page.reload();
    await page.waitForSelector('.app');
  };

  beforeAll(async () => {
    served = await startServe({ demo: true });
    await rpc('settings.set', { mode: 'installer' });
    ({ browser, page } = await openBrowser(served, { viewport: SIZES[0], timeout: 15_000, open: 'none' }));
    page.on('dialog', (d) => void d.accept());
    await page.goto(served.appUrl);
    await page.waitForSelector('.app');
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  it('opens on Today with the demo’s events, and the sidebar holds only the installer’s areas', async () => {
    await expect.poll(() => page.locator('main').getAttribute('data-area')).toBe('today');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Aujourd’hui');
    const view = await rpc<{ entries: Array<{ event: { clientName: string }; day: string; checklist: { total: number } }> }>(
      'today.get',
      {},
    );
    client = view.entries.find((e) => e.checklist.total === 8)!.event.clientName;
    const todays = view.entries.filter((e) => e.day === 'today');
    expect(todays.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('article.today-event').count()).toBe(view.entries.length);
    for (const e of todays) expect(await page.locator('section[aria-label="Aujourd’hui"]').textContent()).toContain(e.event.clientName);
    const nav = await page.locator('nav.sidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('data-area')));
    expect(nav).toEqual(expect.arrayContaining(['today', 'stock', 'fleet', 'alerts', 'events', 'settings']));
    for (const hidden of ['dashboard', 'catalog', 'forecasts', 'assistant']) expect(nav).not.toContain(hidden);
    expect(nav[0]).toBe('today');
    // Reachability in words, paper in whole numbers, data age said.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/PC : \?|\d+,5 tirages/);
    await expect.poll(() => page.getByTestId('data-age').textContent()).toContain('pas de hub');
    // Keyboard: the first event's checklist opens with Enter.
    await card().getByRole('button', { name: 'Ouvrir la check-list' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="checklist"]');
    await shoot('today-fr');
  }, 60_000);

  it('ticks a checklist item: who and when shown, progress moves, the event page shows it too', async () => {
    const item = card().locator('li[data-item="Borne montée et branchée"]');
    await item.getByRole('checkbox').check();
    await expect.poll(() => item.getByTestId('ticked-by').textContent()).toMatch(/fait par .+ le /);
    await expect.poll(() => card().getByTestId('today-checklist-progress').textContent()).toBe('Check-list : 1 sur 8');
    // A note with the tick.
    await item.getByRole('button', { name: 'Note ou photo' }).click();
    // The photo field in the app's language (Chromium's own file button follows the system's).
    await expect.poll(() => item.locator('label.file-picker').textContent()).toBe('PhotoChoisir un fichier…Aucun fichier choisi');
    await item.screenshot({ path: 'tests/e2e/screenshots/checklist-note-fr.png' });
    // The ticked item's words are struck through, its note form's labels are not.
    expect(await item.locator('.item-line > label').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    for (const l of await item.locator('form label').all())
      expect(await l.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('none');
    await item.getByLabel('Note').fill('Prise murale à 10 m : rallonge utilisée');
    await item.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => item.locator('.item-note').textContent()).toContain('rallonge');
    await card().getByRole('heading', { level: 3 }).getByRole('link').click();
    await page.waitForSelector('.event-detail [data-testid="checklist"]');
    await expect.poll(() => page.getByTestId('checklist-progress').textContent()).toContain('1 sur 8 faits');
    await shoot('checklist-fr', true);
    // Completing with required items open: the admin is asked, overrides, and the audit log has it.
    await page.getByRole('button', { name: 'Terminer' }).click();
    await expect.poll(() => page.locator('.event-detail .chip').first().textContent()).toBe('Terminé');
    const audit = await rpc<{ items: Array<{ action: string; details: Record<string, unknown> }> }>('audit.list', { limit: 20 });
    expect(audit.items.find((a) => a.action === 'bookings.setStatus')?.details).toMatchObject({ override: true });
  }, 60_000);

  it('in English too', async () => {
    await setLang('en');
    await go('today');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Today');
    await card().getByRole('button', { name: 'Open the checklist' }).click();
    await page.waitForSelector('[data-testid="checklist"]');
    await shoot('today-en');
    await setLang('fr');
  }, 90_000);
});

describe.skipIf(!chromiumAvailable())('paper is stock in Chromium: a reload from Today books rolls out of the paper product', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = async (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `tests/e2e/screenshots/${name}-${size.width}.png`, fullPage: true });
    }
    await page.setViewportSize(SIZES[0]);
  };

  beforeAll(async () => {
    served = await startServe({ demo: true });
    await rpc('settings.set', { mode: 'installer' });
    ({ browser, page } = await openBrowser(served, { viewport: SIZES[0], timeout: 15_000 }));
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  it('reloads a booth from Today: 2 rolls out of the main warehouse, the on-hand drops by one carton', async () => {
    const paper = await rpc<{ productId: string; onHand: number; rollsPerUnit: number }>('booths.paperStock.get', {});
    expect(paper.rollsPerUnit).toBe(2);
    const main = await rpc<{ locationId: string; name: string }>('stock.mainWarehouse.get', {});
    const onHandAt = async () =>
      (await rpc<Array<{ locationId: string; onHand: number }>>('stock.balances', { productId: paper.productId })).find(
        (b) => b.locationId === main.locationId,
      )?.onHand ?? 0;
    const before = await onHandAt();
    const view = await rpc<{ entries: Array<{ event: { clientName: string }; booth: { name: string } | null }> }>('today.get', {});
    const entry = view.entries.find((e) => e.booth)!;
    const card = page.locator(`article.today-event[data-event="${entry.event.clientName}"]`);
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Recharger le papier' }).click();
    const form = card.getByRole('form', { name: 'Recharger le papier' });
    await form.getByLabel('Rouleaux sortis du stock').fill('0');
    await form.getByRole('button', { name: 'Enregistrer le rechargement' }).click();
    await expect.poll(() => form.locator('.field-error').textContent()).toContain('de 1 à 20');
    await form.getByLabel('Rouleaux sortis du stock').fill('2');
    // Pre-set to the main warehouse once the places have loaded.
    await expect.poll(() => form.getByLabel('Pris dans').inputValue()).toBe(main.locationId);
    await form.getByRole('button', { name: 'Enregistrer le rechargement' }).click();
    await expect.poll(() => card.getByTestId('reload-done').textContent()).toContain(`2 rouleaux pris dans ${main.name} (`);
    expect(await onHandAt()).toBe(before - 1);
    // Whole numbers on screen, whatever the media.
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/\d,5 (tirages|bandelettes)/);
  }, 60_000);

  it('the booth page shows its paper forecast; "Test now" runs a speed test against a local target and charts it', async () => {
    const target = await startSpeedTargetDouble();
    await rpc('speedtest.config.set', {
      downloadUrl: target.downloadUrl,
      uploadUrl: target.uploadUrl,
      warnDownMbps: 0.01,
      warnUpMbps: 0.01,
      warnPingMs: 2000,
    });
    const booths = await rpc<Array<{ id: string; name: string }>>('booths.list', {});
    const f = await rpc<Array<{ boothId: string; events: unknown[] }>>('forecast.booths', { days: 30 });
    const withEvents = booths.find((b) => (f.find((x) => x.boothId === b.id)?.events.length ?? 0) > 1)!;
    await go(`fleet/${withEvents.id}`);
    await page.waitForSelector('[data-testid="paper-forecast"]');
    await expect.poll(() => page.getByTestId('paper-forecast').textContent()).toMatch(/attendus \(P50\), jusqu’à/);
    // The per-event column shows the learned average (the running columns are simulated quantiles):
    // labelled "(P50)" it read 166 for a first event whose running P50 was 152 (qa19).
    expect(await page.getByTestId('paper-forecast').locator('th').allTextContents()).toEqual([
      'Date',
      'Client',
      'Cet événement (moyenne)',
      'Cumul P50',
      'Cumul P90',
    ]);
    const before = (await rpc<unknown[]>('speedtest.history', { boothId: withEvents.id, days: 14 })).length;
    await page.getByRole('button', { name: 'Tester maintenant' }).click();
    await expect
      .poll(async () => (await rpc<unknown[]>('speedtest.history', { boothId: withEvents.id, days: 14 })).length)
      .toBe(before + 1);
    // \s: French groups thousands with a narrow no-break space ("1 414,4 Mbit/s" on a fast loopback).
    await expect.poll(() => page.getByTestId('speed-last').textContent()).toMatch(/Dernier test .*↓ [\d\s,]+ Mbit\/s · ↑ [\d\s,]+ Mbit\/s/);
    await expect.poll(() => page.locator('.speed-chart .recharts-line').count()).toBe(3);
    await target.close();
    await shoot('booth-paper-fr');
    await go('settings');
    await expect.poll(() => page.getByTestId('paper-stock-current').textContent()).toContain('2 rouleaux par unité');
  }, 90_000);

  it("exports an event's client report as PDF and XLSX from the event page, content checked", async () => {
    const events = await rpc<Array<{ id: string; clientName: string; status: string; totals: { prints: number } }>>('bookings.list', {
      status: 'completed',
      limit: 5,
    });
    const ev = events.find((x) => x.totals.prints > 0)!;
    await go(`events/${ev.id}`);
    await page.waitForSelector('.event-detail');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF' }).click()]);
    const pdfBytes = fs.readFileSync((await pdf.path())!);
    const doc = await getDocumentProxy(new Uint8Array(pdfBytes));
    const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain(`Rapport de l’événement — ${ev.clientName}`);
    expect(text).toContain('Sessions et tirages par heure');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^rapport-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    const row = wb.getWorksheet('Rapport')!.getRow(2);
    expect(row.getCell(1).value).toBe(ev.clientName);
    expect(row.getCell(9).value).toBe(ev.totals.prints);
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    fs.writeFileSync('tests/e2e/screenshots/event-report-fr.pdf', pdfBytes);
    await shoot('event-report-page-fr');
  }, 60_000);
});
