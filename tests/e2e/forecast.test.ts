import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHoliday } from '@core/modules/forecast/holidays.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');
/** Polls long enough for a loaded machine (2 cores shared with other test runs): vitest's default is 1 s. */
const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

/** The forecast screens on the real `opsdeck serve` with the demo database: list, product chart with its band, to-order list and export. */
describe.skipIf(!chromiumAvailable())('forecasts on the demo data in Chromium', { timeout: 90_000 }, () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  type Row = { productId: string; status: string; suggestedQty: number; model: string | null; driver: string; kind: string | null };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    ({ served, browser, page } = await openApp({ demo: true }, { acceptDownloads: true, timeout: 15_000, open: 'none' }));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.appUrl);
    await page.waitForSelector('.app');
  }, 180_000);
  afterAll(() => closeApp({ browser, served }));

  it('lists every demo product with its forecast, most urgent first', async () => {
    const list = await rpc<{ items: Row[]; total: number; computedAt: number | null }>('forecast.list', { limit: 1000 });
    expect(list.computedAt).not.toBeNull();
    await go('forecasts');
    await poll(() => page.getByTestId('forecast-total').textContent(), 30_000).toBe(`${list.total} produits`);
    expect(await page.locator('.fc-row').count()).toBeGreaterThan(10);
    // Virtualized: far fewer rows in the DOM than products.
    expect(await page.locator('.fc-row').count()).toBeLessThan(list.total);
    expect(await page.locator('.fc-row').first().getAttribute('data-status')).toBe(list.items[0]!.status);
    expect(await page.getByTestId('forecast-computed').textContent()).toContain('Calculées');
    expect(await page.locator('.fc-row .fc-badge').first().textContent()).toMatch(/\S/);
    await shot('forecast-demo-list-fr');
    await page.getByTestId('forecast-status').selectOption('order_now');
    await poll(async () =>
      (await page.locator('.fc-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).every((s) => s === 'order_now'),
    ).toBe(true);
    await page.getByTestId('forecast-status').selectOption('');
  }, 60_000);

  it('shows a product with history, the P50 line, the P10–P90 band and the projected stock; reliability in words', async () => {
    const list = await rpc<{ items: Row[] }>('forecast.list', { limit: 1000 });
    // A regular seller (slow movers sell on too few days for a bar chart worth checking).
    const regular = (r: Row) => r.driver === 'history' && (r.kind === 'smooth' || r.kind === 'erratic');
    const target =
      list.items.find((r) => r.status === 'order_now' && regular(r)) ??
      list.items.find(regular) ??
      list.items.find((r) => r.model !== null)!;
    await go(`forecasts/product/${target.productId}`);
    await poll(() => page.getByTestId('forecast-product').isVisible()).toBe(true);
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="forecast-demand-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="forecast-demand-chart"] .recharts-line-curve').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('forecast-accuracy').textContent()).toMatch(/prévision naïve|Fiabilité non mesurée/);
    await poll(() => page.getByTestId('forecast-replenishment-box').textContent()).toContain('Point de commande');
    await page.getByTestId('forecast-details').locator('summary').click();
    await shot('forecast-demo-product-fr');
    // The catalog's product page links here.
    await go(`catalog/product/${target.productId}`);
    await poll(() => page.getByTestId('pd-forecast-link').isVisible()).toBe(true);
    await shot('forecast-demo-catalog-link-fr');
    await page.getByTestId('pd-forecast-link').click();
    await poll(() => page.getByTestId('forecast-product').isVisible()).toBe(true);
  });

  it('tells the stock-out days of a demo product apart from low sales: shaded, counted, explained (FR)', async () => {
    type PF = { history: Array<{ day: number; quantity: number; stockout?: boolean; closed?: boolean }> };
    const list = await rpc<{ items: Row[] }>('forecast.list', { limit: 1000 });
    let found: { id: string; days: number; year: number } | null = null;
    for (const r of list.items.filter((x) => x.driver === 'history' && x.model !== null)) {
      const pf = await rpc<PF>('forecast.product', { productId: r.productId });
      const last = pf.history[pf.history.length - 1]!.day;
      // The 3-month view shows the last 90 days of history.
      const days = pf.history.filter((h) => h.stockout && !h.closed && h.day > last - 90 * 86_400_000).length;
      if (days > 0) {
        found = { id: r.productId, days, year: pf.history.filter((h) => h.stockout).length };
        break;
      }
    }
    // The demo's shop runs out of some products between deliveries.
    expect(found).not.toBeNull();
    await go(`forecasts/product/${found!.id}`);
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 mois' }).click();
    await poll(() => page.getByTestId('forecast-stockout-days').textContent()).toMatch(
      new RegExp(`^${found!.days} jours? de rupture sur la période \\(en orange\\) : les ventes y sous-estiment la demande`),
    );
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .fc-stockout-day').count()).toBe(found!.days);
    // The method panel says how the forecast read them, and the shape of its band.
    await page.getByTestId('forecast-details').locator('summary').click();
    expect(await page.getByTestId('forecast-stockout-count').textContent()).toBe(
      `${found!.year} jours de rayon vide sur l’année affichée, lus comme une demande non observée`,
    );
    expect(await page.getByTestId('forecast-band-shape').textContent()).toMatch(/^Forme d’un comptage \(binomiale négative/);
    await shot('forecast-demo-stockouts-fr');
  }, 60_000);

  it('shows an event-driven consumable (paper) with its driver', async () => {
    const list = await rpc<{ items: Row[] }>('forecast.list', { limit: 1000 });
    const paper = list.items.find((r) => r.driver !== 'history');
    expect(paper, 'the demo links its paper to event prints').toBeDefined();
    await go(`forecasts/product/${paper!.productId}`);
    await poll(() => page.getByTestId('forecast-product').textContent()).toMatch(/Impressions aux événements|Nombre d’événements/);
    await poll(() => page.locator('[data-testid="forecast-driver"] select').inputValue()).toBe(paper!.driver);
    await shot('forecast-demo-paper-fr');
  });

  it('lists what to order with quantities and dates, and exports the CSV', async () => {
    await go('forecasts/replenishment');
    await page.getByTestId('forecast-within').selectOption('30');
    const lines = await rpc<Array<{ sku: string }>>('forecast.replenishment', { withinDays: 30 });
    if (lines.length === 0) {
      await poll(() => page.getByTestId('forecast-replenishment-empty').isVisible()).toBe(true);
      return;
    }
    await poll(() => page.locator('.fc-repl-table tbody tr[data-status]').count()).toBe(lines.length);
    expect(await page.getByTestId('forecast-replenishment-total').textContent()).toContain('€');
    await shot('forecast-demo-replenishment-fr');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('forecast-export').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(lines[0]!.sku);
    expect(text).toContain(';');
    // One byte-order mark (French Excel reads UTF-8), not two.
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.charCodeAt(1)).not.toBe(0xfeff);
    await poll(() => page.getByTestId('forecast-exported').textContent()).toContain(download.suggestedFilename());
  });

  it('shows the stock-out risks tile on the dashboard', async () => {
    const summary = await rpc<{ stockoutRisks: unknown[] }>('forecast.summary', {});
    await go('dashboard');
    await poll(() => page.getByTestId('stockout-tile').textContent()).toContain('Risques de rupture');
    // The tile's title shows before its figure has loaded.
    await poll(() => page.getByTestId('stockout-tile').locator('.tile-figure').textContent()).toBe(String(summary.stockoutRisks.length));
    await shot('forecast-demo-dashboard-fr');
  });

  it('recomputes incrementally from the list and says what it did', async () => {
    await go('forecasts');
    await page.getByTestId('forecast-recompute').click();
    await poll(() => page.getByTestId('forecast-outcome').textContent(), 60_000).toMatch(/Calcul terminé|Calcul arrêté/);
  }, 90_000);

  it('a shop closed on Sundays with a weekday pattern: no demand forecast on Sundays, Saturdays highest (FR and EN)', async () => {
    const DAY = 86_400_000;
    const today = Math.floor(Date.now() / DAY) * DAY;
    const product = await rpc<{ id: string }>('catalog.products.create', {
      sku: 'SAC-KRAFT',
      name: 'Sacs kraft (boutique fermée le dimanche)',
      unit: 'pce',
      cost: 0.2,
      leadTimeDays: 7,
      supplier: 'Emballages Rhône',
    });
    const iso = (d: number) => new Date(d).toISOString().slice(0, 10);
    const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');
    const fr = (d: number) => {
      const [y, m, dd] = iso(d).split('-');
      return `${dd}/${m}/${y}`;
    };
    // Mon 4 … Sat 12 a day (± 1), never on Sunday: the shop is closed.
    const base = [0, 4, 5, 5, 6, 8, 12];
    let seed = 5;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 3) - 1;
    const lines = ['date,sku,qty'];
    let sold = 0;
    // Closed on public holidays too (French and British: the country is switched below).
    for (let d = today - 182 * DAY; d < today; d += DAY) {
      const dow = new Date(d).getUTCDay();
      if (dow === 0 || isHoliday(d, 'FR') || isHoliday(d, 'GB')) continue;
      const q = base[dow]! + noise();
      sold += q;
      lines.push(`${iso(d)},SAC-KRAFT,${q}`);
    }
    // The initial stock goes where the sales lines (no location) go: the main warehouse, so no line
    // leaves it below zero; 58 are left today.
    await rpc('csv.importMovements', {
      kind: 'movements',
      contentBase64: b64(
        `Date;Référence;Type;Quantité;Emplacement;Destination;Motif\n${fr(today - 200 * DAY)};SAC-KRAFT;entrée;${sold + 58};;;Stock initial\n`,
      ),
    });
    await rpc('csv.importMovements', { kind: 'sales', contentBase64: b64(lines.join('\n') + '\n') });
    // The background schedule may be running after the imports (they feed forecasts): this run waits for it.
    await poll(
      () =>
        rpc('forecast.run', {}).then(
          () => 'done',
          (e: Error) => (/already in progress/.test(e.message) ? 'busy' : Promise.reject(e)),
        ),
      60_000,
    ).toBe('done');
    const pf = await rpc<{ forecast: Array<{ day: number; p10: number; p50: number; p90: number }>; row: { model: string | null } }>(
      'forecast.product',
      { productId: product.id },
    );
    expect(pf.row.model).toContain('weekday');
    const byDow = (dow: number) => pf.forecast.filter((f) => new Date(f.day).getUTCDay() === dow);
    expect(byDow(0).length).toBeGreaterThan(0);
    for (const f of byDow(0)) expect(f).toMatchObject({ p10: 0, p50: 0, p90: 0 });
    for (const f of byDow(6)) expect(f.p50).toBeGreaterThan(9);
    for (const f of byDow(1)) expect(f.p50).toBeLessThan(6);
    // About 60 left for 40 a week over a 7 + 7 day protection: order now, and the projection shows the order's effect.
    const advice = await rpc<{ row: { status: string; suggestedQty: number }; projection: Array<{ onHand: number; withOrder?: number }> }>(
      'forecast.product',
      { productId: product.id },
    );
    expect(advice.row.status).toBe('order_now');
    expect(advice.projection[7]!.withOrder!).toBeCloseTo(advice.projection[7]!.onHand + advice.row.suggestedQty, 6);

    // Closed days are Sundays and French holidays, told as closed (not as a demand of zero).
    const closed = await rpc<{
      forecast: Array<{ day: number; closed?: boolean }>;
      history: Array<{ day: number; closed?: boolean }>;
      closedDays: unknown;
    }>('forecast.product', { productId: product.id });
    expect(closed.closedDays).toEqual({ closedWeekdays: [0], holidayCountry: 'FR', holidaysApply: true });
    for (const f of closed.forecast) expect(!!f.closed, iso(f.day)).toBe(new Date(f.day).getUTCDay() === 0 || isHoliday(f.day, 'FR'));

    await go(`forecasts/product/${product.id}`);
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 mois' }).click();
    await poll(() => page.getByTestId('forecast-demand-chart').getAttribute('data-view')).toBe('daily');
    await poll(() => page.locator('[data-testid="forecast-stock-chart"] .recharts-line').count()).toBeGreaterThan(0);
    // The suggested order's delivery is marked where the stock with the order jumps.
    expect(await page.locator('[data-testid="forecast-stock-chart"] text', { hasText: 'Réception' }).count()).toBe(1);
    expect(await page.getByTestId('forecast-closed-days').textContent()).toMatch(
      /^Fermé le dimanche et les jours fériés \(France\) : aucune demande n’est prévue ces jours-là/,
    );
    // One grey column per closed day shown (90 days of history and the forecast), none for an open day.
    const lastHist = closed.history[closed.history.length - 1]!.day;
    const shown = [...closed.history.filter((h) => h.day > lastHist - 90 * DAY), ...closed.forecast].filter((x) => x.closed).length;
    const closedBars = page.locator('[data-testid="forecast-demand-chart"] .recharts-bar').nth(1).locator('.recharts-bar-rectangle');
    await poll(() => closedBars.count()).toBe(shown);
    // Pointing at the last closed day ahead says "Fermé", not a forecast of 0.
    const box = (await closedBars.last().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await poll(() => page.getByTestId('forecast-tooltip').textContent()).toMatch(/Fermé$/);
    await shot('forecast-closed-sunday-fr');
    await rpc('settings.set', { language: 'en' });
    await page.reload();
    await page.waitForSelector('.app');
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('forecast-closed-days').textContent()).toMatch(
      /^Closed on Sundays and public holidays \(France\): no demand is forecast on those days/,
    );
    await shot('forecast-closed-sunday-en');
    await rpc('settings.set', { language: 'fr' });
    await page.reload();
    await page.waitForSelector('.app');
  }, 90_000);

  it('the yearly view: a year of forecast made on demand, still closed on Sundays (FR and EN)', async () => {
    const list = await rpc<{ items: Array<{ productId: string; sku: string }> }>('forecast.list', { q: 'SAC-KRAFT' });
    const id = list.items.find((r) => r.sku === 'SAC-KRAFT')!.productId;
    const year = await rpc<{ forecast: Array<{ day: number; p50: number }> }>('forecast.product', { productId: id, horizonDays: 365 });
    expect(year.forecast).toHaveLength(365);
    for (const f of year.forecast.filter((p) => new Date(p.day).getUTCDay() === 0)) expect(f.p50).toBe(0);
    await go(`forecasts/product/${id}`);
    const band = page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area');
    const share = async () => {
      const chart = await page.locator('[data-testid="forecast-demand-chart"]').boundingBox();
      const area = await band.first().boundingBox();
      return chart && area ? area.width / chart.width : 0;
    };
    await poll(() => band.count()).toBeGreaterThan(0);
    // 3 months: 90 days of history and the stored 4 weeks of forecast — the band is the last quarter or so.
    await poll(share).toBeLessThan(0.35);
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '1 an' }).click();
    // The yearly view: ~half a year of history (all there is) and a year of forecast — the band spans most of the chart.
    await poll(share).toBeGreaterThan(0.55);
    // In weeks (a year of days is a comb of weekday peaks and closed Sundays): ~26 weeks of history, 52 ahead.
    const chart = page.getByTestId('forecast-demand-chart');
    await poll(() => chart.getAttribute('data-view')).toBe('weekly');
    expect(await page.locator('#fc-demand-title').textContent()).toBe('Demande par semaine : historique et prévision');
    const weeks = await chart.locator('.recharts-bar').first().locator('.recharts-bar-rectangle').count();
    expect(weeks).toBeGreaterThan(20);
    expect(weeks).toBeLessThan(28);
    await shot('forecast-year-view-fr');
    // The chosen range is kept: after a reload (here in English) the yearly view is still shown.
    await rpc('settings.set', { language: 'en' });
    await page.reload();
    await page.waitForSelector('.app');
    await poll(() => band.count()).toBeGreaterThan(0);
    await poll(() => chart.getAttribute('data-view')).toBe('weekly');
    expect(await page.locator('[data-testid="forecast-product"] .segmented label.selected').textContent()).toBe('1 year');
    expect(await page.locator('#fc-demand-title').textContent()).toBe('Demand per week: history and forecast');
    await poll(share).toBeGreaterThan(0.55);
    await shot('forecast-year-view-en');
    await page.locator('[data-testid="forecast-product"] .segmented label', { hasText: '3 months' }).click();
    await poll(() => chart.getAttribute('data-view')).toBe('daily');
    await rpc('settings.set', { language: 'fr' });
    await page.reload();
    await page.waitForSelector('.app');
  }, 90_000);

  it('changing the holiday country in Settings shows on the product page without a manual run (FR)', async () => {
    const id = (await rpc<{ items: Array<{ productId: string; sku: string }> }>('forecast.list', { q: 'SAC-KRAFT' })).items[0]!.productId;
    await go('settings');
    const select = page.locator('#pref-holidays');
    await poll(() => select.inputValue()).toBe('FR');
    expect(await page.locator('#pref-holidays + .help').textContent()).toContain(
      'les jours fermés apparaissent en gris sur la page de chaque produit',
    );
    // One country for the whole business (a global setting), said next to the field.
    expect(await page.locator('#pref-holidays + .help').textContent()).toContain('Un seul réglage pour tous les appareils de l’entreprise');
    // …in a panel of its own, not among this device's preferences.
    expect(await page.locator('[data-testid="settings-holidays"] #pref-holidays').count()).toBe(1);
    expect(await page.locator('[aria-labelledby="prefs-title"] #pref-holidays').count()).toBe(0);
    expect(await page.locator('#holidays-title').textContent()).toBe('Jours fériés des prévisions');
    await page.locator('#pref-holidays').scrollIntoViewIfNeeded();
    await shot('settings-holidays-shared-fr');
    await select.selectOption('GB');
    await poll(() => page.getByTestId('settings-holidays').getByRole('status').textContent()).toBe(
      'Enregistré : Royaume-Uni (Angleterre et pays de Galles). Les prévisions sont recalculées dans quelques secondes.',
    );
    await poll(async () => (await rpc<{ holidayCountry: string }>('settings.get', {})).holidayCountry).toBe('GB');
    await go(`forecasts/product/${id}`);
    // The background schedule recomputes a few seconds after the change; the page follows the run.
    await poll(() => page.getByTestId('forecast-closed-days').textContent(), 45_000).toMatch(
      /^Fermé le dimanche et les jours fériés \(Angleterre et pays de Galles\)/,
    );
    const pf = await rpc<{ forecast: Array<{ day: number; closed?: boolean }> }>('forecast.product', { productId: id });
    for (const f of pf.forecast)
      expect(!!f.closed, new Date(f.day).toISOString()).toBe(new Date(f.day).getUTCDay() === 0 || isHoliday(f.day, 'GB'));
    await shot('forecast-holidays-gb-fr');
    // Reloaded, the setting has stayed.
    await go('settings');
    await page.reload();
    await page.waitForSelector('.app');
    await poll(() => page.locator('#pref-holidays').inputValue()).toBe('GB');
    await page.locator('#pref-holidays').selectOption('FR');
    await poll(async () => (await rpc<{ holidayCountry: string }>('settings.get', {})).holidayCountry).toBe('FR');
  }, 90_000);

  it("sets a supplier's order days on the replenishment page; the review period follows (FR)", async () => {
    await go('forecasts/replenishment');
    await page.getByTestId('forecast-within').selectOption('30');
    const group = page.getByRole('group', { name: 'Jours de commande d’Emballages Rhône' });
    await poll(() => group.isVisible()).toBe(true);
    expect(await group.textContent()).toContain('revue hebdomadaire');
    const sac = (await rpc<{ items: Array<{ productId: string; sku: string }> }>('forecast.list', { q: 'SAC-KRAFT' })).items[0]!;
    expect((await rpc<{ reviewDays: number }>('forecast.product', { productId: sac.productId })).reviewDays).toBe(7);
    // Orders go out on Mondays and Thursdays.
    await group.getByRole('button', { name: /^lun/ }).click();
    await poll(() => group.getByRole('button', { name: /^lun/ }).getAttribute('aria-pressed')).toBe('true');
    await group.getByRole('button', { name: /^jeu/ }).click();
    await poll(() => group.getByRole('button', { name: /^jeu/ }).getAttribute('aria-pressed')).toBe('true');
    // The day shows pressed as it is clicked; the saving call may still be on its way.
    await poll(() => rpc('forecast.orderDays.list', {})).toEqual([{ supplier: 'Emballages Rhône', weekdays: [1, 4] }]);
    const review = (await rpc<{ reviewDays: number }>('forecast.product', { productId: sac.productId })).reviewDays;
    expect([3, 4]).toContain(review);
    await shot('forecast-order-days-fr');
    // Back to the weekly review.
    await group.getByRole('button', { name: /^lun/ }).click();
    await poll(() => group.getByRole('button', { name: /^lun/ }).getAttribute('aria-pressed')).toBe('false');
    await group.getByRole('button', { name: /^jeu/ }).click();
    await poll(async () => rpc('forecast.orderDays.list', {})).toEqual([]);
  }, 60_000);

  it("sets a supplier's order days on the product page: the advice falls on one, and they stay after a reload (FR)", async () => {
    const sac = (await rpc<{ items: Array<{ productId: string; sku: string }> }>('forecast.list', { q: 'SAC-KRAFT' })).items[0]!;
    await go(`forecasts/product/${sac.productId}`);
    const box = page.getByTestId('forecast-product-order-days');
    await poll(() => box.textContent()).toContain('Aucun jour réglé pour Emballages Rhône : revue hebdomadaire');
    // Orders taken tomorrow's weekday and three days later: not today.
    const DAY = 86_400_000;
    const today = Math.floor(Date.now() / DAY) * DAY;
    const short = (d: number) => new Intl.DateTimeFormat('fr-FR', { weekday: 'short', timeZone: 'UTC' }).format(d);
    const days = [1, 4].map((k) => today + k * DAY);
    for (const d of days) {
      await box.getByRole('button', { name: short(d) }).click();
      await poll(() => box.getByRole('button', { name: short(d) }).getAttribute('aria-pressed')).toBe('true');
    }
    const weekdays = days.map((d) => new Date(d).getUTCDay()).sort();
    await poll(async () => (await rpc<{ orderDays: number[] }>('forecast.product', { productId: sac.productId })).orderDays).toEqual(
      weekdays,
    );
    const pf = await rpc<{ row: { orderBy: number; status: string } }>('forecast.product', { productId: sac.productId });
    expect(weekdays).toContain(new Date(pf.row.orderBy).getUTCDay());
    expect(pf.row.orderBy).toBeGreaterThan(today);
    // The advice names the order day, weekday first ("… d’ici le mardi 8 décembre"): the advice as it
    // has settled, not as first read — the catalog calibration finishing in the background can move
    // the reorder point, and the order-by day with it, after the read above (read once, the check
    // raced with that refresh). Settled: the same order-by day on two reads in a row, shown on the page.
    const long = (day: number) =>
      new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day);
    let previous: number | null = null;
    await poll(async () => {
      const now = (await rpc<{ row: { orderBy: number } }>('forecast.product', { productId: sac.productId })).row.orderBy;
      const shown = await page.getByTestId('forecast-advice').textContent();
      const settled = now === previous && !!shown?.includes(long(now));
      previous = now;
      return settled ? 'the settled advice’s order day' : `${shown} (advice: ${long(now)})`;
    }, 30_000).toBe('the settled advice’s order day');
    expect(weekdays).toContain(new Date(previous!).getUTCDay());
    expect(await box.textContent()).toContain('La période de revue va d’un jour de commande d’Emballages Rhône au suivant');
    await poll(() => page.locator('[data-testid="forecast-stock-chart"] .recharts-line').count()).toBeGreaterThan(0);
    await shot('forecast-product-order-days-fr');
    await page.reload();
    await page.waitForSelector('.app');
    for (const d of days) await poll(() => box.getByRole('button', { name: short(d) }).getAttribute('aria-pressed')).toBe('true');

    // Every supplier's order days, also those with nothing to order now, on the replenishment tab.
    await go('forecasts/replenishment');
    const panel = page.getByTestId('forecast-suppliers');
    await panel.locator('summary').click();
    const suppliers = (await rpc<Array<{ supplier: string }>>('forecast.orderDays.list', { all: true })).length;
    expect(suppliers).toBeGreaterThan(3);
    await poll(() => panel.locator('li').count()).toBe(suppliers);
    // The order-by date of that supplier's line names the weekday it falls on.
    const sacLine = page.locator('tr', { has: page.getByRole('link', { name: /Sacs kraft/ }) });
    await page.getByTestId('forecast-within').selectOption('30');
    // Against the advice as it stands now: the catalog calibration finishing in the background can
    // move the reorder point, and the order-by day with it (on 25 Oct 2026 it went from Thursday,
    // read above, to Monday, on an order day both times, before this line was read).
    const orderByNow = async () => {
      const now = await rpc<{ row: { orderBy: number } }>('forecast.product', { productId: sac.productId });
      expect(weekdays).toContain(new Date(now.row.orderBy).getUTCDay());
      return new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        now.row.orderBy,
      );
    };
    await poll(async () => {
      const [shown, want] = [await sacLine.locator('td').nth(3).textContent(), await orderByNow()];
      return shown?.includes(want) ? 'the advice’s order-by day' : `${shown} (advice: ${want})`;
    }).toBe('the advice’s order-by day');
    const row = panel.getByRole('group', { name: 'Jours de commande d’Emballages Rhône' });
    for (const d of days) expect(await row.getByRole('button', { name: short(d) }).getAttribute('aria-pressed')).toBe('true');
    await shot('forecast-suppliers-order-days-fr');
    await rpc('forecast.orderDays.set', { supplier: 'Emballages Rhône', weekdays: [] });
  }, 90_000);

  it('reads in English, light and dark', async () => {
    await rpc('settings.set', { language: 'en', theme: 'light' });
    await page.reload();
    await page.waitForSelector('.app');
    await go('forecasts');
    await poll(() => page.getByTestId('forecast-total').textContent()).toMatch(/\d+ products/);
    await shot('forecast-demo-list-en');
    const list = await rpc<{ items: Row[] }>('forecast.list', { limit: 1000 });
    // A regular seller (slow movers sell on too few days for a bar chart worth checking).
    const regular = (r: Row) => r.driver === 'history' && (r.kind === 'smooth' || r.kind === 'erratic');
    const target =
      list.items.find((r) => r.status === 'order_now' && regular(r)) ??
      list.items.find(regular) ??
      list.items.find((r) => r.model !== null)!;
    await go(`forecasts/product/${target.productId}`);
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    await shot('forecast-demo-product-en');
    await go('forecasts/replenishment');
    await page.getByTestId('forecast-within').selectOption('30');
    await page.waitForTimeout(300);
    await shot('forecast-demo-replenishment-en');
    await go('dashboard');
    await poll(() => page.getByTestId('stockout-tile').textContent()).toContain('Stock-out risks');
    await shot('forecast-demo-dashboard-en');
    await rpc('settings.set', { theme: 'dark' });
    await go(`forecasts/product/${target.productId}`);
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await poll(() => page.locator('[data-testid="forecast-demand-chart"] .recharts-area-area').count()).toBeGreaterThan(0);
    await shot('forecast-demo-product-en-dark');
    // The shop closed on Sundays, dark: closed days, band and line readable on the dark surface.
    const sac = (await rpc<{ items: Array<{ productId: string }> }>('forecast.list', { q: 'SAC-KRAFT' })).items[0]!;
    await go(`forecasts/product/${sac.productId}`);
    await poll(() => page.getByTestId('forecast-closed-days').textContent()).toMatch(/^Closed on Sundays/);
    await poll(() =>
      page.locator('[data-testid="forecast-demand-chart"] .recharts-bar').nth(1).locator('.recharts-bar-rectangle').count(),
    ).toBeGreaterThan(10);
    await shot('forecast-closed-sunday-en-dark');
    await go('forecasts');
    await poll(() => page.locator('.fc-row').count()).toBeGreaterThan(5);
    await shot('forecast-demo-list-en-dark');
    expect(errors).toEqual([]);
  }, 60_000);
});
