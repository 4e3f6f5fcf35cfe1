import { describe, expect, it } from 'vitest';
import {
  demandOver,
  replenishmentAdvice,
  reviewDaysFor,
  roundToSupplierTerms,
  type ReplenishmentInput,
} from '@core/modules/forecast/replenishment.js';
import { normalQuantile, Z90 } from '@core/modules/forecast/normal.js';

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 23);

/** Flat daily forecast: P50 = mean, P10/P90 = mean ∓ 1.2816 σ (so each day reads back as σ). */
function flat(mean: number, sigma: number, days = 40) {
  return {
    p10: new Array(days).fill(mean - Z90 * sigma),
    p50: new Array(days).fill(mean),
    p90: new Array(days).fill(mean + Z90 * sigma),
  };
}

function input(over: Partial<ReplenishmentInput>): ReplenishmentInput {
  return {
    today: TODAY,
    forecast: flat(10, 2),
    leadTimeDays: 5,
    reviewDays: 7,
    serviceLevel: 0.95,
    moq: 20,
    packSize: 12,
    onHand: 100,
    openOrders: [],
    ...over,
  };
}

describe('safety factor', () => {
  it('inverts the normal CDF', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.98)).toBeCloseTo(2.053749, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
});

describe("review period from a supplier's order days", () => {
  it('is the gap from the next order day to the one after it; weekly without order days', () => {
    const MON = Date.UTC(2026, 10, 23); // a Monday
    expect(reviewDaysFor(undefined, MON)).toBe(7);
    expect(reviewDaysFor([], MON)).toBe(7);
    expect(reviewDaysFor([1], MON)).toBe(7); // Mondays only
    expect(reviewDaysFor([1, 4], MON)).toBe(3); // today Monday → next Thursday
    expect(reviewDaysFor([1, 4], MON + 1 * DAY)).toBe(4); // Tuesday: next is Thursday, then Monday
    expect(reviewDaysFor([1, 2, 3, 4, 5], MON + 4 * DAY)).toBe(3); // Friday → Monday
    expect(reviewDaysFor([0, 1, 2, 3, 4, 5, 6], MON)).toBe(1);
  });
});

describe('rounding to supplier terms', () => {
  it('raises to the MOQ, then to whole packs; nothing when nothing is needed', () => {
    expect(roundToSupplierTerms(101.396, 20, 12)).toBe(108); // 101.4 / 12 = 8.45 → 9 packs
    expect(roundToSupplierTerms(5, 20, 12)).toBe(24); // MOQ 20 → 2 packs of 12
    expect(roundToSupplierTerms(24, 20, 12)).toBe(24); // already whole packs
    expect(roundToSupplierTerms(0.3, 1, 1)).toBe(1);
    expect(roundToSupplierTerms(0, 20, 12)).toBe(0);
    expect(roundToSupplierTerms(-4, 20, 12)).toBe(0);
  });
});

describe('lead-time demand', () => {
  it('adds daily means; sigma halfway between independent and fully correlated days', () => {
    // 12 days × 10 = 120; independent σ = 2 · √12 = 6.9282, correlated σ = 2 · 12 = 24 → σ = 15.4641;
    // P10/P90 = 120 ∓ 1.28155 · 15.4641 = 100.1820 / 139.8180
    const d = demandOver(flat(10, 2), 12);
    expect(d.p50).toBeCloseTo(120, 9);
    expect(d.sigma).toBeCloseTo(15.4641, 4);
    expect(d.p10).toBeCloseTo(100.182, 3);
    expect(d.p90).toBeCloseTo(139.818, 3);
  });
  it('carries the last week on past the horizon', () => {
    // 5 days known (4/day), then the mean of the last (up to) 7 known days (4) carries on: 10 days → 40
    expect(demandOver({ p10: [4, 4, 4, 4, 4], p50: [4, 4, 4, 4, 4], p90: [4, 4, 4, 4, 4] }, 10).p50).toBe(40);
  });
});

describe("lead-time demand from the engine's totals", () => {
  it('reads the totals when the forecast carries them; sigma from the upper half', () => {
    const f = {
      ...flat(10, 2, 20),
      totals: {
        p10: Array.from({ length: 20 }, (_, d) => 8 * (d + 1)),
        p50: Array.from({ length: 20 }, (_, d) => 10 * (d + 1)),
        p90: Array.from({ length: 20 }, (_, d) => 13 * (d + 1)),
      },
    };
    const d = demandOver(f, 12);
    expect(d).toEqual({ p10: 96, p50: 120, p90: 156, sigma: 36 / Z90 });
    // At a 90 % service level the reorder point is exactly the P90 total.
    const a = replenishmentAdvice(input({ forecast: f, serviceLevel: 0.9, leadTimeDays: 5, reviewDays: 7 }));
    expect(a.reorderPoint).toBeCloseTo(156, 6);
    // Past the totals' horizon the daily bands take over.
    expect(demandOver(f, 25).p50).toBeCloseTo(250, 9);
    expect(demandOver(f, 0)).toEqual({ p10: 0, p50: 0, p90: 0, sigma: 0 });
  });
});

