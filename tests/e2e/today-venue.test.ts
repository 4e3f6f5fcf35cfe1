import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

// Issue 16: Today says where each event is and whom to call there; the event form edits the place.
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;

interface TodayEntry {
  event: { id: string; clientName: string; place: string | null };
  booth: { paperLevel: string } | null;
  paper: { enough: boolean } | null;
}

describe.skipIf(!chromiumAvailable())('Today: the event’s address and the client to call, edited on the event form', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
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
    ({ served, browser, page } = await openApp({ demo: true }, { viewport: SIZES[0], timeout: 15_000 }));
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  it('shows the demo events’ places; a place typed on the event form and a client on file show on Today after a reload', async () => {
    const view = await rpc<{ entries: TodayEntry[] }>('today.get', {});
    const entry = view.entries[0]!;
    expect(entry.event.place).toBeTruthy();
    await go('today');
    const card = page.locator(`article.today-event[data-event="${entry.event.clientName}"]`).first();
    await expect.poll(() => card.getByTestId('today-place').textContent()).toContain(entry.event.place!);

    // A client on file with a contact, linked and a new address typed through the form.
    const company = await rpc<{ id: string }>('clients.create', { name: 'Agence Horizon', phone: '04 72 00 11 22' });
    await rpc('clients.create', { kind: 'person', name: 'Julie Petit', companyId: company.id, phone: '06 98 76 54 32' });
    await go(`events/${entry.event.id}/edit`);
    await page.waitForSelector('#event-client-file option:has-text("Agence Horizon")', { state: 'attached' });
    await page.locator('#event-client-file').selectOption({ label: 'Agence Horizon' });
    await page.locator('#event-place').fill('Salle Rameau, 29 rue de la Martinière, 69001 Lyon');
    await shoot('event-form-place-fr', true);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/#\/events$/);
    await go('today');
    await page.reload();
    await page.waitForSelector('article.today-event');
    await expect.poll(() => card.getByTestId('today-place').textContent()).toContain('Salle Rameau, 29 rue de la Martinière, 69001 Lyon');
    const people = card.getByTestId('today-client');
    await expect.poll(() => people.textContent()).toContain('Agence Horizon · 04 72 00 11 22');
    expect(await people.textContent()).toContain('Julie Petit · 06 98 76 54 32');
    expect(await people.locator('a[href^="tel:"]').first().getAttribute('href')).toBe('tel:0472001122');
    // Paper: the chip speaks of the roll, the verdict of the event — never "Critique" beside "Papier suffisant".
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/Critique|Papier suffisant/);
    await card.scrollIntoViewIfNeeded();
    await shoot('today-venue-fr');

    // Cleared on the form: the client’s own address stands in, said as such.
    await rpc('clients.update', { id: company.id, patch: { address: '5 place Bellecour, 69002 Lyon' } });
    await go(`events/${entry.event.id}/edit`);
    await expect.poll(() => page.locator('#event-place').inputValue()).toContain('Salle Rameau');
    await page.locator('#event-place').fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/#\/events$/);
    await go('today');
    await expect.poll(() => card.getByTestId('today-place').textContent()).toBe('Adresse du client : 5 place Bellecour, 69002 Lyon');
    const saved = await rpc<{ place: string | null; clientId: string | null }>('bookings.get', { id: entry.event.id });
    expect(saved).toMatchObject({ place: null, clientId: company.id });
    // Two forms saved, Today opened four times and reloaded: more than the default 30 s on a loaded CI.
  }, 90_000);

  it('in English too', async () => {
    await setLang('en');
    await go('today');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Today');
    await expect.poll(() => page.getByTestId('today-place').first().textContent()).toMatch(/^(Place|Client’s address):/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(/Enough for the event|Not enough for the event/);
    await shoot('today-venue-en');
    // The built-in checklist reads in English (stored in French); a label an admin typed stays as typed.
    // An event with its checklist started (late in the evening Today's first entry can be tomorrow's, without one yet).
    const withList = (
      await rpc<{ entries: Array<{ event: { clientName: string }; checklist: { total: number } }> }>('today.get', {})
    ).entries.find((e) => e.checklist.total > 0)!;
    await page
      .locator(`article.today-event[data-event="${withList.event.clientName}"]`)
      .getByRole('button', { name: 'Open the checklist' })
      .click();
    const list = page.getByTestId('checklist').first();
    await expect.poll(() => list.textContent()).toContain('Booth set up and plugged in');
    expect(await list.textContent()).not.toContain('Borne montée et branchée');
    await list.scrollIntoViewIfNeeded();
    await shoot('checklist-builtin-en');
    const view = await rpc<{ entries: TodayEntry[] }>('today.get', {});
    await go(`events/${view.entries[0]!.event.id}/edit`);
    await page.waitForSelector('#event-place');
    await shoot('event-form-place-en', true);
    await setLang('fr');
  }, 90_000);
});
