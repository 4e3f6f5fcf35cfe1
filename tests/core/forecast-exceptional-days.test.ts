import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductForecast } from '@shared/model/forecast.js';
import { ProductForecast as ProductForecastSchema } from '@shared/model/forecast.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';
import { lcg, poisson } from '../fixtures/randomCounts.js';

const DAY = 86_400_000;
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);

let core: TestCore;
let today: number;
let warehouse: string;

beforeEach(async () => {
  core = createTestCore({ start: Date.UTC(2026, 11, 14, 9) });
  today = Math.floor(core.clock.now() / DAY) * DAY;
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
});
afterEach(() => core.dispose());

/** Days (from today, negative) of the promotion week: Monday 2 to Sunday 8 November 2026. */
const PROMO = Array.from({ length: 7 }, (_, i) => Math.round((Date.UTC(2026, 10, 2) - Date.UTC(2026, 11, 14)) / DAY) + i);

/** Saturday 17 October 2026 (~20 expected): nothing sold although the shelf was full — an unexplained dip, not a stock-out. */
const DIP = Math.round((Date.UTC(2026, 9, 17) - Date.UTC(2026, 11, 14)) / DAY);

/** A shop's seller over 400 days, plenty on the shelf: Mon–Sat ~10–20 a day, Sunday ~6; `promo`: ×4 during the promotion week and nothing sold on DIP. */
async function seller(sku: string, promo: boolean): Promise<string> {
  const id = (await core.router.call('catalog.products.create', { sku, name: sku, unit: 'pce', cost: 1, leadTimeDays: 7 } as never)).id;
  const write = ledgerLines(core, warehouse, today);
  const rnd = lcg(sku.length * 7919 + 17);
  const draw = (mean: number) => poisson(mean, rnd);
  const base = [6, 12, 12, 14, 15, 18, 20];
  core.ctx.db.transaction(() => {
    write(id, -400, 'in', 100_000, 6);
    for (let d = -400; d < 0; d++) {
      const dow = new Date(today + d * DAY).getUTCDay();
      const mean = base[dow]! * (promo && PROMO.includes(d) ? 4 : 1);
      const q = draw(mean);
      if (q > 0 && !(promo && d === DIP)) write(id, d, 'out', q);
    }
  })();
  return id;
}

const product = async (productId: string, horizonDays?: number): Promise<ProductForecast> =>
  core.router.call('forecast.product', horizonDays ? { productId, horizonDays } : { productId });
const marked = (pf: ProductForecast, kind: 'high' | 'low') => pf.history.filter((h) => h.exceptional === kind).map((h) => iso(h.day));

describe('exceptional days on the product page (forecast.product)', () => {
  it('marks the promotion week the forecast set aside, as many days as the stored forecast counted; none on a smooth product', async () => {
    const promo = await seller('PROMO', true);
    const smooth = await seller('SMOOTH', false);
    await core.router.call('forecast.run', {});

    const pf = await product(promo);
    expect(ProductForecastSchema.safeParse(pf).success).toBe(true);
    const high = marked(pf, 'high');
    const low = marked(pf, 'low');
    // The promotion's days are the ones marked high (a ×4 week stands out of Poisson noise; a
    // day of it whose draw came out lower may stay within the fit's limits).
    const week = PROMO.map((d) => iso(today + d * DAY));
    expect(high.length).toBeGreaterThanOrEqual(5);
    for (const d of high) expect(week).toContain(d);
    // The same days the engine set aside when it made the stored forecast (the chart holds the whole ledger here: 365 days shown, the promotion inside).
    // The day nothing sold with a full shelf is an unexplained dip, told apart from a stock-out.
    expect(low).toContain(iso(today + DIP * DAY));
    expect(pf.history.find((h) => h.day === today + DIP * DAY)).toEqual({ day: today + DIP * DAY, quantity: 0, exceptional: 'low' });
    expect(pf.params.outliersHigh).toBe(high.length);
    expect(pf.params.outliersLow).toBe(low.length);
    // Never on a stock-out or closed day.
    for (const h of pf.history) if (h.exceptional) expect(h.stockout ?? h.closed).toBeUndefined();

    const plain = await product(smooth);
    expect(plain.history.some((h) => h.exceptional)).toBe(false);
    expect(plain.params.outliersHigh).toBeUndefined();

    // The yearly view (a forecast made now, with the same treatment) marks the same days.
    const year = await product(promo, 365);
    expect(marked(year, 'high')).toEqual(high);
  }, 60_000);

  it('marks nothing while the stored forecast was made without the treatment (no forecast yet)', async () => {
    const promo = await seller('PROMO', true);
    const before = await product(promo);
    expect(before.history.some((h) => h.exceptional)).toBe(false);
  }, 60_000);
});
