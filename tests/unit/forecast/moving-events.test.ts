import { describe, expect, it } from 'vitest';
import { forecastCalendar } from '@core/modules/forecast/daily.js';
import { blackFriday, fathersDay, MOVING_ANCHORS, mothersDayFR, motheringSunday, pentecost } from '@core/modules/forecast/movingDates.js';
import { MOVING_EVENTS, movingEventOf } from '@shared/model/forecast.js';
import { easterSunday } from '@core/modules/forecast/holidays.js';
import { lcg, poisson } from '../../fixtures/randomCounts.js';

const DAY = 86_400_000;
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
/** Demand by real weekday (0 = Sunday: closed). */
const WEEK = [0, 0.8, 1, 1, 1.1, 1.2, 1.4];
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** Daily Poisson demand from `start` for n days at `level` × the weekday's index × lift(day). */
function series(seed: number, start: number, n: number, level: number, lift: (d: number) => number): number[] {
  const rnd = lcg(seed);
  return Array.from({ length: n }, (_, t) => {
    const d = start + t * DAY;
    return poisson(level * WEEK[new Date(d).getUTCDay()]! * lift(d), rnd);
  });
}

/** ×m on the `len` days before each of the given anchor days (the anchor day itself not included). */
const before = (anchors: number[], len: number, m: number) => (d: number) => (anchors.some((a) => d >= a - len * DAY && d < a) ? m : 1);

/** Mean of forecast / base demand over the horizon days d of `days` that are open. */
function ratio(f: { mean: number[] }, start: number, n: number, level: number, days: (d: number) => boolean): number {
  const r: number[] = [];
  for (let h = 0; h < f.mean.length; h++) {
    const d = start + (n + h) * DAY;
    const w = WEEK[new Date(d).getUTCDay()]!;
    if (w > 0 && days(d)) r.push(f.mean[h]! / (level * w));
  }
  return mean(r);
}

describe('moving-date anchors (movingDates.ts)', () => {
  it('Fête des mères: the last Sunday of May, the first of June when that Sunday is Pentecost', () => {
    expect(iso(mothersDayFR(2024))).toBe('2024-05-26');
    expect(iso(mothersDayFR(2025))).toBe('2025-05-25');
    expect(iso(mothersDayFR(2026))).toBe('2026-05-31');
    // Pentecost 2023 fell on 28 May, the last Sunday of May: Mother's Day moved to 4 June (2020: 7 June).
    expect(iso(pentecost(2023))).toBe('2023-05-28');
    expect(iso(mothersDayFR(2023))).toBe('2023-06-04');
    expect(iso(mothersDayFR(2020))).toBe('2020-06-07');
    expect(iso(mothersDayFR(2012))).toBe('2012-06-03');
  });

  it("Father's Day, Black Friday, Mothering Sunday, Easter on known dates", () => {
    expect(iso(fathersDay(2024))).toBe('2024-06-16');
    expect(iso(fathersDay(2025))).toBe('2025-06-15');
    expect(iso(fathersDay(2026))).toBe('2026-06-21');
    expect(iso(blackFriday(2024))).toBe('2024-11-29');
    expect(iso(blackFriday(2025))).toBe('2025-11-28');
    // 1 November 2013 was a Friday: Thanksgiving the 28th, Black Friday the 29th (the 5th Friday).
    expect(iso(blackFriday(2013))).toBe('2013-11-29');
    expect(iso(blackFriday(2019))).toBe('2019-11-29');
    expect(iso(motheringSunday(2025))).toBe('2025-03-30');
    expect(iso(easterSunday(2024))).toBe('2024-03-31');
    expect(iso(easterSunday(2025))).toBe('2025-04-20');
    expect(iso(easterSunday(2026))).toBe('2026-04-05');
  });

  it('the anchors are the shared list of events, in its order (the product page names them by index)', () => {
    expect(MOVING_ANCHORS.map((a) => a.id)).toEqual([...MOVING_EVENTS]);
    expect(movingEventOf({ movingEventDays: 2, movingEventAnchor: 6 })).toEqual({ event: 'blackFriday', days: 2 });
    expect(movingEventOf({ outliersHigh: 3 })).toBeNull();
  });
});

