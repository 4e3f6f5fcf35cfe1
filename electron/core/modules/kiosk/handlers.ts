import type { HandlerMap } from '@core/router.js';
import type { HandlerContext } from '@core/context.js';
import type { kioskChannels } from '@shared/contract/kiosk.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { appendAudit } from '@core/db/repos/audit.js';
import { hashPin, verifyPin, type StoredPin } from './pinHash.js';
import { attemptsLeft, lockRemaining, NO_FAILURES, reserveAttempt, type FailureState } from './throttle.js';
import { exitGrantUntil, grantExit } from './exitGrant.js';

// Device-local: each booth has its own PIN and its own failure count (kept across restarts).
const PIN_KEY = 'kiosk_pin';
const FAILURES_KEY = 'kiosk_pin_failures';

/** Whether this device has a kiosk PIN: booth mode needs one (settings refuse it otherwise). */
export function kioskPinSet(ctx: Pick<HandlerContext, 'db'>): boolean {
  return getLocal(ctx.db, PIN_KEY) !== null;
}

function storedPin(ctx: HandlerContext): StoredPin | null {
  const raw = getLocal(ctx.db, PIN_KEY);
  return raw ? (JSON.parse(raw) as StoredPin) : null;
}

function failures(ctx: HandlerContext): FailureState {
  const raw = getLocal(ctx.db, FAILURES_KEY);
  return raw ? (JSON.parse(raw) as FailureState) : NO_FAILURES;
}

function audit(ctx: HandlerContext, outcome: 'ok' | 'refused', details: Record<string, unknown>): void {
  appendAudit(ctx.db, {
    at: ctx.clock.now(),
    userId: ctx.caller.userId,
    action: 'kiosk.unlock',
    outcome,
    details,
    originDevice: ctx.deviceId,
  });
  ctx.events.emit('audit.appended', { action: 'kiosk.unlock', outcome });
}

function allow(ctx: HandlerContext) {
  setLocal(ctx.db, FAILURES_KEY, JSON.stringify(NO_FAILURES));
  const until = grantExit(ctx);
  ctx.events.emit('kiosk.exitGranted', { until });
  return { allowed: true, exitAllowedUntil: until, retryAfterMs: null, attemptsLeft: null };
}

export const kioskHandlers: Pick<HandlerMap, keyof typeof kioskChannels> = {
  'kiosk.status': (_i, ctx) => {
    const f = failures(ctx);
    const now = ctx.clock.now();
    return {
      pinSet: storedPin(ctx) !== null,
      failedAttempts: f.count,
      lockedUntil: lockRemaining(f, now) > 0 ? f.lockedUntil : null,
      exitAllowedUntil: exitGrantUntil(ctx),
    };
  },
  'kiosk.setPin': async ({ pin }, ctx) => {
    setLocal(ctx.db, PIN_KEY, JSON.stringify(await hashPin(pin)));
    setLocal(ctx.db, FAILURES_KEY, JSON.stringify(NO_FAILURES));
    return { pinSet: true as const };
  },
  'kiosk.unlock': async ({ pin }, ctx) => {
    const stored = storedPin(ctx);
    // No PIN, no way out: booth mode cannot be entered without one; an admin sets it (Settings → Kiosk or `opsdeck kiosk set-pin`).
    if (!stored) {
      audit(ctx, 'refused', { reason: 'no_pin_set' });
      return { allowed: false, exitAllowedUntil: null, retryAfterMs: null, attemptsLeft: null };
    }
    // The attempt is taken (counted as a failure) before the async scrypt check, in one
    // synchronous read-and-write: parallel guesses cannot all slip under the limit.
    const r = reserveAttempt(failures(ctx), ctx.clock.now());
    if (!r.allowed) {
      audit(ctx, 'refused', { reason: 'locked', retryAfterMs: r.retryAfterMs });
      return { allowed: false, exitAllowedUntil: null, retryAfterMs: r.retryAfterMs, attemptsLeft: 0 };
    }
    setLocal(ctx.db, FAILURES_KEY, JSON.stringify(r.next));
    if (await verifyPin(pin, stored)) {
      audit(ctx, 'ok', {});
      return allow(ctx);
    }
    const retryAfterMs = lockRemaining(r.next, ctx.clock.now()) || null;
    audit(ctx, 'refused', { reason: 'wrong_pin', failedAttempts: r.next.count });
    return { allowed: false, exitAllowedUntil: null, retryAfterMs, attemptsLeft: attemptsLeft(r.next) };
  },
};
