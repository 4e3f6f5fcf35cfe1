import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../fixtures/browser.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

// Issue 16: products the forecast says run out before their next possible delivery show on the
// Alerts page (and reach the notification channels whose rules want "stock-out risk").
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;

describe.skipIf(!chromiumAvailable())('stock-out risks on the Alerts page', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const shoot = async (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `tests/e2e/screenshots/${name}-${size.width}.png` });
    }
    await page.setViewportSize(SIZES[0]);
  };

  beforeAll(async () => {
    served = await startServe({ demo: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SIZES[0] });
    page.setDefaultTimeout(20_000);
    await page.goto(served.appUrl);
    await page.waitForSelector('.app');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('after a forecast run, the demo’s products at risk are listed with when they run out and the next delivery, FR and EN', async () => {
    await rpc('forecast.run', { mode: 'full' });
    const risks = await rpc<Array<{ productName: string; details: { stockoutAt: number; nextDeliveryAt: number } }>>('alerts.products', {
      open: true,
    });
    expect(risks.length).toBeGreaterThan(0);
    for (const r of risks) expect(r.details.stockoutAt).toBeLessThan(r.details.nextDeliveryAt);
    // A second run (a recompute) raises nothing new.
    await rpc('forecast.run', { mode: 'full' });
    expect((await rpc<unknown[]>('alerts.products', {})).length).toBe(risks.length);

    await page.goto(new URL('#/alerts', served.origin).href);
    const section = page.getByTestId('stock-alerts');
    await expect.poll(() => section.locator('li').count()).toBe(risks.length);
    const first = section.locator(`li[data-product="${risks[0]!.productName}"]`).first();
    expect(await first.textContent()).toMatch(/épuisé vers le .+ — avant la prochaine livraison possible \(.+\)\./);
    await shoot('alerts-stock-fr');
    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await expect
      .poll(() => page.getByTestId('stock-alerts').locator('li').first().textContent())
      .toMatch(/runs out around .+ — before the next possible delivery/);
    await shoot('alerts-stock-en');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 180_000);
});
