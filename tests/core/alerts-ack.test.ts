import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { evaluateBoothAlerts } from '@core/modules/alerts/evaluate.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 11, defect 7: no acknowledge or resolve action on alerts.
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

describe('alerts: acknowledge and resolve', () => {
  it('records who acknowledged and when, then who resolved; a second acknowledge keeps the first', async () => {
    const admin = insertUser(
      core.ctx.db,
      { email: 'a@x.test', displayName: 'Agnès', role: 'admin' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(admin.id);
    const booth = await core.router.call('booths.create', { name: 'Borne Houle', mac: '00:11:22:33:44:55', remainingPrints: 100 });
    evaluateBoothAlerts(core.ctx, booth.id);
    const [alert] = await core.router.call('alerts.list', { open: true });
    expect(alert).toMatchObject({ kind: 'paper_critical', acknowledgedAt: null, acknowledgedBy: null, resolvedBy: null });
    core.clock.advance(60_000);
    const acked = await core.router.call('alerts.acknowledge', { id: alert!.id });
    expect(acked).toMatchObject({ acknowledgedAt: core.clock.now(), acknowledgedBy: 'Agnès', clearedAt: null });
    const u = insertUser(
      core.ctx.db,
      { email: 'i@x.test', displayName: 'Inès', role: 'installer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(u.id);
    core.clock.advance(60_000);
    expect((await core.router.call('alerts.acknowledge', { id: alert!.id })).acknowledgedBy).toBe('Agnès');
    const resolved = await core.router.call('alerts.resolve', { id: alert!.id });
    expect(resolved).toMatchObject({ clearedAt: core.clock.now(), resolvedBy: 'Inès' });
    expect(await core.router.request({ channel: 'alerts.resolve', input: { id: alert!.id } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const audit = (await core.router.call('audit.list', {})).items;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['alerts.acknowledge', 'alerts.resolve']));
    // The log names what was acted on, not its id.
    expect(audit.find((a) => a.action === 'alerts.resolve')).toMatchObject({ target: alert!.id, targetName: 'Borne Houle' });
    // The cause (paper) is still there: the rules raise it again, a new alert with nobody on it.
    evaluateBoothAlerts(core.ctx, booth.id);
    const reopened = await core.router.call('alerts.list', { open: true });
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({ kind: 'paper_critical', acknowledgedBy: null });
    expect(reopened[0]!.id).not.toBe(alert!.id);
  });

  it('a viewer may not acknowledge', async () => {
    const booth = await core.router.call('booths.create', { name: 'Borne Écume', mac: '00:11:22:33:44:56', remainingPrints: 100 });
    evaluateBoothAlerts(core.ctx, booth.id);
    const [alert] = await core.router.call('alerts.list', { open: true });
    const v = insertUser(
      core.ctx.db,
      { email: 'v@x.test', displayName: 'Val', role: 'viewer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(v.id);
    expect(await core.router.request({ channel: 'alerts.acknowledge', input: { id: alert!.id } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
