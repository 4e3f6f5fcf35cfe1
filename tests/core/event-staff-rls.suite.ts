import { describe, test, expect } from 'vitest';
import { DEMO_BOOTH_IDS, DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import {
  WHO,
  T,
  type Who,
  boothRow,
  deviceIds,
  eventRow,
  hardDeletesRefused,
  insertMatrix,
  readMatrix,
  rolesIn,
  syncMeta,
  updateMatrix,
  useRlsHub,
} from '../fixtures/hub-rls.js';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * Who works which event (issue 18, item 6) on the hub: `event_staff` per role, and the clients,
 * contacts and registrations an installer reads only through their own assignments (keyed by
 * auth.uid(): the account's e-mail is the profile's). Two installer accounts: `installer` (the demo
 * one, assigned to event one) and `installer2` (assigned to event two). Run on PGlite
 * (event-staff-rls.test.ts) and PostgreSQL 15 (event-staff-rls-pg.test.ts), both grant defaults.
 */
type W = Who | 'installer2';
const ROLES: W[] = [...WHO, 'installer2'];
const DEV = deviceIds('a1800000', 1, ROLES);
const B1: string = DEMO_BOOTH_IDS[0];
const INSTALLER2 = { email: 'installer2@opsdeck.test', password: 'installer-pass-1', role: 'installer' as const };
let n = 0;
const newId = () => `d1800000-0000-7000-8000-${String(++n).padStart(12, '0')}`;

const userRow = (id: string, email: string, role: string) => ({
  id,
  email,
  display_name: id,
  role,
  active: 1,
  ...syncMeta(DEV.admin),
});
const clientRow = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'company',
  name: id,
  company_id: null,
  email: null,
  phone: null,
  address: null,
  notes: null,
  tags: '[]',
  source: null,
  stage: 'booked',
  lost_reason: null,
  next_action: null,
  next_action_at: null,
  merged_into: null,
  ...syncMeta(DEV.admin),
  ...extra,
});
const staffRow = (id: string, eventId: string, userId: string, device = DEV.admin) => ({
  id,
  event_id: eventId,
  user_id: userId,
  site_role: 'crew',
  ...syncMeta(device),
});
const registrationRow = (id: string, eventId: string) => ({
  id,
  event_id: eventId,
  client_id: null,
  name: 'Invité',
  email: 'guest@example.test',
  seats: 1,
  status: 'pending',
  registered_at: T,
  ...syncMeta(DEV.admin),
});

const ids = async (c: SupabaseClient, table: string) => {
  const { data, error } = await c.from(table).select('id').order('id');
  expect(error).toBeNull();
  return (data as Array<{ id: string }>).map((r) => r.id);
};

