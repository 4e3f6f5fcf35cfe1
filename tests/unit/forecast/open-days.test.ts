import { describe, expect, it } from 'vitest';
import { forecastCalendar, openDays } from '@core/modules/forecast/daily.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { exceptionalDays } from '@core/modules/forecast/exceptionalDays.js';
import { closedCalendar } from '@core/modules/forecast/closedDays.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

/** Monday 1 December 2025: t % 7 === 6 is a Sunday. */
const FROM = Date.UTC(2025, 11, 1);

/** Daily Poisson demand, closed on t % 7 === 6 and on `shutOn` days; `lift` on the `promo` days, nothing sold on the `dip` days. */
function shop(
  seed: number,
  n: number,
  o: { shutOn?: readonly number[]; promo?: readonly number[]; dip?: readonly number[] } = {},
): number[] {
  const rnd = lcg(seed);
  const week = [0.8, 1, 1, 1.1, 1.2, 1.4, 0];
  return Array.from({ length: n }, (_, t) => {
    const y = poisson(15 * week[t % 7]! * (o.promo?.includes(t) ? 4 : 1), rnd);
    return o.shutOn?.includes(t) || o.dip?.includes(t) ? 0 : y;
  });
}

const mask = (length: number, days: readonly number[]) => Array.from({ length }, (_, t) => days.includes(t));

describe('openDays: the calendar path’s open days, shared with the product page', () => {
  it('leaves out a weekday never sold on and the holidays the series never sold on, in history and horizon', () => {
    const n = 140;
    const holidays = [10, 45, 150];
    const y = shop(3, n, { shutOn: holidays });
    const d = openDays(y, mask(n + 28, holidays), true, 28, undefined, true);
    expect(d.closedWeekdays).toEqual([6]);
    expect(d.holidays).toBeDefined();
    const expectedTs = Array.from({ length: n }, (_, t) => t).filter((t) => t % 7 !== 6 && !holidays.includes(t));
    expect(d.ts).toEqual(expectedTs);
    expect(d.x).toEqual(expectedTs.map((t) => y[t]));
    expect(d.futureTs).toEqual(Array.from({ length: 28 }, (_, i) => n + i).filter((t) => t % 7 !== 6 && t !== 150));
    expect(d.kind).toBe('smooth');
    expect(d.setsAside).toBe(true);
  });

  it('a series that sold on a past holiday keeps its holidays as open days', () => {
    const n = 140;
    const y = shop(4, n);
    expect(y[45]).toBeGreaterThan(0);
    const d = openDays(y, mask(n, [45]), true, 0, undefined, true);
    expect(d.holidays).toBeUndefined();
    expect(d.ts).toContain(45);
    expect(d.futureTs).toEqual([]);
  });

  it('weekly data: no weekday closing, every step open', () => {
    const y = Array.from({ length: 60 }, (_, t) => (t % 7 === 6 ? 0 : 30));
    const d = openDays(y, undefined, false, 4, undefined, true);
    expect(d.closedWeekdays).toEqual([]);
    expect(d.ts).toHaveLength(60);
    expect(d.futureTs).toEqual([60, 61, 62, 63]);
  });

  it('sets nothing aside for intermittent demand, or when told not to; a kind hint replaces the classification', () => {
    const rnd = lcg(9);
    const sparse = Array.from({ length: 200 }, () => (rnd() < 0.1 ? 1 + Math.floor(rnd() * 5) : 0));
    const d = openDays(sparse, undefined, true, 0, undefined, true);
    expect(['intermittent', 'lumpy']).toContain(d.kind);
    expect(d.setsAside).toBe(false);
    const y = shop(5, 200);
    expect(openDays(y, undefined, true, 0, undefined, false).setsAside).toBe(false);
    expect(openDays(y, undefined, true, 0, 'intermittent', true)).toMatchObject({ kind: 'intermittent', setsAside: false });
    expect(openDays(y, undefined, true, 0, 'seasonal', true)).toMatchObject({ kind: 'smooth', setsAside: true });
  });

  it('the product page finds the days the forecast set aside: as many high and low, never on a closed day', () => {
    const n = 730;
    const holidays = [100, 400, 500];
    const promo = [200, 201, 202, 203, 204, 600, 601, 602, 603];
    const dip = [302, 652];
    for (const seed of [1, 2, 3]) {
      const y = shop(seed, n, { shutOn: holidays, promo, dip });
      const closed = mask(n + 28, holidays);
      const f = forecastCalendar(y, { frequency: 7, horizon: 28, closed });
      const days = exceptionalDays({ from: FROM, y, closed })!;
      const high = [...days].filter(([, k]) => k === 'high').map(([t]) => t);
      const low = [...days].filter(([, k]) => k === 'low').map(([t]) => t);
      expect(high.length).toBe(f.params.outliersHigh);
      expect(low.length).toBe(f.params.outliersLow);
      // Both promotions, in each year of the history, and the two dips.
      expect(high.filter((t) => t < 365).length).toBeGreaterThanOrEqual(3);
      expect(high.filter((t) => t >= 365).length).toBeGreaterThanOrEqual(3);
      for (const t of high) expect(promo).toContain(t);
      for (const t of dip) expect(low).toContain(t);
      for (const t of days.keys()) expect(t % 7 === 6 || holidays.includes(t)).toBe(false);
      // The closed calendar the page shows is the one the forecast used.
      const cal = closedCalendar({ from: FROM, y, closed }, 'FR');
      expect(cal.closedWeekdays).toEqual([0]);
      expect(cal.holidaysApply).toBe(true);
    }
  });

  it('the product page looks only where the engine does: not below 14 days, not on negative values, not on intermittent demand', () => {
    const short = shop(6, 13, { promo: [5] });
    expect(forecastSeries(short, { frequency: 7, horizon: 7 }).params.outliersHigh).toBeUndefined();
    expect(exceptionalDays({ from: FROM, y: short })).toBeNull();
    const negative = shop(7, 200, { promo: [100, 101, 102] });
    negative[50] = -1;
    expect(exceptionalDays({ from: FROM, y: negative })).toBeNull();
    const rnd = lcg(8);
    const sparse = Array.from({ length: 300 }, (_, t) => (t === 150 ? 40 : rnd() < 0.1 ? 1 : 0));
    expect(exceptionalDays({ from: FROM, y: sparse })).toBeNull();
    // A smooth series with nothing exceptional: looked at, nothing found.
    const plain = exceptionalDays({ from: FROM, y: shop(10, 365) });
    expect(plain).not.toBeNull();
    expect(forecastSeries(shop(10, 365), { frequency: 7, horizon: 28 }).params.outliersHigh ?? 0).toBe(
      [...plain!.values()].filter((k) => k === 'high').length,
    );
  });
});
