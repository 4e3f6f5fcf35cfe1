import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, E2E_ADMIN, type Served } from '../fixtures/serve.js';
import { PARIS, zonedParts, zonedTime } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

// Issue 18, item 6, through the screen in Chromium: an admin assigns an installer to an event on the
// event page; the installer, signed in on the same device, sees that event first on Today with its
// client and contacts, and in Clients only that client and its contact — nothing of the other event.
describe.skipIf(!chromiumAvailable())('assigning an installer to an event, and what the installer sees', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const ids = { e1: '', e2: '', c1: '', c2: '', hugo: '', admin: '' };
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };
  const setLang = async (language: 'fr' | 'en') => {
    await rpc('settings.setDisplay', { language });
    await page.reload();
    await page.waitForSelector('.app');
  };
  const signIn = async (userId: string, secret: string) => {
    const r = await rpc<{ ok: boolean }>('session.signIn', { userId, secret });
    expect(r.ok).toBe(true);
    await page.reload();
    await page.waitForSelector('.app');
  };

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    const status = await rpc<{ user: { id: string } }>('session.status', {});
    ids.admin = status.user.id;
    const booth = await rpc<{ id: string }>('booths.create', { name: 'Borne Lyon' });
    const c1 = await rpc<{ id: string }>('clients.create', { name: 'Domaine des Lilas', phone: '04 78 00 00 01' });
    await rpc('clients.create', { kind: 'person', name: 'Claire Fontaine', companyId: c1.id, phone: '06 12 34 56 78' });
    const c2 = await rpc<{ id: string }>('clients.create', { name: 'Mairie de Bron', phone: '04 72 00 00 02' });
    await rpc('clients.create', { kind: 'person', name: 'Paul Durand', companyId: c2.id, phone: '06 98 76 54 32' });
    ids.c1 = c1.id;
    ids.c2 = c2.id;
    // Two events later today (or, from 20:00, tomorrow morning: both on one day, which Today's
    // order is about — an hour before midnight they fell on two days and the test failed): the
    // other one starts first.
    // Hours on Paris time, the page's and the core's.
    const now = Date.now();
    const paris = zonedParts(now, PARIS);
    const base = paris.hour < 20 ? now : zonedTime(PARIS, paris.year, paris.month, paris.day + 1, 9);
    const at = (h: number) => base + h * 3_600_000;
    ids.e1 = (
      await rpc<{ id: string }>('bookings.create', {
        boothId: booth.id,
        clientName: 'Mariage Lilas',
        clientId: c1.id,
        place: 'Domaine des Lilas, 69003 Lyon',
        startsAt: at(2),
        endsAt: at(3),
      })
    ).id;
    ids.e2 = (
      await rpc<{ id: string }>('bookings.create', { clientName: 'Fête de Bron', clientId: c2.id, startsAt: at(1), endsAt: at(3) })
    ).id;
    ids.hugo = (
      await rpc<{ id: string }>('users.create', {
        displayName: 'Hugo Lefèvre',
        email: 'hugo@example.test',
        role: 'installer',
        credential: 'password',
        secret: 'hugo-password-1',
      })
    ).id;
    await rpc('users.create', {
      displayName: 'Inès Bernard',
      email: 'ines@example.test',
      role: 'installer',
      credential: 'password',
      secret: 'ines-password-1',
    });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 20_000 }));
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  it('the admin assigns Hugo as team lead on the event page; after a reload he is still there (FR and EN)', async () => {
    await go(`events/${ids.e1}`);
    const panel = page.getByTestId('event-staff');
    await expect.poll(() => panel.textContent()).toContain('Personne n’est affecté à cet événement.');
    await panel.getByLabel('Intervenant').selectOption({ label: 'Hugo Lefèvre' });
    await panel.getByLabel('Rôle sur place').selectOption({ label: 'Chef d’équipe' });
    await panel.getByRole('button', { name: 'Affecter' }).click();
    await expect.poll(() => panel.locator('li[data-user="Hugo Lefèvre"]').textContent()).toContain('Chef d’équipe');
    // Hugo is no longer offered; Inès and the admin (admins may work on site too) still are.
    await expect.poll(() => panel.getByLabel('Intervenant').locator('option').allTextContents()).toEqual(['Camille Admin', 'Inès Bernard']);
    await page.reload();
    await page.waitForSelector('[data-testid="event-staff"] li[data-user="Hugo Lefèvre"]');
    await shoot('event-staff-fr');
    await setLang('en');
    await expect.poll(() => panel.textContent()).toContain('On-site crew');
    await expect.poll(() => panel.locator('li[data-user="Hugo Lefèvre"]').textContent()).toContain('Team lead');
    await shoot('event-staff-en');
    await setLang('fr');
    const staff = await rpc<{ staff: Array<{ displayName: string; siteRole: string }> }>('staffing.forEvent', { eventId: ids.e1 });
    expect(staff.staff.map((s) => [s.displayName, s.siteRole])).toEqual([['Hugo Lefèvre', 'lead']]);
    // Three reloads: more than the default 30 s on a loaded CI.
  }, 90_000);

  it('Hugo, signed in, sees his event first on Today with its client to call, and only that client in Clients', async () => {
    await signIn(ids.hugo, 'hugo-password-1');
    await go('today');
    const cards = page.locator('article.today-event');
    await expect.poll(() => cards.count()).toBe(2);
    // His event first, marked, though the other one starts earlier.
    expect(await cards.first().getAttribute('data-event')).toBe('Mariage Lilas');
    expect(await cards.first().getByTestId('today-mine').textContent()).toBe('Mon événement');
    expect(await cards.first().getByTestId('today-crew').textContent()).toBe('Équipe : Hugo Lefèvre');
    const people = cards.first().getByTestId('today-client');
    await expect.poll(() => people.textContent()).toContain('Domaine des Lilas · 04 78 00 00 01');
    expect(await people.textContent()).toContain('Claire Fontaine · 06 12 34 56 78');
    // The other event: on the schedule, but neither its client nor its crew.
    const other = page.locator('article.today-event[data-event="Fête de Bron"]');
    expect(await other.getByTestId('today-mine').count()).toBe(0);
    expect(await other.getByTestId('today-client').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('Mairie de Bron');
    await shoot('today-installer-mine-fr');

    await go('clients');
    const names = page.locator('.clients-table tbody tr td:first-child a');
    await expect.poll(() => names.allTextContents()).toEqual(expect.arrayContaining(['Domaine des Lilas', 'Claire Fontaine']));
    expect((await names.allTextContents()).sort()).toEqual(['Claire Fontaine', 'Domaine des Lilas']);
    await shoot('clients-installer-fr');
    // The other client's page is not found on his device.
    await go(`clients/${ids.c2}`);
    // Said once the core has answered (before that, the page is empty and proves nothing).
    await expect.poll(() => page.locator('main').textContent()).toContain('Aucun client ne correspond.');
    expect(await page.locator('main').textContent()).not.toContain('Mairie de Bron');

    await setLang('en');
    await go('today');
    await expect.poll(() => cards.first().getByTestId('today-mine').textContent()).toBe('My event');
    expect(await cards.first().getByTestId('today-crew').textContent()).toBe('Crew: Hugo Lefèvre');
    await shoot('today-installer-mine-en');
    // An installer reads the crew but cannot assign anyone.
    await go(`events/${ids.e1}`);
    const panel = page.getByTestId('event-staff');
    await expect.poll(() => panel.textContent()).toContain('Hugo Lefèvre');
    expect(await panel.getByRole('button', { name: 'Assign' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    await setLang('fr');
  }, 120_000);

  it('the admin takes Hugo off the event: on his device no client is left', async () => {
    await signIn(ids.admin, E2E_ADMIN.password);
    await go(`events/${ids.e1}`);
    const panel = page.getByTestId('event-staff');
    await panel.getByRole('button', { name: 'Retirer Hugo Lefèvre de l’événement' }).click();
    await expect.poll(() => panel.textContent()).toContain('Personne n’est affecté à cet événement.');
    await signIn(ids.hugo, 'hugo-password-1');
    await go('clients');
    await expect.poll(() => page.locator('main').textContent()).toContain('Aucun client');
    expect(await page.locator('.clients-table').count()).toBe(0);
    await go('today');
    await expect.poll(() => page.locator('article.today-event').count()).toBe(2);
    expect(await page.getByTestId('today-mine').count()).toBe(0);
    expect(await page.getByTestId('today-client').count()).toBe(0);
    // On the event page he is told the event is not his (not that nobody works it).
    await go(`events/${ids.e1}`);
    await expect.poll(() => page.getByTestId('event-staff').textContent()).toContain('Vous n’êtes pas affecté à cet événement.');
  }, 90_000);
});
