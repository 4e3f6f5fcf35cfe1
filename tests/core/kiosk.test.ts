import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getLocal } from '@core/db/repos/localState.js';
import { exitAllowed, EXIT_GRANT_MS } from '@core/modules/kiosk/exitGrant.js';
import { afterFailure, FREE_ATTEMPTS, MAX_LOCK_MS, NO_FAILURES } from '@core/modules/kiosk/throttle.js';
import { verifyPin, hashPin } from '@core/modules/kiosk/pinHash.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

async function asBooth(): Promise<void> {
  const { insertUser } = await import('@core/db/repos/users.js');
  const u = insertUser(
    core.ctx.db,
    { email: null, displayName: 'Borne 3', role: 'booth' },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
  core.ctx.session.set(u.id);
}

describe('kiosk PIN', () => {
  it('stores only a salted scrypt hash, never the PIN', async () => {
    await core.router.call('kiosk.setPin', { pin: '482913' });
    const raw = getLocal(core.ctx.db, 'kiosk_pin')!;
    expect(raw).not.toContain('482913');
    const stored = JSON.parse(raw);
    expect(stored).toMatchObject({ algo: 'scrypt' });
    expect(Buffer.from(stored.salt, 'base64').length).toBe(16);
    const again = await hashPin('482913');
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
  });

  it('keeps the PIN out of the audit log', async () => {
    await core.router.call('kiosk.setPin', { pin: '482913' });
    await core.router.call('kiosk.unlock', { pin: '000000' });
    const rows = core.ctx.db.prepare("SELECT details FROM audit_log WHERE action LIKE 'kiosk.%'").pluck().all() as string[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const d of rows) {
      expect(d).not.toContain('482913');
      expect(d).not.toContain('000000');
    }
  });

  it('refuses a PIN that is not 4–12 digits and leaves the stored one unchanged', async () => {
    await core.router.call('kiosk.setPin', { pin: '1234' });
    const before = getLocal(core.ctx.db, 'kiosk_pin');
    for (const pin of ['12', 'abcd', '1234567890123', ' 1234']) {
      const res = await core.router.request({ channel: 'kiosk.setPin', input: { pin } });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('invalid_input');
    }
    expect(getLocal(core.ctx.db, 'kiosk_pin')).toBe(before);
  });

  it('only an admin may set the PIN', async () => {
    await asBooth();
    const res = await core.router.request({ channel: 'kiosk.setPin', input: { pin: '9999' } });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('forbidden');
    expect(getLocal(core.ctx.db, 'kiosk_pin')).toBeNull();
  });

  it('a correct PIN grants exit for a limited time and announces it', async () => {
    await core.router.call('kiosk.setPin', { pin: '2468' });
    await asBooth();
    const seen: PushEvent[] = [];
    core.ctx.events.subscribe((e) => seen.push(e));
    expect(exitAllowed(core.ctx)).toBe(false);

    const ok = await core.router.call('kiosk.unlock', { pin: '2468' });
    expect(ok.allowed).toBe(true);
    expect(ok.exitAllowedUntil).toBe(core.clock.now() + EXIT_GRANT_MS);
    expect(exitAllowed(core.ctx)).toBe(true);
    expect(seen.find((e) => e.event === 'kiosk.exitGranted')?.payload).toEqual({ until: ok.exitAllowedUntil });

    core.clock.advance(EXIT_GRANT_MS + 1);
    expect(exitAllowed(core.ctx)).toBe(false);
    expect((await core.router.call('kiosk.status', {})).exitAllowedUntil).toBeNull();
  });

  it('a wrong PIN does not grant exit and is audited as refused', async () => {
    await core.router.call('kiosk.setPin', { pin: '2468' });
    const res = await core.router.call('kiosk.unlock', { pin: '1357' });
    expect(res).toMatchObject({ allowed: false, exitAllowedUntil: null, attemptsLeft: FREE_ATTEMPTS - 1 });
    expect(exitAllowed(core.ctx)).toBe(false);
    const outcome = core.ctx.db.prepare("SELECT outcome FROM audit_log WHERE action = 'kiosk.unlock'").pluck().get();
    expect(outcome).toBe('refused');
  });

  it('locks the keypad after repeated failures, refuses even the right PIN while locked, and resets on success', async () => {
    await core.router.call('kiosk.setPin', { pin: '2468' });
    let last;
    for (let i = 0; i < FREE_ATTEMPTS; i++) last = await core.router.call('kiosk.unlock', { pin: '0000' });
    expect(last!.retryAfterMs).toBe(30_000);
    const status = await core.router.call('kiosk.status', {});
    expect(status.failedAttempts).toBe(FREE_ATTEMPTS);
    expect(status.lockedUntil).toBe(core.clock.now() + 30_000);

    const whileLocked = await core.router.call('kiosk.unlock', { pin: '2468' });
    expect(whileLocked.allowed).toBe(false);
    expect(whileLocked.retryAfterMs).toBe(30_000);
    expect(exitAllowed(core.ctx)).toBe(false);

    core.clock.advance(30_001);
    expect((await core.router.call('kiosk.unlock', { pin: '2468' })).allowed).toBe(true);
    expect((await core.router.call('kiosk.status', {})).failedAttempts).toBe(0);
  });

  it('the lock survives a restart of the core (failures are persisted)', async () => {
    await core.router.call('kiosk.setPin', { pin: '2468' });
    for (let i = 0; i < FREE_ATTEMPTS; i++) await core.router.call('kiosk.unlock', { pin: '0000' });
    const stored = JSON.parse(getLocal(core.ctx.db, 'kiosk_pin_failures')!);
    expect(stored.count).toBe(FREE_ATTEMPTS);
    expect(stored.lockedUntil).toBeGreaterThan(core.clock.now());
  });

  it('lock time doubles per failure and is capped', () => {
    let s = NO_FAILURES;
    const locks: Array<number | null> = [];
    for (let i = 0; i < FREE_ATTEMPTS + 10; i++) {
      s = afterFailure(s, 0);
      locks.push(s.lockedUntil);
    }
    expect(locks.slice(0, FREE_ATTEMPTS - 1)).toEqual([null, null, null, null]);
    expect(locks.slice(FREE_ATTEMPTS - 1, FREE_ATTEMPTS + 2)).toEqual([30_000, 60_000, 120_000]);
    expect(locks.at(-1)).toBe(MAX_LOCK_MS);
  });

  it('without a PIN set, the kiosk stays locked (issue 12: it used to open for anyone) and status says no PIN is set', async () => {
    expect((await core.router.call('kiosk.status', {})).pinSet).toBe(false);
    expect((await core.router.call('kiosk.unlock', { pin: '' })).allowed).toBe(false);
    expect((await core.router.call('kiosk.unlock', { pin: '0000' })).allowed).toBe(false);
    expect(exitAllowed(core.ctx)).toBe(false);
    const audit = await core.router.call('audit.list', { action: 'kiosk.unlock' });
    expect(audit.items[0]).toMatchObject({ outcome: 'refused', details: { reason: 'no_pin_set' } });
  });

  it('booth mode requires a PIN: the switch is refused until an admin sets one', async () => {
    expect(await core.router.request({ channel: 'settings.set', input: { mode: 'booth' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'kiosk_pin_required' } },
    });
    expect((await core.router.call('settings.get', {})).mode).toBe('office');
    await core.router.call('kiosk.setPin', { pin: '7391' });
    expect((await core.router.call('settings.set', { mode: 'booth' })).mode).toBe('booth');
    // setPin is admin only and audited without the PIN.
    const set = await core.router.call('audit.list', { action: 'kiosk.setPin' });
    expect(set.items[0]).toMatchObject({ outcome: 'ok', details: { pin: '[redacted]' } });
    await asBooth();
    expect(await core.router.request({ channel: 'kiosk.setPin', input: { pin: '1111' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it(`300 parallel guesses (the right one among them) are checked only ${FREE_ATTEMPTS} times: the attempt is taken before the async check`, async () => {
    await core.router.call('kiosk.setPin', { pin: '864213' });
    const guesses = Array.from({ length: 300 }, (_, i) => (i === 200 ? '864213' : String(500000 + i)));
    const results = await Promise.all(guesses.map((pin) => core.router.call('kiosk.unlock', { pin })));
    expect(results.filter((r) => r.allowed)).toHaveLength(0);
    expect(exitAllowed(core.ctx)).toBe(false);
    const reasons = core.ctx.db
      .prepare("SELECT json_extract(details, '$.reason') FROM audit_log WHERE action = 'kiosk.unlock'")
      .pluck()
      .all() as Array<string | null>;
    expect(reasons.filter((r) => r === 'wrong_pin')).toHaveLength(FREE_ATTEMPTS);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(300 - FREE_ATTEMPTS);
    expect((await core.router.call('kiosk.status', {})).lockedUntil).toBeGreaterThan(core.clock.now());
  });

  it('a new PIN replaces the old one', async () => {
    await core.router.call('kiosk.setPin', { pin: '1111' });
    await core.router.call('kiosk.setPin', { pin: '2222' });
    expect((await core.router.call('kiosk.unlock', { pin: '1111' })).allowed).toBe(false);
    expect((await core.router.call('kiosk.unlock', { pin: '2222' })).allowed).toBe(true);
  });
});
