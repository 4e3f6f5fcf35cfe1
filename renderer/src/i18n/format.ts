import { enGB, fr } from 'date-fns/locale';
import i18n from './index';
import type { Locale } from 'date-fns';

/**
 * The locale every date, number and list of the screens is formatted in. French: the user's regional
 * variant (fr-BE, fr-CH…), else fr-FR. English: always en-GB, day before month — the app serves a
 * French business whose English-speaking staff read French dates; with the browser's en-US (the
 * default English of most machines, Debian's Chromium included) the screens wrote "2/8/27" and
 * "Feb 8" beside French paperwork.
 */
export function currentLocale(): string {
  if (i18n.language === 'en') return 'en-GB';
  const nav = typeof navigator !== 'undefined' ? navigator.language : '';
  return nav.toLowerCase().startsWith('fr') ? nav : 'fr-FR';
}

// Building an Intl formatter costs far more than formatting with one, and a table formats
// hundreds of cells per frame: formatters are kept per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(opts?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = currentLocale();
  const key = locale + JSON.stringify(opts ?? {});
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = currentLocale();
  const key = locale + JSON.stringify(opts);
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, opts)));
  return f;
}

export function formatNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  return numberFormat(opts).format(n);
}

let businessCurrency = 'EUR';
/** The business's currency (set-up → business), used wherever an amount is shown without one. */
export function setCurrency(currency: string): void {
  businessCurrency = currency;
}

export function formatMoney(n: number, currency = businessCurrency): string {
  return numberFormat({ style: 'currency', currency }).format(n);
}

export function formatPercent(ratio: number, digits = 0): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

export function formatDate(ms: number | Date, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return dateFormat(opts).format(ms);
}

export function formatDateTime(ms: number | Date): string {
  return dateFormat({ dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

export function formatBytes(bytes: number): string {
  // French says octets: o, ko, Mo, Go.
  const units = i18n.language === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(v, { maximumFractionDigits: i ? 1 : 0 })} ${units[i]}`;
}

/** "il y a 5 minutes" / "5 minutes ago". */
export function formatRelative(ms: number, now = Date.now()): string {
  const rtf = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  const diff = (ms - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}

/** The date-fns locale matching currentLocale(), for features that format or parse with date-fns. */
export function dateFnsLocale(): Locale {
  const loc = currentLocale();
  return loc.startsWith('fr') ? fr : enGB;
}

const collators = new Map<string, Intl.Collator>();
/** Locale-aware text order ("Écume" before "Houle"), numbers inside names in numeric order. */
export function compareText(a: string, b: string): number {
  const locale = currentLocale();
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c.compare(a, b);
}

/**
 * A number typed by a person in the UI language: "1 000,5" in French, "1,000.5" in English; a lone
 * dot is a decimal point in French too ("2.5"). null when it is not a number.
 */
export function parseNumber(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return null;
  if (currentLocale().startsWith('fr')) {
    if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  } else {
    s = s.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A number for an input field: the locale's decimal sign ("30,76", never "30.76"), no grouping to edit around. */
export function formatInputNumber(n: number | null | undefined, maxFractionDigits = 4): string {
  return n === null || n === undefined ? '' : formatNumber(n, { maximumFractionDigits: maxFractionDigits, useGrouping: false });
}

/** A number short enough for a narrow cell ("1,2 Md") with its full value for a tooltip. */
export function formatNumberFit(n: number, maxChars = 10): { text: string; full: string } {
  const full = formatNumber(n);
  if (full.length <= maxChars) return { text: full, full };
  return { text: formatNumber(n, { notation: 'compact', maximumFractionDigits: 1 }), full };
}
