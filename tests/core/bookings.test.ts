import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 12, 18, 0, 0);
let core: TestCore;
let b1: string;
let b2: string;
beforeEach(async () => {
  core = createTestCore();
  b1 = (await core.router.call('booths.create', { name: 'Borne 1' })).id;
  b2 = (await core.router.call('booths.create', { name: 'Borne 2' })).id;
});
afterEach(() => core.dispose());

const wedding = () => ({
  boothId: b1,
  clientName: 'Mariage Durand',
  eventType: 'Mariage',
  startsAt: T0,
  endsAt: T0 + 6 * H,
  albumName: 'Durand 2026',
});

describe('bookings (the events calendar)', () => {
  it('creates, reads and edits only the named fields of an event', async () => {
    const e = await core.router.call('bookings.create', wedding());
    expect(await core.router.call('bookings.get', { id: e.id })).toMatchObject({
      clientName: 'Mariage Durand',
      boothName: 'Borne 1',
      status: 'active',
    });
    const moved = await core.router.call('bookings.update', { id: e.id, patch: { boothId: b2, startsAt: T0 + H, endsAt: T0 + 8 * H } });
    expect(moved).toMatchObject({
      boothId: b2,
      boothName: 'Borne 2',
      startsAt: T0 + H,
      endsAt: T0 + 8 * H,
      clientName: 'Mariage Durand',
      eventType: 'Mariage',
      albumName: 'Durand 2026',
    });
    const cleared = await core.router.call('bookings.update', { id: e.id, patch: { albumName: null, boothId: null } });
    expect(cleared).toMatchObject({ albumName: null, boothId: null, eventType: 'Mariage' });
  });

  it('refuses to book a booth twice at overlapping times, naming the other event, and writes nothing', async () => {
    const first = await core.router.call('bookings.create', wedding());
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const clash = await core.router.request({
      channel: 'bookings.create',
      input: { boothId: b1, clientName: 'Salon Pro', startsAt: T0 + 5 * H, endsAt: T0 + 9 * H },
    });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { field: 'boothId', eventId: first.id, clientName: 'Mariage Durand' } },
    });
    expect(clash.ok === false && clash.error.message).toContain('Borne 1');
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    // Back to back is fine; another booth is fine.
    await core.router.call('bookings.create', { boothId: b1, clientName: 'Soirée', startsAt: T0 + 6 * H, endsAt: T0 + 9 * H });
    const other = await core.router.call('bookings.create', {
      boothId: b2,
      clientName: 'Salon Pro',
      startsAt: T0 + 5 * H,
      endsAt: T0 + 9 * H,
    });
    // Moving the second booth's event onto the first booth's wedding is refused too.
    expect(await core.router.request({ channel: 'bookings.update', input: { id: other.id, patch: { boothId: b1 } } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    // A completed event no longer holds its booth; re-activating it while taken is refused.
    await core.router.call('bookings.setStatus', { id: first.id, status: 'completed', override: true });
    await core.router.call('bookings.update', { id: other.id, patch: { boothId: b1, startsAt: T0, endsAt: T0 + 5 * H } });
    expect(await core.router.request({ channel: 'bookings.setStatus', input: { id: first.id, status: 'active' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('refuses bad edits with clear errors and changes nothing', async () => {
    const e = await core.router.call('bookings.create', wedding());
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const cases: Array<[unknown, string, string]> = [
      [{ id: e.id, patch: { endsAt: T0 - H } }, 'invalid_input', 'end after it starts'],
      [{ id: e.id, patch: { startsAt: T0 + 2 * H, endsAt: T0 + H } }, 'invalid_input', 'end after it starts'],
      [{ id: e.id, patch: {} }, 'invalid_input', 'Nothing to change'],
      [{ id: e.id, patch: { clientName: '   ' } }, 'invalid_input', 'Client is required'],
      [{ id: e.id, patch: { boothId: 'no-such-booth' } }, 'not_found', 'Booth not found'],
      [{ id: 'no-such-event', patch: { clientName: 'X' } }, 'not_found', 'Event not found'],
    ];
    for (const [input, code, message] of cases) {
      const r = await core.router.request({ channel: 'bookings.update', input });
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      expect(r.ok === false && JSON.stringify(r.error)).toContain(message);
    }
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('suggests the event types already used, most used first', async () => {
    await core.router.call('bookings.create', { ...wedding(), boothId: null });
    await core.router.call('bookings.create', { ...wedding(), boothId: null, eventType: 'Mariage' });
    await core.router.call('bookings.create', { ...wedding(), boothId: null, eventType: 'Anniversaire' });
    await core.router.call('bookings.create', { ...wedding(), boothId: null, eventType: null });
    expect(await core.router.call('bookings.types', {})).toEqual(['Mariage', 'Anniversaire']);
  });

  it('a viewer reads the calendar but cannot change it; the attempt is audited', async () => {
    const e = await core.router.call('bookings.create', wedding());
    const u = insertUser(
      core.ctx.db,
      { email: 'viewer@x.test', displayName: 'V', role: 'viewer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(u.id);
    expect(await core.router.call('bookings.list', {})).toHaveLength(1);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    expect(await core.router.request({ channel: 'bookings.update', input: { id: e.id, patch: { clientName: 'X' } } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    const refused = (await core.router.call('audit.list', { limit: 5 })).items.find((a) => a.outcome === 'refused');
    expect(refused?.action).toBe('bookings.update');
  });
});
