import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import { daysFromToday, formatDay, formatInDays, nextOrderDay, todayDay } from '@renderer/features/forecast/words';

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
});
