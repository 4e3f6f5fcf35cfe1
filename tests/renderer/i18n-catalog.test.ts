import { describe, expect, it } from 'vitest';

// Same glob as the renderer's i18n loader, so a namespace added by any feature is checked here too.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/{fr,en}/*.json', { eager: true });

function byLanguage(lang: 'fr' | 'en'): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [file, mod] of Object.entries(files)) {
    const m = /\/(fr|en)\/([\w-]+)\.json$/.exec(file);
    if (m && m[1] === lang) out.set(m[2]!, mod.default);
  }
  return out;
}

/** "a.b.c" → string value; plurals (_one/_other) count as their base key. */
function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const fr = byLanguage('fr');
const en = byLanguage('en');

describe('translation catalogs', () => {
  it('has the same namespaces in French and English', () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
    expect(fr.has('common') && fr.has('nav')).toBe(true);
  });

  for (const ns of fr.keys()) {
    it(`${ns}: every key exists in both languages with a non-empty text`, () => {
      const f = flatten(fr.get(ns)!);
      const e = flatten(en.get(ns) ?? {});
      const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
      expect([...new Set([...e.keys()].map(base))].sort()).toEqual([...new Set([...f.keys()].map(base))].sort());
      for (const [k, v] of [...f, ...e]) expect(typeof v === 'string' && v.trim() !== '', `${ns}:${k}`).toBe(true);
    });

    it(`${ns}: interpolations are the same in both languages`, () => {
      const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
      const e = flatten(en.get(ns) ?? {});
      for (const [k, v] of flatten(fr.get(ns)!)) if (e.has(k)) expect(vars(e.get(k)), `${ns}:${k}`).toEqual(vars(v));
    });
  }
});
