import { describe, expect, it } from 'vitest';
import {
  demandOver,
  extendedAt,
  replenishmentAdvice,
  roundToSupplierTerms,
  type ReplenishmentInput,
} from '@core/modules/forecast/replenishment.js';
import { normalQuantile, Z90 } from '@core/modules/forecast/normal.js';
import { empiricalBands } from '@core/modules/forecast/quantiles.js';
import { AppError } from '@shared/errors.js';

/**
 * The edges of the reorder maths that the worked examples (replenishment.test.ts) do not reach:
 * written from StrykerJS survivors (issue 19). Each test states the rule it protects.
 */

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 23);

/** Flat daily forecast: P50 = mean, P10/P90 = mean ∓ 1.2816 σ (each day reads back as σ). */
function flat(mean: number, sigma: number, days = 40) {
  return {
    p10: new Array<number>(days).fill(mean - Z90 * sigma),
    p50: new Array<number>(days).fill(mean),
    p90: new Array<number>(days).fill(mean + Z90 * sigma),
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

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('safety factor: a service level must be a probability', () => {
  it('refuses 0, 1 and anything outside (0, 1) with invalid_input, naming the value', () => {
    for (const p of [0, 1, -0.2, 1.5, Number.NaN]) {
      const e = thrown(() => normalQuantile(p));
      expect(e, `p = ${p}`).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_input');
      expect((e as AppError).message).toBe(`probability must be strictly between 0 and 1 (got ${p})`);
    }
    // Just inside the bounds it answers (and symmetrically).
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424, 5);
    expect(normalQuantile(1 - 1e-6)).toBeCloseTo(4.753424, 5);
  });
});

describe('bands from rolling-origin errors: who borrows', () => {
  const EIGHT = [-4, -3, -2, -1, 0, 1, 2, 3]; // P10 −3.3, P90 2.3
  const TEN = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4]; // P10 −4.1, P90 3.1, RMSE √8.5

  it('a step with exactly the minimum number of errors (8) keeps its own', () => {
    const b = empiricalBands([20, 20], [EIGHT, TEN]);
    expect(b.p10[0]).toBeCloseTo(20 - 3.3, 9);
    expect(b.p90[0]).toBeCloseTo(20 + 2.3, 9);
  });

  it('the first step can be the donor: a later thin step borrows it, widened by √(h / h′)', () => {
    const b = empiricalBands([20, 20], [TEN, [1]]);
    expect(b.p10[1]).toBeCloseTo(20 - 4.1 * Math.SQRT2, 9);
    expect(b.p90[1]).toBeCloseTo(20 + 3.1 * Math.SQRT2, 9);
    const r = empiricalBands([20, 20], [TEN, [1]], 'rmse');
    expect(r.p10[1]).toBeCloseTo(20 - 1.2816 * Math.sqrt(8.5) * Math.SQRT2, 9);
    expect(r.p90[1]).toBeCloseTo(20 + 1.2816 * Math.sqrt(8.5) * Math.SQRT2, 9);
  });
});

describe('demand over a window', () => {
  it('reads each known day, not an average, inside the horizon', () => {
    const f = { p10: [1, 2, 6], p50: [1, 2, 6], p90: [1, 2, 6] };
    expect(extendedAt(f.p50, 1)).toBe(2);
    expect(demandOver(f, 2).p50).toBe(3);
  });

  it('past the horizon carries the mean of the last 7 days on, not of the whole history', () => {
    const s = [0, 0, 0, 10, 10, 10, 10, 10, 10, 10];
    expect(extendedAt(s, 12)).toBe(10);
    expect(demandOver({ p10: s, p50: s, p90: s }, 12).p50).toBe(90); // 70 known + 2 × 10
  });

  it("reads the engine's totals from day 1 up to their last day included", () => {
    const f = {
      ...flat(10, 0, 20),
      totals: {
        p10: Array.from({ length: 20 }, (_, d) => 9 * (d + 1)),
        p50: Array.from({ length: 20 }, (_, d) => 11 * (d + 1)), // daily P50 sums would give 10 per day
        p90: Array.from({ length: 20 }, (_, d) => 14 * (d + 1)),
      },
    };
    expect(demandOver(f, 1)).toEqual({ p10: 9, p50: 11, p90: 14, sigma: 3 / Z90 });
    expect(demandOver(f, 20).p50).toBe(220);
    expect(demandOver(f, 21).p50).toBe(210); // past the totals: daily bands
  });
});

describe('rounding noise is nothing', () => {
  it('a need of 1e-9 orders nothing; a real need orders the MOQ', () => {
    expect(roundToSupplierTerms(1e-9, 20, 12)).toBe(0);
    expect(roundToSupplierTerms(1e-6, 20, 12)).toBe(24);
  });

  it('a shelf left with rounding noise is empty; a demand of rounding noise is no demand', () => {
    // 0.3 − 0.1 − 0.1 − 0.1 is 5.6e-17 in floating point: out of stock on day 2.
    const tenths = { p10: [0.1, 0.1, 0.1, 0, 0], p50: [0.1, 0.1, 0.1, 0, 0], p90: [0.1, 0.1, 0.1, 0, 0] };
    expect(replenishmentAdvice(input({ forecast: tenths, onHand: 0.3 })).stockoutAt).toBe(TODAY + 2 * DAY);
    // Exactly 1e-9 left after day 0 (5 arrive, 5 sold) counts as empty that day.
    const five = { p10: [5, 5, 5], p50: [5, 5, 5], p90: [5, 5, 5] };
    const a = replenishmentAdvice(input({ forecast: five, onHand: 1e-9, openOrders: [{ expectedDay: TODAY, quantity: 5 }] }));
    expect(a.stockoutAt).toBe(TODAY);
    // Nothing on the shelf, and 1e-9 wanted: no stock-out.
    const noise = { p10: [1e-9, 0, 0], p50: [1e-9, 0, 0], p90: [1e-9, 0, 0] };
    expect(replenishmentAdvice(input({ forecast: noise, onHand: 0 })).stockoutAt).toBeNull();
  });
});

