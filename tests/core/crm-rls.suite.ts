import { describe, test, expect } from 'vitest';
import { DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import {
  WHO,
  T,
  type Who,
  boothRow,
  deviceIds,
  eventRow,
  hardDeletesRefused,
  insertMatrix,
  productRow,
  readMatrix,
  rolesIn,
  syncMeta,
  updateMatrix,
  useRlsHub,
} from '../fixtures/hub-rls.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * RLS of the office's paperwork (issue 18) per role, through the hub double's PostgREST subset
 * under each role's JWT, on whichever engine the caller opens (crm-rls.test.ts: PGlite;
 * crm-rls-pg.test.ts: PostgreSQL 15). Admins write; viewers read; installers read the clients of
 * the events they are assigned to (and their contacts) and those events' registrations (the
 * assignment cases are in event-staff-rls.suite.ts), never quotes, orders or the messages
 * drafted for clients; booth
 * devices read none of it; anon has no privilege at all.
 */
const DEV = deviceIds('a1000000', 1, WHO);
const B1: string = DEMO_BOOTH_IDS[0];
let n = 0;
const newId = () => `d0000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
const base = (who: Who) => syncMeta(DEV[who]);

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
    const rls = useRlsHub(open, DEV, {
      seed: async (put) => {
        await put('booths', boothRow(B1, 'B1', DEV.admin));
        await put('products', productRow('p-crm', 'CRM-1', DEV.admin, { price: 5 }));
        await put('clients', { ...rows.client('admin'), id: 'cl-booked', name: 'Booked' });
        await put('clients', {
          ...rows.client('admin'),
          id: 'cl-contact',
          kind: 'person',
          name: 'Contact of booked',
          company_id: 'cl-booked',
        });
        await put('clients', { ...rows.client('admin'), id: 'cl-lead', name: 'Lead only' });
        await put(
          'events',
          eventRow('e-crm', DEV.admin, { booth_id: B1, client_name: 'Booked', client_id: 'cl-booked', place: 'Lyon', capacity: 10 }),
        );
        // The demo installer works e-crm (event_staff, issue 18 item 6): it reads that event's client and contacts.
        await put('users', {
          id: 'u-installer',
          email: 'installer@opsdeck.test',
          display_name: 'Installer',
          role: 'installer',
          active: 1,
          ...base('admin'),
        });
        await put('event_staff', { id: 'es-crm', event_id: 'e-crm', user_id: 'u-installer', site_role: 'crew', ...base('admin') });
        await put('client_stage_changes', { ...rows.stage('admin'), id: 'st-seed' });
        await put('quotes', { ...rows.quote('admin'), id: 'q-seed' });
        await put('quote_lines', { ...rows.quote_line('admin'), id: 'ql-seed' });
        await put('customer_orders', { ...rows.order('admin'), id: 'o-seed' });
        await put('customer_order_lines', { ...rows.order_line('admin'), id: 'ol-seed' });
        await put('registrations', { ...rows.registration('admin'), id: 'r-seed' });
        await put('delivery_notes', { ...rows.delivery_note('admin'), id: 'dn-seed' });
        await put('client_messages', { ...rows.message('admin'), id: 'cm-seed' });
      },
    });

    describe('privileges', () => {
      test('anon has none, authenticated exactly select/insert/update (no update on the stage ledger), service_role all', async () => {
        for (const t of Object.values(TABLE)) {
          const privs = async (role: string) =>
            (
              await rls
                .hub()
                .db.query<{ p: string }>(
                  `select privilege_type as p from information_schema.role_table_grants where table_schema = 'public' and table_name = $1 and grantee = $2 order by 1`,
                  [t, role],
                )
            ).rows.map((r) => r.p);
          expect(await privs('anon'), t).toEqual([]);
          expect(await privs('authenticated'), t).toEqual(
            t === 'client_stage_changes' ? ['INSERT', 'SELECT'] : ['INSERT', 'SELECT', 'UPDATE'],
          );
          expect(await privs('service_role'), t).toEqual(expect.arrayContaining(['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']));
          const on = await rls
            .hub()
            .db.query<{ on: boolean }>(`select relrowsecurity as on from pg_class where oid = ('public.' || $1)::regclass`, [t]);
          expect(on.rows[0]!.on, t).toBe(true);
        }
      });
    });

    describe('reads', () => {
      const staff = rolesIn('admin', 'viewer', 'installer');
      const office = rolesIn('admin', 'viewer');
      readMatrix(rls, WHO, [
        { table: 'clients', id: 'cl-booked', allowed: staff },
        { table: 'clients', id: 'cl-contact', allowed: staff },
        { table: 'clients', id: 'cl-lead', allowed: office },
        { table: 'client_stage_changes', id: 'st-seed', allowed: office },
        { table: 'quotes', id: 'q-seed', allowed: office },
        { table: 'quote_lines', id: 'ql-seed', allowed: office },
        { table: 'customer_orders', id: 'o-seed', allowed: office },
        { table: 'customer_order_lines', id: 'ol-seed', allowed: office },
        { table: 'registrations', id: 'r-seed', allowed: staff },
        { table: 'delivery_notes', id: 'dn-seed', allowed: staff },
        { table: 'client_messages', id: 'cm-seed', allowed: office },
      ]);
    });

    describe('inserts', () => {
      const cases: Array<[keyof typeof rows, (w: Who) => boolean]> = [
        ['client', rolesIn('admin')],
        ['stage', rolesIn('admin')],
        ['quote', rolesIn('admin')],
        ['quote_line', rolesIn('admin')],
        ['order', rolesIn('admin')],
        ['order_line', rolesIn('admin')],
        ['registration', rolesIn('admin')],
        ['delivery_note', rolesIn('admin', 'installer')],
        ['message', rolesIn('admin')],
      ];
      insertMatrix(
        rls,
        WHO,
        cases.map(([kind, allowed]) => ({ label: TABLE[kind], table: TABLE[kind], row: rows[kind], allowed })),
      );
    });

    describe('updates and deletes', () => {
      const by = (w: Who) => `x-${w}`;
      updateMatrix(rls, WHO, [
        { table: 'clients', id: 'cl-booked', col: 'notes', value: by, start: null, allowed: rolesIn('admin') },
        { table: 'quotes', id: 'q-seed', col: 'notes', value: by, start: null, allowed: rolesIn('admin') },
        { table: 'customer_orders', id: 'o-seed', col: 'notes', value: by, start: null, allowed: rolesIn('admin') },
        { table: 'registrations', id: 'r-seed', col: 'status', value: () => 'confirmed', start: 'pending', allowed: rolesIn('admin') },
        { table: 'delivery_notes', id: 'dn-seed', col: 'supplier', value: by, start: null, allowed: rolesIn('admin', 'installer') },
        { table: 'client_stage_changes', id: 'st-seed', col: 'reason', value: by, allowed: rolesIn() },
        { table: 'client_messages', id: 'cm-seed', col: 'source_message_id', value: by, start: null, allowed: rolesIn('admin') },
      ]);
      hardDeletesRefused(rls, WHO, Object.values(TABLE));
    });
  });
}
