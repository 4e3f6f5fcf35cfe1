import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import type { Role } from '@shared/model/roles.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * Who works which event (issue 18, item 6), in the core: admins assign installers (audited,
 * data.changed, synced through the outbox); on the device, an installer's client readers (client
 * list and page, due follow-ups, Today's cards, registrations, export) show only the clients of the
 * events that installer is assigned to — the hub's rule (tests/core/event-staff-rls.suite.ts).
 */
const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 7, 0, 0);
let core: TestCore;
let booth: string;
let pushed: Array<{ event: string; payload: unknown }>;
beforeEach(async () => {
  core = createTestCore({ start: T0 });
  booth = (await core.router.call('booths.create', { name: 'Borne 1' })).id;
  pushed = [];
  core.ctx.events.subscribe((e) => pushed.push(e as { event: string; payload: unknown }));
});
afterEach(() => core.dispose());

const r = () => core.router;
const profile = (name: string, role: Role) =>
  insertUser(
    core.ctx.db,
    { email: `${name.toLowerCase()}@x.test`, displayName: name, role },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
/** As the profile (null: the command line's admin). */
const as = (u: { id: string } | null) => (u ? core.ctx.session.set(u.id) : core.ctx.session.clear());

/** Two events today, each with its client (a company with a contact), a lead with a due follow-up, registrations. */
async function twoEvents() {
  const one = await r().call('clients.create', {
    name: 'Domaine des Lilas',
    phone: '04 78 00 00 01',
    nextAction: 'Rappeler',
    nextActionAt: T0,
  });
  const oneContact = await r().call('clients.create', {
    kind: 'person',
    name: 'Claire Martin',
    companyId: one.id,
    phone: '06 12 34 56 78',
  });
  const two = await r().call('clients.create', { name: 'Mairie de Bron', nextAction: 'Relancer', nextActionAt: T0 });
  const twoContact = await r().call('clients.create', { kind: 'person', name: 'Paul Durand', companyId: two.id });
  await r().call('clients.create', { name: 'Lead sans événement' });
  const e1 = await r().call('bookings.create', {
    boothId: booth,
    clientName: 'Mariage Lilas',
    clientId: one.id,
    startsAt: T0 + 5 * H,
    endsAt: T0 + 9 * H,
  });
  const e2 = await r().call('bookings.create', { clientName: 'Fête Bron', clientId: two.id, startsAt: T0 + 3 * H, endsAt: T0 + 6 * H });
  await r().call('registrations.create', { eventId: e2.id, name: 'Invité Bron', email: 'invite@bron.test' });
  return { one, oneContact, two, twoContact, e1, e2 };
}

describe('assigning installers to events', () => {
  it('an admin assigns and removes; each write is audited, announced on data.changed and queued for the hub', async () => {
    const { e1 } = await twoEvents();
    const ines = profile('Ines', 'installer');
    const alex = profile('Alex', 'installer');
    profile('Vera', 'viewer');
    const before = await r().call('staffing.forEvent', { eventId: e1.id });
    // Candidates: active installers and admins, by name (the viewer is not one).
    expect(before.staff).toEqual([]);
    expect(before.candidates.map((c) => c.displayName)).toEqual(['Alex', 'Ines']);

    pushed.length = 0;
    const after = await r().call('staffing.assign', { eventId: e1.id, userId: ines.id, siteRole: 'lead' });
    expect(after.staff.map((s) => [s.displayName, s.siteRole])).toEqual([['Ines', 'lead']]);
    expect(after.candidates.map((c) => c.displayName)).toEqual(['Alex']);
    await r().call('staffing.assign', { eventId: e1.id, userId: alex.id });
    expect((await r().call('staffing.forEvent', { eventId: e1.id })).staff.map((s) => [s.displayName, s.siteRole])).toEqual([
      ['Ines', 'lead'],
      ['Alex', 'crew'],
    ]);
    const changed = pushed.filter((e) => e.event === 'data.changed').map((e) => (e.payload as { tables: string[] }).tables);
    expect(changed).toEqual([['event_staff'], ['event_staff']]);

    const removed = await r().call('staffing.remove', { eventId: e1.id, userId: alex.id });
    expect(removed.staff.map((s) => s.displayName)).toEqual(['Ines']);
    const audit = core.ctx.db
      .prepare("SELECT action, outcome FROM audit_log WHERE action LIKE 'staffing.%' ORDER BY at, rowid")
      .all() as Array<{ action: string; outcome: string }>;
    expect(audit).toEqual([
      { action: 'staffing.assign', outcome: 'ok' },
      { action: 'staffing.assign', outcome: 'ok' },
      { action: 'staffing.remove', outcome: 'ok' },
    ]);
    // The rows go to the hub (a removal is a tombstone, never a hard delete).
    const rows = core.ctx.db
      .prepare('SELECT user_id, deleted_at FROM event_staff WHERE event_id = ? ORDER BY user_id')
      .all(e1.id) as Array<{
      user_id: string;
      deleted_at: number | null;
    }>;
    expect(rows).toEqual(
      [
        { user_id: ines.id, deleted_at: null },
        { user_id: alex.id, deleted_at: T0 },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    const queued = core.ctx.db
      .prepare("SELECT count(DISTINCT row_id) FROM outbox WHERE table_name = 'event_staff'")
      .pluck()
      .get() as number;
    expect(queued).toBe(2);

    // Assigned again: the same row comes back (one row per event and person, on the hub too).
    const alexRow = () => core.ctx.db.prepare('SELECT id, deleted_at FROM event_staff WHERE user_id = ?').all(alex.id);
    const id = (alexRow() as Array<{ id: string }>)[0]!.id;
    await r().call('staffing.assign', { eventId: e1.id, userId: alex.id });
    expect(alexRow()).toEqual([{ id, deleted_at: null }]);
  });

  it('refuses in words: a viewer profile, an unknown one, someone not on the event; installers and viewers cannot assign (refused, audited)', async () => {
    const { e1 } = await twoEvents();
    const vera = profile('Vera', 'viewer');
    const ines = profile('Ines', 'installer');
    await expect(r().call('staffing.assign', { eventId: e1.id, userId: vera.id })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Only installers and admins work on site',
      details: { field: 'userId' },
    });
    await expect(r().call('staffing.assign', { eventId: e1.id, userId: 'nobody' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'Profile not found',
    });
    await expect(r().call('staffing.assign', { eventId: 'no-event', userId: ines.id })).rejects.toMatchObject({
      code: 'not_found',
      message: 'Event not found',
    });
    await expect(r().call('staffing.remove', { eventId: e1.id, userId: ines.id })).rejects.toMatchObject({
      code: 'not_found',
      message: 'This person is not on the event',
    });
    for (const who of [ines, vera]) {
      as(who);
      await expect(r().call('staffing.assign', { eventId: e1.id, userId: ines.id })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(r().call('staffing.remove', { eventId: e1.id, userId: ines.id })).rejects.toMatchObject({ code: 'forbidden' });
    }
    as(null);
    expect(core.ctx.db.prepare('SELECT count(*) FROM event_staff').pluck().get()).toBe(0);
    const refused = core.ctx.db
      .prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'staffing.%' AND outcome = 'refused'")
      .pluck()
      .get();
    expect(refused).toBe(4);
  });
});

describe("an installer's device shows the clients of their events only", () => {
  it('client list, client page, due follow-ups, Today, registrations and the export follow the assignment; taken off, nothing is left', async () => {
    const { one, oneContact, two, twoContact, e1, e2 } = await twoEvents();
    const ines = profile('Ines', 'installer');
    const vera = profile('Vera', 'viewer');
    await r().call('staffing.assign', { eventId: e1.id, userId: ines.id });

    as(ines);
    expect((await r().call('clients.list', {})).map((c) => c.name).sort()).toEqual(['Claire Martin', 'Domaine des Lilas']);
    expect((await r().call('clients.list', { search: 'bron' })).map((c) => c.name)).toEqual([]);
    const page = await r().call('clients.get', { id: one.id });
    expect(page.contacts.map((c) => c.name)).toEqual(['Claire Martin']);
    expect((await r().call('clients.get', { id: oneContact.id })).client.name).toBe('Claire Martin');
    for (const id of [two.id, twoContact.id])
      await expect(r().call('clients.get', { id })).rejects.toMatchObject({ code: 'not_found', message: 'Client not found' });
    expect((await r().call('pipeline.due', { until: T0 + H })).map((c) => c.name)).toEqual(['Domaine des Lilas']);
    expect((await r().call('registrations.list', { eventId: e2.id })).registrations).toEqual([]);
    await expect(r().call('csv.export', { kind: 'clients', format: 'fr' })).rejects.toMatchObject({ code: 'forbidden' });
    // Nor can they point their event at another client to read it (they may edit their events).
    await expect(r().call('bookings.update', { id: e1.id, patch: { clientId: two.id } })).rejects.toMatchObject({
      code: 'not_found',
      details: { field: 'clientId' },
    });
    expect((await r().call('bookings.get', { id: e1.id })).clientId).toBe(one.id);

    // Today: my event first (though it starts later) with its client and crew; the other without its client.
    let today = await r().call('today.get', {});
    expect(today.entries.map((e) => [e.event.id, e.mine, e.client?.name ?? null, e.crew])).toEqual([
      [e1.id, true, 'Domaine des Lilas', ['Ines']],
      [e2.id, false, null, []],
    ]);
    expect(today.entries[0]!.client!.contacts.map((c) => c.name)).toEqual(['Claire Martin']);
    // The crew of an event they do not work is not theirs to read.
    expect((await r().call('staffing.forEvent', { eventId: e2.id })).staff).toEqual([]);
    expect((await r().call('staffing.forEvent', { eventId: e1.id })).candidates).toEqual([]);

    // The office reads everything.
    as(vera);
    expect(await r().call('clients.list', {})).toHaveLength(5);
    expect((await r().call('registrations.list', { eventId: e2.id })).registrations.map((x) => x.name)).toEqual(['Invité Bron']);
    today = await r().call('today.get', {});
    expect(today.entries.map((e) => [e.event.id, e.client?.name ?? null, e.crew])).toEqual([
      [e2.id, 'Mairie de Bron', []],
      [e1.id, 'Domaine des Lilas', ['Ines']],
    ]);

    // Taken off event one (the tombstone also reaches the hub): the installer's device shows no client.
    as(null);
    await r().call('staffing.remove', { eventId: e1.id, userId: ines.id });
    as(ines);
    expect(await r().call('clients.list', {})).toEqual([]);
    await expect(r().call('clients.get', { id: one.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await r().call('pipeline.due', { until: T0 + H })).toEqual([]);
    today = await r().call('today.get', {});
    expect(today.entries.map((e) => [e.mine, e.client])).toEqual([
      [false, null],
      [false, null],
    ]);

    // Moved to event two: that client instead, and its guests.
    as(null);
    await r().call('staffing.assign', { eventId: e2.id, userId: ines.id });
    as(ines);
    expect((await r().call('clients.list', {})).map((c) => c.name).sort()).toEqual(['Mairie de Bron', 'Paul Durand']);
    expect((await r().call('registrations.list', { eventId: e2.id })).registrations.map((x) => x.name)).toEqual(['Invité Bron']);
  });

  it('an assignment pulled from the hub counts like a local one, and a pulled tombstone takes it away', async () => {
    const { one, e1 } = await twoEvents();
    const ines = profile('Ines', 'installer');
    const db = core.ctx.db;
    const apply = (sql: string, ...args: unknown[]) =>
      db.transaction(() => {
        db.prepare('UPDATE sync_flags SET applying = 1').run();
        db.prepare(sql).run(...args);
        db.prepare('UPDATE sync_flags SET applying = 0').run();
      })();
    apply(
      `INSERT INTO event_staff (id, event_id, user_id, site_role, created_at, updated_at, origin_device) VALUES ('es-hub', ?, ?, 'crew', ?, ?, 'office')`,
      e1.id,
      ines.id,
      T0,
      T0,
    );
    expect(db.prepare("SELECT count(*) FROM outbox WHERE table_name = 'event_staff'").pluck().get()).toBe(0);
    as(ines);
    expect((await r().call('clients.get', { id: one.id })).client.name).toBe('Domaine des Lilas');
    apply(`UPDATE event_staff SET deleted_at = ?, updated_at = ? WHERE id = 'es-hub'`, T0 + 1, T0 + 1);
    await expect(r().call('clients.get', { id: one.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
