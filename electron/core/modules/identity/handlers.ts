import type { HandlerMap } from '@core/router.js';
import type { HandlerContext } from '@core/context.js';
import type { identityChannels, SessionStatus } from '@shared/contract/identity.js';
import { AppError } from '@shared/errors.js';
import { getUser, insertUser, listUsers } from '@core/db/repos/users.js';
import { countSignableAdmins, listCredentials } from '@core/db/repos/credentials.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { appendAudit } from '@core/db/repos/audit.js';
import { readSettings } from '@core/settings.js';
import { seedDemo } from '@core/demo/seed.js';
import { lockRemaining } from '../kiosk/index.js';
import { checkSecret, checkSecretShape, setCredential } from './credentials.js';

const SETUP_KEY = 'setup_choice';

function isDemo(ctx: HandlerContext): boolean {
  return getLocal(ctx.db, SETUP_KEY) === 'demo';
}

export function sessionStatus(ctx: HandlerContext): SessionStatus {
  const caller = ctx.session.current();
  const now = ctx.clock.now();
  const creds = new Map(listCredentials(ctx.db).map((c) => [c.userId, c]));
  const demo = isDemo(ctx);
  const firstRun = getLocal(ctx.db, SETUP_KEY) === null;
  const s = readSettings(ctx);
  const own = caller?.kind === 'user' ? getUser(ctx.db, caller.userId) : null;
  const state: SessionStatus['state'] = caller ? 'signed_in' : !demo && countSignableAdmins(ctx.db) === 0 ? 'needs_admin' : 'signed_out';
  return {
    state,
    kind: caller ? (caller.kind === 'anonymous' ? null : caller.kind) : null,
    user: caller
      ? { id: caller.userId, email: own?.email ?? null, displayName: caller.displayName, role: caller.role, active: true }
      : null,
    localRole: own?.role ?? caller?.role ?? null,
    hubRole: ctx.session.hubRole(),
    demo,
    firstRun,
    profiles: listUsers(ctx.db)
      .filter((u) => u.active)
      .map((u) => {
        const c = creds.get(u.id);
        const locked = c && lockRemaining({ count: c.failedCount, lockedUntil: c.lockedUntil }, now) > 0 ? c.lockedUntil : null;
        return { id: u.id, displayName: u.displayName, role: u.role, credential: c?.kind ?? null, lockedUntil: locked };
      }),
    language: s.language,
    theme: s.theme,
  };
}

function announce(ctx: HandlerContext): void {
  ctx.events.emit('session.changed', { userId: ctx.session.signedInUserId() });
}

function audit(ctx: HandlerContext, action: string, outcome: 'ok' | 'refused', target: string, details: Record<string, unknown>): void {
  appendAudit(ctx.db, { at: ctx.clock.now(), userId: ctx.caller.userId, action, target, outcome, details, originDevice: ctx.deviceId });
  ctx.events.emit('audit.appended', { action, outcome });
}

export const identityHandlers: Pick<HandlerMap, keyof typeof identityChannels> = {
  'session.status': (_i, ctx) => sessionStatus(ctx),
  'session.signIn': async ({ userId, secret }, ctx) => {
    const user = getUser(ctx.db, userId);
    if (!user || !user.active) throw new AppError('not_found', 'No such active profile');
    const r = await checkSecret(ctx, userId, secret);
    if (r.ok) {
      ctx.session.set(userId);
      audit(ctx, 'session.signIn', 'ok', userId, {});
      announce(ctx);
      return { ok: true, status: sessionStatus(ctx), attemptsLeft: null, retryAfterMs: null };
    }
    if (r.reason === 'no_credential') {
      audit(ctx, 'session.signIn', 'refused', userId, { reason: 'no_credential' });
      throw new AppError('forbidden', 'This profile has no password or PIN on this device yet: an admin sets one', {
        reason: 'no_credential',
      });
    }
    audit(ctx, 'session.signIn', 'refused', userId, { reason: r.reason, attemptsLeft: r.attemptsLeft });
    return { ok: false, status: sessionStatus(ctx), attemptsLeft: r.attemptsLeft, retryAfterMs: r.retryAfterMs };
  },
  'session.signOut': (_i, ctx) => {
    ctx.session.clear();
    announce(ctx);
    return sessionStatus(ctx);
  },
  'session.createFirstAdmin': async ({ displayName, email, password }, ctx) => {
    if (countSignableAdmins(ctx.db) > 0)
      throw new AppError('conflict', 'This device already has an admin: sign in instead', { reason: 'admin_exists' });
    checkSecretShape('admin', 'password', password);
    const now = ctx.clock.now();
    const user = insertUser(ctx.db, { email, displayName, role: 'admin' }, { now, device: ctx.deviceId });
    await setCredential(ctx, user.id, 'password', password);
    // Re-check after the async hash: two first-admin forms submitted at once make one admin only.
    if (countSignableAdmins(ctx.db) > 1) {
      ctx.db.prepare('DELETE FROM local_credentials WHERE user_id = ?').run(user.id);
      ctx.db.prepare('UPDATE users SET active = 0, updated_at = ? WHERE id = ?').run(ctx.clock.now(), user.id);
      throw new AppError('conflict', 'This device already has an admin: sign in instead', { reason: 'admin_exists' });
    }
    // A first start that is not the demo: the database starts empty (the first-run choice is made).
    if (getLocal(ctx.db, SETUP_KEY) === null) setLocal(ctx.db, SETUP_KEY, 'empty');
    ctx.session.set(user.id);
    announce(ctx);
    return sessionStatus(ctx);
  },
  'session.enterDemo': ({ userId }, ctx) => {
    const choice = getLocal(ctx.db, SETUP_KEY);
    if (choice === null && countSignableAdmins(ctx.db) === 0) {
      seedDemo(ctx);
      setLocal(ctx.db, SETUP_KEY, 'demo');
    } else if (choice !== 'demo') {
      throw new AppError('forbidden', 'Only a demo database opens without a password', { reason: 'not_demo' });
    }
    const creds = new Set(listCredentials(ctx.db).map((c) => c.userId));
    const open = listUsers(ctx.db).filter((u) => u.active && !creds.has(u.id));
    const target = userId ? open.find((u) => u.id === userId) : (open.find((u) => u.role === 'admin') ?? open[0]);
    if (!target) throw new AppError('forbidden', 'This demo profile has a password: sign in with it', { reason: 'has_credential' });
    ctx.session.set(target.id);
    announce(ctx);
    return sessionStatus(ctx);
  },
  'users.create': async ({ displayName, email, role, credential, secret }, ctx) => {
    checkSecretShape(role, credential, secret);
    const user = insertUser(ctx.db, { email, displayName, role }, { now: ctx.clock.now(), device: ctx.deviceId });
    await setCredential(ctx, user.id, credential, secret);
    return user;
  },
  'users.setCredential': async ({ userId, credential, secret, currentSecret }, ctx) => {
    const user = getUser(ctx.db, userId);
    if (!user) throw new AppError('not_found', 'No such profile');
    const self = ctx.caller.kind === 'user' && ctx.caller.userId === userId;
    if (ctx.caller.role !== 'admin') {
      if (!self) throw new AppError('forbidden', 'Only an admin sets another profile’s password or PIN');
      const r = await checkSecret(ctx, userId, currentSecret ?? '');
      if (!r.ok) throw new AppError('forbidden', 'The current password or PIN is wrong', { reason: 'wrong_current' });
    }
    checkSecretShape(user.role, credential, secret);
    await setCredential(ctx, userId, credential, secret);
    return { userId, credential };
  },
};
