import { describe, expect, it } from 'vitest';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { elide, opensWithVowel } from '@renderer/i18n/elision';
import i18n from '@renderer/i18n/index';

// French elides "que", "de", "le"… before a vowel ("pour qu’OpsDeck", "d’Entrepôt"): a walk-through
// (qa19) found "pour que OpsDeck" on the set-up screen and "sortis de Entrepôt Lyon" in a message.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/fr/*.json', { eager: true });

function texts(obj: unknown, key = ''): Array<[string, string]> {
  if (typeof obj === 'string') return [[key, obj]];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}

// Values that never open with a letter (dates, numbers, percentages) or never with a vowel (weekdays).
const NOT_WORDS = new Set(['date', 'when', 'from', 'to', 'out', 'pct', 'cap', 'ping', 'count', 'qty', 'percent', 'day']);

describe('French catalog', () => {
  it('elides before a vowel ("qu’OpsDeck", not "que OpsDeck")', () => {
    const missing: string[] = [];
    for (const [file, mod] of Object.entries(files))
      for (const [key, text] of texts(mod.default)) {
        const m = /(?:^|[\s«("'’])(que|de|le|la|je|ne|se|ce|jusque|lorsque|puisque) [aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ]\S*/.exec(text);
        if (m) missing.push(`${file.split('/').pop()} ${key}: "${m[0].trim()}"`);
      }
    expect(missing).toEqual([]);
  });

  it('puts "de", "que", "le", "la" before a name through the eliding format ("{{product, de}}"), not as plain text', () => {
    const plain: string[] = [];
    for (const [file, mod] of Object.entries(files))
      for (const [key, text] of texts(mod.default))
        for (const m of text.matchAll(/(?:^|[\s«(’])(que|de|le|la|jusque|lorsque|puisque) \{\{\s*(\w+)\s*\}\}/gi))
          if (!NOT_WORDS.has(m[2]!)) plain.push(`${file.split('/').pop()} ${key}: "${m[0].trim()}"`);
    expect(plain).toEqual([]);
  });
});

describe('elision before a value', () => {
  it('elides before a vowel, whatever its accent or case', () => {
    for (const v of ['Entrepôt', 'atelier', 'Écume', 'été', 'Âtre', 'Île', 'Ô Café', 'Œuvre', 'Ursule', 'iris', 'ÉLODIE', 'Yves'])
      expect(elide('de', v), v).toBe(`d’${v}`);
    expect(elide('que', 'Élodie')).toBe('qu’Élodie');
    expect(elide('le', 'Atelier')).toBe('l’Atelier');
    expect(elide('la', 'Orangerie')).toBe('l’Orangerie');
    expect(elide('jusque', 'Annecy')).toBe('jusqu’Annecy');
  });

  it('keeps the word before a consonant, an h (taken as aspirate), a y sounding as a consonant, a digit or nothing', () => {
    for (const v of ['Dune', 'borne', 'Çà et là', 'Houle', 'hôtel', 'Hélène', 'Yannick', 'yaourt', '8 %', '2026', '« Alpha »', ''])
      expect(elide('de', v), v).toBe(`de ${v}`);
    expect(elide('que', 'Camille')).toBe('que Camille');
    expect(opensWithVowel('Zoé')).toBe(false);
  });

  it('is what the French catalogue’s "{{x, de}}" and "{{x, que}}" formats print, English untouched', () => {
    i18n.addResourceBundle('fr', 'elision-test', { stock: 'Le stock {{p, de}} à Lyon', as: 'Entrer en tant {{n, que}}' });
    i18n.addResourceBundle('en', 'elision-test', { stock: 'Stock of {{p}} in Lyon' });
    const t = i18n.getFixedT('fr', 'elision-test');
    expect(t('stock', { p: 'Entrepôt' })).toBe('Le stock d’Entrepôt à Lyon');
    expect(t('stock', { p: 'Écume' })).toBe('Le stock d’Écume à Lyon');
    expect(t('stock', { p: 'Dune' })).toBe('Le stock de Dune à Lyon');
    expect(t('stock', { p: 'Houle' })).toBe('Le stock de Houle à Lyon');
    expect(t('as', { n: 'Élodie' })).toBe('Entrer en tant qu’Élodie');
    expect(t('as', { n: 'Claire' })).toBe('Entrer en tant que Claire');
    expect(i18n.getFixedT('en', 'elision-test')('stock', { p: 'Entrepôt' })).toBe('Stock of Entrepôt in Lyon');
    // The real strings: the months a report names, a demo profile.
    const fr = i18n.getFixedT('fr');
    expect(fr('reports:screen.eventMissing', { month: 'avril 2026' })).toContain('les rapports d’avril 2026 (');
    expect(fr('reports:screen.eventMissing', { month: 'mai 2026' })).toContain('les rapports de mai 2026 (');
    expect(fr('signin:enterDemoAs', { name: 'Élodie Martin' })).toBe('Entrer en tant qu’Élodie Martin');
  });

  it('the core messages naming a client or a model elide "de" before a vowel as the catalogue does', () => {
    expect(localizeCoreMessage('line 4: M. Roux has the e-mail r@x.fr of Atelier Roux, already on file', 'fr')).toBe(
      'ligne 4 : M. Roux a l’e-mail r@x.fr d’Atelier Roux, déjà enregistré',
    );
    expect(localizeCoreMessage('line 4: M. Roux has the e-mail r@x.fr of Mariage Roux, already on file', 'fr')).toBe(
      'ligne 4 : M. Roux a l’e-mail r@x.fr de Mariage Roux, déjà enregistré',
    );
    expect(localizeCoreMessage('The download of orca-mini failed: timeout', 'fr')).toBe('Le téléchargement d’orca-mini a échoué : timeout');
  });
});
