import { describe, expect, it } from 'vitest';
import { easterSunday, holidayMask, holidaysOf, isHoliday } from '@core/modules/forecast/holidays.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (d: number) => new Date(d).toISOString().slice(0, 10);

describe('holiday calendar', () => {
  it('computes Easter Sunday for known years', () => {
    expect(iso(easterSunday(2000))).toBe('2000-04-23');
    expect(iso(easterSunday(2011))).toBe('2011-04-24');
    expect(iso(easterSunday(2019))).toBe('2019-04-21');
    expect(iso(easterSunday(2024))).toBe('2024-03-31');
    expect(iso(easterSunday(2025))).toBe('2025-04-20');
    expect(iso(easterSunday(2026))).toBe('2026-04-05');
    expect(iso(easterSunday(2038))).toBe('2038-04-25');
  });

  it('lists the 11 French public holidays, the Easter-based ones moving with Easter', () => {
    expect([...holidaysOf(2026, 'FR')].map(iso).sort()).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    // 2024: Easter 31 March → Monday 1 April, Ascension 9 May, Whit Monday 20 May.
    expect(isHoliday(day('2024-04-01'), 'FR')).toBe(true);
    expect(isHoliday(day('2024-05-09'), 'FR')).toBe(true);
    expect(isHoliday(day('2024-05-20'), 'FR')).toBe(true);
    expect(isHoliday(day('2024-05-21'), 'FR')).toBe(false);
    expect(isHoliday(day('2026-07-13'), 'FR')).toBe(false);
    // Any time within the day counts.
    expect(isHoliday(day('2026-07-14') + 15 * 3_600_000, 'FR')).toBe(true);
  });

  it('lists the England and Wales bank holidays with weekend substitutes', () => {
    // The online retail data's shop was shut on exactly these 2011 bank holidays (and on 29 April, a one-off).
    for (const d of ['2011-04-22', '2011-04-25', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27', '2011-01-03']) {
      expect(isHoliday(day(d), 'GB')).toBe(true);
    }
    // Christmas 2010 fell on a Saturday: Monday 27 and Tuesday 28 are the substitutes.
    expect(isHoliday(day('2010-12-27'), 'GB')).toBe(true);
    expect(isHoliday(day('2010-12-28'), 'GB')).toBe(true);
    expect(isHoliday(day('2010-12-25'), 'GB')).toBe(false);
    expect(isHoliday(day('2011-07-14'), 'GB')).toBe(false);
    expect(holidaysOf(2026, 'none').size).toBe(0);
  });

  it('masks the holidays of a run of days', () => {
    const mask = holidayMask(day('2026-12-23'), 12, 'FR');
    expect(mask.map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([2, 9]); // 25 Dec, 1 Jan
  });
});
