import { describe, expect, it } from 'vitest';
import { entryWarnings, type EntryFacts } from '@core/modules/stock/entryChecks.js';
import { directionOf } from '@core/modules/stock/record.js';
import { MovementInput } from '@shared/model/stock.js';

/**
 * The questions a stock entry asks before it writes (issue 19, from StrykerJS survivors): an
 * unusual quantity (more than 10× the product's usual scale, never below 10) and a line that takes
 * a location below zero, line by line with the stock the earlier lines leave.
 */

type Line = Parameters<typeof entryWarnings>[0][number];
const line = (l: Record<string, unknown>): Line => MovementInput.parse({ productId: 'p1', locationId: 'lyon', reason: '', ...l });

function facts(o: { largest?: number; onHand?: number; at?: Record<string, number> } = {}): EntryFacts {
  return {
    productName: (id) => `Produit ${id}`,
    locationName: (id) => `Lieu ${id}`,
    largest: () => o.largest ?? 0,
    onHand: () => o.onHand ?? 0,
    onHandAt: (_p, l) => o.at?.[l] ?? 0,
  };
}

describe('directions', () => {
  it('in adds, out and transfer remove at the source, an adjustment goes its own way', () => {
    expect(directionOf({ type: 'in' })).toBe(1);
    expect(directionOf({ type: 'out' })).toBe(-1);
    expect(directionOf({ type: 'transfer' })).toBe(-1);
    expect(directionOf({ type: 'adjust', direction: -1 })).toBe(-1);
    expect(directionOf({ type: 'adjust', direction: 1 })).toBe(1);
    expect(directionOf({ type: 'adjust' })).toBe(1);
  });
});

describe('unusual quantities', () => {
  it('more than 10× the largest movement is unusual; exactly 10× is not', () => {
    const f = facts({ largest: 30, onHand: 12, at: { lyon: 1000 } });
    expect(entryWarnings([line({ type: 'in', quantity: 300 })], f)).toEqual([]);
    expect(entryWarnings([line({ type: 'in', quantity: 301 })], f)).toEqual([
      { index: 0, productId: 'p1', productName: 'Produit p1', locationName: 'Lieu lyon', quantity: 301, kind: 'unusual', reference: 30 },
    ]);
  });

  it('the usual scale is the larger of the largest movement and the on-hand', () => {
    const f = facts({ largest: 5, onHand: 40, at: { lyon: 1000 } });
    expect(entryWarnings([line({ type: 'in', quantity: 400 })], f)).toEqual([]);
    expect(entryWarnings([line({ type: 'in', quantity: 401 })], f).map((w) => [w.kind, w.reference])).toEqual([['unusual', 40]]);
  });

  it('a new product: the scale is never below 10 (a first delivery of 100 is fine, 101 asks)', () => {
    expect(entryWarnings([line({ type: 'in', quantity: 100 })], facts())).toEqual([]);
    expect(entryWarnings([line({ type: 'in', quantity: 101 })], facts()).map((w) => [w.kind, w.reference])).toEqual([['unusual', 10]]);
  });
});

describe('lines that go below zero', () => {
  it('an out that empties the location exactly is fine; one unit more asks, with the on-hand it would leave', () => {
    const f = facts({ largest: 50, at: { lyon: 5 } });
    expect(entryWarnings([line({ type: 'out', quantity: 5 })], f)).toEqual([]);
    expect(entryWarnings([line({ type: 'out', quantity: 6 })], f)).toEqual([
      { index: 0, productId: 'p1', productName: 'Produit p1', locationName: 'Lieu lyon', quantity: 6, kind: 'negative', reference: -1 },
    ]);
  });

  it('an in never asks, even on a location already below zero; a negative adjustment does', () => {
    const f = facts({ largest: 50, at: { lyon: -8 } });
    expect(entryWarnings([line({ type: 'in', quantity: 3 })], f)).toEqual([]);
    expect(entryWarnings([line({ type: 'adjust', direction: 1, quantity: 3 })], f)).toEqual([]);
    expect(entryWarnings([line({ type: 'adjust', direction: -1, quantity: 3 })], f).map((w) => [w.kind, w.reference])).toEqual([
      ['negative', -11],
    ]);
  });

  it('a transfer moves the running stock: what it brings to the destination can leave it again in the same batch', () => {
    const f = facts({ largest: 50, at: { lyon: 10, van: 0 } });
    const lines = [
      line({ type: 'transfer', quantity: 4, toLocationId: 'van' }),
      line({ type: 'out', quantity: 4, locationId: 'van' }),
      line({ type: 'out', quantity: 7, locationId: 'lyon' }),
    ];
    // Lyon 10 − 4 = 6, then − 7 = −1 (third line); the van gets 4 and gives 4: 0, no question.
    expect(entryWarnings(lines, f).map((w) => [w.index, w.kind, w.locationName, w.reference])).toEqual([[2, 'negative', 'Lieu lyon', -1]]);
  });

  it('each product and location keeps its own running stock', () => {
    const f: EntryFacts = { ...facts({ largest: 50 }), onHandAt: (p, l) => (p === 'p1' && l === 'lyon' ? 3 : 100) };
    const lines = [
      line({ type: 'out', quantity: 3 }),
      line({ type: 'out', quantity: 3, productId: 'p2' }),
      line({ type: 'out', quantity: 3, locationId: 'van' }),
      line({ type: 'out', quantity: 1 }),
    ];
    expect(entryWarnings(lines, f).map((w) => [w.index, w.productId, w.reference])).toEqual([[3, 'p1', -1]]);
  });

  it('an unusual line that also goes below zero gets both questions, in that order', () => {
    const f = facts({ largest: 1, onHand: 1, at: { lyon: 1 } });
    expect(entryWarnings([line({ type: 'out', quantity: 200 })], f).map((w) => [w.kind, w.reference])).toEqual([
      ['unusual', 10],
      ['negative', -199],
    ]);
  });
});
