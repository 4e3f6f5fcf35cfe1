import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * RLS of the checklist tables (issue 16), every role × operation under the role's JWT through the
 * hub double, on whichever engine the caller opens (checklists-rls.test.ts: PGlite;
 * checklists-rls-pg.test.ts: PostgreSQL 15, old and new grant defaults).
 * Templates: staff read, admins write. Items: staff read, admins and installers insert and tick.
 */
type Who = 'admin' | 'installer' | 'viewer' | 'booth' | 'anon';
const WHO: Who[] = ['admin', 'installer', 'viewer', 'booth', 'anon'];
const DEV: Record<Who, string> = {
  admin: 'a0000000-0000-7000-8000-000000000011',
  installer: 'a0000000-0000-7000-8000-000000000012',
  viewer: 'a0000000-0000-7000-8000-000000000013',
  booth: 'a0000000-0000-7000-8000-000000000014',
  anon: 'a0000000-0000-7000-8000-000000000015',
};
const T = 1_795_000_000_000;
let seq = 0;
const newId = () => `c0000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
const base = (device: string) => ({ created_at: T, updated_at: T, deleted_at: null, origin_device: device });
const template = (who: Who) => ({
  id: newId(),
  name: 'Journée',
  items: JSON.stringify([{ section: 'setup', label: 'Monter', required: true }]),
  is_default: 0,
  ...base(DEV[who]),
});
const item = (who: Who) => ({
  id: newId(),
  event_id: 'e-cl',
  template_id: 't-seed',
  section: 'setup',
  position: ++seq,
  label: 'Monter la borne',
  required: 1,
  done_at: null,
  done_by: null,
  done_by_name: null,
  note: null,
  photo: null,
  ...base(DEV[who]),
});
const yes =
  (...w: Who[]) =>
  (who: Who) =>
    w.includes(who);

export function checklistRls(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    let hub: HubDouble;
    const clients = new Map<Who, SupabaseClient>();
    const count = async (table: string) => (await hub.db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;

    beforeAll(async () => {
      hub = await open();
      for (const who of WHO) {
        const c = createClient(hub.url, hub.anonKey, {
          auth: { persistSession: false, autoRefreshToken: false },
          realtime: { transport: WebSocket as never },
        });
        if (who !== 'anon') {
          const u = DEMO_HUB_USERS.find((x) => x.role === who)!;
          expect((await c.auth.signInWithPassword({ email: u.email, password: u.password })).error).toBeNull();
          expect((await c.rpc('opsdeck_claim_device', { p_device: DEV[who] })).error).toBeNull();
        }
        clients.set(who, c);
      }
      const svc = createClient(hub.url, hub.serviceKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
      const put = async (table: string, row: Record<string, unknown>) => expect((await svc.from(table).insert(row)).error).toBeNull();
      await put('events', {
        id: 'e-cl',
        notion_page_id: null,
        booth_id: null,
        client_name: 'C',
        event_type: null,
        starts_at: T,
        ends_at: T + 1,
        album_name: null,
        status: 'active',
        snapshot: null,
        ...base(DEV.admin),
      });
      await put('checklist_templates', { ...template('admin'), id: 't-seed' });
      await put('checklist_items', { ...item('admin'), id: 'i-seed' });
    }, 120_000);
    afterAll(async () => {
      await hub?.close();
    });

    const inserts: Array<[string, (w: Who) => Record<string, unknown>, (w: Who) => boolean]> = [
      ['checklist_templates', template, yes('admin')],
      ['checklist_items', item, yes('admin', 'installer')],
    ];
    for (const [table, make, allowed] of inserts) {
      for (const who of WHO) {
        test(`${who} ${allowed(who) ? 'may' : 'may not'} insert into ${table}`, async () => {
          const before = await count(table);
          const { error, status } = await clients.get(who)!.from(table).insert(make(who));
          if (allowed(who)) {
            expect(error).toBeNull();
            expect(await count(table)).toBe(before + 1);
          } else {
            expect(error?.code).toBe('42501');
            expect(status).toBe(who === 'anon' ? 401 : 403);
            expect(await count(table)).toBe(before);
          }
        });
      }
    }

    for (const [table, id] of [
      ['checklist_templates', 't-seed'],
      ['checklist_items', 'i-seed'],
    ] as const) {
      for (const who of WHO) {
        const staff = yes('admin', 'installer', 'viewer')(who);
        test(`${who} ${staff ? 'sees' : 'does not see'} ${table}`, async () => {
          const { data, error } = await clients.get(who)!.from(table).select('id').eq('id', id);
          if (who === 'anon') expect(error?.code).toBe('42501');
          else {
            expect(error).toBeNull();
            expect(data!.length).toBe(staff ? 1 : 0);
          }
        });
        test(`${who} may not hard-delete from ${table}`, async () => {
          const before = await count(table);
          const { error } = await clients.get(who)!.from(table).delete().neq('id', '');
          expect(error?.code).toBe('42501');
          expect(await count(table)).toBe(before);
        });
      }
    }

    const updates: Array<[string, string, string, (w: Who) => string | number, (w: Who) => boolean]> = [
      ['checklist_templates', 't-seed', 'name', (w) => `renamed by ${w}`, yes('admin')],
      ['checklist_items', 'i-seed', 'note', (w) => `ticked by ${w}`, yes('admin', 'installer')],
    ];
    for (const [table, id, col, value, allowed] of updates) {
      for (const who of WHO) {
        test(`${who} ${allowed(who) ? 'may' : 'may not'} update ${table}.${col}`, async () => {
          const read = async () =>
            (await hub.db.query<{ v: unknown }>(`select ${col} as v from public.${table} where id = $1`, [id])).rows[0]!.v;
          const before = await read();
          await clients
            .get(who)!
            .from(table)
            .update({ [col]: value(who), updated_at: T + 1 + WHO.indexOf(who) })
            .eq('id', id);
          expect(await read()).toBe(allowed(who) ? value(who) : before);
        });
      }
    }

    test('the hub keeps the local CHECKs: a ticked item names who ticked it; one instance of a template slot per event', async () => {
      const svc = createClient(hub.url, hub.serviceKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
      const half = await svc.from('checklist_items').insert({ ...item('admin'), done_at: T });
      expect(half.error?.code).toBe('23514');
      const twin = await svc.from('checklist_items').insert({
        ...item('admin'),
        position: (await hub.db.query<{ p: number }>("select position as p from public.checklist_items where id = 'i-seed'")).rows[0]!.p,
      });
      expect(twin.error?.code).toBe('23505');
    });
  });
}
