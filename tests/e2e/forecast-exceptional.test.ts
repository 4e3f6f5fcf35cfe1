import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { lcg, poisson } from '../fixtures/randomCounts.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');
const DAY = 86_400_000;
/** Polls long enough for a loaded machine (2 cores shared with other test runs): vitest's default is 1 s. */
const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

type PF = { history: Array<{ day: number; quantity: number; closed?: boolean; stockout?: boolean; exceptional?: 'high' | 'low' }> };

/**
 * The product page of a product with a promotion week in its sales: the days the forecast set
 * aside are shaded on the chart, counted and explained in one sentence, listed for screen readers
 * and the keyboard; in French and English, light and dark, after a reload, in both chart views.
 */
describe.skipIf(!chromiumAvailable())('exceptional days on the product page in Chromium', { timeout: 120_000 }, () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let promo: string;
  let smooth: string;
  const errors: string[] = [];
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const today = Math.floor(Date.now() / DAY) * DAY;

  /** The Saturday 55–61 days ago: nothing sold on it with a full shelf (an unexplained dip). */
  const dip = [-55, -56, -57, -58, -59, -60, -61].find((d) => new Date(today + d * DAY).getUTCDay() === 6)!;

  /** 400 days of sales recorded through the stock channel (Mon–Sat ~12–20, Sunday ~6); when `withPromo`, ×4 in the week 40–34 days ago and nothing on `dip`. */
  async function seller(sku: string, name: string, warehouse: string, withPromo: boolean): Promise<string> {
    const id = (await rpc<{ id: string }>('catalog.products.create', { sku, name, price: 5, cost: 2, leadTimeDays: 7 })).id;
    const rnd = lcg(sku.length * 7919 + 17);
    const draw = (mean: number) => poisson(mean, rnd);
    const base = [6, 12, 12, 14, 15, 18, 20];
    const movements: unknown[] = [
      { productId: id, locationId: warehouse, type: 'in', quantity: 100_000, occurredAt: today - 401 * DAY + 6 * 3_600_000 },
    ];
    for (let d = -400; d < 0; d++) {
      const day = today + d * DAY;
      const q = draw(base[new Date(day).getUTCDay()]! * (withPromo && d >= -40 && d <= -34 ? 4 : 1));
      if (q > 0 && !(withPromo && d === dip))
        movements.push({ productId: id, locationId: warehouse, type: 'out', quantity: q, occurredAt: day + 12 * 3_600_000 });
    }
    await rpc('stock.recordBatch', { movements, confirm: true });
    return id;
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    served = await startServe();
    await rpc('system.setup', { choice: 'empty' });
    const wh = await rpc<{ id: string }>('stock.locations.create', { name: 'Boutique', kind: 'warehouse' });
    await rpc('stock.mainWarehouse.set', { locationId: wh.id });
    promo = await seller('GOBELET-PROMO', 'Gobelets (promo en novembre)', wh.id, true);
    smooth = await seller('SERVIETTES', 'Serviettes', wh.id, false);
    await rpc('forecast.run', {});
    ({ browser, page } = await openBrowser(served, { timeout: 15_000 }));
    page.on('pageerror', (e) => errors.push(e.message));
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  /** What the core marks in the last `days` days of history. */
  async function marked(days: number) {
    const pf = await rpc<PF>('forecast.product', { productId: promo });
    const last = pf.history[pf.history.length - 1]!.day;
    const shown = pf.history.filter((h) => h.exceptional && h.day > last - days * DAY);
    return { high: shown.filter((h) => h.exceptional === 'high').length, low: shown.filter((h) => h.exceptional === 'low').length };
  }

  it('shades, counts and explains the promotion days the forecast set aside (FR), and keeps them after a reload', async () => {
    const { high, low } = await marked(90);
    // The ×4 week stands out of the noise: most of its days are set aside.
    expect(high).toBeGreaterThanOrEqual(5);
    expect(low).toBeGreaterThanOrEqual(1);
    await go(`forecasts/product/${promo}`);
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 mois' }).click();
    const days = `${high} jours exceptionnellement hauts (promotion ou événement ?)${low ? ` et ${low} creux inexpliqué${low > 1 ? 's' : ''} (hors rupture)` : ''}`;
    await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toBe(
      `${days} sur la période (en violet) : la prévision les a écartés de son niveau et du profil de la semaine et de l’année, mais garde leur fréquence dans la fourchette P10–P90.`,
    );
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-day').count()).toBe(high + low);
    // The chart's text alternative: the figure points at the sentence, whose list names each day.
    expect(await page.getByTestId('forecast-demand-chart').getAttribute('aria-describedby')).toContain('fc-exceptional-note');
    await page.getByTestId('forecast-exceptional-list').locator('summary').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('[data-testid="forecast-exceptional-list"] li').count()).toBe(high + low);
    const items = await page.locator('[data-testid="forecast-exceptional-list"] li').allTextContents();
    expect(items.filter((i) => /^\S+ \d+ \S+ \d{4} : \d+ pces?, haut$/.test(i))).toHaveLength(high);
    expect(items.filter((i) => /^sam\. \d+ \S+ \d{4} : 0 pce, creux$/.test(i))).toHaveLength(1);
    // The tooltip of a shaded day says what it is.
    const first = page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-high').first();
    const box = (await first.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
    await poll(() => page.getByTestId('forecast-tooltip').textContent()).toContain('Jour exceptionnel (promotion ou événement ?)');
    // The method panel counts them over the year of history the page holds.
    await page.getByTestId('forecast-details').locator('summary').click();
    const year = await marked(365);
    await poll(() => page.getByTestId('forecast-exceptional-count').textContent()).toBe(
      `${year.high} jours exceptionnellement hauts (promotion ou événement ?)${year.low ? ` et ${year.low} creux inexpliqué${year.low > 1 ? 's' : ''} (hors rupture)` : ''} sur l’année affichée, mis de côté pour le niveau et le profil de la prévision ; leur fréquence reste dans la fourchette`,
    );
    // Not a stock-out among them: none counted (French reads 0 in the singular, with its number, not "1 jour").
    expect(await page.getByTestId('forecast-stockout-count').textContent()).toBe(
      '0 jour de rayon vide sur l’année affichée, lu comme une demande non observée',
    );
    await shot('forecast-exceptional-fr');
    await page.mouse.move(0, 0);
    await page.getByTestId('forecast-demand-chart').screenshot({ path: path.join(SHOTS, 'forecast-exceptional-chart-fr.png') });
    await page.reload();
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-day').count()).toBe(high + low);
    await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toMatch(/^\d+ jours exceptionnellement hauts/);

    // The yearly view marks the promotion's week.
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '1 an' }).click();
    await poll(() => page.getByTestId('forecast-demand-chart').getAttribute('data-view')).toBe('weekly');
    await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toContain('(leurs semaines en violet)');
    expect(await page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-day').count()).toBeGreaterThanOrEqual(1);
    await shot('forecast-exceptional-year-fr');
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 mois' }).click();

    // A smooth product says nothing of the kind.
    await go(`forecasts/product/${smooth}`);
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('forecast-exceptional-days').count()).toBe(0);
    expect(await page.locator('.fc-exceptional-day').count()).toBe(0);
  });

  it('reads in English and in the dark theme', async () => {
    const { high, low } = await marked(90);
    await rpc('settings.setDisplay', { language: 'en', theme: 'dark' });
    await page.reload();
    await page.waitForSelector('.app');
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await go(`forecasts/product/${promo}`);
    await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toMatch(
      /^\d+ exceptionally high days \(promotion or event\?\)/,
    );
    expect(await page.getByTestId('forecast-exceptional-days').textContent()).toMatch(
      /in this period \(in purple\): the forecast left them out of its level and of the weekly and yearly pattern, but keeps their frequency in the P10–P90 band\.$/,
    );
    expect(await page.getByTestId('forecast-exceptional-days').textContent()).toContain(
      `${high} exceptionally high days (promotion or event?) and ${low} unexplained dip${low > 1 ? 's (not stock-outs)' : ' (not a stock-out)'} in this period`,
    );
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-day').count()).toBe(high + low);
    await page.getByTestId('forecast-exceptional-list').locator('summary').click();
    expect(await page.locator('[data-testid="forecast-exceptional-list"] li').allTextContents()).toContainEqual(
      expect.stringMatching(/^Sat, \S+ \d+, \d{4}: 0 pcs?, dip$/),
    );
    await shot('forecast-exceptional-en-dark');
    await page.getByTestId('forecast-demand-chart').screenshot({ path: path.join(SHOTS, 'forecast-exceptional-chart-en-dark.png') });
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '1 year' }).click();
    await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toContain('(their weeks in purple)');
    await shot('forecast-exceptional-year-en-dark');
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 months' }).click();
    await rpc('settings.setDisplay', { language: 'fr', theme: 'light' });
    expect(errors).toEqual([]);
  });
});
