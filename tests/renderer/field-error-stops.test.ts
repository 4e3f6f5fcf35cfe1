import { describe, expect, it } from 'vitest';

/**
 * One rule for the messages shown beside a field, in both languages: a short phrase with no full
 * stop at the end, as the core's own messages are written ("La référence est requise"). The forms
 * mixed them: on the event form "La fin doit suivre le début." beside the product form's "Saisissez
 * un nombre", the booth form's "Adresse MAC invalide (ex. AA:BB:CC:DD:EE:FF)." beside the core's
 * "Une borne a déjà cette adresse MAC".
 */
const catalogues = import.meta.glob<{ default: Record<string, unknown> }>('../../renderer/src/i18n/{fr,en}/*.json', { eager: true });
const sources = import.meta.glob<string>('../../renderer/src/**/*.{ts,tsx}', { eager: true, query: '?raw', import: 'default' });
const core = import.meta.glob<string>('../../renderer/src/i18n/coreMessages.ts', { eager: true, query: '?raw', import: 'default' });

/** The catalogues' field messages: whole groups (ns:prefix.) or single keys (ns:key). */
const FIELD_MESSAGES = [
  'events:form.errors.',
  'fleet:form.errors.',
  'fleet:reloadForm.rollsInvalid',
  'clients:errors.',
  'clients:reg.invalid',
  'clients:reg.invalidCapacity',
  'catalog:notANumber',
  'forecast:driverForm.notANumber',
  'quotes:errors.',
  'quotes:orders.errors.',
  'receiving:errors.',
  'setup:business.logoTooLarge',
  'settings:deviceNameRequired',
  'settings:deviceNameTooLong',
  'settings:quoteSeriesInvalid',
  'sync:intervalInvalid',
];

function texts(obj: unknown, key = ''): Array<[string, string]> {
  if (typeof obj === 'string') return [[key, obj]];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}
const all: Array<[string, string]> = Object.entries(catalogues).flatMap(([file, mod]) => {
  const m = /\/(fr|en)\/(\w+)\.json$/.exec(file)!;
  return texts(mod.default).map(([k, v]): [string, string] => [`${m[1]}/${m[2]}:${k}`, v]);
});
const fieldMessage = (id: string) => FIELD_MESSAGES.some((f) => (f.endsWith('.') ? id.startsWith(f) : id === f));
const endsWithStop = (s: string) => /[^.]\.$/.test(s.trim()); // "…" and "etc." aside: a sentence's full stop

describe('field messages end without a full stop, in French and English', () => {
  it('the catalogues’ field messages', () => {
    const listed = all.filter(([id]) => fieldMessage(id.slice(3)));
    expect(listed.length).toBeGreaterThan(40);
    expect(listed.filter(([, v]) => endsWithStop(v)).map(([id, v]) => `${id} ${v}`)).toEqual([]);
  });

  it('every catalogue message a form keeps as a field error (say(…)) follows the rule', () => {
    const keys = new Set<string>();
    for (const text of Object.values(sources)) for (const m of text.matchAll(/\bsay\(\s*'([\w]+:[\w.]+)'/g)) keys.add(m[1]!);
    expect(keys.size).toBeGreaterThan(8);
    const byId = new Map(all);
    const bad: string[] = [];
    for (const k of keys)
      for (const lang of ['fr', 'en']) {
        const [ns, key] = k.split(':') as [string, string];
        const v = byId.get(`${lang}/${ns}:${key}`);
        if (v === undefined) bad.push(`${lang} ${k} missing`);
        else if (endsWithStop(v)) bad.push(`${lang} ${k} ${v}`);
      }
    expect(bad).toEqual([]);
  });

  it('the core’s messages in French follow it too', () => {
    const frenchOfCore = [...Object.values(core)[0]!.matchAll(/^ {2}'[^']+':\s*'([^']+)',$/gm)].map((m) => m[1]!);
    expect(frenchOfCore.length).toBeGreaterThan(100);
    expect(frenchOfCore.filter(endsWithStop)).toEqual([]);
  });
});
