import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

/**
 * A field with a length limit cut a longer paste without a word: a 300-character client name pasted
 * into the client form kept its first 200 characters, and the user was never told the rest was gone.
 * Such a paste is now refused whole, with the field's name, the pasted length and the limit; a paste
 * that fits goes in as before; typing against the limit is told once. Real clipboard, real Ctrl+V.
 */
describe.skipIf(!chromiumAvailable())('a paste longer than the field takes is refused with a word, not cut', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const name = () => page.locator('#client-name');
  const toasts = () => page.locator('.toast-message').allTextContents();
  const paste = async (text: string) => {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await name().focus();
    await page.keyboard.press('Control+V');
  };

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 15_000, viewport: { width: 1366, height: 768 } }));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
    // Leaving the half-filled form of the first language asks first: leave.
    page.on('dialog', (d) => void d.accept());
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  for (const lang of ['fr', 'en'] as const)
    it(`client name (${lang}): 300 characters refused and told, 150 pasted, typing at 200 told once`, async () => {
      await bridgeCall(served, 'settings.setDisplay', { language: lang });
      // Leave the first language's half-filled form (the leave question is accepted) for the list, and
      // wait until it is gone: going straight on could land on the old form, still filled.
      await page.goto(new URL('#/clients', served.origin).href);
      await page.waitForSelector('#client-name', { state: 'detached' });
      await page.goto(new URL('#/clients/new', served.origin).href);
      await page.waitForSelector('#client-name');
      await expect.poll(() => name().inputValue()).toBe('');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);

      await page.keyboard.type('Mariage ');
      await paste('É'.repeat(300));
      await expect
        .poll(toasts)
        .toContainEqual(
          lang === 'fr'
            ? 'Nom : texte trop long (300 caractères, 200 au plus). Rien n’a été collé : raccourcissez-le puis collez-le à nouveau'
            : 'Name: text too long (300 characters, at most 200). Nothing was pasted: shorten it, then paste it again',
        );
      await page.screenshot({ path: `tests/e2e/screenshots/paste-limit-${lang}.png` });
      // Nothing was cut in: what the user had typed is there, as it was.
      expect(await name().inputValue()).toBe('Mariage ');

      await paste('é'.repeat(150));
      expect(await name().inputValue()).toBe('Mariage ' + 'é'.repeat(150));

      await page.keyboard.type('x'.repeat(50));
      expect((await name().inputValue()).length).toBe(200);
      const typed = lang === 'fr' ? 'Nom : 200 caractères au plus' : 'Name: at most 200 characters';
      await expect.poll(toasts).toContainEqual(typed);
      await page.keyboard.type('yy');
      expect((await toasts()).filter((m) => m === typed)).toHaveLength(1);
    });
});
