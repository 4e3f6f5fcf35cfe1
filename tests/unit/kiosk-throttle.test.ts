import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  attemptsLeft,
  FIRST_LOCK_MS,
  FREE_ATTEMPTS,
  lockRemaining,
  MAX_LOCK_MS,
  NO_FAILURES,
  type FailureState,
} from '@core/modules/kiosk/throttle.js';

const T = 1_000_000;

function fail(times: number, now = T): FailureState {
  let s = NO_FAILURES;
  for (let i = 0; i < times; i++) s = afterFailure(s, now);
  return s;
}

describe('kiosk PIN throttle', () => {
  it('five free attempts: the first four failures lock nothing and count down', () => {
    expect([FREE_ATTEMPTS, FIRST_LOCK_MS, MAX_LOCK_MS]).toEqual([5, 30_000, 900_000]);
    expect(NO_FAILURES).toEqual({ count: 0, lockedUntil: null });
    expect(attemptsLeft(NO_FAILURES)).toBe(5);
    for (let n = 1; n < 5; n++) {
      expect(fail(n)).toEqual({ count: n, lockedUntil: null });
      expect(attemptsLeft(fail(n))).toBe(5 - n);
      expect(lockRemaining(fail(n), T)).toBe(0);
    }
  });

  it('the fifth failure locks 30 s, then each doubles: 1, 2, 4, 8 min, capped at 15 min', () => {
    const locks = [5, 6, 7, 8, 9, 10, 11, 20].map((n) => fail(n).lockedUntil! - T);
    expect(locks).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
    expect(attemptsLeft(fail(5))).toBe(0);
    expect(attemptsLeft(fail(9))).toBe(0);
  });

  it('the lock runs from the time of the failure, and remains until exactly then', () => {
    const s = afterFailure(fail(4, 0), T);
    expect(s).toEqual({ count: 5, lockedUntil: T + 30_000 });
    expect(lockRemaining(s, T)).toBe(30_000);
    expect(lockRemaining(s, T + 29_999)).toBe(1);
    expect(lockRemaining(s, T + 30_000)).toBe(0);
    expect(lockRemaining(s, T + 40_000)).toBe(0);
  });

  it('does not change the state it is given', () => {
    const s: FailureState = { count: 2, lockedUntil: null };
    afterFailure(s, T);
    expect(s).toEqual({ count: 2, lockedUntil: null });
  });
});