describe('reorder advice, worked examples (10/day, σ 2/day, lead time 5 d, review 7 d, 95 %, MOQ 20, packs of 12)', () => {
  // Protection interval 12 d: μ = 120, σ = 15.4641, safety stock = 1.64485 · 15.4641 = 25.4362,
  // reorder point = 145.4362; one review period of demand = 70; up-to level = 215.4362.
  const RP = 145.4362;
  const UPTO = 215.4362;

  it('100 on hand, nothing on order → order now 120, stock-out on day 9', () => {
    const a = replenishmentAdvice(input({ onHand: 100 }));
    expect(a.safetyStock).toBeCloseTo(25.4362, 3);
    expect(a.reorderPoint).toBeCloseTo(RP, 3);
    expect(a.upToLevel).toBeCloseTo(UPTO, 3);
    expect(a.leadTimeDemand.p50).toBeCloseTo(120, 9);
    // Position 100 ≤ 145.4 today: need 215.436 − 100 = 115.436 → 10 packs of 12 = 120.
    expect(a.status).toBe('order_now');
    expect(a.orderBy).toBe(TODAY);
    expect(a.suggestedQty).toBe(120);
    // On hand after day d = 100 − 10 (d + 1): 0 at the end of day 9.
    expect(a.stockoutAt).toBe(TODAY + 9 * DAY);
    expect(a.projection[0]).toEqual({ day: TODAY, onHand: 90, withOrder: 90 });
    expect(a.projection[9]!.onHand).toBeCloseTo(0, 9);
    expect(a.projection[12]!.onHand).toBe(0); // never below zero
    // With the suggested 120 ordered today, received after the 5-day lead time (end of day 5).
    expect(a.projection[4]!.withOrder).toBe(50);
    expect(a.projection[5]!.withOrder).toBe(160);
    expect(a.projection[12]!.withOrder).toBe(90);
  });

  it('180 on hand → order soon: on day 4 (position 140 ≤ 145.4), 84', () => {
    const a = replenishmentAdvice(input({ onHand: 180 }));
    // Day 3: 180 − 30 = 150 > 145.4; day 4: 140 ≤ 145.4 → order by today + 4, within the 7-day review.
    expect(a.status).toBe('order_soon');
    expect(a.orderBy).toBe(TODAY + 4 * DAY);
    // 215.436 − 140 = 75.436 → 7 packs = 84.
    expect(a.suggestedQty).toBe(84);
    expect(a.orderQuantity).toBe(84);
    expect(a.stockoutAt).toBe(TODAY + 17 * DAY);
  });

  it('200 on hand and 50 arriving on day 3 → ok; the order is counted in the position and the projection', () => {
    const a = replenishmentAdvice(input({ onHand: 200, openOrders: [{ expectedDay: TODAY + 3 * DAY, quantity: 50 }] }));
    // Position 250; 250 − 10 d ≤ 145.4 first at d = 11 (140): beyond the review period → ok, nothing to order yet.
    expect(a.onOrder).toBe(50);
    expect(a.inventoryPosition).toBe(250);
    expect(a.status).toBe('ok');
    expect(a.suggestedQty).toBe(0);
    expect(a.orderBy).toBe(TODAY + 11 * DAY);
    expect(a.orderQuantity).toBe(84); // 215.436 − 140 = 75.4 → 84 when the day comes
    // On hand: 200 − 10·3 = 170 after day 2, +50 − 10 on day 3 = 210 … 0 after day 24.
    expect(a.projection[2]!.onHand).toBe(170);
    expect(a.projection[3]!.onHand).toBe(210);
    expect(a.stockoutAt).toBe(TODAY + 24 * DAY);
  });

  it('400 on hand → overstock (above up-to + a review period + one MOQ = 305.4)', () => {
    const a = replenishmentAdvice(input({ onHand: 400 }));
    expect(a.status).toBe('overstock');
    expect(a.suggestedQty).toBe(0);
    expect(replenishmentAdvice(input({ onHand: 290 })).status).toBe('ok');
  });

  it('an overdue order counts as arriving today', () => {
    const a = replenishmentAdvice(input({ onHand: 0, openOrders: [{ expectedDay: TODAY - 2 * DAY, quantity: 30 }] }));
    expect(a.projection[0]!.onHand).toBe(20);
    expect(a.stockoutAt).toBe(TODAY + 2 * DAY);
  });

  it('nothing on hand and nothing coming → stock-out today', () => {
    expect(replenishmentAdvice(input({ onHand: 0 })).stockoutAt).toBe(TODAY);
  });

  it('no demand at all → no order, no stock-out, and the stock is overstock only past one MOQ', () => {
    const none = { p10: new Array(30).fill(0), p50: new Array(30).fill(0), p90: new Array(30).fill(0) };
    const a = replenishmentAdvice(input({ forecast: none, onHand: 5 }));
    expect(a.reorderPoint).toBe(0);
    expect(a.orderBy).toBeNull();
    expect(a.stockoutAt).toBeNull();
    expect(a.status).toBe('ok');
    expect(replenishmentAdvice(input({ forecast: none, onHand: 25 })).status).toBe('overstock');
    // An empty shelf nobody buys from is not a stock-out risk.
    expect(replenishmentAdvice(input({ forecast: none, onHand: 0 })).stockoutAt).toBeNull();
  });
});