describe('the order-by day', () => {
  it('a position exactly at the reorder point orders today', () => {
    // σ 0: reorder point = 12 days × 10 = 120 exactly, up-to level 190.
    const a = replenishmentAdvice(input({ forecast: flat(10, 0), onHand: 120 }));
    expect(a.reorderPoint).toBe(120);
    expect(a.orderBy).toBe(TODAY);
    expect(a.status).toBe('order_now');
    expect(a.suggestedQty).toBe(72); // 190 − 120 = 70 → 6 packs of 12
  });

  it('nothing on hand and no demand: no order-by day (the up-to level is not above the position)', () => {
    const none = { p10: new Array<number>(30).fill(0), p50: new Array<number>(30).fill(0), p90: new Array<number>(30).fill(0) };
    const a = replenishmentAdvice(input({ forecast: none, onHand: 0 }));
    expect(a.orderBy).toBeNull();
    expect(a.orderQuantity).toBe(0);
  });

  it('is found beyond the protection interval, up to the end of the forecast', () => {
    // Reorder point 145.44: 350 − 10 d ≤ 145.44 first on day 21 (position 140), 84 due then.
    const a = replenishmentAdvice(input({ onHand: 350 }));
    expect(a.orderBy).toBe(TODAY + 21 * DAY);
    expect(a.orderQuantity).toBe(84);
  });

  it('with a forecast shorter than the protection interval, is searched over protection + 1 days, no further', () => {
    const short = flat(10, 2, 5); // carried on past day 4
    // Protection 12 days: the search covers days 0–12. 260 − 10 d ≤ 145.44 first on day 12.
    const a = replenishmentAdvice(input({ forecast: short, onHand: 260 }));
    expect(a.reorderPoint).toBeCloseTo(145.4362, 3);
    expect(a.orderBy).toBe(TODAY + 12 * DAY);
    expect(a.orderQuantity).toBe(84);
    // 270 would reach it on day 13: outside the search, so no order-by day and nothing due.
    const b = replenishmentAdvice(input({ forecast: short, onHand: 270 }));
    expect(b.orderBy).toBeNull();
    expect(b.orderQuantity).toBe(0);
    expect(b.status).toBe('ok');
  });

  it('an order due on the last day of the review period is "order soon"; a day later is ok', () => {
    // 210 − 10 d ≤ 145.44 first on day 7 = the review period.
    const a = replenishmentAdvice(input({ onHand: 210 }));
    expect(a.orderBy).toBe(TODAY + 7 * DAY);
    expect(a.status).toBe('order_soon');
    expect(a.suggestedQty).toBe(84);
    const b = replenishmentAdvice(input({ onHand: 220 })); // day 8
    expect(b.orderBy).toBe(TODAY + 8 * DAY);
    expect(b.status).toBe('ok');
    expect(b.suggestedQty).toBe(0);
  });
});

describe('overstock threshold', () => {
  it('exactly up-to + one review period + one MOQ is not overstock; one more unit is', () => {
    // σ 0: up-to 190, review demand 70, MOQ 20 → 280.
    expect(replenishmentAdvice(input({ forecast: flat(10, 0), onHand: 280 })).status).toBe('ok');
    expect(replenishmentAdvice(input({ forecast: flat(10, 0), onHand: 281 })).status).toBe('overstock');
  });
});

describe('projection', () => {
  it('one point per forecast day, at the start of each day', () => {
    const a = replenishmentAdvice(input({ forecast: flat(10, 2, 15), onHand: 100 }));
    expect(a.projection.map((p) => p.day)).toEqual(Array.from({ length: 15 }, (_, d) => TODAY + d * DAY));
  });

  it('not asked for: empty, and the stock-out day is the same', () => {
    const a = replenishmentAdvice(input({ onHand: 100 }), { projection: false });
    expect(a.projection).toEqual([]);
    expect(a.stockoutAt).toBe(TODAY + 9 * DAY);
    expect(replenishmentAdvice(input({ onHand: 0 }), { projection: false }).stockoutAt).toBe(TODAY);
    // The order advice itself does not depend on the projection.
    const b = replenishmentAdvice(input({ onHand: 180 }), { projection: false });
    expect([b.status, b.suggestedQty, b.orderBy, b.stockoutAt]).toEqual(['order_soon', 84, TODAY + 4 * DAY, TODAY + 17 * DAY]);
  });

  it('shows the effect of an order only when one is suggested (now or soon)', () => {
    // Order soon: 84 on day 4, received a 5-day lead time later (day 9).
    const soon = replenishmentAdvice(input({ onHand: 180 }));
    expect(soon.status).toBe('order_soon');
    expect(soon.projection[8]).toEqual({ day: TODAY + 8 * DAY, onHand: 90, withOrder: 90 });
    expect(soon.projection[9]).toEqual({ day: TODAY + 9 * DAY, onHand: 80, withOrder: 164 });
    // Ok (order-by day 11, nothing suggested yet): no withOrder anywhere.
    const ok = replenishmentAdvice(input({ onHand: 200, openOrders: [{ expectedDay: TODAY + 3 * DAY, quantity: 50 }] }));
    expect(ok.status).toBe('ok');
    expect(ok.orderBy).not.toBeNull();
    expect(ok.projection.filter((p) => 'withOrder' in p)).toEqual([]);
  });
});
