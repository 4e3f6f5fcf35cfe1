import { afterEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { contract } from '@shared/contract/index.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * Who may call what, and what the audit log keeps of it (issue 19, written from StrykerJS
 * survivors of router.ts and db/repos/audit.ts): secrets never reach the log, big inputs are
 * summarised, the target is named, refusals of mutations are logged and of queries not, an audit
 * write that fails never fails the call.
 */

const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});
function core(shell: 'headless' | 'browser' = 'headless'): TestCore {
  const c = createTestCore({ shell });
  cores.push(c);
  return c;
}
function user(c: TestCore, role: 'viewer' | 'installer' | 'admin', name = `${role} user`) {
  return insertUser(
    c.ctx.db,
    { email: `${role}-${name.length}@x.test`, displayName: name, role },
    { now: c.clock.now(), device: c.ctx.deviceId },
  );
}
const rows = (c: TestCore) =>
  c.ctx.db.prepare('SELECT user_id, action, target, outcome, details, origin_device FROM audit_log ORDER BY rowid').all() as Array<{
    user_id: string | null;
    action: string;
    target: string | null;
    outcome: string;
    details: string;
    origin_device: string;
  }>;

describe('roles', () => {
  it('signed out: a public channel answers (as an anonymous viewer), any other asks to sign in', async () => {
    const c = core('browser');
    expect(await c.router.request({ channel: 'kiosk.status', input: {} })).toMatchObject({ ok: true });
    expect(await c.router.request({ channel: 'settings.get', input: {} })).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Sign in first', details: { signIn: true } },
    });
    expect(rows(c)).toEqual([]);
  });

  it('the device itself (asSystem) acts as admin whoever is signed in', async () => {
    const c = core('browser');
    const v = user(c, 'viewer');
    c.ctx.session.set(v.id);
    await c.router.call('settings.set', { deviceName: 'Poste système' }, { asSystem: true });
    expect((await c.router.call('settings.get', {})).deviceName).toBe('Poste système');
    expect(rows(c).at(-1)).toMatchObject({ user_id: 'system', action: 'settings.set', outcome: 'ok' });
    expect(await c.router.request({ channel: 'settings.set', input: { deviceName: 'Non' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Role "viewer" may not use settings.set' },
    });
  });

  it('a refused mutation is logged with the role; a refused query is not logged', async () => {
    const c = core();
    const v = user(c, 'viewer');
    c.ctx.session.set(v.id);
    expect(await c.router.request({ channel: 'backup.list', input: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(rows(c)).toEqual([]);
    expect(await c.router.request({ channel: 'settings.set', input: { deviceName: 'Non' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(rows(c)).toEqual([
      {
        user_id: v.id,
        action: 'settings.set',
        target: null,
        outcome: 'refused',
        details: '{"role":"viewer"}',
        origin_device: c.ctx.deviceId,
      },
    ]);
  });

  it('each role reaches exactly the channels it is listed for (an installer records stock, does not edit the catalog)', async () => {
    const c = core();
    const i = user(c, 'installer');
    c.ctx.session.set(i.id);
    expect(await c.router.request({ channel: 'catalog.products.create', input: { sku: 'X-1', name: 'X' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await c.router.request({ channel: 'audit.list', input: {} })).toMatchObject({ ok: true });
  });
});

describe('what the audit log keeps', () => {
  it('secrets are redacted, wherever they are in the input; the rest of the input stays', async () => {
    const c = core();
    await c.router.call('users.create', { displayName: 'Léa', role: 'installer', credential: 'pin', secret: '482913' });
    await c.router.call('kiosk.setPin', { pin: '2468' });
    const [create, pin] = rows(c);
    expect(JSON.parse(create!.details)).toEqual({
      displayName: 'Léa',
      email: null,
      role: 'installer',
      credential: 'pin',
      secret: '[redacted]',
    });
    expect(JSON.parse(pin!.details)).toEqual({ pin: '[redacted]' });
    expect(JSON.stringify(rows(c))).not.toMatch(/482913|2468/);
    // A failed call is logged with its error, never with the input.
    const bad = await c.router.request({
      channel: 'users.create',
      input: { displayName: 'Léa', role: 'installer', credential: 'pin', secret: '11' },
    });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(rows(c))).not.toContain('"11"');
  });

  it('only the secrets present are redacted: no key is added for an absent one', async () => {
    const c = core();
    const u = user(c, 'viewer', 'Sans ancien secret');
    await c.router.call('users.setCredential', { userId: u.id, credential: 'pin', secret: '135790' });
    expect(JSON.parse(rows(c).at(-1)!.details)).toEqual({ userId: u.id, credential: 'pin', secret: '[redacted]' });
  });

  it('a channel that lists no secrets keeps its input as given', async () => {
    const c = core();
    await c.router.call('settings.set', { deviceName: 'Dépôt', language: 'en' });
    expect(JSON.parse(rows(c)[0]!.details)).toEqual({ deviceName: 'Dépôt', language: 'en' });
  });

  it('an input up to 4000 characters of JSON is kept; above, only its size', async () => {
    const c = core();
    const lyon = (await c.router.call('stock.locations.create', { name: 'Lyon', kind: 'warehouse' })).id;
    const p = await c.router.call('catalog.products.create', { sku: 'BIG-1', name: 'Gros' });
    const input = (reasonLength: number) => ({
      movements: Array.from({ length: 8 }, (_, i) => ({
        productId: p.id,
        locationId: lyon,
        type: 'in' as const,
        quantity: 1,
        reason: i === 0 ? 'x'.repeat(reasonLength) : 'y'.repeat(400),
      })),
      confirm: true,
    });
    const size = (r: number) => JSON.stringify(contract['stock.recordBatch'].input.parse(input(r))).length;
    const exact = 4000 - (size(0) - 0);
    expect(size(exact)).toBe(4000);
    await c.router.call('stock.recordBatch', input(exact));
    await c.router.call('stock.recordBatch', input(exact + 1));
    const batches = rows(c).filter((r) => r.action === 'stock.recordBatch');
    expect(JSON.parse(batches[0]!.details)).toEqual(contract['stock.recordBatch'].input.parse(input(exact)));
    expect(JSON.parse(batches[1]!.details)).toEqual({ truncated: true, size: 4001 });
  });

  it('the target is the first of id, productId, boothId, booth, sku, name, key, userId that is a string', async () => {
    const c = core();
    const lyon = (await c.router.call('stock.locations.create', { name: 'Lyon', kind: 'warehouse' })).id;
    const p = await c.router.call('catalog.products.create', { sku: 'TGT-1', name: 'Cible' });
    await c.router.call('catalog.products.update', { id: p.id, patch: { name: 'Cible 2' } });
    await c.router.call('stock.record', { productId: p.id, locationId: lyon, type: 'in', quantity: 2 });
    await c.router.call('booths.create', { name: 'Borne T' });
    const u = user(c, 'viewer', 'Personne cible');
    await c.router.call('users.setCredential', { userId: u.id, credential: 'pin', secret: '135790' });
    const t = Object.fromEntries(rows(c).map((r) => [r.action, r.target]));
    expect(t).toMatchObject({
      'stock.locations.create': 'Lyon',
      'catalog.products.create': 'TGT-1',
      'catalog.products.update': p.id,
      'stock.record': p.id,
      'booths.create': 'Borne T',
      'users.setCredential': u.id,
    });
    const b = (await c.router.call('booths.create', { name: 'Borne R' })).id;
    const now = c.clock.now();
    await c.router.call('bookings.create', { boothId: b, clientName: 'Mariage', startsAt: now + 3_600_000, endsAt: now + 7_200_000 });
    expect(rows(c).at(-1)).toMatchObject({ action: 'bookings.create', target: b });
    await c.router.request({ channel: 'wol.wake', input: { booth: 'Borne inconnue' } });
    expect(rows(c).at(-1)).toMatchObject({ action: 'wol.wake', target: 'Borne inconnue', outcome: 'failed' });
    // An input with none of them has no target.
    await c.router.call('settings.set', { deviceName: 'Sans cible' });
    expect(rows(c).at(-1)!.target).toBeNull();
  });

  it('a failed mutation is logged with its error code and message', async () => {
    const c = core();
    const res = await c.router.request({ channel: 'catalog.products.update', input: { id: 'nope', patch: { name: 'X' } } });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (res.ok) return;
    expect(rows(c)).toEqual([
      expect.objectContaining({
        action: 'catalog.products.update',
        target: 'nope',
        outcome: 'failed',
        details: JSON.stringify({ error: 'not_found', message: res.error.message }),
      }),
    ]);
  });

  it('a failed query is not logged; an unexpected error is logged with its stack, an AppError is not', async () => {
    const c = core();
    expect(await c.router.request({ channel: 'catalog.products.get', input: { id: 'nope' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(rows(c)).toEqual([]);
    expect(c.logs.lines.filter((l) => l.msg === 'handler failed')).toEqual([]);
    c.ctx.db.exec('DROP TABLE purchase_orders');
    expect(await c.router.request({ channel: 'purchaseOrders.list', input: {} })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error in the core' },
    });
    const logged = c.logs.lines.filter((l) => l.msg === 'handler failed');
    expect(logged).toEqual([
      {
        level: 'error',
        msg: 'handler failed',
        fields: { channel: 'purchaseOrders.list', error: expect.stringContaining('purchase_orders') },
      },
    ]);
    expect(String(logged[0]!.fields!.error)).toMatch(/\n\s+at /); // the stack, not only the message
    expect(rows(c)).toEqual([]);
  });

  it('a channel that audits itself (audit: false) gets no router entry; a query none', async () => {
    const c = core();
    await c.router.call('kiosk.setPin', { pin: '2468' });
    const before = rows(c).length;
    await c.router.request({ channel: 'kiosk.unlock', input: { pin: '0000' } });
    await c.router.call('settings.get', {});
    expect(rows(c).filter((r) => r.outcome === 'ok' && r.action === 'kiosk.unlock')).toEqual([]);
    expect(rows(c).filter((r) => r.action === 'settings.get')).toEqual([]);
    // Only the handler's own entry for the refused PIN.
    expect(
      rows(c)
        .slice(before)
        .map((r) => [r.action, r.outcome]),
    ).toEqual([['kiosk.unlock', 'refused']]);
    await c.router.request({ channel: 'kiosk.unlock', input: { pin: '2468' } });
    expect(
      rows(c)
        .slice(before + 1)
        .map((r) => [r.action, r.outcome]),
    ).toEqual([['kiosk.unlock', 'ok']]);
  });

  it('a failing channel that audits itself (audit: false) gets no router "failed" entry: only its own', async () => {
    const c = core();
    // Unknown profile: the handler throws before auditing; the router adds nothing.
    expect(await c.router.request({ channel: 'session.signIn', input: { userId: 'nope', secret: '1234' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(rows(c)).toEqual([]);
    // A profile without a password or PIN: the handler logs its refusal, then throws.
    const v = user(c, 'viewer', 'Sans secret');
    expect(await c.router.request({ channel: 'session.signIn', input: { userId: v.id, secret: '1234' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'no_credential' } },
    });
    expect(rows(c).map((r) => [r.action, r.target, r.outcome, JSON.parse(r.details)])).toEqual([
      ['session.signIn', v.id, 'refused', { reason: 'no_credential' }],
    ]);
  });

  it('a call relayed by the assistant (via) carries it in its audit row, whether it went through, was refused or failed', async () => {
    const c = core();
    await c.router.call('settings.set', { deviceName: 'Relais' }, { via: 'assistant' });
    const failed = await c.router.request(
      { channel: 'catalog.products.update', input: { id: 'nope', patch: { name: 'X' } } },
      { via: 'assistant' },
    );
    const v = user(c, 'viewer');
    c.ctx.session.set(v.id);
    await c.router.request({ channel: 'settings.set', input: { deviceName: 'Non' } }, { via: 'assistant' });
    expect(rows(c).map((r) => [r.action, r.outcome, JSON.parse(r.details)])).toEqual([
      ['settings.set', 'ok', { deviceName: 'Relais', via: 'assistant' }],
      ['catalog.products.update', 'failed', { error: 'not_found', message: failed.ok ? '' : failed.error.message, via: 'assistant' }],
      ['settings.set', 'refused', { role: 'viewer', via: 'assistant' }],
    ]);
  });

  it('each entry is announced; an audit write that fails is logged and the call still succeeds', async () => {
    const c = core();
    const seen: PushEvent[] = [];
    c.ctx.events.subscribe((e) => seen.push(e));
    await c.router.call('settings.set', { deviceName: 'Annoncé' });
    expect(seen.filter((e) => e.event === 'audit.appended').map((e) => e.payload)).toEqual([{ action: 'settings.set', outcome: 'ok' }]);
    c.ctx.db.exec('DROP TABLE audit_log');
    expect(await c.router.request({ channel: 'settings.set', input: { deviceName: 'Sans journal' } })).toMatchObject({ ok: true });
    expect((await c.router.call('settings.get', {})).deviceName).toBe('Sans journal');
    expect(c.logs.lines.filter((l) => l.msg === 'audit write failed')).toEqual([
      { level: 'error', msg: 'audit write failed', fields: { channel: 'settings.set', error: expect.stringContaining('audit_log') } },
    ]);
  });
});

describe('reading the audit log', () => {
  it('names the user and the target, filters by action, pages newest first', async () => {
    const c = core();
    const admin = user(c, 'admin', 'Camille Admin');
    c.ctx.session.set(admin.id);
    const lyon = (await c.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
    const p = await c.router.call('catalog.products.create', { sku: 'NOM-1', name: 'Papier photo' });
    c.clock.advance(1000);
    await c.router.call('stock.record', { productId: p.id, locationId: lyon, type: 'in', quantity: 3 });
    const b = await c.router.call('booths.create', { name: 'Borne Nord' });
    c.clock.advance(1000);
    await c.router.call('booths.update', { id: b.id, warningThreshold: 300 });
    await c.router.call('settings.set', { deviceName: 'Poste' });

    const all = await c.router.call('audit.list', {});
    expect(all.items.map((i) => [i.action, i.targetName])).toEqual([
      ['settings.set', null],
      ['booths.update', 'Borne Nord'],
      ['booths.create', null], // its target is the name itself
      ['stock.record', 'Papier photo'],
      ['catalog.products.create', 'Papier photo'],
      ['stock.locations.create', null],
    ]);
    expect(all.items[0]).toMatchObject({ userId: admin.id, userName: 'Camille Admin', outcome: 'ok', details: { deviceName: 'Poste' } });
    expect(all.nextBefore).toBeNull();

    const only = await c.router.call('audit.list', { action: 'stock.record' });
    expect(only.items.map((i) => [i.action, i.target])).toEqual([['stock.record', p.id]]);

    const page1 = await c.router.call('audit.list', { limit: 4 });
    expect(page1.items).toEqual(all.items.slice(0, 4));
    expect([page1.nextBefore, page1.nextBeforeId]).toEqual([all.items[3]!.at, all.items[3]!.id]);
    const page2 = await c.router.call('audit.list', { limit: 4, before: page1.nextBefore!, beforeId: page1.nextBeforeId! });
    expect(page2.items).toEqual(all.items.slice(4));
    expect([page2.nextBefore, page2.nextBeforeId]).toEqual([null, null]);
    // Exactly a full page left: no next page.
    const last2 = await c.router.call('audit.list', { limit: 2, before: all.items[3]!.at, beforeId: all.items[3]!.id });
    expect(last2.items).toEqual(all.items.slice(4));
    expect(last2.nextBefore).toBeNull();
    expect(last2.nextBeforeId).toBeNull();
    // `before` alone: strictly older entries only.
    const older = await c.router.call('audit.list', { before: all.items[0]!.at });
    expect(older.items.every((i) => i.at < all.items[0]!.at)).toBe(true);
    expect(older.items.map((i) => i.action)).toEqual([
      'booths.create',
      'stock.record',
      'catalog.products.create',
      'stock.locations.create',
    ]);
  });
});
