import { describe, expect, it } from 'vitest';
import { replenishmentAdvice, type ReplenishmentInput } from '@core/modules/forecast/replenishment.js';
import { Z90 } from '@core/modules/forecast/normal.js';

/** z-values of the standard normal, from tables (not from the code under test). */
const Z = { 0.9: 1.2815516, 0.95: 1.6448536, 0.98: 2.0537489, 0.99: 2.3263479 } as const;
const TODAY = Date.UTC(2026, 10, 23);

function input(serviceLevel: number): ReplenishmentInput {
  const days = 40;
  return {
    today: TODAY,
    forecast: { p10: new Array(days).fill(10 - Z90 * 2), p50: new Array(days).fill(10), p90: new Array(days).fill(10 + Z90 * 2) },
    leadTimeDays: 5,
    reviewDays: 7,
    serviceLevel,
    moq: 20,
    packSize: 12,
    onHand: 100,
    openOrders: [],
  };
}

describe("safety stock follows the product's service level", () => {
  it('0.99 against 0.95: safety stocks in the ratio of their z-values, reorder points apart by the difference', () => {
    const a95 = replenishmentAdvice(input(0.95));
    const a99 = replenishmentAdvice(input(0.99));
    // σ over the 12-day protection interval is 15.4641 (see replenishment.test.ts).
    expect(a95.safetyStock).toBeCloseTo(Z[0.95] * 15.4641, 3);
    expect(a99.safetyStock).toBeCloseTo(Z[0.99] * 15.4641, 3);
    expect(a99.safetyStock / a95.safetyStock).toBeCloseTo(Z[0.99] / Z[0.95], 6);
    expect(a99.reorderPoint - a95.reorderPoint).toBeCloseTo((Z[0.99] - Z[0.95]) * 15.4641, 3);
    // 0.99: up-to 120 + 35.975 + 70 = 225.975 → need 125.975 → 11 packs = 132 (0.95 gives 120).
    expect(a95.suggestedQty).toBe(120);
    expect(a99.suggestedQty).toBe(132);
  });

  it('each level gets its own z (0.90, 0.98), and a higher level never lowers the safety stock', () => {
    const base = replenishmentAdvice(input(0.95)).safetyStock;
    for (const p of [0.9, 0.98, 0.99] as const) expect(replenishmentAdvice(input(p)).safetyStock / base).toBeCloseTo(Z[p] / Z[0.95], 6);
    const levels = [0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999].map((p) => replenishmentAdvice(input(p)).safetyStock);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
    expect(levels[0]).toBeCloseTo(0, 9);
  });
});
