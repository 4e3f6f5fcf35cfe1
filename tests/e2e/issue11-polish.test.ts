import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { PARIS, zonedMidnight, zonedMonday, zonedParts } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

// Issue 11, what was left after the first pass: alert toasts stacked over Settings on demo entry,
// the events week view, English constraint messages ("Already exists (index 'booths_name')"),
// units not agreeing with their quantity ("10 lot"), and item 8's polish. Each is done here
// through the screen, on the demo, in French and English.
const SHOTS = 'tests/e2e/screenshots';

describe.skipIf(!chromiumAvailable())('issue 11, the rest: through the screen on the demo', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = async (route: string) => {
    await page.goto(new URL(`#/${route}`, served.origin).href);
  };
  const shoot = (name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const lang = async (l: 'fr' | 'en') => {
    await rpc('settings.setDisplay', { language: l });
    await page.reload();
    await page.waitForSelector('.app');
  };

  beforeAll(async () => {
    // "Local broadcast" of a wake goes to the loopback only: no real LAN broadcast from a test.
    process.env.OPSDECK_WOL_LOCAL_TARGETS = '127.0.0.1';
    // An empty database: the demo is opened from the first sign-in step, as a newcomer would.
    ({ served, browser, page } = await openApp({ signIn: false }, { timezoneId: PARIS, timeout: 10_000, open: 'none' }));
  }, 120_000);
  afterAll(async () => {
    await closeApp({ browser, served });
    delete process.env.OPSDECK_WOL_LOCAL_TARGETS;
  });

  it('entering the demo, the raised alerts come as one toast that leaves the Settings profile panel readable', async () => {
    await page.goto(served.appUrl);
    await page.getByRole('button', { name: /Ouvrir la démo/ }).click();
    await page.waitForSelector('[data-testid="current-user"]', { timeout: 120_000 });
    await go('settings');
    await page.waitForSelector('text=Profils de cet appareil');
    // The living demo raises its alerts in the first seconds after entry.
    await expect.poll(() => page.locator('.toast').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(2500);
    await shoot('demo-entry-settings-fr');
    expect(await page.locator('.toast').count()).toBe(1);
    const toast = await page.locator('.toasts').boundingBox();
    const profile = await page.locator('.panel', { hasText: 'Profils de cet appareil' }).first().boundingBox();
    // The toast stays in the bottom corner, never over the profile panel's fields.
    const overlaps =
      toast &&
      profile &&
      toast.x < profile.x + profile.width &&
      toast.x + toast.width > profile.x &&
      toast.y < profile.y + Math.min(profile.height, 900) &&
      toast.y + toast.height > profile.y;
    if (overlaps) expect(toast!.height).toBeLessThan(110);
    await expect.poll(() => page.locator('.toast').textContent()).toMatch(/\d+ nouvelles alertes/);
    await page.locator('.toast').getByRole('link', { name: 'Voir les alertes' }).click();
    await page.waitForURL(/#\/alerts/);
  }, 180_000);

  it('shows the events week by week beside the month and the list, in French and English', async () => {
    // The page's week, on Paris time: from Sunday 23:00 UTC (22:00 in summer) it is already next week's.
    const monday = zonedMonday(Date.now(), PARIS);
    const nextMonday = zonedMidnight(monday, PARIS, 7);
    const inWeek = await rpc<Array<{ clientName: string; startsAt: number; endsAt: number }>>('bookings.list', {
      from: monday,
      to: nextMonday,
      limit: 100,
    });
    expect(inWeek.length).toBeGreaterThan(0);
    await go('events');
    await page.getByRole('button', { name: 'Semaine', exact: true }).click();
    await page.waitForSelector('.week-grid');
    expect(page.url()).toContain('#/events/week');
    await expect.poll(() => page.getByTestId('cal-week').textContent()).toMatch(/^Semaine du \d+/);
    expect(await page.locator('.week-day').count()).toBe(7);
    expect(await page.locator('.week-day-head').first().textContent()).toMatch(/^lundi/i);
    // Each event of this week sits in the column of its first day here, with its hours.
    await expect.poll(() => page.locator('.week-event').count()).toBeGreaterThan(0);
    const first = [...inWeek].sort((a, b) => a.startsAt - b.startsAt)[0]!;
    const col = (zonedParts(Math.max(first.startsAt, monday), PARIS).weekday + 6) % 7;
    await expect.poll(() => page.locator('.week-day').nth(col).textContent()).toContain(first.clientName);
    await shoot('events-week-fr');
    // Next week, and back to this one.
    const label = await page.getByTestId('cal-week').textContent();
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await expect.poll(() => page.getByTestId('cal-week').textContent()).not.toBe(label);
    await page.getByRole('button', { name: 'Cette semaine' }).click();
    await expect.poll(() => page.getByTestId('cal-week').textContent()).toBe(label);
    // An event opens its page from the week.
    const name = (await page.locator('.week-event strong').first().textContent())!;
    await page.locator('.week-event').first().click();
    await page.waitForURL(/#\/events\/[^/]+$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain(name);
    await page.goBack();
    await page.waitForSelector('.week-grid');
    await page.getByRole('button', { name: 'Calendrier du mois' }).click();
    await page.waitForSelector('.month-grid');
    await lang('en');
    await go('events/week');
    await page.waitForSelector('.week-grid');
    await expect.poll(() => page.getByTestId('cal-week').textContent()).toMatch(/^Week of /);
    expect(await page.locator('.week-day-head').first().textContent()).toMatch(/^Monday/i);
    await expect.poll(() => page.locator('.week-event').count()).toBeGreaterThan(0);
    await shoot('events-week-en');
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.waitForSelector('.events-table');
    await lang('fr');
  }, 90_000);

  it('refuses a booth name or MAC already taken at the field, in words, never an index name', async () => {
    const booths = await rpc<Array<{ name: string; mac: string | null }>>('booths.list', {});
    const taken = booths.find((b) => b.mac)!;
    await go('fleet/new');
    await page.waitForSelector('#booth-name');
    await page.locator('#booth-name').fill(taken.name.toUpperCase());
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const nameError = page.locator('#booth-name ~ .field-error');
    await expect.poll(() => nameError.textContent()).toBe('Une borne porte déjà ce nom');
    expect(await page.locator('.page').textContent()).not.toMatch(/index|booths_name|Already exists/);
    // The route checkboxes sit on their label's line, the box its own size.
    const box = await page.getByRole('checkbox', { name: /relais|relay/i }).boundingBox();
    expect(box!.width).toBeLessThan(30);
    const label = await page.locator('label', { has: page.getByRole('checkbox', { name: /relais|relay/i }) }).boundingBox();
    expect(label!.height).toBeLessThan(32);
    await shoot('booth-duplicate-fr');
    await page.locator('#booth-name').fill('Borne Nouvelle');
    await page.locator('#booth-mac').fill(taken.mac!.toLowerCase());
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.locator('#booth-mac ~ .field-error').textContent()).toBe('Une borne a déjà cette adresse MAC');
    await lang('en');
    await page.locator('#booth-name').fill(taken.name);
    await page.locator('#booth-mac').fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#booth-name ~ .field-error').textContent()).toBe('A booth with this name already exists');
    await shoot('booth-duplicate-en');
    await lang('fr');
    expect((await rpc<unknown[]>('booths.list', {})).length).toBe(booths.length);
  }, 90_000);

  it('a SKU already taken is refused at its field in French, "La référence … existe déjà"', async () => {
    const before = await rpc<{ total: number }>('catalog.products.list', { limit: 1 });
    await go('catalog/new');
    const sku = page.locator('label', { hasText: 'Référence' }).locator('input');
    await sku.fill('CAD-0049');
    await page.locator('label', { hasText: 'Désignation' }).locator('input').fill('Doublon');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect
      .poll(() => page.locator('label', { hasText: 'Référence' }).locator('.field-error').textContent())
      .toBe('La référence CAD-0049 existe déjà');
    await shoot('product-duplicate-fr');
    expect((await rpc<{ total: number }>('catalog.products.list', { limit: 1 })).total).toBe(before.total);
  }, 30_000);

  it('future events read "à venir" on the booth page and the event page too, never 0/0/0/0', async () => {
    const now = Date.now();
    const future = (
      await rpc<Array<{ id: string; boothId: string | null; startsAt: number }>>('bookings.list', { from: now + 86_400_000, limit: 50 })
    ).find((e) => e.boothId && e.startsAt > now + 86_400_000)!;
    await go(`fleet/${future.boothId}`);
    await expect.poll(() => page.getByTestId('booth-event-upcoming').count()).toBeGreaterThan(0);
    const rows = await page.locator('section.panel', { hasText: 'Événements' }).locator('tbody tr').allInnerTexts();
    for (const r of rows.filter((x) => x.includes('à venir'))) expect(r).not.toMatch(/\b0\s+0\s+0\s+0\b/);
    await shoot('booth-page-fr');
    await go(`events/${future.id}`);
    await expect.poll(() => page.getByTestId('event-upcoming').textContent()).toBe('à venir');
  }, 60_000);

  it('Power on from Today: the same primary button as the fleet, and the wake state in words underneath', async () => {
    await go('today');
    const button = page.getByTestId('today-power-on').first();
    await button.waitFor({ timeout: 15_000 });
    const bg = await button.evaluate((e) => getComputedStyle(e).backgroundColor);
    await go('fleet');
    const fleetBg = await page
      .locator('button.primary', { hasText: 'Allumer' })
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe(fleetBg);
    await go('today');
    await page.getByTestId('today-power-on').first().click();
    // The demo has no relay nor reachable LAN: the state names the route being tried, in French.
    await expect.poll(() => page.getByTestId('wake-state').first().textContent(), { timeout: 15_000 }).toMatch(/relais|diffusion|routeur/i);
    await shoot('today-power-on-fr');
  }, 60_000);

  it('units agree with their quantity: "30 lots", "2 pces", "1 lot"', async () => {
    // The demo opened from the sign-in step runs its first forecast in the background.
    await expect
      .poll(() => rpc<unknown[]>('forecast.replenishment', { withinDays: 7 }).then((l) => l.length), { timeout: 180_000, interval: 2000 })
      .toBeGreaterThan(0);
    await go('forecasts/replenishment');
    await page.waitForSelector('text=À commander cette semaine');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toMatch(/\d+\s?(lots|pces)(?![a-zà-ÿ])/);
    const text = (await page.locator('main').innerText()) ?? '';
    // A quantity of 2 or more is never followed by a singular unit.
    expect(text).not.toMatch(/(?<![\d,])(?:[2-9]|\d{2,})\s(?:lot|pce)(?![a-zà-ÿ])/);
    await go('stock');
    await page.waitForSelector('text=Stock bas');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/\d+\s(?:pces|lots)/);
    const stock = (await page.locator('main').innerText()) ?? '';
    expect(stock).not.toMatch(/(?<![\d,])(?:[2-9]|\d{2,})\s(?:lot|pce)(?![a-zà-ÿ])/);
    expect(stock).toMatch(/\d+\s(?:pces|lots)/);
    await lang('en');
    await go('forecasts/replenishment');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toMatch(/\d+\s?(lots|pcs)(?![a-zà-ÿ])/);
    expect((await page.locator('main').innerText()) ?? '').not.toMatch(/(?<![\d,.])(?:[2-9]|\d{2,})\s(?:lot|pce|pc)(?![a-zà-ÿ])/);
    await shoot('replenishment-units-en');
    await lang('fr');
  }, 240_000);

  it('polish: no truncated column title or search placeholder, centred links, steps apart, one primary colour, round ticks', async () => {
    // Column titles of the forecast list: none cut with an ellipsis.
    await go('forecasts');
    await page.waitForSelector('[data-testid="forecast-table"] [role="columnheader"]');
    const cut = () =>
      page.$$eval('[data-testid="forecast-table"] [role="columnheader"]', (els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
      );
    await expect.poll(cut).toEqual([]);
    // No engine code in the method column ("sba+weekday"), read once the rows are there.
    await page.locator('[data-testid="forecast-table"] .fc-row').first().waitFor();
    expect(await page.locator('[data-testid="forecast-table"]').textContent()).not.toMatch(/\+weekday|\+year/);
    // Every search placeholder fits its field (measured with the field's own font), on every page with one.
    const unfit = () =>
      page.$$eval('input[type="search"]', (els) =>
        els
          .filter((el) => (el as HTMLElement).offsetParent)
          .map((el) => {
            const input = el as HTMLInputElement;
            const cs = getComputedStyle(input);
            const ctx = document.createElement('canvas').getContext('2d')!;
            ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
            const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24; // the clear button
            return { placeholder: input.placeholder, fits: ctx.measureText(input.placeholder).width <= room };
          })
          .filter((x) => !x.fits)
          .map((x) => x.placeholder),
      );
    await shoot('forecasts-list-fr');
    for (const route of ['forecasts', 'catalog', 'fleet', 'clients']) {
      await go(route);
      await page.waitForSelector('input[type="search"]');
      await expect.poll(unfit, { message: route }).toEqual([]);
    }

    // Wrapped product links in the stock tables read from the left.
    await go('stock');
    await page.waitForSelector('text=Stock bas');
    const aligns = await page.$$eval('table .link-button', (els) => [...new Set(els.map((e) => getComputedStyle(e).textAlign))]);
    expect(aligns.every((a) => a === 'start' || a === 'left')).toBe(true);
    // A SKU stays on one line (it broke at its hyphen in the narrow stock-out table).
    const wrapped = await page.$$eval(
      'table td.sku',
      (els) =>
        els.filter((e) => {
          const r = document.createRange();
          r.selectNodeContents(e);
          return r.getClientRects().length > 1;
        }).length,
    );
    expect(wrapped).toBe(0);

    // The CSV import steps stand apart.
    await go('stock/import');
    await page.waitForSelector('ol.steps li');
    const steps = await page.$$eval('ol.steps li', (els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })),
    );
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.left - steps[i - 1]!.right).toBeGreaterThanOrEqual(16);
    await shoot('import-steps-fr');

    // One primary colour: every form's submit button looks the same (the accent), on every form.
    const accent = async () =>
      page.$$eval('form button[type="submit"]', (els) =>
        els.filter((e) => (e as HTMLElement).offsetParent).map((e) => getComputedStyle(e).backgroundColor),
      );
    const colours = new Set<string>();
    for (const route of ['fleet/new', 'settings', 'catalog/new', 'events/new']) {
      await go(route);
      await page.waitForSelector('form button[type="submit"]');
      for (const c of await accent()) colours.add(c);
    }
    expect([...colours]).toHaveLength(1);

    // The projected-stock axis of a product reads in round steps.
    const line = (await rpc<Array<{ productId: string }>>('forecast.replenishment', { withinDays: 7 }))[0]!;
    await go(`forecasts/product/${line.productId}`);
    for (const chart of ['forecast-stock-chart', 'forecast-demand-chart']) {
      const sel = `[data-testid="${chart}"] .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value`;
      await page.waitForSelector(sel);
      const ticks = await page.$$eval(sel, (els) =>
        els.map((e) => Number((e.textContent ?? '').replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'))),
      );
      expect(ticks.length, chart).toBeGreaterThanOrEqual(3);
      const step = ticks[1]! - ticks[0]!;
      // 1, 2, 2.5 or 5 × a power of ten, the same between every tick.
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect(
        [1, 2, 2.5, 5].some((m) => Math.abs(m - mantissa) < 1e-9),
        `${chart}: ${ticks.join(' / ')}`,
      ).toBe(true);
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!, `${chart}: ${ticks.join(' / ')}`).toBeCloseTo(step);
    }
    await shoot('forecast-product-fr');
  }, 90_000);
});
