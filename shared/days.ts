/**
 * `YYYY-MM-DD` of `ms`'s day on this device's clock (its time zone): the day a user wrote or reads.
 * Not `toISOString().slice(0, 10)`, the UTC day — on Paris time a date read as local midnight
 * (a CSV's "01/12/2027") is 23:00 UTC the day before.
 */
export function localIsoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM` of `ms` on this device's clock: a time as the user wrote or reads it. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  return `${localIsoDay(ms)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * The instant of a date or date-time the user wrote, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a `T`
 * between them too), read on this device's clock: "2026-12-09 14:00" is 14:00 where the user is.
 * An explicit offset (`Z`, `+01:00`) is kept. `days` moves the date by whole calendar days (local
 * midnights stay midnights across a change of summer time). NaN when it is not a real date or time.
 */
export function parseLocalDateTime(text: string, days = 0): number {
  const s = text.trim();
  if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(s)) {
    const t = Date.parse(s.replace(' ', 'T'));
    return Number.isNaN(t) ? NaN : t + days * 86_400_000;
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?$/.exec(s);
  if (!m) return NaN;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return NaN;
  const at = new Date(y, mo - 1, d + days, h, mi);
  // 2026-02-30 rolls over to March: not a date the user meant.
  const back = new Date(y, mo - 1, d, h, mi);
  return back.getMonth() !== mo - 1 || back.getDate() !== d ? NaN : at.getTime();
}

/** Local midnight starting the day of `ms`, moved by `days` calendar days. */
export function localDayStart(ms: number, days = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}

const DAY_MS = 86_400_000;

/**
 * The day grid of forecasts and stock (issue 17): a day is the UTC midnight of a calendar date (so
 * `toISOString().slice(0, 10)` and the holiday tables read it as that date, in any zone), and an
 * instant belongs to the date it has on this device's clock — a sale at 00:30 in Paris counts on
 * that day, not on the UTC day before. Not `Math.floor(ms / DAY) * DAY`, the UTC date.
 */
export function gridDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
}

/** The grid day of `ms` as a whole number of days since 1970-01-01 (the index of stock_days). */
export function gridDayIndex(ms: number): number {
  return Math.round(gridDay(ms) / DAY_MS);
}

/** The instant a grid day (UTC midnight of a date) starts on this device's clock: that date's local midnight. */
export function gridDayStart(day: number): number {
  const d = new Date(day);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()).getTime();
}

/** The time zone this device's clock is on (what the grid days of stored tables were computed in). */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
