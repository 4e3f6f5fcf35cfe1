import { describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';

// French puts a space before a colon ("Borne : Paris"), English does not ("Booth: Paris"). Screens
// that wrote " : " between two translated parts showed "Booth : Paris", "VAT number : FR…" in English.
const sources = import.meta.glob<string>('../../renderer/src/**/*.tsx', { eager: true, query: '?raw', import: 'default' });
const english = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/en/*.json', { eager: true });

function texts(obj: unknown, key = ''): Array<[string, string]> {
  if (typeof obj === 'string') return [[key, obj]];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}

describe('the colon in each language', () => {
  it('no screen writes a French " : " between translated parts (the catalogues’ colon does it)', () => {
    const found: string[] = [];
    for (const [file, text] of Object.entries(sources))
      text.split('\n').forEach((line, i) => {
        if (/\)\}\s+:\s+\{|\)\} : \$\{|\)\}\s+:\s*$/.test(line))
          found.push(`${file.split('/').slice(-2).join('/')}:${i + 1}: ${line.trim()}`);
      });
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('no English string puts a space before a colon; the shared colon reads ": " in English and " : " in French', async () => {
    const spaced: string[] = [];
    for (const [file, mod] of Object.entries(english))
      for (const [key, text] of texts(mod.default)) if (/\S :(\s|$)/.test(text)) spaced.push(`${file.split('/').pop()} ${key}: ${text}`);
    expect(spaced).toEqual([]);
    await i18n.changeLanguage('en');
    expect(i18n.t('setup:settings.field', { label: i18n.t('setup:business.vatNumber'), value: 'FR12' })).toMatch(/^[^ ]+.*[^ ]: FR12$/);
    expect(i18n.t('common:colon')).toBe(': ');
    await i18n.changeLanguage('fr');
    expect(i18n.t('common:colon')).toBe(' : ');
    expect(i18n.t('setup:settings.field', { label: 'Devise', value: 'EUR' })).toBe('Devise : EUR');
  });
});
