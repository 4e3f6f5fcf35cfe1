import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

// A client's page loads its client from the core: from one client to the next (the company link
// on a contact's page), it showed the previous client under the new address until the next one
// had loaded, and after an address that matched no client it said "no match" for every client
// opened next. Done through the screen, FR and EN.
describe.skipIf(!chromiumAvailable())('a client’s page while it loads', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const ids = { company: '', person: '' };
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png` });
  };
  const title = () => page.locator('.client-head h1');

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    ids.company = (await rpc<{ id: string }>('clients.create', { name: 'Château de Vaux', phone: '01 23 45 67 89' })).id;
    ids.person = (await rpc<{ id: string }>('clients.create', { kind: 'person', name: 'Élodie Marchand', companyId: ids.company })).id;
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 15_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('from a contact to its company: nothing of the contact while the company loads; after no match, the next client shows', async () => {
    await go(`clients/${ids.person}`);
    await expect.poll(() => title().textContent()).toContain('Élodie Marchand');

    // The company's answer waits until the screen has been read while it loads.
    const held: Array<() => void> = [];
    await page.route('**/rpc', async (route) => {
      const body = route.request().postDataJSON() as { channel?: string } | null;
      if (body?.channel === 'clients.get') await new Promise<void>((r) => held.push(r));
      await route.continue();
    });
    try {
      await page.getByRole('link', { name: 'Château de Vaux' }).click();
      await page.waitForURL(new RegExp(`#/clients/${ids.company}$`));
      await expect.poll(() => held.length).toBeGreaterThan(0);
      // The contact's page is gone under the company's address (it stayed there until the answer came).
      await expect.poll(() => page.locator('main').textContent()).not.toContain('Élodie Marchand');
      expect(await title().count()).toBe(0);
      held.splice(0).forEach((r) => r());
      await expect.poll(() => title().textContent()).toContain('Château de Vaux');
    } finally {
      await page.unroute('**/rpc');
      held.splice(0).forEach((r) => r());
    }

    // An address that matches no client, then a real one: that client shows (it said "no match").
    await go('clients/no-such-client');
    await expect.poll(() => page.locator('main').textContent()).toContain('Aucun client ne correspond.');
    await shoot('client-page-no-match-fr');
    await go(`clients/${ids.person}`);
    await expect.poll(() => title().textContent()).toContain('Élodie Marchand');
    expect(await page.locator('main').textContent()).not.toContain('Aucun client ne correspond.');
    await shoot('client-page-fr');

    await rpc('settings.setDisplay', { language: 'en' });
    await go('clients/no-such-client');
    await page.reload();
    await expect.poll(() => page.locator('main').textContent()).toContain('No client matches.');
    await shoot('client-page-no-match-en');
    await go(`clients/${ids.company}`);
    await expect.poll(() => title().textContent()).toContain('Château de Vaux');
    await shoot('client-page-en');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
