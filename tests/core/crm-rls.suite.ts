import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * RLS of the office's paperwork (issue 18) per role, through the hub double's PostgREST subset
 * under each role's JWT, on whichever engine the caller opens (crm-rls.test.ts: PGlite;
 * crm-rls-pg.test.ts: PostgreSQL 15). Admins write; viewers read; installers read the clients an
 * event points at (and their contacts) and the registrations, never quotes, orders or the messages
 * drafted for clients; booth
 * devices read none of it; anon has no privilege at all.
 */
type Who = 'admin' | 'installer' | 'viewer' | 'booth' | 'anon';
const WHO: Who[] = ['admin', 'installer', 'viewer', 'booth', 'anon'];
const DEV: Record<Who, string> = {
  admin: 'a1000000-0000-7000-8000-000000000001',
  installer: 'a1000000-0000-7000-8000-000000000002',
  viewer: 'a1000000-0000-7000-8000-000000000003',
  booth: 'a1000000-0000-7000-8000-000000000004',
  anon: 'a1000000-0000-7000-8000-000000000005',
};
const T = 1_795_000_000_000;
const B1: string = DEMO_BOOTH_IDS[0];
let n = 0;
const newId = () => `d0000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
const base = (who: Who) => ({ created_at: T, updated_at: T, deleted_at: null, origin_device: DEV[who] });
const yes =
  (...w: Who[]) =>
  (who: Who) =>
    w.includes(who);

const rows = {
  client: (who: Who) => ({
    id: newId(),
    kind: 'company',
    name: 'Client',
    company_id: null,
    email: null,
    phone: null,
    address: null,
    notes: null,
    tags: '[]',
    source: null,
    stage: 'lead',
    lost_reason: null,
    next_action: null,
    next_action_at: null,
    merged_into: null,
    ...base(who),
  }),
  stage: (who: Who) => ({
    id: newId(),
    client_id: 'cl-booked',
    from_stage: null,
    to_stage: 'lead',
    reason: null,
    at: T,
    user_id: null,
    ...base(who),
  }),
  quote: (who: Who) => {
    const seq = ++n;
    return {
      id: newId(),
      number: `DEV-2026-${String(seq).padStart(4, '0')}`,
      year: 2026,
      seq,
      client_id: 'cl-booked',
      status: 'draft',
      lang: 'fr',
      issued_at: T,
      valid_until: T + 1,
      event_type: null,
      event_starts_at: null,
      event_ends_at: null,
      place: null,
      booth_id: null,
      notes: null,
      vat_rounding: 'per_rate',
      total_ht: '10.00',
      total_tva: '2.00',
      total_ttc: '12.00',
      event_id: null,
      decided_at: null,
      ...base(who),
    };
  },
  quote_line: (who: Who) => ({
    id: newId(),
    quote_id: 'q-seed',
    position: 0,
    service_id: null,
    product_id: null,
    label: 'Forfait',
    quantity: '1',
    unit_price: '10',
    discount_pct: '0',
    vat_rate: '20',
    line_ht: '10.00',
    ...base(who),
  }),
  order: (who: Who) => {
    const seq = ++n;
    return {
      id: newId(),
      number: `CMD-2026-${String(seq).padStart(4, '0')}`,
      year: 2026,
      seq,
      client_id: 'cl-booked',
      status: 'pending',
      location_id: null,
      ordered_at: T,
      fulfilled_at: null,
      notes: null,
      total_ht: '5.00',
      total_tva: '1.00',
      total_ttc: '6.00',
      ...base(who),
    };
  },
  order_line: (who: Who) => ({
    id: newId(),
    order_id: 'o-seed',
    position: 0,
    product_id: 'p-crm',
    quantity: 1,
    unit_price: '5',
    vat_rate: '20',
    line_ht: '5.00',
    ...base(who),
  }),
  registration: (who: Who) => ({
    id: newId(),
    event_id: 'e-crm',
    client_id: null,
    name: 'Invité',
    email: null,
    seats: 1,
    status: 'pending',
    registered_at: T,
    ...base(who),
  }),
  message: (who: Who) => ({
    id: newId(),
    client_id: 'cl-booked',
    event_id: null,
    kind: 'client_followup',
    text: 'Bonjour, merci !',
    drafted_at: T,
    user_id: null,
    source_message_id: null,
    ...base(who),
  }),
  delivery_note: (who: Who) => ({
    id: newId(),
    file_name: 'bl.png',
    file_sha256: 'a'.repeat(64),
    mime: 'image/png',
    supplier: null,
    location_id: null,
    status: 'review',
    pages: 1,
    ocr_text: null,
    booked_lines: null,
    booked_at: null,
    ...base(who),
  }),
};
const TABLE: Record<keyof typeof rows, string> = {
  client: 'clients',
  stage: 'client_stage_changes',
  quote: 'quotes',
  quote_line: 'quote_lines',
  order: 'customer_orders',
  order_line: 'customer_order_lines',
  registration: 'registrations',
  delivery_note: 'delivery_notes',
  message: 'client_messages',
};

export function crmRls(label: string, open: () => Promise<HubDouble>): void {
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
      const put = async (table: string, row: Record<string, unknown>) => {
        const r = await svc.from(table).insert(row);
        expect(r.error, `${table}: ${r.error?.message}`).toBeNull();
      };
      await put('booths', {
        id: B1,
        name: 'B1',
        hostname: null,
        mac: null,
        pc_address: null,
        tailscale_address: null,
        router_address: null,
        router_wol_port: 9,
        pc_probe_port: 445,
        router_probe_port: 80,
        wol_port: 9,
        wol_routes: '["local"]',
        wake_before_event_min: null,
        roll_capacity: 700,
        warning_threshold: 350,
        critical_threshold: 275,
        prints_per_copy: 1,
        initial_prints: 700,
        ...base('admin'),
      });
      await put('products', {
        id: 'p-crm',
        sku: 'CRM-1',
        name: 'P',
        description: '',
        category: '',
        unit: 'pce',
        price: 5,
        cost: 1,
        supplier: '',
        lead_time_days: 7,
        moq: 1,
        pack_size: 1,
        service_level: 0.95,
        reorder_point: null,
        eco_score: null,
        eco_details: '[]',
        active: 1,
        notion_page_id: null,
        ...base('admin'),
      });
      await put('clients', { ...rows.client('admin'), id: 'cl-booked', name: 'Booked' });
      await put('clients', {
        ...rows.client('admin'),
        id: 'cl-contact',
        kind: 'person',
        name: 'Contact of booked',
        company_id: 'cl-booked',
      });
      await put('clients', { ...rows.client('admin'), id: 'cl-lead', name: 'Lead only' });
      await put('events', {
        id: 'e-crm',
        notion_page_id: null,
        booth_id: B1,
        client_name: 'Booked',
        client_id: 'cl-booked',
        place: 'Lyon',
        capacity: 10,
        event_type: null,
        starts_at: T,
        ends_at: T + 1,
        album_name: null,
        status: 'active',
        snapshot: null,
        ...base('admin'),
      });
      await put('client_stage_changes', { ...rows.stage('admin'), id: 'st-seed' });
      await put('quotes', { ...rows.quote('admin'), id: 'q-seed' });
      await put('quote_lines', { ...rows.quote_line('admin'), id: 'ql-seed' });
      await put('customer_orders', { ...rows.order('admin'), id: 'o-seed' });
      await put('customer_order_lines', { ...rows.order_line('admin'), id: 'ol-seed' });
      await put('registrations', { ...rows.registration('admin'), id: 'r-seed' });
      await put('delivery_notes', { ...rows.delivery_note('admin'), id: 'dn-seed' });
      await put('client_messages', { ...rows.message('admin'), id: 'cm-seed' });
    }, 120_000);
    afterAll(async () => {
      await hub?.close();
    });

    describe('privileges', () => {
      test('anon has none, authenticated exactly select/insert/update (no update on the stage ledger), service_role all', async () => {
        for (const t of Object.values(TABLE)) {
          const privs = async (role: string) =>
            (
              await hub.db.query<{ p: string }>(
                `select privilege_type as p from information_schema.role_table_grants where table_schema = 'public' and table_name = $1 and grantee = $2 order by 1`,
                [t, role],
              )
            ).rows.map((r) => r.p);
          expect(await privs('anon'), t).toEqual([]);
          expect(await privs('authenticated'), t).toEqual(
            t === 'client_stage_changes' ? ['INSERT', 'SELECT'] : ['INSERT', 'SELECT', 'UPDATE'],
          );
          expect(await privs('service_role'), t).toEqual(expect.arrayContaining(['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']));
          const rls = await hub.db.query<{ on: boolean }>(
            `select relrowsecurity as on from pg_class where oid = ('public.' || $1)::regclass`,
            [t],
          );
          expect(rls.rows[0]!.on, t).toBe(true);
        }
      });
    });

    describe('reads', () => {
      const visible: Array<[string, string, (w: Who) => boolean]> = [
        ['clients', 'cl-booked', yes('admin', 'viewer', 'installer')],
        ['clients', 'cl-contact', yes('admin', 'viewer', 'installer')],
        ['clients', 'cl-lead', yes('admin', 'viewer')],
        ['client_stage_changes', 'st-seed', yes('admin', 'viewer')],
        ['quotes', 'q-seed', yes('admin', 'viewer')],
        ['quote_lines', 'ql-seed', yes('admin', 'viewer')],
        ['customer_orders', 'o-seed', yes('admin', 'viewer')],
        ['customer_order_lines', 'ol-seed', yes('admin', 'viewer')],
        ['registrations', 'r-seed', yes('admin', 'viewer', 'installer')],
        ['delivery_notes', 'dn-seed', yes('admin', 'viewer', 'installer')],
        ['client_messages', 'cm-seed', yes('admin', 'viewer')],
      ];
      for (const [table, id, allowed] of visible) {
        for (const who of WHO) {
          test(`${who} ${allowed(who) ? 'sees' : 'does not see'} ${table} ${id}`, async () => {
            const { data, error } = await clients.get(who)!.from(table).select('id').eq('id', id);
            if (who === 'anon') expect(error?.code).toBe('42501');
            else {
              expect(error).toBeNull();
              expect(data!.length).toBe(allowed(who) ? 1 : 0);
            }
          });
        }
      }
    });

    describe('inserts', () => {
      const cases: Array<[keyof typeof rows, (w: Who) => boolean]> = [
        ['client', yes('admin')],
        ['stage', yes('admin')],
        ['quote', yes('admin')],
        ['quote_line', yes('admin')],
        ['order', yes('admin')],
        ['order_line', yes('admin')],
        ['registration', yes('admin')],
        ['delivery_note', yes('admin', 'installer')],
        ['message', yes('admin')],
      ];
      for (const [kind, allowed] of cases) {
        for (const who of WHO) {
          test(`${who} ${allowed(who) ? 'may' : 'may not'} insert ${TABLE[kind]}`, async () => {
            const before = await count(TABLE[kind]);
            const row: Record<string, unknown> = rows[kind](who);
            const { error } = await clients.get(who)!.from(TABLE[kind]).insert(row);
            if (allowed(who)) {
              expect(error).toBeNull();
              expect(await count(TABLE[kind])).toBe(before + 1);
            } else {
              expect(error?.code).toBe('42501');
              expect(await count(TABLE[kind])).toBe(before);
            }
          });
        }
      }
    });

    describe('updates and deletes', () => {
      const updates: Array<[string, string, string, unknown, (w: Who) => boolean]> = [
        ['clients', 'cl-booked', 'notes', 'x', yes('admin')],
        ['quotes', 'q-seed', 'notes', 'x', yes('admin')],
        ['customer_orders', 'o-seed', 'notes', 'x', yes('admin')],
        ['registrations', 'r-seed', 'status', 'confirmed', yes('admin')],
        ['delivery_notes', 'dn-seed', 'supplier', 'x', yes('admin', 'installer')],
        ['client_stage_changes', 'st-seed', 'reason', 'x', yes()],
        ['client_messages', 'cm-seed', 'source_message_id', 'x', yes('admin')],
      ];
      for (const [table, id, col, value, allowed] of updates) {
        for (const who of WHO) {
          test(`${who} ${allowed(who) ? 'may' : 'may not'} update ${table}`, async () => {
            await hub.db.query(`update public.${table} set ${col} = null where id = $1`, [id]).catch(() => undefined);
            if (table === 'registrations') await hub.db.query(`update public.registrations set status = 'pending' where id = $1`, [id]);
            const v = `${String(value)}`;
            await clients
              .get(who)!
              .from(table)
              .update({ [col]: v === 'x' ? `${v}-${who}` : v })
              .eq('id', id);
            const after = (await hub.db.query<{ v: string | null }>(`select ${col} as v from public.${table} where id = $1`, [id])).rows[0]!
              .v;
            expect(after).toBe(allowed(who) ? (v === 'x' ? `${v}-${who}` : v) : table === 'registrations' ? 'pending' : null);
          });
        }
      }
      for (const table of Object.values(TABLE)) {
        test(`nobody hard-deletes from ${table} (soft deletes only)`, async () => {
          for (const who of WHO) {
            const before = await count(table);
            const { error } = await clients.get(who)!.from(table).delete().neq('id', '');
            expect(error?.code, who).toBe('42501');
            expect(await count(table)).toBe(before);
          }
        });
      }
    });
  });
}
