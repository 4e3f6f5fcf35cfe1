import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductForecast } from '@shared/model/forecast.js';
import { ProductForecast as ProductForecastSchema } from '@shared/model/forecast.js';
import { forecastShop, type ForecastShop } from '../fixtures/forecastShop.js';
import { lcg, poisson } from '../fixtures/randomCounts.js';

const DAY = 86_400_000;
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);

let shop: ForecastShop;
beforeEach(async () => {
  shop = await forecastShop();
});
afterEach(() => shop.dispose());

/** Days from today (Monday 14 December 2026, negative) of the dates from `y, m, d` on. */
const daysFrom = (y: number, m: number, d: number, n = 1) =>
  Array.from({ length: n }, (_, i) => Math.round((Date.UTC(y, m, d) - Date.UTC(2026, 11, 14)) / DAY) + i);

/** The promotion week: Monday 2 to Sunday 8 November 2026. */
const PROMO = daysFrom(2026, 10, 2, 7);
/** Saturday 17 October 2026 (~20 expected): nothing sold although the shelf was full — an unexplained dip, not a stock-out. */
const DIP = daysFrom(2026, 9, 17)[0]!;
/** The year before the one the page shows: a promotion week (Monday 2 to Sunday 8 June 2025) and a dip (Saturday 18 October 2025). */
const OLD_PROMO = daysFrom(2025, 5, 2, 7);
const OLD_DIP = daysFrom(2025, 9, 18)[0]!;

/**
 * A shop's seller over `days` days (400 unless said), plenty on the shelf: Mon–Sat ~10–20 a day,
 * Sunday ~6; ×4 during the `promo` days and nothing sold on the `dips`.
 */
function seller(sku: string, o: { promo?: readonly number[]; dips?: readonly number[]; days?: number } = {}): Promise<string> {
  const rnd = lcg(sku.length * 7919 + 17);
  const base = [6, 12, 12, 14, 15, 18, 20];
  return shop.seller(
    sku,
    (d, dow) => {
      const q = poisson(base[dow]! * (o.promo?.includes(d) ? 4 : 1), rnd);
      return o.dips?.includes(d) ? 0 : q;
    },
    { days: o.days },
  );
}

const run = () => shop.core.router.call('forecast.run', {});
const marked = (days: ProductForecast['history'], kind: 'high' | 'low') =>
  days.filter((h) => h.exceptional === kind).map((h) => iso(h.day));
const isoDays = (ds: readonly number[]) => ds.map((d) => iso(shop.today + d * DAY));