export function eventStaffRls(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const rls = useRlsHub<W>(
      async () => {
        const hub = await open();
        // A second installer account (same password as the demo installer's), as an admin creates one.
        await hub.db.query(
          `insert into auth.users (email, encrypted_password, raw_app_meta_data)
             select $1, encrypted_password, raw_app_meta_data from auth.users where email = 'installer@opsdeck.test'`,
          [INSTALLER2.email],
        );
        return hub;
      },
      DEV,
      {
        account: (who) => (who === 'installer2' ? INSTALLER2 : who === 'anon' ? 'anon' : DEMO_HUB_USERS.find((u) => u.role === who)!),
        seed: async (put) => {
          await put('users', userRow('u-admin', 'admin@opsdeck.test', 'admin'));
          // Profiles match accounts on the e-mail, whatever its case.
          await put('users', userRow('u-inst', 'Installer@OpsDeck.test', 'installer'));
          await put('users', userRow('u-inst2', INSTALLER2.email, 'installer'));
          await put('users', userRow('u-viewer', 'viewer@opsdeck.test', 'viewer'));
          await put('users', userRow('u-nobody', 'nobody@opsdeck.test', 'installer'));
          await put('booths', boothRow(B1, 'B1', DEV.admin));
          await put('clients', clientRow('cl-one'));
          await put('clients', clientRow('cl-one-contact', { kind: 'person', company_id: 'cl-one' }));
          await put('clients', clientRow('cl-two'));
          await put('clients', clientRow('cl-two-contact', { kind: 'person', company_id: 'cl-two' }));
          await put('clients', clientRow('cl-lead', { stage: 'lead' }));
          await put('events', eventRow('e-one', DEV.admin, { booth_id: B1, client_name: 'One', client_id: 'cl-one' }));
          await put('events', eventRow('e-two', DEV.admin, { booth_id: B1, client_name: 'Two', client_id: 'cl-two' }));
          for (const w of ROLES) await put('events', eventRow(`e-pool-${w}`, DEV.admin, { client_id: null }));
          await put('event_staff', staffRow('es-one', 'e-one', 'u-inst'));
          await put('event_staff', staffRow('es-two', 'e-two', 'u-inst2'));
          await put('registrations', registrationRow('r-one', 'e-one'));
          await put('registrations', registrationRow('r-two', 'e-two'));
        },
      },
    );

    describe('privileges', () => {
      test('event_staff: anon none, authenticated exactly select/insert/update, service_role all, RLS on', async () => {
        const privs = async (role: string) =>
          (
            await rls
              .hub()
              .db.query<{ p: string }>(
                `select privilege_type as p from information_schema.role_table_grants where table_schema = 'public' and table_name = 'event_staff' and grantee = $1 order by 1`,
                [role],
              )
          ).rows.map((r) => r.p);
        expect(await privs('anon')).toEqual([]);
        expect(await privs('authenticated')).toEqual(['INSERT', 'SELECT', 'UPDATE']);
        expect(await privs('service_role')).toEqual(expect.arrayContaining(['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']));
        const on = await rls
          .hub()
          .db.query<{ on: boolean }>(`select relrowsecurity as on from pg_class where oid = 'public.event_staff'::regclass`);
        expect(on.rows[0]!.on).toBe(true);
        const reg = await rls
          .hub()
          .db.query<{ columns: string[] }>(`select columns from public.opsdeck_synced_tables where name = 'event_staff'`);
        expect(reg.rows[0]!.columns).toEqual([
          'id',
          'event_id',
          'user_id',
          'site_role',
          'created_at',
          'updated_at',
          'deleted_at',
          'origin_device',
        ]);
      });
    });

    describe('reads', () => {
      const office = rolesIn('admin', 'viewer');
      const one = (w: W) => office(w as Who) || w === 'installer';
      const two = (w: W) => office(w as Who) || w === 'installer2';
      readMatrix(rls, ROLES, [
        { table: 'event_staff', id: 'es-one', allowed: one },
        { table: 'event_staff', id: 'es-two', allowed: two },
        { table: 'clients', id: 'cl-one', allowed: one },
        { table: 'clients', id: 'cl-one-contact', allowed: one, label: "event one's client's contact" },
        { table: 'clients', id: 'cl-two', allowed: two },
        { table: 'clients', id: 'cl-two-contact', allowed: two, label: "event two's client's contact" },
        { table: 'clients', id: 'cl-lead', allowed: (w) => office(w as Who) },
        { table: 'registrations', id: 'r-one', allowed: one },
        { table: 'registrations', id: 'r-two', allowed: two },
      ]);
    });

    describe('writes', () => {
      insertMatrix(rls, ROLES, [
        {
          label: 'an assignment',
          table: 'event_staff',
          row: (w) => staffRow(newId(), `e-pool-${w}`, 'u-nobody', DEV[w]),
          allowed: (w) => w === 'admin',
        },
      ]);
      updateMatrix(rls, ROLES, [
        { table: 'event_staff', id: 'es-two', col: 'site_role', value: () => 'lead', start: 'crew', allowed: (w) => w === 'admin' },
      ]);
      hardDeletesRefused(rls, ROLES, ['event_staff']);
    });

    describe('an installer through their assignments', () => {
      test('installer A assigned to event one reads its client and contacts and its registrations, nothing of event two', async () => {
        const a = rls.as('installer');
        expect(await ids(a, 'clients')).toEqual(['cl-one', 'cl-one-contact']);
        expect(await ids(a, 'registrations')).toEqual(['r-one']);
        expect(await ids(a, 'event_staff')).toEqual(['es-one']);
        // The schedule stays visible to every installer (booths, calendar): events are not client records.
        expect((await ids(a, 'events')).filter((id) => id === 'e-one' || id === 'e-two')).toEqual(['e-one', 'e-two']);
      });

      test('the viewer reads every client, registration and assignment', async () => {
        const v = rls.as('viewer');
        expect(await ids(v, 'clients')).toEqual(['cl-lead', 'cl-one', 'cl-one-contact', 'cl-two', 'cl-two-contact']);
        expect(await ids(v, 'registrations')).toEqual(['r-one', 'r-two']);
        expect(await ids(v, 'event_staff')).toEqual(expect.arrayContaining(['es-one', 'es-two']));
      });

      test('an installer cannot assign themselves to event two, nor revive or move their own assignment', async () => {
        const a = rls.as('installer');
        const ins = await a.from('event_staff').insert(staffRow(newId(), 'e-two', 'u-inst', DEV.installer));
        expect(ins.error?.code).toBe('42501');
        await a.from('event_staff').update({ event_id: 'e-two' }).eq('id', 'es-one');
        expect(await rls.column('event_staff', 'es-one', 'event_id')).toBe('e-one');
        expect(await ids(a, 'clients')).toEqual(['cl-one', 'cl-one-contact']);
      });

      test('taken off event one by an admin, installer A reads no client and no registration, and still reads the tombstone (it reaches the device)', async () => {
        const { error } = await rls
          .as('admin')
          .from('event_staff')
          .update({ deleted_at: T + 10, updated_at: T + 10 })
          .eq('id', 'es-one');
        expect(error).toBeNull();
        const a = rls.as('installer');
        expect(await ids(a, 'clients')).toEqual([]);
        expect(await ids(a, 'registrations')).toEqual([]);
        const { data } = await a.from('event_staff').select('id, deleted_at');
        expect(data).toEqual([{ id: 'es-one', deleted_at: T + 10 }]);
        // Installer B is untouched.
        expect(await ids(rls.as('installer2'), 'clients')).toEqual(['cl-two', 'cl-two-contact']);
      });

      test("assigned again: event one's client rows get a new change number, so the device's next pull brings them", async () => {
        const a = rls.as('installer');
        const seq = async (id: string) => Number(await rls.column('clients', id, 'sync_seq'));
        const before = { one: await seq('cl-one'), contact: await seq('cl-one-contact'), two: await seq('cl-two') };
        const txid = Number(await rls.column('clients', 'cl-one', 'sync_txid'));
        // As the office device does: a push (the hub's conflict log is armed while it applies rows).
        const base = Number(await rls.column('event_staff', 'es-one', 'sync_seq'));
        const push = await rls.as('admin').rpc('opsdeck_push', {
          p_device: DEV.admin,
          p_mutations: [{ m: 1, t: 'event_staff', b: base, r: { ...staffRow('es-one', 'e-one', 'u-inst'), updated_at: T + 20 } }],
        });
        expect(push.error).toBeNull();
        expect(push.data).toMatchObject({ applied: 1, conflicts: 0, rejected: [] });
        expect(await seq('cl-one')).toBeGreaterThan(before.one);
        expect(await seq('cl-one-contact')).toBeGreaterThan(before.contact);
        expect(await seq('cl-two')).toBe(before.two);
        expect(await ids(a, 'clients')).toEqual(['cl-one', 'cl-one-contact']);
        expect(await ids(a, 'registrations')).toEqual(['r-one']);
        // A device whose clients cursor was past the rows' former change numbers pulls them again:
        // the pull reads rows after its cursor (sync_txid, sync_seq) in the hub's order.
        for (const id of ['cl-one', 'cl-one-contact']) {
          const t = Number(await rls.column('clients', id, 'sync_txid'));
          expect(t > txid || (t === txid && (await seq(id)) > before.contact)).toBe(true);
        }
        // Touching the client rows changed no content: no conflict was recorded for them.
        expect(await rls.count('conflicts')).toBe(0);
      });

      test('an admin gives event one another client: installer A reads that one instead', async () => {
        const { error } = await rls
          .as('admin')
          .from('events')
          .update({ client_id: 'cl-lead', updated_at: T + 30 })
          .eq('id', 'e-one');
        expect(error).toBeNull();
        expect(await ids(rls.as('installer'), 'clients')).toEqual(['cl-lead']);
      });

      test('a deactivated profile links the account to nothing', async () => {
        await rls.hub().db.query(`update public.users set active = 0 where id = 'u-inst'`);
        try {
          expect(await ids(rls.as('installer'), 'clients')).toEqual([]);
          expect(await ids(rls.as('installer'), 'event_staff')).toEqual([]);
        } finally {
          await rls.hub().db.query(`update public.users set active = 1 where id = 'u-inst'`);
        }
      });
    });
  });
}
