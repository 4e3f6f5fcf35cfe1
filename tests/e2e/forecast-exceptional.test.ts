import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type Day = { day: number; quantity: number; closed?: boolean; stockout?: boolean; exceptional?: 'high' | 'low' };
type PF = { history: Day[]; exceptionalDays?: { readFrom: number; older: Day[] } | null; params: Record<string, number> };

/**
 * The product page of a product with a promotion week in each of the two years of sales the
 * forecast reads: the days it set aside in the period shown are shaded on the chart, counted and
 * explained in one sentence, which says too how many it set aside before that period (the page
 * holds one year); all are listed for screen readers and the keyboard, the older ones apart, and
 * the method panel's count adds up with them; in French and English, light and dark, after a
 * reload, in both chart views.
 */
describe.skipIf(!chromiumAvailable() || !pinnedClockAvailable())(
  'exceptional days on the product page in Chromium',
  { timeout: 120_000 },
  () => {
    let served: Served;
    let browser: Browser;
    let page: Page;
    let promo: string;
    let smooth: string;
    const errors: string[] = [];
    const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
    const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
    const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    /** Pairs of the stock chart's texts (reference-line labels, dates) whose boxes overlap. */
    const overlappingLabels = () =>
      page
        .getByTestId('forecast-stock-chart')
        .locator('text.recharts-label, .recharts-xAxis-tick-labels text')
        .evaluateAll((els) => {
          const boxes = els.map((el) => ({ text: el.textContent ?? '', box: el.getBoundingClientRect() }));
          const hits: string[] = [];
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i]!.box;
              const b = boxes[j]!.box;
              if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                hits.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
            }
          return { count: boxes.length, hits };
        });
    /** A chart's Y-axis labels and whether each lies whole inside its SVG (recharts cut a label wider than a fixed 48 px axis: "100 000" read "00 000"). */
    const yLabels = (testId: string) =>
      page
        .getByTestId(testId)
        .locator('.recharts-yAxis-tick-labels text')
        .evaluateAll((els) =>
          els.map((el) => {
            const box = el.getBoundingClientRect();
            const svg = (el as SVGTextElement).ownerSVGElement!.getBoundingClientRect();
            return { text: el.textContent ?? '', fits: box.left >= svg.left - 0.5 && box.width > 0 };
          }),
        );
    // The calendar pinned (tests/fixtures/clock.ts): the seeded draws fall on other weekdays and
    // holidays each day the suite runs, and on some days (31 Dec 2026, any hour) the smooth product
    // drew a Sunday with nothing sold (Poisson(6) = 0, 8 Feb 2026), rightly set aside as a dip.
    const PINNED = Date.UTC(2026, 11, 8, 12);
    const today = Math.floor(PINNED / DAY) * DAY;

    /** A Saturday `from` to `from` − 6 days ago: nothing sold on it with a full shelf (an unexplained dip). */
    const saturday = (from: number) =>
      Array.from({ length: 7 }, (_, i) => from - i).find((d) => new Date(today + d * DAY).getUTCDay() === 6)!;
    const dips = [saturday(-55), saturday(-400)];
    /** The promotion weeks: 40–34 days ago, and in the year before the one the page shows, 420–414 days ago. */
    const promoDay = (d: number) => (d >= -40 && d <= -34) || (d >= -420 && d <= -414);
    const longDate = (day: number, locale: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day);

    beforeAll(async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const clock = pinClock(PINNED);
      served = await startServe({ clock });
      const shop = await bridgeShop(served, today);
      /** Mon–Sat ~12–20, Sunday ~6; ×4 in the promotion weeks and nothing on the `dips` when `withPromo`. */
      const base = [6, 12, 12, 14, 15, 18, 20];
      const seller = (sku: string, name: string, withPromo: boolean) =>
        shop.seller({
          sku,
          name,
          leadTimeDays: 7,
          mean: (d, _day, weekday) => base[weekday]! * (withPromo && promoDay(d) ? 4 : 1),
          skip: (d) => withPromo && dips.includes(d),
        });
      promo = await seller('GOBELET-PROMO', 'Gobelets (promo en novembre)', true);
      smooth = await seller('SERVIETTES', 'Serviettes', false);
      await rpc('forecast.run', {});
      ({ browser, page } = await openBrowser(served, { clock, timeout: 15_000 }));
      page.on('pageerror', (e) => errors.push(e.message));
    }, 180_000);
    afterAll(() => closeApp({ browser, served }));

    /**
     * What the core marks in the last `days` days of history, how many days it set aside before them
     * (the rest of the year the page holds, and the year before it), where the period starts, and
     * the stored counts.
     */
    async function marked(days: number) {
      const pf = await rpc<PF>('forecast.product', { productId: promo });
      const last = pf.history[pf.history.length - 1]!.day;
      const from = last - (days - 1) * DAY;
      const shown = pf.history.filter((h) => h.exceptional && h.day >= from);
      const older = pf.history.filter((h) => h.exceptional && h.day < from).length + (pf.exceptionalDays?.older.length ?? 0);
      return {
        high: shown.filter((h) => h.exceptional === 'high').length,
        low: shown.filter((h) => h.exceptional === 'low').length,
        older,
        beyondYear: pf.exceptionalDays?.older.length ?? 0,
        from,
        readFrom: pf.exceptionalDays?.readFrom ?? 0,
        stored: { high: pf.params.outliersHigh ?? 0, low: pf.params.outliersLow ?? 0 },
      };
    }

    it('shades, counts and explains the promotion days the forecast set aside (FR), and keeps them after a reload', async () => {
      const { high, low, older, beyondYear, from } = await marked(90);
      // The ×4 weeks stand out of the noise: most of their days are set aside, the older one's before the year the page holds.
      expect(high).toBeGreaterThanOrEqual(5);
      expect(low).toBeGreaterThanOrEqual(1);
      expect(beyondYear).toBeGreaterThanOrEqual(5);
      await go(`forecasts/product/${promo}`);
      await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 mois' }).click();
      const days = `${high} jours exceptionnellement hauts (promotion ou événement ?)${low ? ` et ${low} creux inexpliqué${low > 1 ? 's' : ''} (hors rupture)` : ''}`;
      await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toBe(
        `${days} sur la période affichée (en violet) : la prévision les a écartés de son niveau et du profil de la semaine et de l’année, mais garde leur fréquence dans la fourchette P10–P90. Elle a aussi écarté ${older} jours plus anciens, avant le ${longDate(from, 'fr-FR')}, hors de ce graphique (voir la liste).`,
      );
      await poll(() => page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-day').count()).toBe(high + low);
      // The chart's text alternative: the figure points at the sentence, whose list names each day.
      expect(await page.getByTestId('forecast-demand-chart').getAttribute('aria-describedby')).toContain('fc-exceptional-note');
      await page.getByTestId('forecast-exceptional-list').locator('summary').focus();
      await page.keyboard.press('Enter');
      await poll(() => page.locator('[data-testid="forecast-exceptional-shown"] li').count()).toBe(high + low);
      const items = await page.locator('[data-testid="forecast-exceptional-shown"] li').allTextContents();
      expect(items.filter((i) => /^\S+ \d+ \S+ \d{4} : \d+ pces?, haut$/.test(i))).toHaveLength(high);
      expect(items.filter((i) => /^sam\. \d+ \S+ \d{4} : 0 pce, creux$/.test(i))).toHaveLength(1);
      // The older days, apart under their heading: the older year's promotion and dip among them.
      expect(await page.locator('.fc-exceptional-older').textContent()).toBe(`Avant le ${longDate(from, 'fr-FR')}, hors de ce graphique :`);
      const olderItems = await page.locator('[data-testid="forecast-exceptional-older"] li').allTextContents();
      expect(olderItems).toHaveLength(older);
      expect(
        olderItems.filter(
          (i) =>
            i.startsWith(`${new Intl.DateTimeFormat('fr-FR', { weekday: 'short', timeZone: 'UTC' }).format(today + dips[1]! * DAY)}`) &&
            i.endsWith(': 0 pce, creux'),
        ),
      ).toHaveLength(1);
      expect(olderItems.filter((i) => / \d{4} : \d+ pces?, haut$/.test(i)).length).toBeGreaterThanOrEqual(5);
      // The tooltip of a shaded day says what it is.
      const first = page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-high').first();
      const box = (await first.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
      await poll(() => page.getByTestId('forecast-tooltip').textContent()).toContain('Jour exceptionnel (promotion ou événement ?)');
      // The method panel counts them over all the history the forecast reads: the stored counts, with how many in the year the page holds.
      await page.getByTestId('forecast-details').locator('summary').click();
      const year = await marked(365);
      const all = year.stored;
      expect(all.high + all.low).toBe(year.high + year.low + year.older);
      await poll(() => page.getByTestId('forecast-exceptional-count').textContent()).toBe(
        `${all.high} jours exceptionnellement hauts (promotion ou événement ?)${all.low ? ` et ${all.low} creux inexpliqué${all.low > 1 ? 's' : ''} (hors rupture)` : ''} depuis le ${longDate(year.readFrom, 'fr-FR')} (tout l’historique que lit la prévision), dont ${year.high + year.low} sur l’année affichée ; mis de côté pour le niveau et le profil de la prévision ; leur fréquence reste dans la fourchette`,
      );
      // Not a stock-out among them: none counted (French reads 0 in the singular, with its number, not "1 jour").
      expect(await page.getByTestId('forecast-stockout-count').textContent()).toBe(
        '0 jour de rayon vide sur l’année affichée, lu comme une demande non observée',
      );
      // The projected stock reaches six figures: its axis shows "100 000" whole.
      const frAxis = await yLabels('forecast-stock-chart');
      expect(frAxis.map((l) => l.text)).toContain('100\u202f000');
      expect(frAxis.filter((l) => !l.fits)).toEqual([]);
      // Safety stock (45) and reorder point (248) both sit near 0 on that axis: their labels and the dates stay apart.
      const frLabels = await overlappingLabels();
      expect(frLabels.count).toBeGreaterThan(6);
      expect(frLabels.hits).toEqual([]);
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
      // The yearly view starts at its first whole week: the days before it, with the older year's, are counted as older.
      expect(await page.getByTestId('forecast-exceptional-days').textContent()).toMatch(
        / Elle a aussi écarté \d+ jours plus anciens, avant le \d+ \S+ \d{4}, hors de ce graphique \(voir la liste\)\.$/,
      );
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
      const { high, low, older } = await marked(90);
      await rpc('settings.setDisplay', { language: 'en', theme: 'dark' });
      await page.reload();
      await page.waitForSelector('.app');
      await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await go(`forecasts/product/${promo}`);
      await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toMatch(
        /^\d+ exceptionally high days \(promotion or event\?\)/,
      );
      expect(await page.getByTestId('forecast-exceptional-days').textContent()).toMatch(
        new RegExp(
          `in the period shown \\(in purple\\): the forecast left them out of its level and of the weekly and yearly pattern, but keeps their frequency in the P10–P90 band\\. It also set aside ${older} older days, before .+ \\d{4}, outside this chart \\(see the list\\)\\.$`,
        ),
      );
      expect(await page.getByTestId('forecast-exceptional-days').textContent()).toContain(
        `${high} exceptionally high days (promotion or event?) and ${low} unexplained dip${low > 1 ? 's (not stock-outs)' : ' (not a stock-out)'} in the period shown`,
      );
      await poll(() => page.locator('[data-testid="forecast-demand-chart"] .fc-exceptional-day').count()).toBe(high + low);
      await page.getByTestId('forecast-exceptional-list').locator('summary').click();
      expect(await page.locator('[data-testid="forecast-exceptional-shown"] li').allTextContents()).toContainEqual(
        // Day first in English too (en-GB: the app serves a French business); en-US read "Sat, Oct 17, 2026".
        expect.stringMatching(/^Sat, \d+ \S+ \d{4}: 0 pcs?, dip$/),
      );
      expect(await page.locator('[data-testid="forecast-exceptional-older"] li').count()).toBe(older);
      expect(await page.locator('.fc-exceptional-older').textContent()).toMatch(/^Before .+ \d{4}, not on this chart:$/);
      await page.getByTestId('forecast-details').locator('summary').click();
      await poll(() => page.getByTestId('forecast-exceptional-count').textContent()).toMatch(
        /^\d+ exceptionally high days \(promotion or event\?\) and \d+ unexplained dips? \(not (a stock-out|stock-outs)\) since .+ \d{4} \(all the history the forecast reads\), \d+ of them in the year shown; set aside/,
      );
      const enAxis = await yLabels('forecast-stock-chart');
      expect(enAxis.map((l) => l.text)).toContain('100,000');
      expect(enAxis.filter((l) => !l.fits)).toEqual([]);
      expect((await overlappingLabels()).hits).toEqual([]);
      await shot('forecast-exceptional-en-dark');
      await page.getByTestId('forecast-demand-chart').screenshot({ path: path.join(SHOTS, 'forecast-exceptional-chart-en-dark.png') });
      await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '1 year' }).click();
      await poll(() => page.getByTestId('forecast-exceptional-days').textContent()).toContain('(their weeks in purple)');
      await shot('forecast-exceptional-year-en-dark');
      await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 months' }).click();
      await rpc('settings.setDisplay', { language: 'fr', theme: 'light' });
      expect(errors).toEqual([]);
    });
  },
);
