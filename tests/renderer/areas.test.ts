import { describe, expect, it } from 'vitest';
import { AREAS } from '@renderer/app/areas';
import frNav from '@renderer/i18n/fr/nav.json';
import enNav from '@renderer/i18n/en/nav.json';

const SPEC_AREAS = ['dashboard', 'catalog', 'stock', 'forecasts', 'fleet', 'events', 'assistant', 'settings'];

describe('areas registry', () => {
  it('declares every area of the SPEC, each once', () => {
    const ids = AREAS.map((a) => a.id);
    for (const id of SPEC_AREAS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every area a sidebar label in French and English, an icon and a component', () => {
    for (const a of AREAS) {
      expect((frNav as Record<string, unknown>)[a.labelKey], `fr nav.${a.labelKey}`).toEqual(expect.any(String));
      expect((enNav as Record<string, unknown>)[a.labelKey], `en nav.${a.labelKey}`).toEqual(expect.any(String));
      expect(a.icon).not.toBe('');
      expect(a.component).toBeTruthy();
    }
  });

  it('uses ids that are safe as hash routes', () => {
    for (const a of AREAS) expect(a.id).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});
