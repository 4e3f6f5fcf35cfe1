import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';

/**
 * Who works which event through the hub (issue 18, item 6), device to device: the office assigns
 * the installer's profile (same e-mail as the installer's hub account) to an event; the installer's
 * laptop pulls the assignment and the event's client — even a client created long before, that the
 * laptop's pull had gone past (the hub gives it a new change number) — and nothing of other events'
 * clients; taken off, the tombstone reaches the laptop and the client is no longer shown there.
 */
const user = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const H = 3_600_000;

let hub: HubDouble;
let office: SyncDevice;
let laptop: SyncDevice;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
  office = await makeSyncDevice(hub, user('admin').email, user('admin').password);
  laptop = await makeSyncDevice(hub, user('installer').email, user('installer').password);
}, 120_000);
afterAll(async () => {
  for (const d of [office, laptop]) d?.dispose();
  await hub?.close();
});

async function sync(...ds: SyncDevice[]) {
  for (const d of ds) {
    const s = await d.round();
    expect(s.ok, s.error?.message).toBe(true);
    // Each device's seeded local admin user is refused for the installer (users are admin-only); nothing else may be.
    expect(d.core.ctx.db.prepare("SELECT table_name, code, message FROM dead_letters WHERE table_name <> 'users'").all()).toEqual([]);
  }
}
const names = (d: SyncDevice, sql: string) => (d.core.ctx.db.prepare(sql).pluck().all() as string[]).sort();

describe('event staff through the hub', () => {
  const ids = { inst: '', c1: '', c2: '', c3: '', e1: '', e2: '' };

  test('before any assignment the laptop holds the events and the profiles, and no client', async () => {
    const r = office.core.router;
    const t0 = office.core.clock.now();
    ids.inst = (
      await r.call('users.create', {
        displayName: 'Inès Bernard',
        email: user('installer').email,
        role: 'installer',
        credential: 'password',
        secret: 'ines-password-1',
      })
    ).id;
    ids.c1 = (await r.call('clients.create', { name: 'Domaine des Lilas', phone: '04 78 00 00 01' })).id;
    await r.call('clients.create', { kind: 'person', name: 'Claire Fontaine', companyId: ids.c1 });
    ids.c2 = (await r.call('clients.create', { name: 'Mairie de Bron' })).id;
    await r.call('clients.create', { kind: 'person', name: 'Paul Durand', companyId: ids.c2 });
    ids.c3 = (await r.call('clients.create', { name: 'Agence Horizon' })).id;
    ids.e1 = (
      await r.call('bookings.create', { clientName: 'Mariage Lilas', clientId: ids.c1, startsAt: t0 + 2 * H, endsAt: t0 + 6 * H })
    ).id;
    ids.e2 = (
      await r.call('bookings.create', { clientName: 'Fête de Bron', clientId: ids.c2, startsAt: t0 + 3 * H, endsAt: t0 + 6 * H })
    ).id;
    await sync(office, laptop);
    expect(names(laptop, 'SELECT client_name FROM events')).toEqual(['Fête de Bron', 'Mariage Lilas']);
    expect(names(laptop, "SELECT display_name FROM users WHERE role = 'installer'")).toEqual(['Inès Bernard']);
    expect(names(laptop, 'SELECT name FROM clients')).toEqual([]);
  }, 60_000);

  test('assigned to event two, then to event one: the laptop pulls both clients (event one’s was created before its cursor)', async () => {
    await office.core.router.call('staffing.assign', { eventId: ids.e2, userId: ids.inst });
    await sync(office, laptop);
    expect(names(laptop, 'SELECT name FROM clients')).toEqual(['Mairie de Bron', 'Paul Durand']);
    await office.core.router.call('staffing.assign', { eventId: ids.e1, userId: ids.inst, siteRole: 'lead' });
    await sync(office, laptop);
    expect(names(laptop, 'SELECT name FROM clients')).toEqual(['Claire Fontaine', 'Domaine des Lilas', 'Mairie de Bron', 'Paul Durand']);
    // Signed in on the laptop, the installer reads both events' clients and sees both events as theirs.
    laptop.core.ctx.session.set(ids.inst);
    expect((await laptop.core.router.call('clients.list', {})).map((c) => c.name).sort()).toEqual([
      'Claire Fontaine',
      'Domaine des Lilas',
      'Mairie de Bron',
      'Paul Durand',
    ]);
    const crew = await laptop.core.router.call('staffing.forEvent', { eventId: ids.e1 });
    expect(crew.staff.map((s) => [s.displayName, s.siteRole])).toEqual([['Inès Bernard', 'lead']]);
    // The laptop cannot assign anyone (refused by the core before the hub would).
    await expect(laptop.core.router.call('staffing.remove', { eventId: ids.e1, userId: ids.inst })).rejects.toMatchObject({
      code: 'forbidden',
    });
  }, 60_000);

  test('taken off event two at the office: the tombstone reaches the laptop, which no longer shows that client', async () => {
    await office.core.router.call('staffing.remove', { eventId: ids.e2, userId: ids.inst });
    await sync(office, laptop);
    expect(laptop.core.ctx.db.prepare('SELECT deleted_at IS NOT NULL FROM event_staff WHERE event_id = ?').pluck().get(ids.e2)).toBe(1);
    expect((await laptop.core.router.call('clients.list', {})).map((c) => c.name).sort()).toEqual(['Claire Fontaine', 'Domaine des Lilas']);
    await expect(laptop.core.router.call('clients.get', { id: ids.c2 })).rejects.toMatchObject({ code: 'not_found' });
    const today = await laptop.core.router.call('today.get', {});
    expect(today.entries.map((e) => [e.event.clientName, e.mine, e.client?.name ?? null])).toEqual([
      ['Mariage Lilas', true, 'Domaine des Lilas'],
      ['Fête de Bron', false, null],
    ]);
  }, 60_000);

  test('the office gives event one another client, long on file: the laptop pulls it and shows it instead', async () => {
    await office.core.router.call('bookings.update', { id: ids.e1, patch: { clientId: ids.c3 } });
    await sync(office, laptop);
    expect(names(laptop, 'SELECT name FROM clients')).toContain('Agence Horizon');
    expect((await laptop.core.router.call('clients.list', {})).map((c) => c.name)).toEqual(['Agence Horizon']);
  }, 60_000);
});
