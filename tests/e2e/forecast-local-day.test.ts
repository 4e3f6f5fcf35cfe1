import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { PARIS, pinClock, pinnedClockAvailable, zonedTime, type PinnedClock } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');
const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

/**
 * Issue 17 on a user's machine: core and Chromium on Paris time, at 00:30 on Monday 14 December 2026
 * (Sunday 23:30 UTC). A late-night shop, closed on Sundays, rings up each day's sales at 00:30: the
 * forecast reads it closed on Sundays (under the UTC grid every sale fell on the day before, and it
 * read Saturdays as closed), its today is Monday 14th, and the page counts days from the Paris date.
 */
describe.skipIf(!chromiumAvailable() || !pinnedClockAvailable())('the forecast at 00:30 in Paris', () => {
  let clock: PinnedClock;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    clock = pinClock('2026-12-13T23:30:00Z');
    ({ served, browser, page } = await openApp({}, { timezoneId: PARIS, clock, timeout: 15_000 }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('reads the shop closed on Sundays, starts on the Paris date and counts days from it', async () => {
    const location = (await rpc<{ id: string }>('stock.locations.create', { name: 'Bar', kind: 'warehouse' })).id;
    const product = await rpc<{ id: string }>('catalog.products.create', {
      sku: 'NUIT-1',
      name: 'Gobelets (bar de nuit)',
      unit: 'pce',
      cost: 1,
      leadTimeDays: 3,
    });
    const base = [0, 4, 5, 5, 6, 8, 12]; // Sunday … Saturday
    const movements: unknown[] = [
      { productId: product.id, locationId: location, type: 'in', quantity: 1500, occurredAt: zonedTime(PARIS, 2026, 6, 1, 9) },
    ];
    for (let d = 1; d <= 180; d++) {
      const date = new Date(Date.UTC(2026, 11, 14 - d));
      const dow = date.getUTCDay();
      if (dow === 0) continue;
      const at = zonedTime(PARIS, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 30);
      movements.push({
        productId: product.id,
        locationId: location,
        type: 'out',
        quantity: base[dow]! + (d % 3 === 0 ? 1 : 0),
        occurredAt: at,
      });
    }
    await rpc('stock.recordBatch', { movements, confirm: true });
    await poll(
      () =>
        rpc('forecast.run', {}).then(
          () => 'done',
          (e: Error) => (/already in progress/.test(e.message) ? 'busy' : Promise.reject(e)),
        ),
      60_000,
    ).toBe('done');
    const pf = await rpc<{
      forecast: Array<{ day: number; closed?: boolean }>;
      history: Array<{ day: number; quantity: number }>;
      closedDays: { closedWeekdays: number[] } | null;
    }>('forecast.product', { productId: product.id });
    expect(pf.closedDays?.closedWeekdays).toEqual([0]);
    expect(pf.forecast[0]!.day).toBe(Date.UTC(2026, 11, 14));
    expect(pf.history.at(-1)).toMatchObject({ day: Date.UTC(2026, 11, 13), quantity: 0 });
    expect(pf.history.at(-2)!.quantity).toBeGreaterThan(10); // Saturday 12th
    expect(pf.forecast.filter((f) => f.closed).every((f) => new Date(f.day).getUTCDay() === 0)).toBe(true);

    await page.goto(new URL(`#/forecasts/product/${product.id}`, served.origin).href);
    await page.waitForSelector('.app');
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('forecast-closed-days').textContent()).toMatch(/^Fermé le dimanche/);
    // "Aujourd'hui" on the chart is Monday 14th, the Paris date.
    const todayLine = page.locator('[data-testid="forecast-demand-chart"] text', { hasText: 'Aujourd’hui' });
    expect(await todayLine.count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'forecast-local-day-0030-fr.png'), fullPage: true });
    await rpc('settings.set', { language: 'en' });
    await page.reload();
    await page.waitForSelector('.app');
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('forecast-closed-days').textContent()).toMatch(/^Closed on Sundays/);
    await page.screenshot({ path: path.join(SHOTS, 'forecast-local-day-0030-en.png'), fullPage: true });
    await rpc('settings.set', { language: 'fr' });
  }, 120_000);
});
