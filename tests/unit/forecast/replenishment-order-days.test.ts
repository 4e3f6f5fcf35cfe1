import { describe, expect, it } from 'vitest';
import { replenishmentAdvice, reviewDaysFor, type ReplenishmentInput } from '@core/modules/forecast/replenishment.js';
import { Z90 } from '@core/modules/forecast/normal.js';

const DAY = 86_400_000;
// Monday 23 November 2026.
const TODAY = Date.UTC(2026, 10, 23);
const weekday = (day: number) => new Date(day).getUTCDay();

function input(over: Partial<ReplenishmentInput>): ReplenishmentInput {
  const days = 40;
  return {
    today: TODAY,
    forecast: { p10: new Array(days).fill(10 - Z90 * 2), p50: new Array(days).fill(10), p90: new Array(days).fill(10 + Z90 * 2) },
    leadTimeDays: 5,
    reviewDays: 7,
    serviceLevel: 0.95,
    moq: 1,
    packSize: 1,
    onHand: 200,
    openOrders: [],
    ...over,
  };
}

/** Review period on the supplier's order days: orders go out on those days only. */
describe('order days in the reorder advice', () => {
  const firstCrossing = (a: ReturnType<typeof replenishmentAdvice>, onHand: number) => {
    let d = 0;
    while (onHand - 10 * d > a.reorderPoint) d++;
    return d;
  };

  it('without order days, the order-by day is the first day the position reaches the reorder point', () => {
    const a = replenishmentAdvice(input({ onHand: 170 }));
    expect(firstCrossing(a, 170)).toBe(3);
    expect(a.orderBy).toBe(TODAY + 3 * DAY);
  });

  it('with order days, it is the first order day from then on, and the quantity covers the days waited', () => {
    const free = replenishmentAdvice(input({ onHand: 170 }));
    // Orders taken on Fridays only (a weekly review): Thursday's crossing waits for Friday 27.
    const a = replenishmentAdvice(input({ onHand: 170, orderDays: [5] }));
    expect(a.reorderPoint).toBeCloseTo(free.reorderPoint, 9);
    expect(a.orderBy).toBe(TODAY + 4 * DAY);
    expect(weekday(a.orderBy!)).toBe(5);
    expect(a.status).toBe('order_soon');
    // Ordered a day later, the position is 10 lower: the order is 10 larger.
    expect(a.orderQuantity).toBe(free.orderQuantity + 10);
    // The projection with the order receives it a lead time (5 days) after that Friday.
    const p = a.projection;
    expect(p[8]!.withOrder).toBeCloseTo(p[8]!.onHand, 9);
    expect(p[9]!.withOrder! - p[9]!.onHand).toBeCloseTo(a.orderQuantity, 9);
  });

  it('below the reorder point on a day the supplier takes no orders: order now, on its next order day (not "soon")', () => {
    // Already below the reorder point today, a Monday.
    const low = { onHand: 60, reviewDays: 4 };
    expect(replenishmentAdvice(input({ ...low, orderDays: [1, 4] }))).toMatchObject({ status: 'order_now', orderBy: TODAY });
    // Orders taken on Wednesdays and Saturdays: the order goes out on Wednesday 25th, the first
    // chance there is — as urgent as it gets (it read 'order_soon', ranked with products days
    // away from their reorder point); orderBy names the day.
    const wed = replenishmentAdvice(input({ ...low, reviewDays: reviewDaysFor([3, 6], TODAY), orderDays: [3, 6] }));
    expect(wed).toMatchObject({ status: 'order_now', orderBy: TODAY + 2 * DAY });
    expect(wed.suggestedQty).toBeGreaterThan(0);
    // Above the reorder point today and crossing it before the next order day: still order soon.
    const later = replenishmentAdvice(input({ onHand: 170, reviewDays: reviewDaysFor([5], TODAY), orderDays: [5] }));
    expect(later).toMatchObject({ status: 'order_soon', orderBy: TODAY + 4 * DAY });
  });

  it('a position crossing near the end of the forecast still finds its order day', () => {
    const a = replenishmentAdvice(input({ onHand: 520, orderDays: [0] }));
    expect(a.orderBy).not.toBeNull();
    expect(weekday(a.orderBy!)).toBe(0);
  });
});
