import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

// Issue 16: the clients' reports as their own screen — pick a month, a client, an event; the
// figures show; PDF / XLSX / CSV come out of the same choice. Done through the screen, FR and EN.
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;
type Line = { id: string; clientName: string; totals: Record<'sessions' | 'photos' | 'prints' | 'digital' | 'gifs', number> };
type Preview = { clients: string[]; events: Line[]; totals: Line['totals'] };

describe.skipIf(!chromiumAvailable())('the Reports screen in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const shoot = async (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `tests/e2e/screenshots/${name}-${size.width}.png` });
    }
    await page.setViewportSize(SIZES[0]);
  };
  const last = new Date(new Date().getFullYear(), new Date().getMonth() - 1, 1);
  const ym = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
  const figure = (k: string) => page.getByTestId('report-preview').locator(`dd[data-figure="${k}"]`);
  const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));
  let client = '';

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { viewport: SIZES[0], acceptDownloads: true, timeout: 20_000 }));
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  it('picks last month, then a client (kept across a reload), previews the figures and downloads the client’s month as CSV and PDF', async () => {
    await page.locator('nav.sidebar a[data-area="reports"]').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapports clients');
    await page.getByLabel('Mois').fill(ym);
    await page.waitForURL(new RegExp(`#/reports/${ym}`));
    const all = await rpc<Preview>('reports.preview', { year: last.getFullYear(), month: last.getMonth() + 1 });
    expect(all.events.length).toBeGreaterThan(1);
    await expect.poll(async () => digits(await figure('sessions').textContent())).toBe(all.totals.sessions);
    await expect.poll(() => page.getByTestId('report-events').locator('tbody tr').count()).toBe(all.events.length);

    client = all.events[0]!.clientName;
    await page.getByLabel('Client', { exact: true }).selectOption(client);
    const mine = all.events.filter((e) => e.clientName === client);
    await expect.poll(() => page.getByTestId('report-events').locator('tbody tr').count()).toBe(mine.length);
    await page.reload();
    await page.waitForSelector('[data-testid="report-events"]');
    // The client's option comes with the preview: the select holds the address's client once it has loaded.
    await expect.poll(() => page.getByLabel('Client', { exact: true }).inputValue()).toBe(client);
    const sum = mine.reduce((a, e) => a + e.totals.prints, 0);
    await expect.poll(async () => digits(await figure('prints').textContent())).toBe(sum);
    await shoot('reports-client-fr');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^rapports-${ym}-.+\\.csv$`));
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1 + mine.length);
    for (const other of all.clients.filter((c) => c !== client)) expect(text).not.toContain(`\n${other};`);

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF' }).click()]);
    const doc = await getDocumentProxy(new Uint8Array(fs.readFileSync((await pdf.path())!)));
    expect(doc.numPages).toBe(mine.length);
    expect((await extractText(doc, { mergePages: true })).text).toContain(`Rapport de l’événement — ${client}`);
  }, 120_000);

  it('picks one event: its own figures, its one-page PDF; English too', async () => {
    const row = page.getByTestId('report-events').locator('tbody tr').first();
    await row.getByRole('button', { name: 'Voir ce rapport' }).click();
    await expect.poll(() => page.getByTestId('report-preview').getByRole('heading', { level: 2 }).textContent()).toContain('événement du');
    const url = new URL(page.url());
    const id = decodeURIComponent(url.hash.split('/').at(-1)!);
    const ev = await rpc<{ totals: { sessions: number } }>('bookings.get', { id });
    await expect.poll(async () => digits(await figure('sessions').textContent())).toBe(ev.totals.sessions);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF' }).click()]);
    const doc = await getDocumentProxy(new Uint8Array(fs.readFileSync((await pdf.path())!)));
    expect(doc.numPages).toBe(1);
    await shoot('reports-event-fr');

    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Client reports');
    // The month's heading shows until the event's own figures have loaded after the reload.
    await expect.poll(() => page.getByTestId('report-preview').getByRole('heading', { level: 2 }).textContent()).toContain('event of');
    await shoot('reports-event-en');
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByLabel('Client', { exact: true }).selectOption('');
    await expect.poll(() => page.getByTestId('report-preview').getByRole('heading', { level: 2 }).textContent()).toMatch(/^All events — /);
    await shoot('reports-month-en');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 120_000);

  it('while a report loads it says so: an event never shows the month’s heading, a client never the month’s figures (FR and EN)', async () => {
    const all = await rpc<Preview>('reports.preview', { year: last.getFullYear(), month: last.getMonth() + 1 });
    const ev = all.events[0]!;
    const mine = all.events.filter((e) => e.clientName === ev.clientName);
    const preview = page.getByTestId('report-preview');
    const heading = preview.getByRole('heading', { level: 2 });
    // The preview's answers wait until the screen has been read while it loads.
    const held: Array<() => void> = [];
    // Lets the held answer go, once its call has been made (it may still be on its way to the route).
    const release = async () => {
      await expect.poll(() => held.length).toBeGreaterThan(0);
      held.splice(0).forEach((go) => go());
    };
    await page.route('**/rpc', async (route) => {
      const body = route.request().postDataJSON() as { channel?: string } | null;
      if (body?.channel === 'reports.preview') await new Promise<void>((r) => held.push(r));
      await route.continue();
    });
    try {
      // An event's report reloaded: "loading", not the month's heading over nothing.
      await page.goto(new URL(`#/reports/${ym}/-/${encodeURIComponent(ev.id)}`, served.origin).href);
      await page.reload();
      await expect.poll(() => preview.textContent()).toContain('Chargement…');
      expect(await heading.textContent()).toBe('Événement — chargement…');
      await shoot('reports-event-loading-fr');
      await release();
      await expect.poll(() => heading.textContent()).toContain(`${ev.clientName} — événement du`);
      await expect.poll(async () => digits(await figure('sessions').textContent())).toBe(ev.totals.sessions);

      // A client picked from the month: its heading waits with "loading", not over the month's figures.
      await page.getByRole('button', { name: 'Retour à la liste' }).click();
      await expect.poll(() => page.getByTestId('report-events').locator('tbody tr').count()).toBe(all.events.length);
      await page.getByLabel('Client', { exact: true }).selectOption(ev.clientName);
      await expect.poll(() => heading.textContent()).toMatch(new RegExp(`^${ev.clientName} — `));
      expect(await preview.textContent()).toContain('Chargement…');
      expect(await figure('sessions').count()).toBe(0);
      expect(await page.getByTestId('report-events').count()).toBe(0);
      await release();
      await expect.poll(() => page.getByTestId('report-events').locator('tbody tr').count()).toBe(mine.length);
      const sum = mine.reduce((a, e) => a + e.totals.sessions, 0);
      await expect.poll(async () => digits(await figure('sessions').textContent())).toBe(sum);

      await rpc('settings.setDisplay', { language: 'en' });
      await page.goto(new URL(`#/reports/${ym}/-/${encodeURIComponent(ev.id)}`, served.origin).href);
      await page.reload();
      await expect.poll(() => preview.textContent()).toContain('Loading…');
      expect(await heading.textContent()).toBe('Event — loading…');
      await shoot('reports-event-loading-en');
      await release();
      await expect.poll(() => heading.textContent()).toContain(`${ev.clientName} — event of`);
      // An event that is not in that month's reports is said so, not shown as the month.
      await page.goto(new URL(`#/reports/${ym}/-/not-an-event`, served.origin).href);
      await page.reload();
      await expect.poll(() => preview.textContent()).toContain('Loading…');
      await release();
      await expect.poll(() => heading.textContent()).toBe('Event not found');
      expect(await preview.textContent()).toContain('This event is not in the reports of');
      expect(await figure('sessions').count()).toBe(0);
      await shoot('reports-event-missing-en');
    } finally {
      await page.unroute('**/rpc');
      held.splice(0).forEach((go) => go());
      await rpc('settings.setDisplay', { language: 'fr' });
    }
  }, 120_000);
});
