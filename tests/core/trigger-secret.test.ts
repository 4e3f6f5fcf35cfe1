import { describe, test, expect, afterEach } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { onPglite } from '../fixtures/hub-rls.js';
import { triggerSecretSuite } from './trigger-secret.suite.js';

// The per-booth trigger secret (issue 12), synced: the hub's rules on PGlite under both grant
// defaults (trigger-secret-pg.test.ts: the real PostgreSQL 15 server), then the local channels.
onPglite(triggerSecretSuite, 'booth trigger secrets');

describe('booth trigger secret channels', () => {
  let core: TestCore;
  afterEach(() => core?.dispose());

  test('admins and installers see and change it (audited); viewers and booth profiles may not; an unknown booth is not found', async () => {
    core = createTestCore({ shell: 'browser' });
    await core.router.call('session.createFirstAdmin', { displayName: 'Camille Roux', password: 'correct horse 42' });
    const booth = await core.router.call('booths.create', { name: 'Borne Aurore' });
    expect(await core.router.call('booths.triggerSecret', { id: booth.id })).toMatchObject({
      secret: null,
      path: '/dslrbooth',
      updatedAt: null,
    });
    const made = await core.router.call('booths.setTriggerSecret', { id: booth.id, action: 'new' });
    expect(made.secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(made).toMatchObject({ path: `/dslrbooth/${made.secret}`, updatedAt: core.clock.now() });
    // Queued for the hub like any synced write, and on the change feed.
    expect(core.ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE table_name = 'booth_trigger_secrets'").pluck().get()).toBe(1);
    const again = await core.router.call('booths.setTriggerSecret', { id: booth.id, action: 'new' });
    expect(again.secret).not.toBe(made.secret);
    const audit = await core.router.call('audit.list', { action: 'booths.setTriggerSecret' });
    expect(audit.items.length).toBe(2);
    expect(JSON.stringify(audit.items)).not.toContain(again.secret!);
    expect(await core.router.request({ channel: 'booths.triggerSecret', input: { id: 'nope' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const installer = await core.router.call('users.create', {
      displayName: 'Ines Installer',
      role: 'installer',
      credential: 'pin',
      secret: '1357',
    });
    const viewer = await core.router.call('users.create', { displayName: 'Lou Viewer', role: 'viewer', credential: 'pin', secret: '2468' });
    expect((await core.router.call('session.signIn', { userId: installer.id, secret: '1357' })).ok).toBe(true);
    expect((await core.router.call('booths.setTriggerSecret', { id: booth.id, action: 'off' })).secret).toBeNull();
    expect((await core.router.call('session.signIn', { userId: viewer.id, secret: '2468' })).ok).toBe(true);
    for (const [channel, input] of [
      ['booths.triggerSecret', { id: booth.id }],
      ['booths.setTriggerSecret', { id: booth.id, action: 'new' }],
    ] as const) {
      expect(await core.router.request({ channel, input } as never)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.ctx.db.prepare('SELECT secret FROM booth_trigger_secrets WHERE id = ?').pluck().get(booth.id)).toBeNull();
  });
});
