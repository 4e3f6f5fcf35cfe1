import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVING_ANCHORS } from '@core/modules/forecast/movingDates.js';
import type { MovingEvent } from '@shared/model/forecast.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeShop } from '../fixtures/bridgeShop.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { pinClock, pinnedClockAvailable } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');
const DAY = 86_400_000;
/** Polls long enough for a loaded machine (2 cores shared with other test runs): vitest's default is 1 s. */
const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

/**
 * The next moving-date anchor (Easter, Mother's Day, Black Friday…) between 10 and 105 days from
 * `today`, so that its 4 days before fall in a forecast horizon (at most 120 days), and the two past
 * years' inside the history.
 */
const nextAnchor = (today: number) =>
  MOVING_ANCHORS.flatMap((a) => {
    const y = new Date(today).getUTCFullYear();
    return [y, y + 1].map((year) => ({ id: a.id, day: a.day(year), day1: a.day(year - 1), day2: a.day(year - 2) }));
  })
    // Its days of two years ago inside the 730 days of history (Easter moves by up to 5 weeks).
    .filter((a) => a.day >= today + 10 * DAY && a.day <= today + 105 * DAY && a.day2 - 5 * DAY >= today - 730 * DAY)
    .sort((a, b) => a.day - b.day)[0];

/**
 * The served app runs on the real clock, on whichever anchor comes next. From late June to late
 * July none is in range: the core and Chromium then run on a clock pinned to 15 February 2027
 * (tests/fixtures/clock.ts), Mothering Sunday and Easter ahead — the file was skipped then.
 */
const FALLBACK = Date.UTC(2027, 1, 15, 12);
const realToday = Math.floor(Date.now() / DAY) * DAY;
const pinned = !nextAnchor(realToday);
const today = pinned ? Math.floor(FALLBACK / DAY) * DAY : realToday;
const next = nextAnchor(today);

const NAMES: Record<MovingEvent, { fr: string; en: string }> = {
  easter: { fr: 'Pâques', en: 'Easter' },
  ascension: { fr: 'Ascension', en: 'Ascension Day' },
  pentecost: { fr: 'Pentecôte', en: 'Whitsun (Pentecost)' },
  mothersDay: { fr: 'Fête des mères', en: 'Mother’s Day (France)' },
  motheringSunday: { fr: 'Fête des mères britannique (Mothering Sunday)', en: 'Mothering Sunday' },
  fathersDay: { fr: 'Fête des pères', en: 'Father’s Day' },
  blackFriday: { fr: 'Black Friday', en: 'Black Friday' },
};

/**
 * The product page of a product that sold ×3 on the 4 days before a moving-date event in each of
 * the two past years: its forecast raises this year's days before the event, and the method panel
 * names the event, in French and in English (dark), after a reload; a product without it says nothing.
 */
describe.skipIf(!chromiumAvailable() || (pinned && !pinnedClockAvailable()) || !next)(
  'a moving-date event on the product page in Chromium',
  { timeout: 120_000 },
  () => {
    let served: Served;
    let browser: Browser;
    let page: Page;
    let flowers: string;
    let plain: string;
    const errors: string[] = [];
    const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
    const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
    const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const event = next!;
    const inEvent = (day: number) => [event.day, event.day1, event.day2].some((a) => day >= a - 4 * DAY && day < a);

    beforeAll(async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const clock = pinned ? pinClock(FALLBACK) : undefined;
      served = await startServe({ clock });
      const shop = await bridgeShop(served, today);
      /** Closed on Sundays, Mon–Sat ~12–20; ×3 on the event's days when `withEvent`; ordered `leadTimeDays` ahead of the event. */
      const base = [0, 12, 12, 14, 15, 18, 20];
      const seller = (sku: string, name: string, withEvent: boolean) =>
        shop.seller({
          sku,
          name,
          leadTimeDays: Math.round((event.day - today) / DAY),
          mean: (_d, day, weekday) => base[weekday]! * (withEvent && inEvent(day) ? 3 : 1),
        });
      flowers = await seller('FLEURS', 'Bouquets', true);
      plain = await seller('VASES', 'Vases', false);
      await rpc('forecast.run', {});
      ({ browser, page } = await openBrowser(served, { clock, timeout: 15_000 }));
      page.on('pageerror', (e) => errors.push(e.message));
    }, 180_000);
    afterAll(() => closeApp({ browser, served }));

    it('names the event in the method panel (FR), with the days the forecast raised, and keeps it after a reload', async () => {
      const pf = await rpc<{ params: Record<string, number>; forecast: { day: number; p50: number }[] }>('forecast.product', {
        productId: flowers,
      });
      const days = pf.params.movingEventDays!;
      expect(days).toBeGreaterThanOrEqual(1);
      // The raised days are this year's days before the event.
      const raised = pf.forecast.filter((p) => inEvent(p.day) && new Date(p.day).getUTCDay() !== 0);
      expect(raised.length).toBeGreaterThan(0);
      await go(`forecasts/product/${flowers}`);
      await page.getByTestId('forecast-details').locator('summary').click();
      const text = `${NAMES[event.id].fr} : ${days} jour${days > 1 ? 's' : ''} de la prévision relevé${days > 1 ? 's' : ''} comme autour de cette fête les années passées`;
      await poll(() => page.getByTestId('forecast-moving-event').textContent()).toBe(text);
      await poll(() => page.locator('[data-testid="forecast-details"] dt', { hasText: 'Fête à date mobile' }).count()).toBe(1);
      await shot('forecast-moving-event-fr');
      await page.reload();
      await page.getByTestId('forecast-details').locator('summary').click();
      await poll(() => page.getByTestId('forecast-moving-event').textContent()).toBe(text);

      // A product without the event says nothing of the kind.
      await go(`forecasts/product/${plain}`);
      await page.getByTestId('forecast-details').locator('summary').click();
      await poll(() => page.getByTestId('forecast-details').locator('dt').count()).toBeGreaterThan(3);
      expect(await page.getByTestId('forecast-moving-event').count()).toBe(0);
    });

    it('reads in English and in the dark theme', async () => {
      const pf = await rpc<{ params: Record<string, number> }>('forecast.product', { productId: flowers });
      const days = pf.params.movingEventDays!;
      await rpc('settings.setDisplay', { language: 'en', theme: 'dark' });
      await page.reload();
      await page.waitForSelector('.app');
      await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await go(`forecasts/product/${flowers}`);
      await page.getByTestId('forecast-details').locator('summary').click();
      await poll(() => page.getByTestId('forecast-moving-event').textContent()).toBe(
        `${NAMES[event.id].en}: ${days} forecast day${days > 1 ? 's' : ''} raised, as around it in past years`,
      );
      expect(await page.locator('[data-testid="forecast-details"] dt', { hasText: 'Moving-date event' }).count()).toBe(1);
      await shot('forecast-moving-event-en-dark');
      await rpc('settings.setDisplay', { language: 'fr', theme: 'light' });
      expect(errors).toEqual([]);
    });
  },
);
