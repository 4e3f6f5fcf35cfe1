import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { startWebhookDouble, type WebhookDouble } from '../fixtures/mail-double.js';
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
  let hook: WebhookDouble;
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
    hook = await startWebhookDouble();
    ({ served, browser, page } = await openApp({ demo: true }, { viewport: SIZES[0], timeout: 20_000 }));
  }, 180_000);
  afterAll(async () => {
    await closeApp({ browser, served });
    await hook?.close();
  });

  it('a product emptied by a sale is at risk after the next forecast run: one webhook call on raise, none on recomputes, one on clear; the Alerts page lists the risks, FR and EN', async () => {
    // The demo's own risks first (the app's background run may already have raised them).
    await rpc('forecast.run', { mode: 'full' });
    const before = await rpc<Array<{ productId: string }>>('alerts.products', { open: true });
    await rpc('notify.channels.save', {
      kind: 'webhook',
      name: 'Achats',
      language: 'fr',
      config: { url: hook.url, secretHeader: 'X-OpsDeck-Secret' },
      rules: { kinds: ['stockout_risk'], minSeverity: 'warning', quietHours: null, onClear: true },
    });
    // A product that sells and is fine today: its whole stock goes out.
    const rows = (
      await rpc<{ items: Array<{ productId: string; name: string; status: string; nextP50: number | null; onHand: number }> }>(
        'forecast.list',
        {
          status: 'ok',
          limit: 500,
        },
      )
    ).items;
    const p = rows.find((r) => (r.nextP50 ?? 0) >= 3 && r.onHand > 0 && !before.some((b) => b.productId === r.productId))!;
    expect(p).toBeDefined();
    const balances = await rpc<Array<{ locationId: string; onHand: number }>>('stock.balances', { productId: p.productId });
    for (const b of balances.filter((x) => x.onHand > 0))
      await rpc('stock.record', {
        productId: p.productId,
        locationId: b.locationId,
        type: 'out',
        quantity: b.onHand,
        reason: 'Grosse commande',
      });
    await rpc('forecast.run', { mode: 'incremental' });
    const risks = await rpc<Array<{ productId: string; productName: string; details: { stockoutAt: number; nextDeliveryAt: number } }>>(
      'alerts.products',
      { open: true },
    );
    expect(risks.map((r) => r.productId)).toContain(p.productId);
    for (const r of risks) expect(r.details.stockoutAt).toBeLessThan(r.details.nextDeliveryAt);

    // The running app sends it (and only it: the others were raised before the channel existed).
    await expect.poll(() => hook.calls.length, { timeout: 20_000 }).toBe(1);
    expect(hook.calls[0]!.body).toMatchObject({ event: 'alert.raised', alert: { kind: 'stockout_risk', product: { name: p.name } } });
    // A recompute raises nothing new, and nothing more is sent.
    await rpc('forecast.run', { mode: 'full' });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(hook.calls).toHaveLength(1);
    expect((await rpc<unknown[]>('alerts.products', { open: true })).length).toBe(risks.length);

    await page.goto(new URL('#/alerts', served.origin).href);
    const section = page.getByTestId('stock-alerts');
    await expect.poll(() => section.locator('li').count()).toBe(risks.length);
    const mine = section.locator(`li[data-product="${p.name}"]`).first();
    expect(await mine.textContent()).toMatch(/déjà en rupture \(0 .+\) — prochaine livraison possible : .+\./);
    await mine.scrollIntoViewIfNeeded();
    await shoot('alerts-stock-fr');
    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await expect
      .poll(() => page.getByTestId('stock-alerts').locator(`li[data-product="${p.name}"]`).first().textContent())
      .toMatch(/already out of stock \(0 .+\) — next possible delivery: .+\./);
    await shoot('alerts-stock-en');
    await rpc('settings.setDisplay', { language: 'fr' });

    // Stock back in: the risk clears, and the channel says so once.
    await rpc('stock.record', {
      productId: p.productId,
      locationId: balances[0]!.locationId,
      type: 'in',
      quantity: 5000,
      reason: 'Livraison',
    });
    await rpc('forecast.run', { mode: 'incremental' });
    await expect.poll(() => hook.calls.length, { timeout: 20_000 }).toBe(2);
    expect(hook.calls[1]!.body).toMatchObject({ event: 'alert.cleared', alert: { kind: 'stockout_risk', product: { name: p.name } } });
  }, 180_000);
});
