import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');

// Issue 12: the per-booth trigger secret was only reachable from the booth PC's command line
// (`opsdeck agent --trigger-secret new|off`); the office's booth form now shows and changes it.
describe.skipIf(!chromiumAvailable())('booth form: the dslrBooth trigger secret', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let boothId: string;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const url = async () => (await page.getByTestId('trigger-url').textContent()) ?? '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    served = await startServe();
    boothId = (await rpc<{ id: string }>('booths.create', { name: 'Borne Aurore' })).id;
    ({ browser, page } = await openBrowser(served, { viewport: { width: 1300, height: 1100 }, timeout: 15_000 }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('adds, replaces (after a confirmation) and removes the secret; the URL follows; reload keeps it', async () => {
    await page.goto(new URL(`#/fleet/${boothId}/edit`, served.origin).href);
    const section = page.getByTestId('trigger-secret');
    await expect.poll(() => section.textContent()).toContain('L’adresse du déclencheur n’a pas de secret');
    expect(await url()).toBe('http://127.0.0.1:8787/dslrbooth');
    await page.getByTestId('trigger-new').click();
    await expect.poll(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/dslrbooth\/[A-Za-z0-9_-]{24}$/);
    const first = await url();
    const stored = await rpc<{ secret: string }>('booths.triggerSecret', { id: boothId });
    expect(first.endsWith(`/dslrbooth/${stored.secret}`)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'trigger-secret-fr.png'), fullPage: true });

    // Replacing asks first: cancel keeps it, confirm changes it.
    await page.getByTestId('trigger-new').click();
    await expect.poll(() => section.textContent()).toContain('L’adresse actuelle ne comptera plus rien');
    await page.getByRole('button', { name: 'Annuler' }).click();
    expect(await url()).toBe(first);
    await page.getByTestId('trigger-new').click();
    await page.screenshot({ path: path.join(SHOTS, 'trigger-secret-confirm-fr.png'), fullPage: true });
    await page.getByTestId('trigger-confirm').click();
    await expect.poll(url).not.toBe(first);
    const second = await url();
    await page.reload();
    await page.waitForSelector('.app');
    await expect.poll(url).toBe(second);

    await page.getByTestId('trigger-off').click();
    await page.getByTestId('trigger-confirm').click();
    await expect.poll(url).toBe('http://127.0.0.1:8787/dslrbooth');
    expect((await rpc<{ secret: string | null }>('booths.triggerSecret', { id: boothId })).secret).toBeNull();
    const audit = await rpc<{ items: unknown[] }>('audit.list', { action: 'booths.setTriggerSecret' });
    expect(audit.items).toHaveLength(3);
  }, 120_000);

  it('in English', async () => {
    await page.locator('nav a[data-area="settings"]').click();
    await page.getByLabel('Langue').selectOption('en');
    await page.goto(new URL(`#/fleet/${boothId}/edit`, served.origin).href);
    const section = page.getByTestId('trigger-secret');
    await expect.poll(() => section.textContent()).toContain('The trigger URL has no secret');
    await page.getByTestId('trigger-new').click();
    await expect.poll(() => section.textContent()).toContain('The trigger URL carries a secret');
    expect(await section.textContent()).toContain('URL to enter in dslrBooth (Settings › General › Triggers › URL):');
    await page.screenshot({ path: path.join(SHOTS, 'trigger-secret-en.png'), fullPage: true });
  }, 120_000);
});
