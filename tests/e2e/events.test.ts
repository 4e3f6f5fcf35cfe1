import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS, zonedParts } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

describe.skipIf(!chromiumAvailable())('events calendar in Chromium: create, edit, double booking refused, status', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };

  // The wedding is on 12 June next year (Paris), always ahead: a fixed 2027 turned past (and the
  // calendar could not reach it moving forward) from June 2027.
  const Y = zonedParts(Date.now(), PARIS).year + 1;

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    await rpc('booths.create', { name: 'Borne Lyon' });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 10_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('creates an event, refuses a clash on the same booth at its field, edits and completes it', async () => {
    await go('events');
    await page.getByRole('button', { name: 'Nouvel événement' }).click();
    await page.getByLabel('Client').fill('Mariage Durand');
    await page.getByLabel('Type').fill('Mariage');
    await page.getByLabel('Borne').selectOption({ label: 'Borne Lyon' });
    await page.getByLabel('Début').fill(`${Y}-06-12T15:00`);
    await page.getByLabel('Fin').fill(`${Y}-06-12T14:00`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('La fin doit suivre le début');
    await page.getByLabel('Fin').fill(`${Y}-06-13T01:00`);
    await shoot('events-form-fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.events-table');
    await expect.poll(() => page.locator('.events-table tbody').textContent()).toContain('Mariage Durand');
    const [created] = await rpc<Array<{ id: string; startsAt: number; endsAt: number }>>('bookings.list', {});
    // Local wall-clock time in the form = Paris time on the record.
    expect(created!.startsAt).toBe(Date.UTC(Y, 5, 12, 13, 0));
    expect(created!.endsAt).toBe(Date.UTC(Y, 5, 12, 23, 0));

    await page.getByRole('button', { name: 'Nouvel événement' }).click();
    await page.getByLabel('Client').fill('Salon Pro');
    await page.getByLabel('Borne').selectOption({ label: 'Borne Lyon' });
    await page.getByLabel('Début').fill(`${Y}-06-12T20:00`);
    await page.getByLabel('Fin').fill(`${Y}-06-12T23:30`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('déjà réservée pour Mariage Durand');
    await shoot('events-clash-fr');
    expect(await rpc<unknown[]>('bookings.list', {})).toHaveLength(1);
    await page.getByLabel('Borne').selectOption({ label: 'Pas encore de borne' });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.events-table');
    await expect.poll(() => page.locator('.events-table tbody tr').count()).toBe(2);

    await page.getByRole('link', { name: 'Modifier Mariage Durand' }).click();
    await expect.poll(() => page.getByLabel('Client').inputValue()).toBe('Mariage Durand');
    await page.getByLabel('Album').fill(`Durand ${Y}`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.events-table');
    await expect.poll(() => page.locator('.events-table tbody').textContent()).toContain(`Durand ${Y}`);
    await shoot('events-list-fr');

    const row = page.locator('.events-table tbody tr', { hasText: 'Mariage Durand' });
    // Its checklist (issue 16) is still open: the admin is asked and overrides.
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Terminer' }).click();
    await expect.poll(() => row.textContent()).toContain('Terminé');

    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await page.waitForSelector('.events-table');
    await expect.poll(() => page.getByRole('button', { name: 'New event' }).count()).toBe(1);
    await shoot('events-list-en');
    await page.getByRole('button', { name: 'New event' }).click();
    await page.waitForSelector('#event-client');
    await shoot('events-form-en');
  }, 90_000);

  // Issue 11, defect 6: an event dated 01/03/2024 was saved as active without a word; future events showed 0/0/0/0.
  it('asks before saving an event in the past, and shows "à venir" for one not started', async () => {
    await rpc('settings.setDisplay', { language: 'fr' });
    await page.goto(new URL('#/events/new', served.origin).href);
    await page.waitForSelector('#event-client');
    await page.getByLabel('Client').fill('Anniversaire Martin');
    await page.getByLabel('Début').fill('2024-03-01T18:00');
    await page.getByLabel('Fin').fill('2024-03-01T23:00');
    const before = (await rpc<unknown[]>('bookings.list', {})).length;
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.getByTestId('event-past').textContent()).toContain('déjà passé');
    expect((await rpc<unknown[]>('bookings.list', {})).length).toBe(before);
    await shoot('events-past-fr');
    await page.getByRole('button', { name: 'Oui, enregistrer cet événement passé' }).click();
    await page.waitForSelector('.events-table');
    expect((await rpc<unknown[]>('bookings.list', {})).length).toBe(before + 1);
    // Next year’s events have not started: no row of zeros.
    const future = page.locator('.events-table tbody tr', { hasText: 'Salon Pro' });
    await expect.poll(() => future.getByTestId('event-upcoming').textContent()).toBe('à venir');
  }, 90_000);

  it('shows the month calendar, the list kept, in French and English', async () => {
    await rpc('settings.setDisplay', { language: 'fr' });
    await page.goto(new URL('#/events', served.origin).href);
    await page.getByRole('button', { name: 'Calendrier du mois' }).click();
    await page.waitForSelector('.month-grid');
    // Forward to next June, where the Durand wedding is.
    for (let i = 0; i < 24 && !((await page.getByTestId('cal-month').textContent()) ?? '').includes(`juin ${Y}`); i++) {
      await page.getByRole('button', { name: 'Mois suivant' }).click();
    }
    expect(await page.getByTestId('cal-month').textContent()).toBe(`juin ${Y}`);
    const day12 = page.locator('.cal-day:not(.other-month)[data-day="12"]');
    await expect.poll(() => day12.textContent()).toContain('Mariage Durand');
    await shoot('events-calendar-fr');
    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await page.waitForSelector('.month-grid');
    for (let i = 0; i < 24 && !((await page.getByTestId('cal-month').textContent()) ?? '').includes(`June ${Y}`); i++) {
      await page.getByRole('button', { name: 'Next month' }).click();
    }
    await expect.poll(() => page.locator('.cal-day:not(.other-month)[data-day="12"]').textContent()).toContain('Mariage Durand');
    await shoot('events-calendar-en');
    await page.getByRole('button', { name: 'List' }).click();
    await page.waitForSelector('.events-table');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
