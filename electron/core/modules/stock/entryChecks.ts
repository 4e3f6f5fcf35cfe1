import type { EntryWarning, MovementInput } from '@shared/model/stock.js';
import { directionOf } from './record.js';
import type { z } from 'zod';

type ParsedMovement = z.output<typeof MovementInput>;

/** A line is "unusual" above this many times the product's usual scale. */
export const UNUSUAL_FACTOR = 10;
/** The usual scale never goes below this: a new product's first delivery of 100 is not unusual. */
export const UNUSUAL_FLOOR = 10;

export interface EntryFacts {
  productName(productId: string): string;
  locationName(locationId: string): string;
  /** Largest single movement the product ever had. */
  largest(productId: string): number;
  /** On hand of the product over every location. */
  onHand(productId: string): number;
  onHandAt(productId: string, locationId: string): number;
}

/**
 * What a stock entry would do that a person should confirm first, line by line and in order (a
 * later line sees the stock the earlier ones leave): a quantity more than 10× the product's largest
 * movement and its on-hand, and any line leaving a location's stock below zero.
 */
export function entryWarnings(lines: ParsedMovement[], facts: EntryFacts): EntryWarning[] {
  const warnings: EntryWarning[] = [];
  const running = new Map<string, number>();
  const at = (productId: string, locationId: string) => {
    const k = `${productId}\u0000${locationId}`;
    if (!running.has(k)) running.set(k, facts.onHandAt(productId, locationId));
    return k;
  };
  lines.forEach((m, index) => {
    const base = {
      index,
      productId: m.productId,
      productName: facts.productName(m.productId),
      locationName: facts.locationName(m.locationId),
      quantity: m.quantity,
    };
    const usual = Math.max(facts.largest(m.productId), facts.onHand(m.productId), UNUSUAL_FLOOR);
    if (m.quantity > UNUSUAL_FACTOR * usual) warnings.push({ ...base, kind: 'unusual', reference: usual });
    const k = at(m.productId, m.locationId);
    const after = running.get(k)! + directionOf(m) * m.quantity;
    running.set(k, after);
    if (m.toLocationId) {
      const t = at(m.productId, m.toLocationId);
      running.set(t, running.get(t)! + m.quantity);
    }
    if (directionOf(m) < 0 && after < 0) warnings.push({ ...base, kind: 'negative', reference: after });
  });
  return warnings;
}
