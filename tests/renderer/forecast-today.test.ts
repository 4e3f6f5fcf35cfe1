import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import { daysFromToday, formatDay, formatInDays, nextOrderDay, openArrivals, todayDay } from '@renderer/features/forecast/words';

/**
 * The screens' "today" on Paris time (issue 17): the core's days are the device's calendar dates
 * (UTC midnights of them), so at 00:30 on Tuesday 15 December in Paris — Monday 23:30 UTC — today is
 * the 15th: an order-by day of the 15th is "today", not "tomorrow".
 */
// This file's process on Paris time (tests/fixtures/clock.ts inTimeZone, which needs Node's types: not in the web tsconfig).
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let tz: string | undefined;
beforeAll(() => {
  tz = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterAll(async () => {
  if (tz === undefined) delete env.TZ;
  else env.TZ = tz;
  await i18n.changeLanguage('fr');
});

describe('today on the screens, after midnight in Paris', () => {
  it('is the Paris date, and contract days keep their dates', async () => {
    const now = Date.UTC(2026, 11, 14, 23, 30); // 00:30 on the 15th in Paris (CET)
    expect(todayDay(now)).toBe(Date.UTC(2026, 11, 15));
    expect(daysFromToday(Date.UTC(2026, 11, 15), now)).toBe(0);
    expect(daysFromToday(Date.UTC(2026, 11, 14), now)).toBe(-1);
    await i18n.changeLanguage('fr');
    expect(formatInDays(Date.UTC(2026, 11, 16), now)).toBe('demain');
    expect(formatDay(Date.UTC(2026, 11, 15), { day: 'numeric', month: 'long' })).toBe('15 décembre');
    // A supplier taking orders on Mondays: at 00:30 on Tuesday 15th its next order day is Monday 21st
    // (the UTC date, Monday 14th, made it today — a day already gone in Paris).
    expect(nextOrderDay([1], now)).toBe(Date.UTC(2026, 11, 21));
    // Late in the evening it is still the same date.
    const evening = Date.UTC(2026, 11, 15, 22, 30); // 23:30 in Paris
    expect(todayDay(evening)).toBe(Date.UTC(2026, 11, 15));
    // And across the spring change of summer time (28 March 2027: 00:30 CET is 23:30 UTC on the 27th).
    expect(todayDay(Date.UTC(2027, 2, 27, 23, 30))).toBe(Date.UTC(2027, 2, 28));
    expect(todayDay(Date.UTC(2027, 2, 28, 21, 30))).toBe(Date.UTC(2027, 2, 28)); // 23:30 CEST
  });

  it('puts an open order on the day the core counts it: its date on the Paris clock', () => {
    const DAY = 86_400_000;
    const today = Date.UTC(2026, 11, 15);
    const projection = Array.from({ length: 10 }, (_, d) => ({ day: today + d * DAY, onHand: 10 }));
    const order = (expectedAt: number, quantity = 24) => ({ expectedAt, quantity, receivedQuantity: 0, status: 'open' as const });
    // Expected at 00:30 on Friday 18th in Paris (23:30 UTC on the 17th): the 18th, not the 17th.
    expect(openArrivals([order(Date.UTC(2026, 11, 17, 23, 30))], projection)).toEqual([
      { day: Date.UTC(2026, 11, 18), quantity: 24, expectedDay: Date.UTC(2026, 11, 18), late: false },
    ]);
    // Overdue: counted today; two due the same day: one delivery; past the projection: left out.
    expect(
      openArrivals(
        [
          order(Date.UTC(2026, 11, 12, 10)),
          order(Date.UTC(2026, 11, 16, 9), 12),
          order(Date.UTC(2026, 11, 16, 15), 6),
          order(Date.UTC(2027, 0, 30)),
        ],
        projection,
      ),
    ).toEqual([
      { day: today, quantity: 24, expectedDay: Date.UTC(2026, 11, 12), late: true },
      { day: Date.UTC(2026, 11, 16), quantity: 18, expectedDay: Date.UTC(2026, 11, 16), late: false },
    ]);
  });
});
