import { describe, expect, it } from 'vitest';
import { movementPlace, signedDelta } from '@renderer/features/stock/movementText';

describe('movement text (product history and the stock screen)', () => {
  it('signs a change of stock and names a transfer by both places', () => {
    expect(signedDelta(12)).toBe('+12');
    expect(signedDelta(-3)).toMatch(/^[-−]3$/);
    expect(signedDelta(0)).toBe('0');
    expect(movementPlace({ locationName: 'Entrepôt Lyon', toLocationName: null })).toBe('Entrepôt Lyon');
    expect(movementPlace({ locationName: 'Entrepôt Lyon', toLocationName: 'Borne Aurore' })).toBe('Entrepôt Lyon → Borne Aurore');
  });
});
