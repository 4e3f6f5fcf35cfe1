import { afterEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { FREE_ATTEMPTS } from '@core/modules/kiosk/throttle.js';
import { SESSION_SECRET } from '@core/modules/sync/hubClient.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 12, local device: every install started as a password-less admin, switching profile
// needed nothing, and the hub account's role never limited the local one.

let core: TestCore;
afterEach(() => core?.dispose());

const browserCore = () => (core = createTestCore({ shell: 'browser' }));
const req = (channel: string, input: unknown = {}) => core.router.request({ channel, input } as never);

async function withAdmin(): Promise<string> {
  const r = await core.router.call('session.createFirstAdmin', { displayName: 'Camille Roux', password: 'correct horse 42' });
  return r.user!.id;
}

describe('first start and sign-in (browser/Electron shells)', () => {
  it('starts signed out: nothing but the public channels answers, and no password-less admin exists', async () => {
    browserCore();
    expect(await req('settings.set', { language: 'en' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await req('users.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await req('system.info')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const s = await core.router.call('session.status', {});
    expect(s).toMatchObject({ state: 'needs_admin', user: null, firstRun: true, demo: false });
    expect(s.profiles).toEqual([]);
  });

  it('the first admin is created with a password, once; a second first-admin is refused', async () => {
    browserCore();
    expect(await req('session.createFirstAdmin', { displayName: 'X', password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const id = await withAdmin();
    expect((await core.router.call('system.info', {})).user).toMatchObject({ id, role: 'admin' });
    await core.router.call('session.signOut', {});
    expect(await req('session.createFirstAdmin', { displayName: 'Mallory', password: 'another long one' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const s = await core.router.call('session.status', {});
    expect(s.state).toBe('signed_out');
    expect(s.profiles).toEqual([expect.objectContaining({ id, credential: 'password' })]);
    // The password is stored as a salted scrypt hash only.
    const raw = core.ctx.db.prepare('SELECT hash FROM local_credentials').pluck().get() as string;
    expect(raw).not.toContain('correct horse');
    expect(JSON.parse(raw)).toMatchObject({ algo: 'scrypt' });
  });

  it('two first-admin forms sent at once make one admin', async () => {
    browserCore();
    const rs = await Promise.all([
      req('session.createFirstAdmin', { displayName: 'A', password: 'password-a-1' }),
      req('session.createFirstAdmin', { displayName: 'B', password: 'password-b-2' }),
    ]);
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    expect(core.ctx.db.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1").pluck().get()).toBe(1);
  });

  it('signing in and switching profile ask for the profile’s password or PIN', async () => {
    browserCore();
    const adminId = await withAdmin();
    const viewer = await core.router.call('users.create', { displayName: 'Lou Viewer', role: 'viewer', credential: 'pin', secret: '2468' });
    await core.router.call('session.signOut', {});
    const wrong = await core.router.call('session.signIn', { userId: viewer.id, secret: '1111' });
    expect(wrong).toMatchObject({ ok: false, attemptsLeft: FREE_ATTEMPTS - 1 });
    expect(wrong.status.state).toBe('signed_out');
    const right = await core.router.call('session.signIn', { userId: viewer.id, secret: '2468' });
    expect(right.ok).toBe(true);
    expect(right.status.user).toMatchObject({ id: viewer.id, role: 'viewer' });
    // Switching up to the admin needs the admin's password, even from a signed-in profile.
    expect((await core.router.call('session.signIn', { userId: adminId, secret: '2468' })).ok).toBe(false);
    expect((await core.router.call('session.status', {})).user!.id).toBe(viewer.id);
    expect((await core.router.call('session.signIn', { userId: adminId, secret: 'correct horse 42' })).ok).toBe(true);
    // Attempts and their outcomes are audited, never with the secret.
    const audit = await core.router.call('audit.list', { action: 'session.signIn' });
    expect(audit.items.map((i) => i.outcome)).toEqual(['ok', 'refused', 'ok', 'refused']);
    expect(JSON.stringify(audit.items)).not.toContain('2468');
  });

  it('a profile without a password or PIN cannot be signed into outside the demo', async () => {
    browserCore();
    await withAdmin();
    const bare = insertUser(
      core.ctx.db,
      { email: null, displayName: 'Synced user', role: 'installer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    await core.router.call('session.signOut', {});
    expect(await req('session.signIn', { userId: bare.id, secret: 'anything' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await req('session.enterDemo', { userId: bare.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.router.call('session.status', {})).state).toBe('signed_out');
  });

  it(`locks a profile after ${FREE_ATTEMPTS} wrong guesses; 300 parallel guesses check only ${FREE_ATTEMPTS}`, async () => {
    browserCore();
    await withAdmin();
    const inst = await core.router.call('users.create', { displayName: 'Ines', role: 'installer', credential: 'pin', secret: '135790' });
    await core.router.call('session.signOut', {});
    // The right PIN is guess 150: after the counter is taken before each async check, it is never checked.
    const guesses = Array.from({ length: 300 }, (_, i) => (i === 150 ? '135790' : String(100000 + i)));
    const results = await Promise.all(guesses.map((secret) => core.router.call('session.signIn', { userId: inst.id, secret })));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    const audit = await core.router.call('session.status', {});
    expect(audit.state).toBe('signed_out');
    const rows = core.ctx.db
      .prepare("SELECT json_extract(details, '$.reason') AS reason FROM audit_log WHERE action = 'session.signIn'")
      .pluck()
      .all() as string[];
    expect(rows.filter((r) => r === 'wrong')).toHaveLength(FREE_ATTEMPTS);
    expect(rows.filter((r) => r === 'locked')).toHaveLength(300 - FREE_ATTEMPTS);
    // The lock is shown: the profile list carries it, and the right PIN waits for it too.
    expect(audit.profiles.find((p) => p.id === inst.id)!.lockedUntil).toBeGreaterThan(core.clock.now());
    expect(await core.router.call('session.signIn', { userId: inst.id, secret: '135790' })).toMatchObject({ ok: false, attemptsLeft: 0 });
    core.clock.advance(31_000);
    expect((await core.router.call('session.signIn', { userId: inst.id, secret: '135790' })).ok).toBe(true);
  });

  it('an admin needs a password (not a PIN); a profile changes its own secret only with the current one', async () => {
    browserCore();
    await withAdmin();
    expect(await req('users.create', { displayName: 'Boss', role: 'admin', credential: 'pin', secret: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const v = await core.router.call('users.create', { displayName: 'Val', role: 'viewer', credential: 'pin', secret: '5555' });
    const other = await core.router.call('users.create', { displayName: 'Oth', role: 'viewer', credential: 'pin', secret: '6666' });
    await core.router.call('session.signIn', { userId: v.id, secret: '5555' });
    expect(await req('users.setCredential', { userId: other.id, credential: 'pin', secret: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await req('users.setCredential', { userId: v.id, credential: 'pin', secret: '7777', currentSecret: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await req('users.setCredential', { userId: v.id, credential: 'password', secret: 'a new password', currentSecret: '5555' }),
    ).toMatchObject({ ok: true });
    await core.router.call('session.signOut', {});
    expect((await core.router.call('session.signIn', { userId: v.id, secret: 'a new password' })).ok).toBe(true);
    expect(await req('users.create', { displayName: 'X', role: 'viewer', credential: 'pin', secret: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('the demo keeps a one-click way in, only on a demo database', async () => {
    browserCore();
    const s = await core.router.call('session.enterDemo', {});
    expect(s).toMatchObject({ state: 'signed_in', demo: true, user: { role: 'admin' } });
    await core.router.call('session.signOut', {});
    const other = await core.router.call('session.status', {});
    expect(other).toMatchObject({ state: 'signed_out', demo: true });
    const viewer = other.profiles.find((p) => p.role === 'viewer')!;
    expect((await core.router.call('session.enterDemo', { userId: viewer.id })).user).toMatchObject({ id: viewer.id, role: 'viewer' });
  }, 120_000);

  it('a non-demo database refuses the demo way in', async () => {
    browserCore();
    await withAdmin();
    await core.router.call('session.signOut', {});
    expect(await req('session.enterDemo')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the hub account caps the local role', () => {
  it('a local admin on a device signed in to the hub as a viewer acts as a viewer; signing out of the hub lifts it', async () => {
    browserCore();
    await withAdmin();
    expect(await req('settings.set', { deviceName: 'Office' })).toMatchObject({ ok: true });
    // What the sync module stores and announces when it signs in to the hub.
    core.ctx.secrets.set(SESSION_SECRET, JSON.stringify({ role: 'viewer', email: 'v@x.example' }));
    const status = await core.router.call('sync.status', {});
    core.ctx.events.emit('sync.status', { ...status, account: { email: 'v@x.example', role: 'viewer', boothId: null } });
    expect(await req('settings.set', { deviceName: 'Hacked' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.router.call('session.status', {})).toMatchObject({ user: { role: 'viewer' }, localRole: 'admin', hubRole: 'viewer' });
    expect((await core.router.call('system.info', {})).user.role).toBe('viewer');
    core.ctx.events.emit('sync.status', { ...status, account: null });
    expect(await req('settings.set', { deviceName: 'Office 2' })).toMatchObject({ ok: true });
  });

  it('a role-less hub account leaves only reading; the cap is read again at start', async () => {
    browserCore();
    await withAdmin();
    core.ctx.secrets.set(SESSION_SECRET, JSON.stringify({ role: '' }));
    const status = await core.router.call('sync.status', {});
    core.ctx.events.emit('sync.status', { ...status, account: { email: 'n@x.example', role: '', boothId: null } });
    expect((await core.router.call('session.status', {})).user!.role).toBe('viewer');
  });

  it('hub sign-in and sign-out are for installers and admins only', async () => {
    browserCore();
    await withAdmin();
    const v = await core.router.call('users.create', { displayName: 'Val', role: 'viewer', credential: 'pin', secret: '5555' });
    await core.router.call('session.signIn', { userId: v.id, secret: '5555' });
    expect(await req('sync.signIn', { email: 'a@b.example', password: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await req('sync.signOut')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
