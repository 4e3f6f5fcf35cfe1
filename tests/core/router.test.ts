import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { toErrorShape } from '@core/router.js';
import { AppError } from '@shared/errors.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

function addUser(role: 'viewer' | 'installer' | 'admin') {
  return insertUser(
    core.ctx.db,
    { email: `${role}@x.test`, displayName: `${role} user`, role },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
}

describe('router', () => {
  it('answers a valid query with {ok:true,data}', async () => {
    const res = await core.router.request({ channel: 'settings.get', input: {} });
    expect(res).toEqual({
      ok: true,
      data: { language: 'fr', theme: 'system', deviceName: 'OpsDeck', mode: 'office', holidayCountry: 'FR', quoteSeries: '' },
    });
  });

  it('refuses unknown channels and malformed requests without throwing', async () => {
    expect(await core.router.request({ channel: 'nope.nothing', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await core.router.request(null as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.router.request({ channel: 42 } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.router.request({ channel: '__proto__', input: {} })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('rejects bad input with field-level details and writes nothing', async () => {
    const before = dbFingerprint(core.ctx.db);
    const res = await core.router.request({ channel: 'settings.set', input: { deviceName: '', language: 'de' } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_input');
    const paths = (res.error.details as Array<{ path: string[] }>).map((d) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['deviceName', 'language']));
    expect(dbFingerprint(core.ctx.db)).toBe(before);
  });

  it('persists settings and emits settings.changed', async () => {
    const seen: unknown[] = [];
    core.ctx.events.subscribe((e) => seen.push(e));
    await core.router.call('settings.set', {
      language: 'en',
      deviceName: 'Bureau Lyon',
      mode: 'installer',
      theme: 'dark',
      holidayCountry: 'GB',
      quoteSeries: '',
    });
    expect(await core.router.call('settings.get', {})).toEqual({
      language: 'en',
      deviceName: 'Bureau Lyon',
      mode: 'installer',
      theme: 'dark',
      holidayCountry: 'GB',
      quoteSeries: '',
    });
    expect(seen).toContainEqual({
      event: 'settings.changed',
      payload: { language: 'en', deviceName: 'Bureau Lyon', mode: 'installer', theme: 'dark', holidayCountry: 'GB', quoteSeries: '' },
    });
    const info = await core.router.call('system.info', {});
    expect(info.deviceName).toBe('Bureau Lyon');
    expect(info.mode).toBe('installer');
  });

  it('enforces roles in the core and audits the refused attempt', async () => {
    const viewer = addUser('viewer');
    core.ctx.session.set(viewer.id);
    const before = await core.router.call('settings.get', {});
    const res = await core.router.request({ channel: 'settings.set', input: { language: 'en' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.router.call('settings.get', {})).toEqual(before);
    const audit = await core.router.call('audit.list', { action: 'settings.set' });
    expect(audit.items[0]).toMatchObject({ action: 'settings.set', outcome: 'refused', userId: viewer.id });
  });

  it('audits every successful mutation with its user and input', async () => {
    await core.router.call('settings.set', { deviceName: 'Dépôt' });
    const { items } = await core.router.call('audit.list', {});
    expect(items[0]).toMatchObject({
      action: 'settings.set',
      outcome: 'ok',
      details: { deviceName: 'Dépôt' },
      originDevice: core.ctx.deviceId,
    });
  });

  it('sets up the first run once, with demo users of every role', async () => {
    expect((await core.router.call('system.info', {})).firstRun).toBe(true);
    await core.router.call('system.setup', { choice: 'demo' });
    expect((await core.router.call('system.info', {})).firstRun).toBe(false);
    const roles = new Set((await core.router.call('users.list', {})).map((u) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'installer', 'viewer']);
    expect(await core.router.request({ channel: 'system.setup', input: { choice: 'empty' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  }, 120_000);

  it('reports health of the database and secrets', async () => {
    const h = await core.router.call('system.health', {});
    expect(h.ok).toBe(true);
    expect(h.checks.find((c) => c.name === 'wal')?.ok).toBe(true);
  });
});

describe('error envelopes', () => {
  it('keeps AppError codes and hides internal errors', () => {
    expect(toErrorShape(new AppError('not_found', 'No such product'))).toEqual({ code: 'not_found', message: 'No such product' });
    expect(toErrorShape(new Error('secret stack detail'))).toEqual({ code: 'internal', message: 'Unexpected error in the core' });
  });
  it('turns SQLite constraint failures into readable constraint errors naming the field', () => {
    const e = Object.assign(new Error('CHECK constraint failed: quantity > 0'), { code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(toErrorShape(e)).toMatchObject({ code: 'constraint', message: 'This value is not allowed', details: { field: 'quantity' } });
    const u = Object.assign(new Error('UNIQUE constraint failed: products.sku'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(toErrorShape(u)).toMatchObject({
      code: 'conflict',
      message: 'A product with this SKU already exists',
      details: { field: 'sku' },
    });
  });
});

describe('audit log paging', () => {
  it('never skips entries that share a millisecond across pages', async () => {
    // Twelve writes in the same millisecond (the fixed clock does not move).
    for (let i = 0; i < 12; i++) await core.router.call('settings.set', { deviceName: `Poste ${i}` });
    const seen: string[] = [];
    let before: number | undefined;
    let beforeId: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await core.router.call('audit.list', { limit: 5, before, beforeId });
      seen.push(...page.items.map((i) => i.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
      beforeId = page.nextBeforeId ?? undefined;
    }
    const all = (await core.router.call('audit.list', { limit: 500 })).items.map((i) => i.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(12);
  });
});
