import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { startOllamaDev, type OllamaDouble } from '../fixtures/ollama-double.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

describe.skipIf(!chromiumAvailable())('a drafted message lands in the client’s history (issue 18)', () => {
  let served: Served;
  let ollama: OllamaDouble;
  let browser: Browser;
  let page: Page;
  let clientId = '';
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    [served, ollama] = await Promise.all([startServe({ timeZone: PARIS }), startOllamaDev()]);
    await rpc('system.setup', { choice: 'empty' });
    await rpc('assistant.configure', { address: ollama.url.replace('http://', ''), model: 'llama3.2:3b' });
    const booth = await rpc<{ id: string }>('booths.create', { name: 'Borne Lyon' });
    clientId = (await rpc<{ id: string }>('clients.create', { name: 'Mariage Durand', email: 'durand@example.fr' })).id;
    await rpc('clients.create', { name: 'Salon Pro' });
    const start = Date.now() + 2 * 86_400_000;
    await rpc('bookings.create', {
      clientName: 'Mariage Durand',
      clientId,
      eventType: 'Mariage',
      boothId: booth.id,
      startsAt: start,
      endsAt: start + 6 * 3_600_000,
    });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 20_000 }));
  }, 180_000);
  afterAll(async () => {
    ollama?.child.kill('SIGTERM');
    await closeApp({ browser, served });
  });

  it('drafts a follow-up about the client’s event, saves it (edited) in that client’s history, and the client page lists it with its date', async () => {
    await go('assistant');
    await page.getByRole('button', { name: 'Rédiger' }).click();
    await page.locator('.as-draft-form').getByRole('button', { name: 'Rédiger' }).click();
    const draft = page.locator('.as-draft textarea');
    await draft.waitFor();
    // The event's client is chosen already.
    const save = page.getByTestId('draft-save');
    await expect
      .poll(() => save.getByRole('combobox').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('Mariage Durand');
    await draft.fill('Bonjour Mme Durand,\n\nMerci pour votre confiance : la borne sera là samedi dès 16 h.');
    await save.getByRole('button', { name: 'Enregistrer dans l’historique' }).click();
    await expect.poll(() => save.getByRole('status').textContent()).toContain('Enregistré dans l’historique de Mariage Durand');
    await shoot('client-message-draft-fr');
    // Edited again: the button offers to save the edits, and the same entry is updated.
    await draft.fill('Bonjour Mme Durand,\n\nMerci pour votre confiance : la borne sera là samedi dès 15 h.');
    await save.getByRole('button', { name: 'Enregistrer mes modifications' }).click();
    await expect
      .poll(async () => (await rpc<{ messages: Array<{ text: string }> }>('clients.get', { id: clientId })).messages.map((m) => m.text))
      .toEqual(['Bonjour Mme Durand,\n\nMerci pour votre confiance : la borne sera là samedi dès 15 h.']);

    await save.getByRole('link', { name: 'Mariage Durand' }).click();
    const section = page.getByTestId('client-messages');
    await expect.poll(() => section.textContent()).toContain('la borne sera là samedi dès 15 h.');
    expect(await section.textContent()).toContain('Relance client (assistant)');
    expect(await section.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await section.scrollIntoViewIfNeeded();
    await shoot('client-messages-fr');

    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await expect.poll(() => page.getByTestId('client-messages').locator('h2').textContent()).toBe('Messages');
    expect(await page.getByTestId('client-messages').textContent()).toContain('Client follow-up (assistant)');
    await shoot('client-messages-en');
    // Removed from the history by the admin.
    await page.getByTestId('client-messages').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByTestId('client-messages').textContent()).toContain('No message drafted for this client.');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 120_000);
});
