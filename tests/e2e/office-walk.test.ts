import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

// What a walk through the office screens on the demo data found (dup20), one test each: the
// speed-test and paper forms ran their fields inline; the Sync screen printed "64910" in French
// (no grouping); the dashboard's activity read "— · il y a 6 secondes" for work nobody did; the
// assistant pane kept "Arrêter" after an answer that failed at once, refusing every next question;
// booth cards wrapped their status word under its dot.
describe.skipIf(!chromiumAvailable())('office screens in Chromium, FR and EN', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shot = async (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    await page.screenshot({ path: `tests/e2e/screenshots/${name}.png` });
  };
  const language = async (lang: 'fr' | 'en') => {
    await rpc('settings.setDisplay', { language: lang });
    await page.reload();
    await page.waitForSelector('.app');
  };

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { viewport: { width: 1366, height: 850 }, timeout: 15_000 }));
  }, 180_000);
  afterAll(async () => {
    await rpc('settings.setDisplay', { language: 'fr' }).catch(() => undefined);
    await closeApp({ browser, served });
  });

  // First, while the demo's own entries (opened, forecast run) are still among the six latest.
  it('Dashboard: activity that nobody did (demo opened, forecast run) says just when, never "— ·"', async () => {
    await language('fr');
    await go('dashboard');
    const activity = page.locator('ul.activity li');
    await expect.poll(() => activity.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await expect.poll(async () => (await activity.allTextContents()).some((l) => /Démo ouverte/.test(l))).toBe(true);
    const lines = await activity.allTextContents();
    for (const l of lines) expect(l).not.toMatch(/—\s*·/);
    await shot('office-walk-dashboard-fr');
  }, 90_000);

  it('Settings: the speed-test and paper forms put each label above its field, one field under the other', async () => {
    await language('fr');
    await go('settings');
    const sections = [page.getByTestId('settings-speed'), page.getByTestId('settings-paper-stock')];
    for (const [n, section] of sections.entries()) {
      const fields = section.locator('label.field');
      await expect.poll(() => fields.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      const boxes = [];
      for (let i = 0; i < (await fields.count()); i++) {
        const label = (await fields.nth(i).locator('span').first().boundingBox())!;
        const control = (await fields.nth(i).locator('input, select').first().boundingBox())!;
        expect(control.y, `section ${n}, field ${i}: control under its label`).toBeGreaterThanOrEqual(label.y + label.height - 1);
        boxes.push(control);
      }
      for (let i = 1; i < boxes.length; i++)
        expect(boxes[i]!.y, `section ${n}, field ${i} on its own line`).toBeGreaterThan(boxes[i - 1]!.y + 10);
    }
    await page.locator('[data-testid="settings-speed"]').scrollIntoViewIfNeeded();
    await shot('office-walk-speed-fr');
  }, 90_000);

  it('Booths: each card keeps its status dot on the line of its word, in French and English', async () => {
    for (const lang of ['fr', 'en'] as const) {
      await language(lang);
      await go('fleet');
      const statuses = page.getByTestId('booth-status');
      await expect.poll(() => statuses.count(), { timeout: 15_000 }).toBeGreaterThan(4);
      for (let i = 0; i < (await statuses.count()); i++) {
        const box = (await statuses.nth(i).boundingBox())!;
        const dot = (await statuses.nth(i).locator('.status-dot').boundingBox())!;
        // One line: the status is no taller than a line of its text, and the dot sits inside it.
        expect(box.height, `${lang} card ${i}: "${await statuses.nth(i).textContent()}" on one line`).toBeLessThan(2 * dot.height + 8);
        expect(dot.y).toBeGreaterThanOrEqual(box.y - 1);
        expect(dot.y + dot.height).toBeLessThanOrEqual(box.y + box.height + 1);
      }
      await shot(`office-walk-fleet-${lang}`);
    }
  }, 90_000);

  it("Sync: the waiting changes are counted with the language's grouping, in the summary and the how-to", async () => {
    expect((await rpc<{ pending: number }>('sync.status', {})).pending).toBeGreaterThan(999); // the demo's tens of thousands of rows
    await language('fr');
    await go('sync');
    // French groups with a narrow no-break space, English with a comma (the count moves as the test writes settings).
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toMatch(/^\d{1,3}(\u202f\d{3})+$/);
    await expect.poll(() => page.getByTestId('sync-howto').textContent()).toMatch(/\d{1,3}(\u202f\d{3})+ modifications faites ici/);
    await shot('office-walk-sync-fr');
    await language('en');
    await go('sync');
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toMatch(/^\d{1,3}(,\d{3})+$/);
    await expect.poll(() => page.getByTestId('sync-howto').textContent()).toMatch(/\d{1,3}(,\d{3})+ changes made here/);
    await shot('office-walk-sync-en');
    // Two reloads and two 15 s polls: the default 30 s is too little on a loaded CI.
  }, 90_000);

  it('Assistant pane: an answer that fails at once (no Ollama, no model) gives Send back, and the next question goes out', async () => {
    await language('fr');
    await go('dashboard');
    await page.keyboard.press('Alt+a');
    const box = page.locator('#as-question');
    await box.fill('Quel est le stock du papier DNP ?');
    await box.press('Enter');
    // Send shows at once too, while the question is still on its way (no turn yet): wait for the
    // question in the conversation, then for its turn to end, before asking the next one.
    await expect
      .poll(() => page.locator('.as-messages').getByText('Quel est le stock du papier DNP ?').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.as-composer').getByRole('button', { name: 'Envoyer' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('assistant-stop').count()).toBe(0);
    await box.fill('Et les bornes ?');
    await box.press('Enter');
    await expect.poll(() => page.getByText('Et les bornes ?').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('assistant-stop').count(), { timeout: 15_000 }).toBe(0);
    await shot('office-walk-assistant-fr');
  }, 90_000);
});
