import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHoliday } from '@core/modules/forecast/holidays.js';
import { startForecastSchedule } from '@core/modules/forecast/schedule.js';
import type { ProductForecast } from '@shared/model/forecast.js';
import { forecastShop, type ForecastShop } from '../fixtures/forecastShop.js';
import type { TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);

let shop: ForecastShop;
let core: TestCore;

// Monday 14 December 2026: the four weeks ahead hold Christmas (Fri 25), the British substitute for
// Boxing Day (Mon 28) and New Year's Day (Fri 1 January).
beforeEach(async () => {
  shop = await forecastShop();
  core = shop.core;
});
afterEach(() => shop.dispose());

/** A shop's seller: Mon 4 … Sat 12 a day, never on Sunday; on public holidays too unless `shutOnHolidays`. */
function seller(sku: string, shutOnHolidays: boolean, over: Record<string, unknown> = {}): Promise<string> {
  const base = [0, 4, 5, 5, 6, 8, 12];
  const shut = (day: number) => shutOnHolidays && (isHoliday(day, 'FR') || isHoliday(day, 'GB'));
  return shop.seller(sku, (d, dow) => (dow === 0 || shut(shop.today + d * DAY) ? 0 : base[dow]! + (d % 3 === 0 ? 1 : 0)), {
    stock: 10_000,
    over,
  });
}

type PF = ProductForecast;
const product = (productId: string, horizonDays?: number): Promise<PF> => shop.product(productId, horizonDays);
const closedDays = (pf: PF) => pf.forecast.filter((f) => f.closed).map((f) => iso(f.day));
const sundays = (pf: PF) => pf.forecast.filter((f) => new Date(f.day).getUTCDay() === 0).map((f) => iso(f.day));

describe('closed days on the product page (forecast.product)', () => {
  it('marks Sundays and the holidays of the country set, and follows the setting after a run', async () => {
    const id = await seller('SHOP', true);
    await core.router.call('forecast.run', {});
    const fr = await product(id);
    expect(fr.closedDays).toEqual({ closedWeekdays: [0], holidayCountry: 'FR', holidaysApply: true });
    expect(fr.forecast).toHaveLength(28);
    expect(closedDays(fr)).toEqual([...sundays(fr), '2026-12-25', '2027-01-01'].sort());
    // Closed means no demand forecast; an open day has some.
    for (const f of fr.forecast) {
      if (f.closed) expect(f).toMatchObject({ p10: 0, p50: 0, p90: 0 });
      else expect(f.p50).toBeGreaterThan(2);
    }
    // History: Sundays and past French holidays (11 November, a Wednesday) are closed, not days without sales.
    const h = new Map(fr.history.map((x) => [iso(x.day), x]));
    expect(h.get('2026-11-11')).toEqual({ day: Date.UTC(2026, 10, 11), quantity: 0, closed: true });
    expect(h.get('2026-12-13')).toMatchObject({ quantity: 0, closed: true });
    expect(h.get('2026-12-12')!.closed).toBeUndefined();

    await core.router.call('settings.set', { holidayCountry: 'GB' });
    // Until a run follows the change, the page tells the calendar of the forecast it shows.
    expect((await product(id)).closedDays?.holidayCountry).toBe('FR');
    expect(closedDays(await product(id))).toEqual(closedDays(fr));
    await core.router.call('forecast.run', {});
    const gb = await product(id);
    expect(gb.closedDays).toEqual({ closedWeekdays: [0], holidayCountry: 'GB', holidaysApply: true });
    // Boxing Day falls on a Saturday in 2026: the bank holiday is Monday 28.
    expect(closedDays(gb)).toEqual([...sundays(gb), '2026-12-25', '2026-12-28', '2027-01-01'].sort());
    expect(gb.forecast.find((f) => iso(f.day) === '2026-12-28')!.p50).toBe(0);
    expect(fr.forecast.find((f) => iso(f.day) === '2026-12-28')!.p50).toBeGreaterThan(2);

    await core.router.call('settings.set', { holidayCountry: 'none' });
    await core.router.call('forecast.run', {});
    const none = await product(id);
    expect(none.closedDays).toEqual({ closedWeekdays: [0], holidayCountry: 'none', holidaysApply: false });
    expect(closedDays(none)).toEqual(sundays(none));
  }, 60_000);

  it('a product that sold on a past holiday opens on holidays: only its closed weekday is marked', async () => {
    const id = await seller('OPEN-HOLIDAYS', false);
    await core.router.call('forecast.run', {});
    const pf = await product(id);
    expect(pf.closedDays).toEqual({ closedWeekdays: [0], holidayCountry: 'FR', holidaysApply: false });
    expect(closedDays(pf)).toEqual(sundays(pf));
    expect(pf.forecast.find((f) => iso(f.day) === '2026-12-25')!.p50).toBeGreaterThan(2);
  }, 60_000);

  it('the yearly view marks a year of closed days (Easter Monday 2027 included)', async () => {
    const id = await seller('YEAR', true);
    await core.router.call('forecast.run', {});
    const year = await product(id, 365);
    expect(year.forecast).toHaveLength(365);
    const closed = new Set(closedDays(year));
    expect(closed.has('2027-03-29')).toBe(true);
    expect(closed.has('2027-07-14')).toBe(true);
    for (const s of sundays(year)) expect(closed.has(s)).toBe(true);
    expect(closed.size).toBe(
      sundays(year).length + year.forecast.filter((f) => isHoliday(f.day, 'FR') && new Date(f.day).getUTCDay() !== 0).length,
    );
  }, 60_000);
});

