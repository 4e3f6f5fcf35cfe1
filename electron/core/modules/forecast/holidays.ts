/**
 * Public holidays, the days a shop is closed by law or custom: on them a zero is no signal about
 * demand, so the engine neither learns from them nor forecasts sales on them. French holidays by
 * default; the country is a setting. Days are UTC midnights in ms (the app's day grid).
 */
export const HOLIDAY_COUNTRIES = ['FR', 'GB', 'none'] as const;
export type HolidayCountry = (typeof HOLIDAY_COUNTRIES)[number];
export const DEFAULT_HOLIDAY_COUNTRY: HolidayCountry = 'FR';

const DAY = 86_400_000;

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher), as a UTC day. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

const weekday = (day: number) => new Date(day).getUTCDay(); // 0 = Sunday
/** The n-th (1-based) given weekday (0 = Sunday) of a month (1-based), or the last one when n = -1, as a UTC day. */
export function nthWeekday(year: number, month: number, wd: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month - 1, 1);
    return first + (((wd - weekday(first) + 7) % 7) + 7 * (n - 1)) * DAY;
  }
  const last = Date.UTC(year, month, 0);
  return last - ((weekday(last) - wd + 7) % 7) * DAY;
}

/** France (metropolitan): 11 public holidays, three of them tied to Easter. */
function french(year: number): number[] {
  const easter = easterSunday(year);
  return [
    Date.UTC(year, 0, 1), // Jour de l'an
    easter + 1 * DAY, // Lundi de Pâques
    Date.UTC(year, 4, 1), // Fête du travail
    Date.UTC(year, 4, 8), // Victoire 1945
    easter + 39 * DAY, // Ascension
    easter + 50 * DAY, // Lundi de Pentecôte
    Date.UTC(year, 6, 14), // Fête nationale
    Date.UTC(year, 7, 15), // Assomption
    Date.UTC(year, 10, 1), // Toussaint
    Date.UTC(year, 10, 11), // Armistice
    Date.UTC(year, 11, 25), // Noël
  ];
}

/** England and Wales bank holidays, with the substitute weekday when Christmas, Boxing Day or New Year fall at a weekend. */
function british(year: number): number[] {
  const easter = easterSunday(year);
  const out = [easter - 2 * DAY, easter + DAY, nthWeekday(year, 5, 1, 1), nthWeekday(year, 5, 1, -1), nthWeekday(year, 8, 1, -1)];
  const ny = Date.UTC(year, 0, 1);
  out.push(weekday(ny) === 6 ? ny + 2 * DAY : weekday(ny) === 0 ? ny + DAY : ny);
  const xmas = Date.UTC(year, 11, 25);
  const wx = weekday(xmas);
  // Christmas on Saturday: Mon 27 and Tue 28; on Sunday: Tue 27 (Boxing Day Mon 26); Boxing Day on Saturday: Mon 28.
  if (wx === 6) out.push(xmas + 2 * DAY, xmas + 3 * DAY);
  else if (wx === 0) out.push(xmas + DAY, xmas + 2 * DAY);
  else if (wx === 5) out.push(xmas, xmas + 3 * DAY);
  else out.push(xmas, xmas + DAY);
  return out;
}

const cache = new Map<string, Set<number>>();

/** The holidays of one year in one country, as UTC days. */
export function holidaysOf(year: number, country: HolidayCountry): Set<number> {
  const key = `${country}|${year}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(country === 'FR' ? french(year) : country === 'GB' ? british(year) : []);
    cache.set(key, set);
  }
  return set;
}

export function isHoliday(day: number, country: HolidayCountry): boolean {
  return holidaysOf(new Date(day).getUTCFullYear(), country).has(Math.floor(day / DAY) * DAY);
}

/** One flag per day from `startDay` for `days` days: true on a public holiday. */
export function holidayMask(startDay: number, days: number, country: HolidayCountry): boolean[] {
  const out = new Array<boolean>(days);
  for (let i = 0; i < days; i++) out[i] = isHoliday(startDay + i * DAY, country);
  return out;
}