describe('events on moving dates (outliers.ts movingEvents)', () => {
  it("a Mother's Day uplift in each of the two past years is forecast on this year's date", () => {
    // History 20 May 2024 – 19 May 2026; horizon 20 May – 16 June 2026 (Mother's Day: 31 May 2026).
    const start = day('2024-05-20');
    const n = 730;
    const anchors = [mothersDayFR(2024), mothersDayFR(2025), mothersDayFR(2026)];
    const inEvent = before(anchors, 4, 2.5);
    const eventDays = (d: number) => inEvent(d) > 1;
    const quiet = (d: number) => anchors.every((a) => Math.abs(d - a) > 6 * DAY);
    for (const seed of [1, 2, 3]) {
      const y = series(seed, start, n, 20, inEvent);
      const f = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start });
      expect(f.params.movingEventDays).toBeGreaterThanOrEqual(3);
      expect(movingEventOf(f.params)).toEqual({ event: 'mothersDay', days: f.params.movingEventDays });
      expect(ratio(f, start, n, 20, eventDays)).toBeGreaterThan(1.9);
      expect(ratio(f, start, n, 20, eventDays)).toBeLessThan(3);
      expect(ratio(f, start, n, 20, quiet)).toBeGreaterThan(0.85);
      expect(ratio(f, start, n, 20, quiet)).toBeLessThan(1.15);
      // The event's past days (22–25 May 2024, 21–24 May 2025) also line up by date, which would
      // put it on 22–24 May 2026 instead of 27–30 May: with the calendar the anchor takes them.
      expect(f.params.recurringEventDays).toBeUndefined();
      // Without the calendar, this year's days are not forecast (only the same-date echo is).
      const plain = forecastCalendar(y, { frequency: 7, horizon: 28 });
      expect(plain.params.movingEventDays).toBeUndefined();
      expect(ratio(plain, start, n, 20, eventDays)).toBeLessThan(1.3);
      // The what-if setting switches it off.
      const off = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start, movingEvents: false });
      expect(off.mean).toEqual(plain.mean);
    }
  });

  it('an Easter-relative event (Thursday to Easter Monday) is forecast on this Easter', () => {
    // Easter 31 March 2024, 20 April 2025, 5 April 2026. History from 18 March 2024, 730 days.
    const start = day('2024-03-18');
    const n = 730;
    const easters = [2024, 2025, 2026].map(easterSunday);
    const lift = (d: number) => (easters.some((e) => d >= e - 3 * DAY && d <= e + DAY) ? 2 : 1);
    const eventDays = (d: number) => lift(d) > 1;
    for (const seed of [4, 5, 6]) {
      const y = series(seed, start, n, 30, lift);
      const f = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start });
      expect(iso(start + n * DAY)).toBe('2026-03-18');
      expect(f.params.movingEventDays).toBeGreaterThanOrEqual(2);
      expect(ratio(f, start, n, 30, eventDays)).toBeGreaterThan(1.6);
      expect(ratio(f, start, n, 30, (d) => !eventDays(d) && Math.abs(d - easters[2]!) > 8 * DAY)).toBeLessThan(1.15);
    }
  });

  it("a one-off Mother's Day promotion (one past year only) is not forecast again", () => {
    const start = day('2024-05-20');
    const n = 730;
    for (const seed of [1, 2, 3]) {
      const y = series(seed, start, n, 20, before([mothersDayFR(2025)], 4, 3));
      const f = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start });
      expect(f.params.outliersHigh).toBeGreaterThanOrEqual(3);
      expect(f.params.movingEventDays).toBeUndefined();
    }
  });

  it('uplifts near the anchor but on unrelated dates each year are not an event', () => {
    // 2024: the 4 days before Mother's Day; 2025: 4 days two weeks earlier (9–12 May).
    const start = day('2024-05-20');
    const n = 730;
    for (const seed of [1, 2, 3]) {
      const y = series(seed, start, n, 20, before([mothersDayFR(2024), mothersDayFR(2025) - 12 * DAY], 4, 2.5));
      const f = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start });
      expect(f.params.outliersHigh).toBeGreaterThanOrEqual(3);
      expect(f.params.movingEventDays).toBeUndefined();
    }
  });

  it('highs that line up with the anchor shifted by whole weeks too are chance: nothing forecast', () => {
    // Each past year, the same 4-day ×2.5 promotion before Mother’s Day AND four weeks before and
    // after it: the anchor lines them up, but so does the anchor moved by 4 weeks (a placebo).
    const start = day('2024-05-20');
    const n = 730;
    const at = [mothersDayFR(2024), mothersDayFR(2025)];
    const shifted = at.flatMap((a) => [a - 28 * DAY, a, a + 28 * DAY]);
    for (const seed of [1, 2, 3]) {
      const aligned = series(seed, start, n, 20, before(at, 4, 2.5));
      expect(forecastCalendar(aligned, { frequency: 7, horizon: 28, startDay: start }).params.movingEventDays).toBeGreaterThan(0);
      const y = series(seed, start, n, 20, before(shifted, 4, 2.5));
      const f = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start });
      expect(f.params.outliersHigh).toBeGreaterThanOrEqual(12);
      expect(f.params.movingEventDays).toBeUndefined();
    }
  });

  it('a series with no high day on an aligned anchor day is forecast exactly as without a calendar', () => {
    const start = day('2024-05-20');
    const n = 730;
    // A promotion in October each year: flagged days, none on a moving anchor's aligned days.
    const lift = (d: number) => (new Date(d).getUTCMonth() === 9 && new Date(d).getUTCDate() <= 4 ? 3 : 1);
    const y = series(7, start, n, 20, lift);
    const f = forecastCalendar(y, { frequency: 7, horizon: 28, startDay: start });
    const plain = forecastCalendar(y, { frequency: 7, horizon: 28 });
    expect(f.params.outliersHigh).toBeGreaterThan(0);
    expect(f.mean).toEqual(plain.mean);
    expect(f.p90).toEqual(plain.p90);
  });
});
