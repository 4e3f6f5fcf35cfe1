/** Failed PIN attempts allowed before each further failure locks the keypad. */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

export interface FailureState {
  count: number;
  lockedUntil: number | null;
}

export const NO_FAILURES: FailureState = { count: 0, lockedUntil: null };

/** After the free attempts, each failure doubles the lock (30 s, 1 min, 2 min … capped at 15 min). */
export function afterFailure(prev: FailureState, now: number): FailureState {
  const count = prev.count + 1;
  if (count < FREE_ATTEMPTS) return { count, lockedUntil: null };
  const ms = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (count - FREE_ATTEMPTS));
  return { count, lockedUntil: now + ms };
}

export function lockRemaining(state: FailureState, now: number): number {
  return state.lockedUntil !== null && state.lockedUntil > now ? state.lockedUntil - now : 0;
}

export function attemptsLeft(state: FailureState): number {
  return Math.max(0, FREE_ATTEMPTS - state.count);
}

/**
 * Takes an attempt BEFORE the (slow, async) check, in the caller's synchronous transaction: the
 * attempt counts as a failure until the check succeeds, so parallel guesses cannot all pass the
 * limit while the first ones are still being checked.
 */
export function reserveAttempt(
  prev: FailureState,
  now: number,
): { allowed: false; retryAfterMs: number } | { allowed: true; next: FailureState } {
  const wait = lockRemaining(prev, now);
  if (wait > 0) return { allowed: false, retryAfterMs: wait };
  return { allowed: true, next: afterFailure(prev, now) };
}
