import { afterAll, describe, expect, it, vi } from 'vitest';
import { format as formatWithDateFns } from 'date-fns';
import i18n from '@renderer/i18n/index';
import {
  currentLocale,
  dateFnsLocale,
  formatBytes,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
} from '@renderer/i18n/format';

// Intl uses narrow/no-break spaces as French group separators; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const march5 = Date.UTC(2026, 2, 5, 12, 0);

afterAll(() => i18n.changeLanguage('fr'));

describe('localised formatting follows the chosen language', () => {
  it('is French by default', async () => {
    await i18n.changeLanguage('fr');
    expect(plain(formatNumber(1234.5))).toBe('1 234,5');
    expect(plain(formatMoney(12.5))).toBe('12,50 €');
    expect(plain(formatPercent(0.95))).toBe('95 %');
    expect(formatDate(march5, { dateStyle: 'long', timeZone: 'UTC' })).toBe('5 mars 2026');
    expect(formatRelative(march5 - 5 * 60_000, march5)).toBe('il y a 5 minutes');
    expect(plain(formatBytes(1536))).toBe('1,5 ko');
    expect(plain(formatBytes(3 * 1024 ** 3))).toBe('3 Go');
    expect(formatWithDateFns(new Date(2026, 2, 5), 'EEEE d MMMM', { locale: dateFnsLocale() })).toBe('jeudi 5 mars');
  });

  it('switches to English with the language', async () => {
    await i18n.changeLanguage('en');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatMoney(12.5)).toBe('€12.50');
    expect(formatPercent(0.95)).toBe('95%');
    expect(formatDate(march5, { dateStyle: 'long', timeZone: 'UTC' })).toBe('5 March 2026');
    expect(formatRelative(march5 - 5 * 60_000, march5)).toBe('5 minutes ago');
    expect(formatRelative(march5 + 2 * 86_400_000, march5)).toBe('in 2 days');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatWithDateFns(new Date(2026, 2, 5), 'EEEE d MMMM', { locale: dateFnsLocale() })).toBe('Thursday 5 March');
  });

  it('writes English dates day first on a browser set to en-US (the app serves a French business)', async () => {
    vi.stubGlobal('navigator', { language: 'en-US' });
    try {
      await i18n.changeLanguage('en');
      expect(currentLocale()).toBe('en-GB');
      // en-US wrote "2/8/2027" and "Feb 8, 2027".
      const feb8 = Date.UTC(2027, 1, 8, 12, 0);
      expect(formatDate(feb8, { dateStyle: 'short', timeZone: 'UTC' })).toBe('08/02/2027');
      expect(formatDate(feb8, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })).toBe('8 Feb 2027');
      expect(formatDate(feb8, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })).toBe('Mon 8 Feb');
      expect(formatDateTime(new Date(2027, 1, 8, 14, 30))).toBe('08/02/2027, 14:30');
      expect(formatWithDateFns(new Date(2027, 1, 8), 'P', { locale: dateFnsLocale() })).toBe('08/02/2027');
      // French keeps the browser's regional variant.
      vi.stubGlobal('navigator', { language: 'fr-BE' });
      await i18n.changeLanguage('fr');
      expect(currentLocale()).toBe('fr-BE');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
