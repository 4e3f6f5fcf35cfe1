import { describe, expect, it } from 'vitest';
import { unitFor } from '@renderer/i18n/units';

// Issue 11: "Commander 10 lot", "30 lot", "15 lot" — the product's unit never agreed with its quantity.
describe('units agree with their quantity', () => {
  it('French: singular up to 1.99 (0 and 1,5 included), plural from 2', () => {
    expect(unitFor('lot', 10, 'fr')).toBe('lots');
    expect(unitFor('lot', 1, 'fr')).toBe('lot');
    expect(unitFor('lot', 0, 'fr')).toBe('lot');
    expect(unitFor('lot', 1.5, 'fr')).toBe('lot');
    expect(unitFor('pce', 2, 'fr')).toBe('pces');
    expect(unitFor('carton', 12, 'fr')).toBe('cartons');
    expect(unitFor('rouleau', 3, 'fr')).toBe('rouleaux');
    expect(unitFor('lot', -5, 'fr')).toBe('lots');
  });
  it('English: the same units in English words, singular only for exactly 1', () => {
    expect(unitFor('lot', 10, 'en')).toBe('lots');
    expect(unitFor('lot', 1, 'en')).toBe('lot');
    expect(unitFor('lot', 0, 'en')).toBe('lots');
    expect(unitFor('pce', 4, 'en')).toBe('pcs');
    expect(unitFor('pce', 1, 'en')).toBe('pc');
    expect(unitFor('boîte', 3, 'en')).toBe('boxes');
  });
  it('a unit the business made up is shown as typed', () => {
    expect(unitFor('m²', 12, 'fr')).toBe('m²');
    expect(unitFor('kg', 12, 'en')).toBe('kg');
  });
});
