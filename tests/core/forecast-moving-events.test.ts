import { afterEach, describe, expect, it } from 'vitest';
import { MOVING_EVENTS } from '@shared/model/forecast.js';
import { mothersDayFR } from '@core/modules/forecast/movingDates.js';
import { forecastShop, type ForecastShop } from '../fixtures/forecastShop.js';
import { lcg, poisson } from '../fixtures/randomCounts.js';

const DAY = 86_400_000;

let shop: ForecastShop | undefined;
afterEach(() => shop?.dispose());

/**
 * A catalog run on a real ledger: the product's dates (its history's first day, read from the
 * ledger) reach the engine through the worker pool, so a Mother's Day uplift of the two past years
 * is forecast on this year's date — and the product page's params say which event it is.
 */
describe('events on moving dates through a catalog run (forecast.run → forecast.product)', () => {
  it("forecasts the days before Mother's Day (31 May 2026) from 2024's and 2025's, on the stored forecast", async () => {
    // Wednesday 20 May 2026, 9:00: Mother's Day in 11 days; the 4 days before it (27–30 May) in the horizon.
    shop = await forecastShop(Date.UTC(2026, 4, 20, 9));
    const { today } = shop;
    const anchors = [2024, 2025, 2026].map(mothersDayFR);
    const event = (day: number) => anchors.some((a) => day >= a - 4 * DAY && day < a);
    const base = [0, 12, 12, 14, 15, 18, 20];
    const rnd = lcg(4242);
    const id = await shop.seller('FLEURS', (d, dow) => (dow === 0 ? 0 : poisson(base[dow]! * (event(today + d * DAY) ? 3 : 1), rnd)), {
      days: 730,
    });
    const plainRnd = lcg(4242);
    const plain = await shop.seller('PLAIN', (d, dow) => (dow === 0 ? 0 : poisson(base[dow]!, plainRnd)), { days: 730 });
    await shop.core.router.call('forecast.run', {});

    const pf = await shop.product(id);
    expect(pf.params.movingEventDays).toBeGreaterThanOrEqual(2);
    expect(pf.params.movingEventAnchor).toBe(MOVING_EVENTS.indexOf('mothersDay'));
    // This year's days before Mother's Day forecast about ×3 (shrunk a little towards 1), the rest not.
    const at = (day: number) => pf.forecast.find((p) => p.day === day)!.p50 / base[new Date(day).getUTCDay()]!;
    const inside = [27, 28, 29, 30].map((d) => at(Date.UTC(2026, 4, d)));
    const outside = [21, 22, 23, 26].map((d) => at(Date.UTC(2026, 4, d)));
    expect(Math.min(...inside)).toBeGreaterThan(1.8);
    expect(Math.max(...outside)).toBeLessThan(1.4);

    const other = await shop.product(plain);
    expect(other.params.movingEventDays).toBeUndefined();
  }, 60_000);
});
