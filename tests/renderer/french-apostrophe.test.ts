import { describe, expect, it } from 'vitest';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

// French typography writes the apostrophe ’ (U+2019): "aujourd’hui", "l’événement". A walk-through
// (qa19) counted 124 straight ones (') in the French catalogue beside curly ones on the same screens.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/fr/*.json', { eager: true });
const both = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/{fr,en}/*.json', { eager: true });

function texts(obj: unknown, key = ''): Array<[string, string]> {
  if (typeof obj === 'string') return [[key, obj]];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}

const STRAIGHT = /\p{L}'[\p{L}{]/u;

describe('French apostrophes', () => {
  it('the French catalogue has no straight apostrophe between letters (nor before a value: "l’{{x}}")', () => {
    const straight: string[] = [];
    for (const [file, mod] of Object.entries(files))
      for (const [key, text] of texts(mod.default)) if (STRAIGHT.test(text)) straight.push(`${file.split('/').pop()} ${key}: ${text}`);
    expect(Object.keys(files).length).toBeGreaterThan(20);
    expect(straight).toEqual([]);
  });

  it('no catalogue string (French or English) carries UTF-8 read as Latin-1 ("â€™", "Ã©", "â€¦")', () => {
    const garbled: string[] = [];
    for (const [file, mod] of Object.entries(both))
      for (const [key, text] of texts(mod.default))
        if (/â[\u0080-\u00bf€]|Ã[\u0080-\u00bf]/u.test(text)) garbled.push(`${file} ${key}: ${text}`);
    expect(garbled).toEqual([]);
  });

  it('the core messages said in French use ’ too', () => {
    expect(localizeCoreMessage('Give the event its date before accepting', 'fr')).toBe('Donnez sa date à l’événement avant d’accepter');
    expect(localizeCoreMessage('Enter the business name', 'fr')).toBe('Saisissez le nom de l’entreprise');
  });
});
