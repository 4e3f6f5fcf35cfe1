import { describe, test, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { SESSION_SECRET } from '@core/modules/sync/hubClient.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
let hub: HubDouble;
let core: TestCore | null = null;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS, accessTtlSeconds: 120 });
}, 60_000);
afterAll(async () => {
  await hub?.close();
});
afterEach(() => {
  core?.dispose();
  core = null;
});

describe('sync channels', () => {
  test('configure, sign in, sync now, sign out — and no token ever crosses the contract', async () => {
    core = createTestCore();
    const r = core.router;
    expect((await r.call('sync.status', {})).configured).toBe(false);
    await expect(r.call('sync.now', {})).rejects.toMatchObject({ code: 'invalid_input' });
    const configured = await r.call('sync.configure', { hubUrl: hub.url + '/', anonKey: hub.anonKey, intervalMinutes: 5, enabled: true });
    expect(configured).toMatchObject({ configured: true, hubUrl: hub.url, account: null });
    await expect(r.call('sync.now', {})).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(r.call('sync.signIn', { email: admin.email, password: 'wrong' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(core.ctx.secrets.get(SESSION_SECRET)).toBeNull();
    const signedIn = await r.call('sync.signIn', { email: admin.email, password: admin.password });
    expect(signedIn.account).toEqual({ email: admin.email, role: 'admin', boothId: null });
    const summary = await r.call('sync.now', {});
    expect(summary).toMatchObject({ ok: true, error: null });
    expect(summary.pushed).toBeGreaterThan(0);
    const status = await r.call('sync.status', {});
    const stored = JSON.parse(core.ctx.secrets.get(SESSION_SECRET)!) as { accessToken: string; refreshToken: string };
    const everything = JSON.stringify([configured, signedIn, summary, status]);
    expect(everything).not.toContain(stored.accessToken);
    expect(everything).not.toContain(stored.refreshToken);
    // The password never reaches the audit log.
    expect(JSON.stringify(core.ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'sync.signIn'").all())).not.toContain(
      admin.password,
    );
    const out = await r.call('sync.signOut', {});
    expect(out.account).toBeNull();
    expect(core.ctx.secrets.get(SESSION_SECRET)).toBeNull();
  }, 60_000);

  test('bad hub settings are refused and change nothing', async () => {
    core = createTestCore();
    const r = core.router;
    await expect(r.call('sync.configure', { hubUrl: 'ftp://x', anonKey: hub.anonKey })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(r.call('sync.configure', { hubUrl: 'http://example.com', anonKey: hub.anonKey })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(r.call('sync.configure', { hubUrl: hub.url, anonKey: 'short' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(r.call('sync.configure', { hubUrl: hub.url })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await r.call('sync.status', {})).configured).toBe(false);
  });

  test('an expired access token is refreshed on the device clock, whatever that clock says', async () => {
    core = createTestCore({ start: Date.now() - 3 * 86_400_000 });
    const r = core.router;
    await r.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 5, enabled: true });
    await r.call('sync.signIn', { email: admin.email, password: admin.password });
    const first = JSON.parse(core.ctx.secrets.get(SESSION_SECRET)!) as { accessToken: string };
    core.clock.advance(10 * 60_000);
    expect((await r.call('sync.now', {})).ok).toBe(true);
    const second = JSON.parse(core.ctx.secrets.get(SESSION_SECRET)!) as { accessToken: string };
    expect(second.accessToken).not.toBe(first.accessToken);
  }, 60_000);

  test('dead letters: retry queues the record again, discard removes the entry', async () => {
    core = createTestCore();
    const r = core.router;
    const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
    // A fresh core has no profile any more (the first admin is created at first start): make the local admin profile.
    await r.call('users.create', { displayName: 'Admin local', role: 'admin', credential: 'password', secret: 'correct horse 42' });
    await r.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 5, enabled: true });
    await r.call('sync.signIn', { email: installer.email, password: installer.password });
    const s = await r.call('sync.now', {});
    expect(s.ok).toBe(true);
    // An installer may not write users: the local admin profile is refused and set aside.
    const { items } = await r.call('sync.deadLetters', {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ direction: 'push', tableName: 'users', code: '42501' });
    expect(await r.call('sync.retryDeadLetter', { id: items[0]!.id })).toEqual({ requeued: true });
    expect((await r.call('sync.status', {})).pending).toBeGreaterThan(0);
    await r.call('sync.now', {});
    const again = (await r.call('sync.deadLetters', {})).items;
    expect(again).toHaveLength(1);
    expect(await r.call('sync.discardDeadLetter', { id: again[0]!.id })).toEqual({ discarded: true });
    expect((await r.call('sync.deadLetters', {})).items).toHaveLength(0);
    await expect(r.call('sync.discardDeadLetter', { id: again[0]!.id })).rejects.toMatchObject({ code: 'not_found' });
  }, 60_000);
});
