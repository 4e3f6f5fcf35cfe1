import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { startOllamaDev, type OllamaDouble } from '../fixtures/ollama-double.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = 'tests/e2e/screenshots';

describe.skipIf(!chromiumAvailable())('the assistant in Chromium against opsdeck serve + opsdeck ollama-dev', () => {
  let served: Served;
  let ollama: OllamaDouble;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
  const ask = async (q: string) => {
    await page.locator('#as-question').fill(q);
    await page.locator('#as-question').press('Enter');
  };

  beforeAll(async () => {
    [served, ollama] = await Promise.all([startServe({ demo: true }), startOllamaDev()]);
    await rpc('assistant.configure', { address: ollama.url.replace('http://', ''), model: 'llama3.2:3b' });
    ({ browser, page } = await openBrowser(served, { timeout: 20_000 }));
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    ollama?.child.kill('SIGTERM');
    await closeApp({ browser, served });
  });

  it('asks what to order this week, shows the data cards, and the confirmed purchase order lands in stock → orders', async () => {
    const before = await rpc<Array<{ id: string }>>('purchaseOrders.list', { status: 'open' });
    const lines = await rpc<Array<{ sku: string; name: string; quantity: number }>>('forecast.replenishment', { withinDays: 7 });
    expect(lines.length).toBeGreaterThan(0);
    await go('assistant');
    await expect.poll(() => page.getByTestId('assistant-status').textContent()).toContain('Ollama 0.12.6');
    await ask("Qu'est-ce que je dois commander cette semaine ?");
    const card = page.locator('[data-testid="data-card"][data-tool="to_order_this_week"]');
    await card.waitFor();
    expect(await card.locator('tbody tr').count()).toBe(Math.min(lines.length, 25));
    expect(await card.textContent()).toContain(lines[0]!.sku);
    const action = page.getByTestId('action-card');
    await action.waitFor();
    expect(await action.textContent()).toContain(lines[0]!.name);
    expect(await action.textContent()).toContain(`${lines[0]!.quantity}`);
    // The answer is Markdown rendered as a table, not raw pipes.
    await page.locator('[data-testid="assistant-message"][data-status="done"] .md table').first().waitFor();
    expect(await rpc<Array<{ id: string }>>('purchaseOrders.list', { status: 'open' })).toHaveLength(before.length);
    await action.scrollIntoViewIfNeeded();
    await shot('assistant-fr-light');
    await action.getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => action.textContent()).toContain('Fait');
    const after = await rpc<Array<{ productName: string; quantity: number }>>('purchaseOrders.list', { status: 'open' });
    expect(after).toHaveLength(before.length + 1);
    await go('stock/orders');
    await expect.poll(() => page.locator('[data-testid="po-table"] tbody tr', { hasText: lines[0]!.name }).count()).toBeGreaterThan(0);
    const audit = await rpc<{ items: Array<{ action: string; details: { via?: string } }> }>('audit.list', { limit: 20 });
    expect(audit.items.find((a) => a.action === 'purchaseOrders.create')?.details.via).toBe('assistant');
  }, 90_000);

  it('searches the catalog by meaning from the catalog screen', async () => {
    await go('catalog');
    await page.getByTestId('meaning-search').fill('arche de ballons');
    const hits = page.locator('.meaning-search li a');
    await hits.first().waitFor();
    await expect.poll(() => page.locator('.meaning-search').textContent()).toContain('par le sens');
    await expect.poll(async () => (await hits.allTextContents()).some((t) => /ballon/i.test(t))).toBe(true);
    await shot('catalog-meaning-search-fr-light');
  });

  it('stops a streaming answer; the partial answer stays, marked stopped', async () => {
    await go('assistant');
    await page.getByRole('button', { name: 'Nouvelle conversation' }).click();
    await ask('Explique-moi le point de commande');
    const stop = page.getByTestId('assistant-stop');
    await stop.waitFor();
    await expect
      .poll(async () => ((await page.locator('[data-testid="assistant-message"] .md').textContent()) ?? '').length, { timeout: 15_000 })
      .toBeGreaterThan(40);
    await stop.click();
    const msg = page.locator('[data-testid="assistant-message"][data-status="stopped"]');
    await msg.waitFor();
    expect(await msg.textContent()).toContain('Réponse arrêtée');
    // Stopped well before the end of the scripted answer (about 12 sentences).
    expect(((await msg.locator('.md').textContent()) ?? '').length).toBeLessThan(600);
  }, 90_000);

  it('a second question in the same conversation keeps the first question and answer, after a reload too', async () => {
    await go('assistant');
    await page.getByRole('button', { name: 'Nouvelle conversation' }).click();
    await ask('Quel stock est bas ?');
    await expect.poll(() => page.locator('[data-testid="assistant-message"][data-status="done"]').count()).toBe(1);
    await ask('Et quelles bornes manquent de papier ?');
    await expect.poll(() => page.locator('[data-testid="assistant-message"][data-status="done"]').count(), { timeout: 30_000 }).toBe(2);
    const questions = async () => page.locator('.as-user').allTextContents();
    expect((await questions()).join('|')).toMatch(/Quel stock est bas.*\|.*quelles bornes manquent/s);
    // The open conversation is in the address, so a reload reopens it.
    expect(page.url()).toMatch(/#\/assistant\/[\w-]+$/);
    await page.reload();
    await page.waitForSelector('.app');
    await expect.poll(async () => (await questions()).length).toBe(2);
    await expect.poll(() => page.locator('[data-testid="assistant-message"][data-status="done"]').count()).toBe(2);
    await page.getByRole('button', { name: 'Nouvelle conversation' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/assistant$/);
    // The address changes first; the two questions on screen then go.
    await expect.poll(() => page.locator('.as-user').count()).toBe(0);
  }, 90_000);

  it('shows a missing model plainly with a download and its progress, keeping the conversation', async () => {
    await rpc('assistant.configure', { model: 'mistral:7b' });
    await go('assistant');
    await page.getByRole('button', { name: 'Nouvelle conversation' }).click();
    await ask('Quel stock est bas ?');
    const err = page.locator('[data-testid="assistant-error"][data-reason="model_missing"]');
    await err.waitFor();
    expect(await err.textContent()).toContain('ollama pull mistral:7b');
    await shot('assistant-error-fr-light');
    await err.getByRole('button', { name: 'Télécharger mistral:7b' }).click();
    await expect.poll(async () => (await rpc<{ modelPresent: boolean }>('assistant.status', {})).modelPresent).toBe(true);
    await err.getByRole('button', { name: 'Réessayer' }).click();
    await page.locator('[data-testid="assistant-message"][data-status="done"]').waitFor();
    expect(await page.locator('.as-user').count()).toBe(2);
    await rpc('assistant.configure', { model: 'llama3.2:3b' });
  }, 90_000);

  it('works in English and in the dark theme, and opens as a side panel with Alt+A', async () => {
    await rpc('settings.setDisplay', { language: 'en', theme: 'dark' });
    await go('assistant');
    await page.reload();
    await page.waitForSelector('.app');
    await page.getByRole('button', { name: 'New conversation' }).click();
    await ask('What should I order this week?');
    await page.locator('[data-testid="data-card"][data-tool="to_order_this_week"]').waitFor();
    expect(await page.locator('[data-testid="data-card"] strong').first().textContent()).toBe('To order');
    await page.getByTestId('action-card').getByRole('button', { name: 'Confirm' }).waitFor();
    await page.locator('[data-testid="assistant-message"][data-status="done"]').waitFor();
    await page.getByTestId('action-card').scrollIntoViewIfNeeded();
    await shot('assistant-en-dark');
    await go('dashboard');
    await page.keyboard.press('Alt+KeyA');
    const panel = page.getByTestId('assistant-panel');
    await panel.waitFor();
    await panel.locator('#as-question').fill('Which booths are low on paper?');
    await panel.locator('#as-question').press('Enter');
    await panel.locator('[data-testid="data-card"][data-tool="booth_status"]').waitFor();
    await shot('assistant-panel-en-dark');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await rpc('settings.setDisplay', { language: 'fr', theme: 'light' });
  }, 90_000);
});
