import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { closeApp, openApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

/**
 * The assistant's floating button stays in the window's bottom-right corner over every screen.
 * Content may pass under it while scrolling, but scrolled to the end every control of the page
 * must be clear of it: the last order-day chip, a form's right-aligned Save, a table's last row.
 */
describe.skipIf(!chromiumAvailable())("the assistant's floating button covers no control at a page's end", { timeout: 120_000 }, () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 15_000 }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  /** Waits until the page has stopped growing as its parts load (charts, the replenishment box, lists). */
  const settled = async () => {
    let last = -1;
    for (let i = 0; i < 60; i++) {
      const h = await page.evaluate(() => document.documentElement.scrollHeight + document.querySelectorAll('.content *').length);
      if (h === last) return;
      last = h;
      await page.waitForTimeout(400);
    }
  };

  /** The visible controls of the page whose box meets the floating button's, after scrolling to the end. */
  const coveredAtEnd = () =>
    page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      const fab = document.querySelector('.as-fab')?.getBoundingClientRect();
      if (!fab) return ['no floating button'];
      // What lies under the button, as hit-testing sees it (rows clipped by a scrolling table are not there).
      const controls = new Set<Element>();
      for (let i = 0; i <= 4; i++)
        for (let j = 0; j <= 4; j++)
          for (const el of document.elementsFromPoint(fab.left + (fab.width * i) / 4, fab.top + (fab.height * j) / 4)) {
            const control = el.closest('.content :is(button, a, input, select, textarea, label, [role="button"], [tabindex="0"])');
            if (control) controls.add(control);
          }
      return [...controls].map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    });

  it('on the forecast page of a product with order days, the settings and the lists (1360×900 and a 1280×720 laptop)', async () => {
    // A demo product whose supplier takes orders on given days: its page ends with the order-day chips.
    const products = await bridgeCall<{ items: Array<{ id: string; supplier: string | null }> }>(served, 'catalog.products.list', {
      limit: 500,
    });
    const product = products.items.find((p) => p.supplier)!;
    await bridgeCall(served, 'forecast.orderDays.set', { supplier: product.supplier, weekdays: [2, 5] });
    const id = product.id;
    const routes = [`forecasts/product/${id}`, 'settings', 'dashboard', 'catalog', 'clients', 'quotes'];
    for (const size of [
      { width: 1360, height: 900 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      for (const route of routes) {
        await page.goto(new URL(`#/${route}`, served.origin).href);
        await page.waitForSelector('.content h1');
        await settled();
        expect(await coveredAtEnd(), `${route} at ${size.width}×${size.height}`).toEqual([]);
      }
    }
    // The forecast page has content under the button before scrolling (the check above is not vacuous there).
    await page.goto(new URL(`#/forecasts/product/${id}`, served.origin).href);
    await expect.poll(() => page.getByText(/Jours de commande|Order days/).count()).toBeGreaterThan(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(720);
  });
});