describe('the background schedule follows the planning settings', () => {
  const fast = { firstRunMs: 60_000, checkEveryMs: 60_000, afterChangeMs: 20 };
  const updated = () =>
    new Promise<void>((resolve) => {
      const off = core.ctx.events.subscribe((e) => {
        if (e.event === 'forecast.updated') {
          off();
          resolve();
        }
      });
    });

  it('recomputes soon after the holiday country changes: the product page shows the new holidays without a manual run', async () => {
    const id = await seller('SHOP', true);
    await core.router.call('forecast.run', {});
    expect(closedDays(await product(id))).not.toContain('2026-12-28');
    const stop = startForecastSchedule(core.ctx, fast);
    try {
      const next = updated();
      await core.router.call('settings.set', { holidayCountry: 'GB' });
      await next;
      const gb = await product(id);
      expect(gb.closedDays?.holidayCountry).toBe('GB');
      expect(closedDays(gb)).toContain('2026-12-28');
    } finally {
      stop();
    }
  }, 60_000);

  it('a change made while a run is going is not lost: another run follows the one going', async () => {
    const id = await seller('SHOP', true);
    for (let i = 0; i < 30; i++) await seller(`FILL${i}`, true);
    await core.router.call('forecast.run', {});
    const stop = startForecastSchedule(core.ctx, fast);
    try {
      const going = core.router.call('forecast.run', { mode: 'full' });
      await core.router.call('settings.set', { holidayCountry: 'GB' });
      // That run read the country before the change.
      await going;
      await expect.poll(async () => (await product(id)).closedDays?.holidayCountry, { timeout: 30_000, interval: 50 }).toBe('GB');
      expect(closedDays(await product(id))).toContain('2026-12-28');
    } finally {
      stop();
    }
  }, 90_000);

  it("announces a supplier's new order days (data.changed) and recomputes the horizon they change", async () => {
    const id = await seller('FAR', true, { leadTimeDays: 20, supplier: 'Papeterie Nord' });
    await core.router.call('forecast.run', {});
    // Lead time 20 + weekly review 7 + a week to spare.
    expect((await product(id)).forecast).toHaveLength(34);
    const changes: unknown[] = [];
    core.ctx.events.subscribe((e) => {
      if (e.event === 'data.changed') changes.push(e.payload);
    });
    const stop = startForecastSchedule(core.ctx, fast);
    try {
      const next = updated();
      // Orders taken on Mondays and Wednesdays (today is a Monday): a 2-day review period.
      await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [1, 3] });
      expect(changes).toContainEqual({ tables: ['supplier_order_days'], ids: ['Papeterie Nord'] });
      await next;
      const pf = await product(id);
      expect(pf.reviewDays).toBe(2);
      expect(pf.forecast).toHaveLength(29);
    } finally {
      stop();
    }
  }, 60_000);
});
