import type { HandlerContext } from '@core/context.js';
import { getCredential, putCredential, writeFailures, type CredentialKind } from '@core/db/repos/credentials.js';
import { Password, ProfilePin } from '@shared/contract/identity.js';
import { AppError } from '@shared/errors.js';
import type { Role } from '@shared/model/roles.js';
import { attemptsLeft, hashPin, lockRemaining, NO_FAILURES, reserveAttempt, verifyPin, type StoredPin } from '../kiosk/index.js';

/** Admins sign in with a password; other profiles with a password or a PIN. */
export function checkSecretShape(role: Role, kind: CredentialKind, secret: string): void {
  if (role === 'admin' && kind !== 'password')
    throw new AppError('invalid_input', 'An admin profile needs a password, not a PIN', { reason: 'admin_needs_password' });
  const parsed = (kind === 'password' ? Password : ProfilePin).safeParse(secret);
  if (!parsed.success) {
    throw new AppError('invalid_input', parsed.error.issues[0]!.message, {
      reason: kind === 'password' ? 'password_too_short' : 'pin_format',
      field: 'secret',
    });
  }
}

export async function setCredential(
  ctx: Pick<HandlerContext, 'db' | 'clock'>,
  userId: string,
  kind: CredentialKind,
  secret: string,
): Promise<void> {
  const hash = await hashPin(secret);
  putCredential(ctx.db, userId, kind, JSON.stringify(hash), ctx.clock.now());
}

export type CheckOutcome =
  | { ok: true }
  | { ok: false; reason: 'no_credential' }
  | { ok: false; reason: 'locked' | 'wrong'; attemptsLeft: number; retryAfterMs: number | null };

/**
 * Checks a profile's secret with the attempt limit. The attempt is reserved (counted as a
 * failure) in one synchronous transaction before the async scrypt check starts; a success clears it.
 */
export async function checkSecret(ctx: Pick<HandlerContext, 'db' | 'clock'>, userId: string, secret: string): Promise<CheckOutcome> {
  const reserve = ctx.db.transaction(() => {
    const cred = getCredential(ctx.db, userId);
    if (!cred) return null;
    const r = reserveAttempt({ count: cred.failedCount, lockedUntil: cred.lockedUntil }, ctx.clock.now());
    if (r.allowed) writeFailures(ctx.db, userId, r.next.count, r.next.lockedUntil, ctx.clock.now());
    return { cred, r };
  });
  const got = reserve.immediate();
  if (!got) return { ok: false, reason: 'no_credential' };
  const { cred, r } = got;
  if (!r.allowed) return { ok: false, reason: 'locked', attemptsLeft: 0, retryAfterMs: r.retryAfterMs };
  if (await verifyPin(secret, JSON.parse(cred.hash) as StoredPin)) {
    writeFailures(ctx.db, userId, NO_FAILURES.count, NO_FAILURES.lockedUntil, ctx.clock.now());
    return { ok: true };
  }
  return { ok: false, reason: 'wrong', attemptsLeft: attemptsLeft(r.next), retryAfterMs: lockRemaining(r.next, ctx.clock.now()) || null };
}
