import { describe, expect, it } from 'vitest';

// French elides "que", "de", "le"… before a vowel ("pour qu’OpsDeck", "d’Entrepôt"): a walk-through
// (qa19) found "pour que OpsDeck" on the set-up screen and "sortis de Entrepôt Lyon" in a message.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/fr/*.json', { eager: true });

function texts(obj: unknown, key = ''): Array<[string, string]> {
  if (typeof obj === 'string') return [[key, obj]];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}

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
});
