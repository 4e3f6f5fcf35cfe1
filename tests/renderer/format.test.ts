import { afterAll, describe, expect, it } from 'vitest';
import { format as formatWithDateFns } from 'date-fns';
import i18n from '@renderer/i18n/index';
import { dateFnsLocale, formatBytes, formatDate, formatMoney, formatNumber, formatPercent, formatRelative } from '@renderer/i18n/format';

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
});
