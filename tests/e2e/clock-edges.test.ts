import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { PARIS, pinClock, pinnedClockAvailable, zonedMidnight, zonedMonday, zonedTime, type PinnedClock } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

// The instants where a UTC day and a Paris day disagree, pinned (tests/fixtures/clock.ts): the core
// and Chromium run on the same clock and in the same zone, as on a user's machine. Today and the
// week view must be Paris's day and week — a Monday 00:30 in Paris is already the new week, while
// it is still Sunday in UTC — and the pinned clock itself must reach the core and the page.
const INSTANTS = [
  { name: 'Sunday 23:30 UTC in winter (Monday 00:30 in Paris)', at: '2026-12-13T23:30:00Z', today: [2026, 12, 14], column: 0 },
  { name: 'Sunday 22:30 UTC in summer (Monday 00:30 in Paris)', at: '2027-06-13T22:30:00Z', today: [2027, 6, 14], column: 0 },
  {
    name: 'the night Paris leaves summer time (Sunday 00:30 UTC, a 25-hour day)',
    at: '2026-10-25T00:30:00Z',
    today: [2026, 10, 25],
    column: 6,
  },
] as const;

describe.skipIf(!chromiumAvailable() || !pinnedClockAvailable()).each(INSTANTS)('at $name', ({ at, today: [y, m, d], column }) => {
  let clock: PinnedClock;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);

  beforeAll(async () => {
    clock = pinClock(at);
    ({ served, browser, page } = await openApp({}, { timezoneId: PARIS, clock, timeout: 15_000 }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('the pinned clock reaches the test, the core and the page', async () => {
    const view = await rpc<{ now: number; from: number }>('today.get', {});
    const pageNow = await page.evaluate(() => Date.now());
    // All three read the pinned instant plus the seconds since pinning (start-up on a loaded CI).
    for (const t of [view.now, pageNow, clock.now()]) expect(Math.abs(t - clock.at)).toBeLessThan(90_000);
    expect(Math.abs(pageNow - clock.now())).toBeLessThan(5_000);
    // The core's day is Paris's: it starts at Paris midnight.
    expect(view.from).toBe(zonedTime(PARIS, y, m, d));
    expect(zonedMidnight(clock.now(), PARIS)).toBe(zonedTime(PARIS, y, m, d));
  });

  it('Today lists the Paris day’s events as today, to its last hour; the week view opens on the Paris week', async () => {
    const at = (dd: number, h: number, min = 0) => zonedTime(PARIS, y, m, dd, h, min);
    // Late on the day: on a 25-hour day, 24 h after midnight is 23:00 and would call it tomorrow's.
    const late = { startsAt: at(d, 23, 15), endsAt: at(d, 23, 45), clientName: 'Fin de soirée' };
    const yesterday = { startsAt: at(d - 1, 14), endsAt: at(d - 1, 17), clientName: 'Goûter de la veille' };
    const nextWeek = { startsAt: at(d + 7, 18), endsAt: at(d + 7, 22), clientName: 'Semaine suivante' };
    for (const e of [late, yesterday, nextWeek]) await rpc('bookings.create', e);

    const view = await rpc<{ entries: Array<{ day: string; event: { clientName: string } }> }>('today.get', {});
    expect(view.entries.map((e) => [e.day, e.event.clientName])).toEqual([['today', 'Fin de soirée']]);
    await page.goto(new URL('#/today', served.origin).href);
    await expect.poll(() => page.locator('section[aria-label="Aujourd’hui"]').textContent()).toContain('Fin de soirée');
    expect(await page.locator('main').textContent()).not.toContain('Goûter de la veille');

    await page.goto(new URL('#/events/week', served.origin).href);
    await page.waitForSelector('.week-grid');
    const monday = zonedMonday(clock.now(), PARIS);
    const fr = (ms: number) =>
      new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'short', timeZone: PARIS }).format(ms);
    await expect.poll(() => page.locator('.week-day-head').first().textContent()).toBe(fr(monday).replace(',', ''));
    expect(fr(monday)).toMatch(/^lundi/);
    // Today's column is the Paris day's, with its late event; next week's event is not in this week.
    const todayColumn = page.locator('.week-day').nth(column);
    expect(await todayColumn.getAttribute('class')).toContain('today');
    expect(await page.locator('.week-day.today').count()).toBe(1);
    await expect.poll(() => todayColumn.textContent()).toContain('Fin de soirée');
    expect(await page.locator('.week-grid').textContent()).not.toContain('Semaine suivante');

    // The month: the late event in its day's cell (a cell 24 h long ended at 23:00 on the 25-hour
    // day and the event was in no cell), today's cell the Paris day's.
    await page.goto(new URL('#/events/month', served.origin).href);
    const cell = (dd: number) => page.locator(`.cal-day:not(.other-month)[data-day="${dd}"]`);
    await expect.poll(() => cell(d).textContent()).toContain('Fin de soirée');
    expect(await page.locator('.month-grid .cal-event', { hasText: 'Fin de soirée' }).count()).toBe(1);
    expect(await page.locator('.cal-day.today').getAttribute('data-day')).toBe(String(d));
  });

  it('a purchase order expected yesterday evening (Paris) is late; one expected tonight is not', async () => {
    const at = (dd: number, h: number) => zonedTime(PARIS, y, m, dd, h);
    await rpc('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
    const product = await rpc<{ id: string }>('catalog.products.create', { sku: 'PAP-1', name: 'Papier photo' });
    await rpc('purchaseOrders.create', { productId: product.id, quantity: 2, expectedAt: at(d - 1, 20), supplier: 'Hier' });
    await rpc('purchaseOrders.create', { productId: product.id, quantity: 3, expectedAt: at(d, 22), supplier: 'Ce soir' });
    await page.goto(new URL('#/stock/orders', served.origin).href);
    const rows = page.locator('[data-testid="po-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // By expected date: yesterday's first, late; tonight's not. (Late was "before the UTC day":
    // yesterday 20:00 Paris was not late until 00:00 UTC, tonight's was from 01:00 Paris.)
    expect(await rows.nth(0).getAttribute('class')).toBe('late');
    expect(await rows.nth(0).textContent()).toContain('en retard');
    expect(await rows.nth(1).getAttribute('class')).toBeNull();
  });
});
