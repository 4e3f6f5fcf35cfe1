/** Cell parsers for numbers and dates as French- and English-speaking offices write them. Pure, no I/O. */

// Spaces used as thousands separators: normal, no-break and narrow no-break (Excel FR writes the latter two).
const GROUP_SPACES = /[\s\u00a0\u202f']/g;

/**
 * Parses "1 234,56", "1234.56", "1.234,56", "1,234.56", "-3". When only a comma is present it is the
 * decimal mark (French first), unless it clearly groups thousands ("1,234,567"). Null when not a number.
 */
export function parseDecimal(raw: string): number | null {
  let s = raw.trim().replace(GROUP_SPACES, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the later one is the decimal mark, the other groups thousands.
    if (lastComma > lastDot) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    if (/^[+-]?\d{1,3}(,\d{3}){2,}$/.test(s)) s = s.replace(/,/g, '');
    else if ((s.match(/,/g) ?? []).length === 1) s = s.replace(',', '.');
    else return null;
  } else if (lastDot >= 0 && (s.match(/\./g) ?? []).length > 1) {
    // "1.234.567": dots grouping thousands.
    if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
    else return null;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Parses an integer cell ("12", "12,0", "1 000"); null when it is not a whole number. */
export function parseInteger(raw: string): number | null {
  const n = parseDecimal(raw);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** A percentage or ratio cell for service levels: "95 %", "95", "0,95" → 0.95. */
export function parseRatio(raw: string): number | null {
  const pct = raw.trim().endsWith('%');
  const n = parseDecimal(raw.replace('%', ''));
  if (n === null) return null;
  return pct || n > 1 ? n / 100 : n;
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The hour a stock movement or sale given by its day alone is recorded at, where the office is:
 * noon. The forecast counts a line on its local date (shared/days.ts gridDay, since migration 0246;
 * it counted the UTC date before, which noon kept on the day written from UTC−11 to UTC+11), so any
 * hour of the day would do now; noon stays clear of a summer-time change and of a device that
 * reads the file a few zones away. At local midnight under the UTC grid, in Paris (23:00 UTC the day
 * before) every sale of a date-only file landed on the previous day: Monday's sales on Sunday.
 */
export const MOVEMENT_DAY_HOUR = 12;

/**
 * Parses "dd/mm/yyyy" (also with - or . and an optional "hh:mm[:ss]" or "14h30"), ISO dates and ISO
 * date-times to ms since epoch. Dates without a zone are local time, as the office wrote them; a
 * date without a time is at `dateOnlyHour` o'clock that day (default midnight). Impossible dates
 * (31/02/2026) are refused, not rolled over.
 */
export function parseDate(raw: string, dateOnlyHour = 0): number | null {
  const s = raw.trim();
  if (s === '') return null;
  if (ISO_ZONED.test(s)) {
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : null;
  }
  let y: number, mo: number, d: number;
  let h = dateOnlyHour,
    mi = 0,
    se = 0;
  let m = ISO_DAY.exec(s) ?? ISO_LOCAL.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi, se] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else if ((m = DMY.exec(s))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[3]!.length === 2) y += 2000;
    if (m[4] !== undefined) [h, mi, se] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else {
    return null;
  }
  if (h > 23 || mi > 59 || se > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi, se);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** Yes/no cells: "oui", "non", "yes", "no", "1", "0", "vrai", "faux", "actif", "archivé". */
export function parseBoolean(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (['1', 'oui', 'o', 'yes', 'y', 'true', 'vrai', 'x', 'actif', 'active'].includes(s)) return true;
  if (['0', 'non', 'n', 'no', 'false', 'faux', 'archivé', 'archive', 'archived', 'inactif', 'inactive'].includes(s)) return false;
  return null;
}

/** List cells ("recyclable | made in France", one per line) as a trimmed, non-empty array. */
export function parseList(raw: string): string[] {
  return raw
    .split(/\s*[|\n]\s*/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
