import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');
const AREAS = ['dashboard', 'catalog', 'stock', 'forecasts', 'fleet', 'events', 'assistant', 'settings'];

describe.skipIf(!chromiumAvailable())('app shell in Chromium against opsdeck serve', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ signIn: false }, { viewport: { width: 1360, height: 860 }, open: 'none' }));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });
  afterAll(() => closeApp({ browser, served }));

  it('offers the first admin or the demo (marked as such) on first run, in French by default', async () => {
    await page.goto(served.appUrl);
    await expect.poll(() => page.getByRole('heading', { name: 'Créer le premier administrateur' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // The token left the address bar.
    expect(page.url()).not.toContain('token=');
    await page.getByRole('button', { name: 'DÉMO Ouvrir la démo' }).click();
    await expect.poll(() => page.locator('.app').isVisible(), { timeout: 100_000 }).toBe(true);
  }, 120_000);

  it('navigates every area in French and English, each showing content or an honest notice', async () => {
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') {
        await page.getByRole('link', { name: 'Réglages', exact: true }).click();
        await page.getByLabel('Langue').selectOption('en');
        await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Settings' }).isVisible()).toBe(true);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      }
      for (const area of AREAS) {
        await page.locator(`nav a[data-area="${area}"]`).click();
        // A screen's first load can take seconds when every e2e file runs at once on 2 cores: poll's 1 s default is too short.
        await expect.poll(() => page.locator(`main[data-area="${area}"] h1`).first().isVisible(), { timeout: 10_000 }).toBe(true);
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text.length, area).toBeGreaterThan(10);
        expect(await page.locator('.error-panel').count(), `${area} crashed`).toBe(0);
        await page.screenshot({ path: path.join(SHOTS, `${area}-${lang}.png`), fullPage: true });
      }
    }
    expect(await page.locator('nav a[data-area="settings"]').textContent()).toContain('Settings');
    // 16 screens, each with a full-page screenshot: ~20 s on a loaded 2-core machine, too close to the default 30 s.
  }, 60_000);

  // Settings holds several forms (device, paper product, notifications…): the device form's own Save.
  const prefsSave = () => page.locator('form', { has: page.getByLabel('Device name') }).getByRole('button', { name: 'Save', exact: true });

  it('keeps a changed setting across a reload', async () => {
    await page.locator('nav a[data-area="settings"]').click();
    const name = page.getByLabel('Device name');
    await name.fill('');
    await expect.poll(() => page.getByText('The device name is required').isVisible()).toBe(true);
    expect(await prefsSave().isDisabled()).toBe(true);
    await name.fill('Bureau Lyon');
    await prefsSave().click();
    // Saved: the title bar shows the new name (the next setting waits for it).
    await expect.poll(() => page.locator('.titlebar').textContent()).toContain('Bureau Lyon');
    await page.locator('.segmented label', { hasText: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await expect.poll(() => page.locator('.titlebar').textContent()).toContain('Bureau Lyon');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The form is filled from the settings once they have loaded after the reload.
    await expect.poll(() => page.getByLabel('Device name').inputValue()).toBe('Bureau Lyon');
  });

  it('a viewer signed in through the demo entry is refused admin calls, and nothing changes', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    const viewer = page.locator('#si-profile option', { hasText: 'Viewer' }).first();
    await page.locator('#si-profile').selectOption({ value: (await viewer.getAttribute('value'))! });
    await page.getByRole('button', { name: /^DEMO Enter as / }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Viewer');
    await page.locator('nav a[data-area="settings"]').click();
    // Display preferences stay the viewer's to change; the device name and mode need an admin.
    await page.locator('.segmented label', { hasText: 'Light' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await page.getByLabel('Device name').isDisabled()).toBe(true);
    expect(await prefsSave().isDisabled()).toBe(true);
    const refused = await page.evaluate(async () => {
      const token = sessionStorage.getItem('opsdeck.bridgeToken');
      const r = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel: 'settings.set', input: { deviceName: 'Pirate' } }),
      });
      return r.json();
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await page.reload();
    await expect.poll(() => page.locator('.titlebar').textContent()).toContain('Bureau Lyon');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Viewer');
  });

  it('enforces the CSP (no eval, no inline script) and the bridge token from inside the page', async () => {
    // Devtools evaluation bypasses CSP, so the probe must be a same-origin script the page loads itself.
    const probe = path.resolve('renderer/dist/__csp-probe.js');
    fs.writeFileSync(probe, "try { eval('1'); window.__evalOutcome = 'ran'; } catch (e) { window.__evalOutcome = e.name; }");
    try {
      await page.addScriptTag({ url: '/__csp-probe.js' });
      await expect.poll(() => page.evaluate(() => (window as unknown as { __evalOutcome?: string }).__evalOutcome)).toBe('EvalError');
    } finally {
      fs.rmSync(probe, { force: true });
    }
    await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    const status = await page.evaluate(
      async () => (await fetch('/rpc', { method: 'POST', body: '{"channel":"settings.get","input":{}}' })).status,
    );
    expect(status).toBe(401);
  });

  it('asks for the printed URL when opened without a token', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(served.origin + '/');
    await expect.poll(() => fresh.getByRole('alert').textContent()).toContain('opsdeck serve');
    await fresh.close();
    // The CSP probe above provokes violations on purpose; anything else logged as an error is a bug.
    expect(consoleErrors.filter((e) => !/401|403|Failed to load resource|Content Security Policy/.test(e))).toEqual([]);
  });
});