describe('exceptional days on the product page (forecast.product)', () => {
  it('marks the promotion week the forecast set aside, as many days as the stored forecast counted; none on a smooth product', async () => {
    const promo = await seller('PROMO', { promo: PROMO, dips: [DIP] });
    const smooth = await seller('SMOOTH');
    await run();

    const pf = await shop.product(promo);
    expect(ProductForecastSchema.safeParse(pf).success).toBe(true);
    const high = marked(pf.history, 'high');
    const low = marked(pf.history, 'low');
    // The promotion's days are the ones marked high (a ×4 week stands out of Poisson noise; a
    // day of it whose draw came out lower may stay within the fit's limits).
    const week = isoDays(PROMO);
    expect(high.length).toBeGreaterThanOrEqual(5);
    for (const d of high) expect(week).toContain(d);
    // The same days the engine set aside when it made the stored forecast.
    // The day nothing sold with a full shelf is an unexplained dip, told apart from a stock-out.
    const dip = shop.today + DIP * DAY;
    expect(low).toContain(iso(dip));
    expect(pf.history.find((h) => h.day === dip)).toEqual({ day: dip, quantity: 0, exceptional: 'low' });
    expect(pf.params.outliersHigh).toBe(high.length);
    expect(pf.params.outliersLow).toBe(low.length);
    // Its 400 days of ledger, all read by the forecast: nothing set aside before the year shown.
    expect(pf.exceptionalDays).toEqual({ readFrom: shop.today - 400 * DAY, older: [] });
    // Never on a stock-out or closed day.
    for (const h of pf.history) if (h.exceptional) expect(h.stockout ?? h.closed).toBeUndefined();

    const plain = await shop.product(smooth);
    expect(plain.history.some((h) => h.exceptional)).toBe(false);
    expect(plain.params.outliersHigh).toBeUndefined();
    expect(plain.exceptionalDays).toBeNull();

    // The yearly view (a forecast made now, with the same treatment) marks the same days.
    const year = await shop.product(promo, 365);
    expect(marked(year.history, 'high')).toEqual(high);
  }, 60_000);

  it('marks nothing while the stored forecast was made without the treatment (no forecast yet)', async () => {
    const promo = await seller('PROMO', { promo: PROMO, dips: [DIP] });
    const before = await shop.product(promo);
    expect(before.history.some((h) => h.exceptional)).toBe(false);
    expect(before.exceptionalDays ?? null).toBeNull();
  }, 60_000);

  it('two years read, one shown: the days set aside in the older year are sent apart, and both add up to the stored counts', async () => {
    const id = await seller('TWO-YEARS', { promo: [...OLD_PROMO, ...PROMO], dips: [OLD_DIP, DIP], days: 730 });
    await run();
    const pf = await shop.product(id);
    expect(ProductForecastSchema.safeParse(pf).success).toBe(true);
    const shownFrom = pf.history[0]!.day;
    expect(shownFrom).toBe(shop.today - 365 * DAY);
    expect(pf.exceptionalDays!.readFrom).toBe(shop.today - 730 * DAY);
    const older = pf.exceptionalDays!.older;
    for (const h of older) expect(h.day).toBeLessThan(shownFrom);
    expect(older.map((h) => h.day)).toEqual([...older.map((h) => h.day)].sort((a, b) => a - b));
    // The older year's promotion and dip are among them, not on the page's year.
    const oldHigh = marked(older, 'high');
    expect(oldHigh.length).toBeGreaterThanOrEqual(5);
    for (const d of oldHigh) expect(isoDays(OLD_PROMO)).toContain(d);
    const oldDip = shop.today + OLD_DIP * DAY;
    expect(older.find((h) => h.day === oldDip)).toEqual({ day: oldDip, quantity: 0, exceptional: 'low' });
    // The quantities are the day's sales, as in the history.
    for (const h of older.filter((x) => x.exceptional === 'high')) expect(h.quantity).toBeGreaterThan(20);
    // The recent year is marked as before.
    const high = marked(pf.history, 'high');
    expect(high.length).toBeGreaterThanOrEqual(5);
    for (const d of high) expect(isoDays(PROMO)).toContain(d);
    expect(marked(pf.history, 'low')).toContain(iso(shop.today + DIP * DAY));
    // What the page shows plus what it lists apart is what the forecast set aside.
    expect(high.length + oldHigh.length).toBe(pf.params.outliersHigh);
    expect(marked(pf.history, 'low').length + marked(older, 'low').length).toBe(pf.params.outliersLow);
    // The yearly view reads the same days.
    const year = await shop.product(id, 365);
    expect(year.exceptionalDays).toEqual(pf.exceptionalDays);
    expect(marked(year.history, 'high')).toEqual(high);
  }, 60_000);

  it('the day after the run: the page marks the days that forecast set aside, read up to its own day', async () => {
    // A dip on the first day the run reads (Saturday 14 December 2024): a day later, the ledger's last two years start after it.
    const first = -730;
    const id = await seller('STALE', { promo: [...OLD_PROMO, ...PROMO], dips: [first, OLD_DIP, DIP], days: 730 });
    await run();
    const before = await shop.product(id);
    expect(before.exceptionalDays!.older.find((h) => h.day === shop.today + first * DAY)?.exceptional).toBe('low');
    shop.core.clock.advance(DAY);
    shop.sale(id, 0, 15);
    const pf = await shop.product(id);
    // Still the stored forecast of the day before, and the very days it set aside.
    expect(pf.params).toEqual(before.params);
    expect(pf.history.at(-1)).toEqual({ day: shop.today, quantity: 15 });
    expect(pf.exceptionalDays).toEqual(before.exceptionalDays);
    const all = (kind: 'high' | 'low') => marked(pf.history, kind).length + marked(pf.exceptionalDays!.older, kind).length;
    expect(all('high')).toBe(pf.params.outliersHigh);
    expect(all('low')).toBe(pf.params.outliersLow);
  }, 60_000);
});
