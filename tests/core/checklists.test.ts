import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { instantiateChecklist, BUILTIN_TEMPLATE_ID } from '@core/modules/checklists/index.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
const H = 3_600_000;
let core: TestCore;
let booth: string;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

const as = (role: 'admin' | 'installer' | 'viewer', name: string) => {
  const u = insertUser(
    core.ctx.db,
    { email: `${name}@x.test`, displayName: name, role },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
  core.ctx.session.set(u.id);
  return u;
};

beforeEach(async () => {
  core = createTestCore({ start: T0 });
  booth = (await core.router.call('booths.create', { name: 'Borne 1' })).id;
});
afterEach(() => core.dispose());

const event = (startsAt = T0 + 2 * H) =>
  core.router.call('bookings.create', {
    boothId: booth,
    clientName: 'Mariage Durand',
    eventType: 'Mariage',
    startsAt,
    endsAt: startsAt + 6 * H,
  });

describe('event checklists', () => {
  it('a new event gets the built-in template when no admin made one; instantiating again adds nothing', async () => {
    const e = await event();
    const c = await core.router.call('checklists.forEvent', { eventId: e.id });
    expect(c.items.length).toBe(8);
    expect(c.items.map((i) => i.section)).toEqual(['loading', 'loading', 'loading', 'setup', 'setup', 'test_print', 'teardown', 'return']);
    expect(c.progress).toEqual({ done: 0, total: 8, requiredOpen: 6 });
    expect(c.items[0]!.templateId).toBe(BUILTIN_TEMPLATE_ID);
    instantiateChecklist(core.ctx, e.id);
    await core.router.call('checklists.start', { eventId: e.id });
    expect((await core.router.call('checklists.forEvent', { eventId: e.id })).items.length).toBe(8);
    // The rows are queued for the hub like other facts.
    const queued = core.ctx.db.prepare("SELECT count(*) FROM outbox WHERE table_name = 'checklist_items'").pluck().get();
    expect(queued).toBe(8);
  });

  it('an admin template becomes the default for new events; another template can be added to an event', async () => {
    const t = await core.router.call('checklists.saveTemplate', {
      name: 'Salon',
      isDefault: true,
      items: [
        { section: 'setup', label: 'Stand monté', required: true },
        { section: 'return', label: 'Badge rendu', required: false },
      ],
    });
    const e = await event();
    let c = await core.router.call('checklists.forEvent', { eventId: e.id });
    expect(c.items.map((i) => i.label)).toEqual(['Stand monté', 'Badge rendu']);
    const other = await core.router.call('checklists.saveTemplate', {
      name: 'Extra',
      items: [{ section: 'loading', label: 'Imprimante de secours' }],
    });
    c = await core.router.call('checklists.start', { eventId: e.id, templateId: other.id });
    expect(c.items.map((i) => i.label)).toEqual(['Imprimante de secours', 'Stand monté', 'Badge rendu']);
    // Only one default at a time.
    await core.router.call('checklists.saveTemplate', { id: other.id, name: 'Extra', isDefault: true, items: other.items });
    const all = await core.router.call('checklists.templates', {});
    expect(all.filter((x) => x.isDefault).map((x) => x.id)).toEqual([other.id]);
    expect(all.find((x) => x.id === t.id)?.isDefault).toBe(false);
  });

  it('the installer ticks items with who/when, a note and a photo; unticking clears who/when', async () => {
    const e = await event();
    as('installer', 'Inès');
    const [first] = (await core.router.call('checklists.forEvent', { eventId: e.id })).items;
    core.clock.advance(60_000);
    const photo = 'data:image/png;base64,iVBORw0KGgo=';
    const ticked = await core.router.call('checklists.tick', { itemId: first!.id, done: true, note: 'Deux rouleaux', photo });
    expect(ticked).toMatchObject({ doneAt: T0 + 60_000, doneByName: 'Inès', note: 'Deux rouleaux', photo });
    expect((await core.router.call('checklists.forEvent', { eventId: e.id })).progress).toMatchObject({ done: 1, requiredOpen: 5 });
    // The photo never reaches the audit log.
    const audit = core.ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'checklists.tick'").pluck().get() as string;
    expect(audit).not.toContain('base64');
    const un = await core.router.call('checklists.tick', { itemId: first!.id, done: false });
    expect(un).toMatchObject({ doneAt: null, doneByName: null, note: 'Deux rouleaux' });
    const bad = await core.router.request({
      channel: 'checklists.tick',
      input: { itemId: first!.id, done: true, photo: 'javascript:alert(1)' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a viewer reads but cannot tick or edit templates', async () => {
    const e = await event();
    as('viewer', 'Victor');
    const c = await core.router.call('checklists.forEvent', { eventId: e.id });
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    expect(await core.router.request({ channel: 'checklists.tick', input: { itemId: c.items[0]!.id, done: true } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await core.router.request({ channel: 'checklists.saveTemplate', input: { name: 'X', items: [{ section: 'setup', label: 'Y' }] } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('an event cannot be completed with a required item open, except by an admin override (audited)', async () => {
    const e = await event();
    as('installer', 'Inès');
    const refused = await core.router.request({ channel: 'bookings.setStatus', input: { id: e.id, status: 'completed' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { count: 6 } } });
    const notAdmin = await core.router.request({ channel: 'bookings.setStatus', input: { id: e.id, status: 'completed', override: true } });
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.router.call('bookings.get', { id: e.id })).status).toBe('active');
    // Ticking every required item lets the installer complete it.
    const items = (await core.router.call('checklists.forEvent', { eventId: e.id })).items;
    for (const i of items.filter((x) => x.required)) await core.router.call('checklists.tick', { itemId: i.id, done: true });
    expect((await core.router.call('bookings.setStatus', { id: e.id, status: 'completed' })).status).toBe('completed');

    const e2 = await event(T0 + 30 * H);
    as('admin', 'Agnès');
    expect((await core.router.call('bookings.setStatus', { id: e2.id, status: 'completed', override: true })).status).toBe('completed');
    const row = core.ctx.db
      .prepare("SELECT details FROM audit_log WHERE action = 'bookings.setStatus' AND outcome = 'ok' ORDER BY at DESC, rowid DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(row).toContain('"override":true');
  });
});

describe('Today', () => {
  it('lists today’s and tomorrow’s events with booth, paper outlook, checklist progress and data age', async () => {
    const e1 = await event(T0 + 3 * H);
    const e2 = await event(T0 + 26 * H);
    await event(T0 + 80 * H); // the day after tomorrow: not on Today
    const v = await core.router.call('today.get', {});
    expect(v.entries.map((x) => [x.event.id, x.day])).toEqual([
      [e1.id, 'today'],
      [e2.id, 'tomorrow'],
    ]);
    const first = v.entries[0]!;
    expect(first.booth?.name).toBe('Borne 1');
    expect(first.checklist).toEqual({ done: 0, total: 8, requiredOpen: 6 });
    expect(first.paper).not.toBeNull();
    expect(first.paper!.enough).toBe(first.paper!.cumulativeP90 <= 700);
    expect(v.lastSyncAt).toBeNull();
    expect(v.hubConfigured).toBe(false);
  });

  it('shows where the event is and whom to call there: the place set on the event form, the client on file and its contacts', async () => {
    const company = await core.router.call('clients.create', {
      name: 'Domaine des Lilas',
      phone: '04 78 00 00 01',
      address: '1 chemin du Parc, Lyon',
    });
    await core.router.call('clients.create', { kind: 'person', name: 'Claire Martin', companyId: company.id, phone: '06 12 34 56 78' });
    const e = await core.router.call('bookings.create', {
      boothId: booth,
      clientName: 'Mariage Durand',
      clientId: company.id,
      place: '  12 avenue des Roses, 69003 Lyon ',
      startsAt: T0 + 2 * H,
      endsAt: T0 + 8 * H,
    });
    expect(e).toMatchObject({ place: '12 avenue des Roses, 69003 Lyon', clientId: company.id });
    let entry = (await core.router.call('today.get', {})).entries[0]!;
    expect(entry.event.place).toBe('12 avenue des Roses, 69003 Lyon');
    expect(entry.client).toEqual({
      id: company.id,
      name: 'Domaine des Lilas',
      phone: '04 78 00 00 01',
      email: null,
      address: '1 chemin du Parc, Lyon',
      contacts: [{ name: 'Claire Martin', phone: '06 12 34 56 78', email: null }],
    });
    // The form edits the place (cleared: Today falls back to the client's address on screen) and the client link.
    await core.router.call('bookings.update', { id: e.id, patch: { place: 'Salle B, 3 rue Neuve, Lyon' } });
    as('installer', 'ines');
    entry = (await core.router.call('today.get', {})).entries[0]!;
    expect(entry.event.place).toBe('Salle B, 3 rue Neuve, Lyon');
    await core.router.call('bookings.update', { id: e.id, patch: { place: '', clientId: null } });
    entry = (await core.router.call('today.get', {})).entries[0]!;
    expect([entry.event.place, entry.client]).toEqual([null, null]);
    const gone = await core.router.call('bookings.update', { id: e.id, patch: { clientId: 'no-such-client' } }).catch((x: unknown) => x);
    expect(gone).toMatchObject({ code: 'not_found', details: { field: 'clientId' } });
    // The place travels to the hub with the event.
    const queued = core.ctx.db
      .prepare("SELECT count(*) FROM outbox WHERE table_name = 'events' AND row_id = ?")
      .pluck()
      .get(e.id) as number;
    expect(queued).toBeGreaterThan(0);
  });
});
