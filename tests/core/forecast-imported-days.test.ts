import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTimeZone, PARIS } from '../fixtures/clock.js';
import { forecastShop, type ForecastShop } from '../fixtures/forecastShop.js';

const DAY = 86_400_000;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);
const frDate = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

/**
 * A shop on Paris time imports its sales history as its till exports it: one line a day, the date
 * alone. The forecast counts demand by UTC day; a day alone used to be read as local midnight,
 * 23:00 UTC the day before, so every sale moved to the previous day: the shop, closed on Sundays,
 * was read as closed on Saturdays and forecast to sell on Sundays.
 */
inTimeZone(PARIS);

let shop: ForecastShop;
beforeEach(async () => {
  shop = await forecastShop();
});
afterEach(() => shop.dispose());

describe('sales imported by day, on Paris time', () => {
  it('stay on the day the file wrote: closed on Sundays, Saturday the busiest day', async () => {
    const { core, today } = shop;
    const id = (
      await core.router.call('catalog.products.create', { sku: 'PAIN', name: 'Pain', unit: 'pce', cost: 1, leadTimeDays: 2 } as never)
    ).id;
    const base = [0, 20, 22, 22, 25, 30, 45]; // Sunday … Saturday
    const lines = ['date;sku;type;qty'];
    lines.push(`${frDate(today - 201 * DAY)};PAIN;entrée;100000`);
    for (let d = -200; d < 0; d++) {
      const day = today + d * DAY;
      const q = base[new Date(day).getUTCDay()]!;
      if (q > 0) lines.push(`${frDate(day)};PAIN;sortie;${q}`);
    }
    const imported = await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(lines.join('\n') + '\n') });
    expect(imported).toMatchObject({ created: lines.length - 1 });
    await core.router.call('forecast.run', { mode: 'full' });
    const pf = await shop.product(id);
    expect(pf.closedDays?.closedWeekdays).toEqual([0]);
    // The history shows each day's sale on its own day: last Saturday 45, last Sunday closed.
    const h = new Map(pf.history.map((x) => [iso(x.day), x]));
    expect(h.get('2026-12-12')).toMatchObject({ quantity: 45 });
    expect(h.get('2026-12-13')).toMatchObject({ quantity: 0, closed: true });
    expect(h.get('2026-12-11')).toMatchObject({ quantity: 30 });
    // Sundays ahead are closed, Saturdays the busiest.
    const ahead = (dow: number) => pf.forecast.filter((f) => new Date(f.day).getUTCDay() === dow);
    for (const f of ahead(0)) expect(f).toMatchObject({ closed: true, p50: 0 });
    for (const f of ahead(6)) expect(f.p50).toBeGreaterThan(38);
  }, 60_000);
});
