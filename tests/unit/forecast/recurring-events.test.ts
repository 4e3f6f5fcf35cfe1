import { describe, expect, it } from 'vitest';
import { forecastCalendar } from '@core/modules/forecast/daily.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';
import { YEAR_DAYS, WEEK, mean, daily, yearly } from '../../fixtures/yearlyEvents.js';

const YEAR_WEEKS = YEAR_DAYS / 7;

describe('recurring events (outliers.ts recurringEvents)', () => {
  it('a 5-day ×2.5 event on the same date in each of the two past years is forecast at its next date', () => {
    const n = 730;
    const at = n + 10; // horizon days 10..14
    for (const seed of [1, 2, 3]) {
      const y = daily(seed, n, 20, yearly(at, 5, 2.5));
      const f = forecastCalendar(y, { frequency: 7, horizon: 28 });
      const open = (d: number) => WEEK[(n + d) % 7]! > 0;
      const ratio = (d: number) => f.mean[d]! / (20 * WEEK[(n + d) % 7]!);
      const inside = [10, 11, 12, 13, 14].filter(open).map(ratio);
      const outside = [...Array(28).keys()].filter((d) => open(d) && (d < 8 || d > 16)).map(ratio);
      expect(f.params.recurringEventDays).toBeGreaterThanOrEqual(3);
      // The event's days at about its uplift, the others at the base demand.
      expect(mean(inside)).toBeGreaterThan(1.9);
      expect(mean(inside)).toBeLessThan(3);
      expect(mean(outside)).toBeGreaterThan(0.85);
      expect(mean(outside)).toBeLessThan(1.15);
      // The bands follow: the event days' P90 above the event's base-demand P90, and the 28-day
      // total's P50 carries the event's extra demand.
      const off = forecastCalendar(y, { frequency: 7, horizon: 28, events: false });
      expect(off.params.recurringEventDays).toBeUndefined();
      expect(f.p90[12]!).toBeGreaterThan(1.5 * off.p90[12]!);
      expect(f.total.p50[27]! - off.total.p50[27]!).toBeGreaterThan(0.5 * 20 * 1.5 * 4);
    }
  });

  it('a one-off promotion a year before the horizon is not forecast again', () => {
    const n = 730;
    const at = n + 10 - 365;
    for (const seed of [1, 2, 3]) {
      const y = daily(seed, n, 20, (t) => (t >= at && t < at + 5 ? 3 : 1));
      const f = forecastCalendar(y, { frequency: 7, horizon: 28 });
      expect(f.params.outliersHigh).toBeGreaterThanOrEqual(3);
      expect(f.params.recurringEventDays).toBeUndefined();
      // Horizon days 8..16 at the base demand (20 × the weekday's index).
      const ratios: number[] = [];
      for (let d = 8; d <= 16; d++) if (WEEK[(n + d) % 7]! > 0) ratios.push(f.mean[d]! / (20 * WEEK[(n + d) % 7]!));
      expect(mean(ratios)).toBeLessThan(1.15);
    }
  });

  it('promotions two years apart at different dates are not an event (the dates must line up)', () => {
    const n = 730;
    for (const seed of [4, 5]) {
      // One a year before horizon day 10, the other two years before horizon day 20 (10 days off).
      const a = n + 10 - 365;
      const b = n + 20 - 730;
      const y = daily(seed, n, 20, (t) => ((t >= a && t < a + 5) || (t >= b && t < b + 5) ? 2.5 : 1));
      const f = forecastCalendar(y, { frequency: 7, horizon: 28 });
      expect(f.params.recurringEventDays).toBeUndefined();
    }
  });

  it('weekly: a 2-week event in the same weeks of each of three years comes back in the horizon', () => {
    const n = 157;
    const at = n + 5;
    for (const seed of [3, 5, 8]) {
      const rnd = lcg(seed);
      const y = Array.from({ length: n }, (_, t) => {
        let m = 1;
        for (let k = 1; k <= 3; k++) {
          const from = Math.round(at - k * YEAR_WEEKS);
          if (t >= from && t < from + 2) m = 2.5;
        }
        return poisson(60 * m, rnd);
      });
      const f = forecastCalendar(y, { frequency: 52, horizon: 13 });
      expect(f.params.recurringEventDays).toBeGreaterThanOrEqual(1);
      expect((f.mean[5]! + f.mean[6]!) / 2 / 60).toBeGreaterThan(1.8);
      expect(mean([...f.mean.slice(0, 3), ...f.mean.slice(9)]) / 60).toBeLessThan(1.15);
    }
  });
});
