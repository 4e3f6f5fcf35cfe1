import { describe, test, expect, beforeAll } from 'vitest';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import { DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import {
  WHO,
  T,
  type Who,
  boothRow,
  deviceIds,
  eventRow,
  hardDeletesRefused,
  idMaker,
  insertMatrix,
  productRow,
  readMatrix,
  rolesIn,
  serviceInsert,
  syncMeta,
  updateMatrix,
  useRlsHub,
} from '../fixtures/hub-rls.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * The RLS matrix: every role × table × operation under the role's JWT, through the hub double's
 * PostgREST subset, on whichever engine the caller opens (sync-rls.test.ts: PGlite;
 * sync-rls-pg.test.ts: the real PostgreSQL 15 server, under the old and the new grant defaults).
 */
const DEV = deviceIds('a0000000', 1, WHO);
const OTHER_DEVICE = 'a0000000-0000-7000-8000-0000000000ff';

const newId = idMaker('b0000000');
const base = syncMeta;
let key = 0;
const rowsFor = {
  devices: (who: Who, own: boolean) => ({
    id: own ? DEV[who] : newId(),
    name: 'Dev',
    mode: 'office',
    platform: 'linux',
    last_seen_at: T,
    ...base(DEV[who]),
  }),
  users: (who: Who) => ({ id: newId(), email: `${newId()}@x.test`, display_name: 'U', role: 'viewer', active: 1, ...base(DEV[who]) }),
  settings_global: (who: Who) => ({ id: newId(), scope: 'global', device_id: '', key: `k${++key}`, value: '1', ...base(DEV[who]) }),
  settings_own: (who: Who) => ({ id: newId(), scope: 'device', device_id: DEV[who], key: `k${++key}`, value: '1', ...base(DEV[who]) }),
  settings_other: (who: Who) => ({
    id: newId(),
    scope: 'device',
    device_id: OTHER_DEVICE,
    key: `k${++key}`,
    value: '1',
    ...base(DEV[who]),
  }),
  audit_own: (who: Who) => auditRow(DEV[who]),
  audit_other: () => auditRow(OTHER_DEVICE),
  conflicts: (who: Who) => ({ id: newId(), table_name: 'x', row_id: 'y', winner: '{}', loser: '{}', detected_at: T, ...base(DEV[who]) }),
};
function auditRow(device: string) {
  return { id: newId(), at: T, user_id: null, action: 'x', target: null, outcome: 'ok', details: '{}', ...base(device) };
}
const TABLE_OF: Record<keyof typeof rowsFor, string> = {
  devices: 'devices',
  users: 'users',
  settings_global: 'settings',
  settings_own: 'settings',
  settings_other: 'settings',
  audit_own: 'audit_log',
  audit_other: 'audit_log',
  conflicts: 'conflicts',
};

// ---------------------------------------------------------------------------------------------
// Business tables: catalog, stock, booths, events, booth ledgers, wake commands.
// The booth user is tied to B1; B2 sits behind the same router (a LAN peer: relay wakes); B3 is elsewhere.
// ---------------------------------------------------------------------------------------------
const B1: string = DEMO_BOOTH_IDS[0];
const B2: string = DEMO_BOOTH_IDS[1];
const B3: string = 'c0000000-0000-7000-8000-0000000000b3';
const biz = {
  product: (who: Who) => productRow(newId(), `S${newId()}`, DEV[who]),
  service: (who: Who) => ({
    id: newId(),
    title: 'S',
    description: '',
    duration_min: 60,
    benefits: '[]',
    price: 0,
    active: 1,
    notion_page_id: null,
    ...base(DEV[who]),
  }),
  warehouse: (who: Who) => ({ id: newId(), name: `W${newId()}`, kind: 'warehouse', booth_id: null, active: 1, ...base(DEV[who]) }),
  booth_location: (who: Who) => ({ id: newId(), name: `BL${newId()}`, kind: 'booth', booth_id: B3, active: 1, ...base(DEV[who]) }),
  booth: (who: Who) => boothRow(newId(), `Booth ${newId()}`, DEV[who]),
  event: (who: Who) => eventRow(newId(), DEV[who], { booth_id: B1 }),
  purchase_order: (who: Who) => ({
    id: newId(),
    product_id: 'p-seed',
    location_id: 'l-seed',
    quantity: 5,
    received_quantity: 0,
    expected_at: T,
    status: 'open',
    supplier: '',
    ...base(DEV[who]),
  }),
  movement: (who: Who) => ({
    id: newId(),
    product_id: 'p-seed',
    location_id: 'l-seed',
    to_location_id: null,
    type: 'in',
    quantity: 2,
    direction: 1,
    delta: 2,
    reason: '',
    occurred_at: T,
    source: 'manual',
    user_id: null,
    idempotency_key: null,
    ...base(DEV[who]),
  }),
  counter: (who: Who, booth = B1, origin = DEV[who]) => ({
    id: newId(),
    booth_id: booth,
    event_id: null,
    kind: 'print',
    count: 1,
    correction: 0,
    prints_delta: -1,
    occurred_at: T,
    trigger_type: 'printing',
    raw_trigger: null,
    user_id: null,
    ...base(origin),
  }),
  health: (who: Who, booth = B1) => ({
    id: newId(),
    booth_id: booth,
    sampled_at: T,
    cpu_pct: 1,
    mem_used_pct: 1,
    disk_free_bytes: 1,
    disk_free_pct: 1,
    temperature_c: 30,
    battery_pct: null,
    uptime_s: 1,
    latency_ms: 1,
    ...base(DEV[who]),
  }),
  speed: (who: Who, booth = B1) => ({
    id: newId(),
    booth_id: booth,
    tested_at: T,
    url: 'http://x',
    down_mbps: 1,
    up_mbps: 1,
    ping_ms: 1,
    error: null,
    ...base(DEV[who]),
  }),
  driver: (who: Who) => ({ id: newId(), product_id: `p-dd-${who}`, driver: 'event_prints', per_unit: 0.002, ...base(DEV[who]) }),
  wake: (who: Who, booth = B2, route = 'relay') => ({
    id: newId(),
    booth_id: booth,
    route,
    state: 'queued',
    reason: 'manual',
    requested_by: null,
    requested_at: T,
    sent_at: null,
    resolved_at: null,
    deadline_at: T + 1,
    claimed_by: null,
    targets: '[]',
    error: null,
    ...base(DEV[who]),
  }),
};

export function rlsMatrix(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const rls = useRlsHub(open, DEV, {
      // Rows owned by nobody here, written with the service role (bypasses RLS like Supabase's).
      seed: async (put, hub) => {
        await put('devices', { id: OTHER_DEVICE, name: 'Other', mode: 'booth', platform: null, last_seen_at: null, ...base(OTHER_DEVICE) });
        await put('users', { id: 'u-seed', email: 'seed@x.test', display_name: 'Seed', role: 'viewer', active: 1, ...base(OTHER_DEVICE) });
        await put('settings', { id: 's-seed', scope: 'global', device_id: '', key: 'seed', value: '1', ...base(OTHER_DEVICE) });
        await put('settings', { id: 's-other', scope: 'device', device_id: OTHER_DEVICE, key: 'seed', value: '1', ...base(OTHER_DEVICE) });
        await put('audit_log', { ...auditRow(OTHER_DEVICE), id: 'a-seed', action: 'seed' });
        await hub.db.query(
          `insert into public.conflicts (table_name, row_id, winner, loser, detected_at, created_at, updated_at) values ('x','y','{}','{}',1,1,1)`,
        );
      },
    });
    const staff = rolesIn('admin', 'installer', 'viewer');
    const everyone = rolesIn('admin', 'installer', 'viewer', 'booth');

    describe('inserts', () => {
      const cases: Array<[keyof typeof rowsFor, (w: Who) => boolean, boolean?]> = [
        ['devices', everyone, true],
        ['devices', rolesIn('admin')],
        ['users', rolesIn('admin')],
        ['settings_global', rolesIn('admin')],
        ['settings_own', everyone],
        ['settings_other', rolesIn('admin')],
        ['audit_own', everyone],
        ['audit_other', rolesIn('admin')],
        ['conflicts', rolesIn()],
      ];
      insertMatrix(
        rls,
        WHO,
        cases.map(([kind, allowed, own]) => ({
          label: `${kind}${own ? ' (own device)' : ''}`,
          table: TABLE_OF[kind],
          row: (who: Who) => (rowsFor[kind] as (w: Who, o: boolean) => Record<string, unknown>)(who, Boolean(own)),
          allowed,
        })),
      );
    });

    describe('reads', () => {
      readMatrix(rls, WHO, [
        { table: 'devices', id: 'Other', by: 'name', allowed: staff, label: 'devices:Other' },
        { table: 'users', id: 'u-seed', allowed: staff, label: 'users:u-seed' },
        { table: 'settings', id: 's-seed', allowed: everyone, label: 'settings:s-seed' },
        { table: 'settings', id: 's-other', allowed: staff, label: 'settings:s-other' },
        { table: 'audit_log', id: 'a-seed', allowed: staff, label: 'audit_log:a-seed' },
      ]);
      for (const who of WHO) {
        test(`${who} ${staff(who) ? 'reads' : 'cannot read'} the conflict log`, async () => {
          const { data, error } = await rls.as(who).from('conflicts').select('id');
          if (who === 'anon') expect(error?.code).toBe('42501');
          else expect(data!.length > 0).toBe(staff(who));
        });
      }
    });

    describe('updates and deletes', () => {
      const by = (w: Who) => `by ${w}`;
      updateMatrix(rls, WHO, [
        { table: 'devices', id: OTHER_DEVICE, col: 'name', value: by, allowed: rolesIn('admin'), label: `devices ${OTHER_DEVICE}` },
        { table: 'users', id: 'u-seed', col: 'display_name', value: by, allowed: rolesIn('admin'), label: 'users u-seed' },
        { table: 'settings', id: 's-seed', col: 'value', value: (w) => `"${w}"`, allowed: rolesIn('admin'), label: 'settings s-seed' },
        { table: 'settings', id: 's-other', col: 'value', value: (w) => `"${w}"`, allowed: rolesIn('admin'), label: 'settings s-other' },
        { table: 'audit_log', id: 'a-seed', col: 'action', value: by, allowed: rolesIn(), label: 'audit_log a-seed' },
      ]);
      hardDeletesRefused(rls, WHO, ['devices', 'users', 'settings', 'audit_log', 'conflicts']);
    });

    describe('sync RPCs', () => {
      test('anon cannot push or claim a device', async () => {
        const r = await rls.as('anon').rpc('opsdeck_push', { p_device: DEV.anon, p_mutations: [] });
        expect(r.error?.code).toBe('42501');
        expect(r.status).toBe(401);
      });
      test('a push cannot bypass RLS: a viewer pushing a global setting gets it refused, the counter still moves', async () => {
        const row = rowsFor.settings_global('viewer');
        const r = await rls
          .as('viewer')
          .rpc('opsdeck_push', { p_device: DEV.viewer, p_mutations: [{ m: 1, t: 'settings', r: row, b: null }] });
        expect(r.error).toBeNull();
        expect(r.data.rejected).toEqual([{ m: 1, code: '42501', message: expect.stringContaining('row-level security') }]);
        expect((await rls.hub().db.query('select 1 from public.settings where id = $1', [row.id])).rows).toHaveLength(0);
        const again = await rls
          .as('viewer')
          .rpc('opsdeck_push', { p_device: DEV.viewer, p_mutations: [{ m: 1, t: 'settings', r: row, b: null }] });
        expect(again.data).toMatchObject({ skipped: 1, applied: 0, rejected: [] });
      });
      test('a push naming an unsynced table is refused for that row only', async () => {
        const ok = rowsFor.audit_own('installer');
        const r = await rls.as('installer').rpc('opsdeck_push', {
          p_device: DEV.installer,
          p_mutations: [
            { m: 10, t: 'pg_authid', r: { id: 'x' }, b: null },
            { m: 11, t: 'audit_log', r: ok, b: null },
          ],
        });
        expect(r.error).toBeNull();
        expect(r.data).toMatchObject({ applied: 1, rejected: [{ m: 10, code: '42P01' }] });
      });
      test('the pull plan answers as the caller: anon is refused, a booth device is never pointed at tables it cannot read', async () => {
        const anon = await rls.as('anon').rpc('opsdeck_pull_plan', { p_cursors: {} });
        expect(anon.error?.code).toBe('42501');
        const plan = await rls.as('booth').rpc('opsdeck_pull_plan', { p_cursors: {} });
        expect(plan.error).toBeNull();
        for (const t of ['users', 'conflicts', 'products', 'stock_movements', 'booth_health', 'speed_tests'])
          expect(plan.data.tables).not.toContain(t);
        const staff = await rls.as('viewer').rpc('opsdeck_pull_plan', { p_cursors: { users: [Number.MAX_SAFE_INTEGER, 0] } });
        expect(staff.data.tables).toContain('audit_log');
        expect(staff.data.tables).not.toContain('users');
        expect(Number(staff.data.watermark)).toBeGreaterThan(0);
      });
      test("the hub's synced tables are the registry's: same names, same synced columns (no local-only ones), same order", async () => {
        const rows = (
          await rls
            .hub()
            .db.query<{ name: string; columns: string[] }>('select name, columns from public.opsdeck_synced_tables order by pull_order')
        ).rows;
        expect(rows.map((r) => r.name)).toEqual(SYNCED_TABLES.map((t) => t.name));
        for (const t of SYNCED_TABLES)
          expect([...rows.find((r) => r.name === t.name)!.columns].sort(), t.name).toEqual([...t.columns].sort());
      });
      test('malformed mutations are a clear 400 and change nothing', async () => {
        const before = await rls.count('audit_log');
        const r = await rls.as('admin').rpc('opsdeck_push', { p_device: DEV.admin, p_mutations: [{ m: 'x', t: 'audit_log', r: {} }] });
        expect(r.status).toBe(400);
        expect(r.error?.message).toMatch(/every mutation needs/);
        expect(await rls.count('audit_log')).toBe(before);
      });
    });

    describe('business tables', () => {
      beforeAll(async () => {
        const put = serviceInsert(rls.hub());
        await put('products', { ...biz.product('admin'), id: 'p-seed' });
        await put('services', { ...biz.service('admin'), id: 'sv-seed' });
        await put('locations', { ...biz.warehouse('admin'), id: 'l-seed' });
        await put('booths', { ...biz.booth('admin'), id: B1, name: 'B1', router_address: '10.9.0.1' });
        await put('booths', { ...biz.booth('admin'), id: B2, name: 'B2', router_address: '10.9.0.1', mac: '00:1A:2B:3C:4D:02' });
        await put('booths', { ...biz.booth('admin'), id: B3, name: 'B3', router_address: '10.7.0.1' });
        await put('events', { ...biz.event('admin'), id: 'e-b1' });
        await put('events', { ...biz.event('admin'), id: 'e-b3', booth_id: B3 });
        await put('purchase_orders', { ...biz.purchase_order('admin'), id: 'po-seed' });
        await put('stock_movements', { ...biz.movement('admin'), id: 'm-seed' });
        await put('booth_counter_events', { ...biz.counter('admin', B1, OTHER_DEVICE), id: 'c-b1-office' });
        await put('booth_counter_events', { ...biz.counter('admin', B1, DEV.booth), id: 'c-b1-own' });
        await put('booth_counter_events', { ...biz.counter('admin', B3, OTHER_DEVICE), id: 'c-b3' });
        await put('booth_health', { ...biz.health('admin'), id: 'h-seed' });
        await put('speed_tests', { ...biz.speed('admin'), id: 'st-seed' });
        await put('wake_commands', { ...biz.wake('admin', B2), id: 'w-peer' });
        await put('wake_commands', { ...biz.wake('admin', B3), id: 'w-far' });
        await put('wake_commands', { ...biz.wake('admin', B1, 'local'), id: 'w-local' });
        for (const who of WHO) await put('products', { ...biz.product('admin'), id: `p-dd-${who}` });
        await put('product_demand_drivers', { ...biz.driver('admin'), product_id: 'p-seed', id: 'dd-seed' });
      }, 60_000);

      describe('inserts', () => {
        const installer = rolesIn('admin', 'installer');
        const ownBooth = rolesIn('admin', 'installer', 'booth');
        const cases: Array<[string, string, (w: Who) => Record<string, unknown>, (w: Who) => boolean]> = [
          ['product', 'products', biz.product, rolesIn('admin')],
          ['service', 'services', biz.service, rolesIn('admin')],
          ['warehouse', 'locations', biz.warehouse, rolesIn('admin')],
          ['booth location (derived on the hub, never pushed)', 'locations', biz.booth_location, rolesIn()],
          ['booth', 'booths', biz.booth, rolesIn('admin')],
          ['event', 'events', biz.event, rolesIn('admin')],
          ['purchase order', 'purchase_orders', biz.purchase_order, rolesIn('admin')],
          ['stock movement', 'stock_movements', biz.movement, installer],
          [
            'stock movement from a device not claimed',
            'stock_movements',
            (w) => ({ ...biz.movement(w), origin_device: OTHER_DEVICE }),
            rolesIn('admin'),
          ],
          [
            'health sample from a device not claimed',
            'booth_health',
            (w) => ({ ...biz.health(w), origin_device: OTHER_DEVICE }),
            rolesIn('admin'),
          ],
          ['counter event, own booth', 'booth_counter_events', (w) => biz.counter(w), ownBooth],
          ['counter event, other booth', 'booth_counter_events', (w) => biz.counter(w, B3), installer],
          [
            'counter event, own booth from a device not claimed',
            'booth_counter_events',
            (w) => biz.counter(w, B1, OTHER_DEVICE),
            rolesIn('admin'),
          ],
          ['health sample, own booth', 'booth_health', (w) => biz.health(w), ownBooth],
          ['health sample, other booth', 'booth_health', (w) => biz.health(w, B3), installer],
          ['speed test, own booth', 'speed_tests', (w) => biz.speed(w), ownBooth],
          ['speed test, other booth', 'speed_tests', (w) => biz.speed(w, B3), installer],
          ['wake command', 'wake_commands', (w) => biz.wake(w, B1), installer],
          ['relay wake command for a LAN peer', 'wake_commands', (w) => biz.wake(w, B2), installer],
          ['demand driver', 'product_demand_drivers', biz.driver, rolesIn('admin')],
        ];
        insertMatrix(
          rls,
          WHO,
          cases.map(([label, table, row, allowed]) => ({ label: `a ${label}`, table, row, allowed })),
        );
      });

      describe('reads', () => {
        const visible: Array<[string, string, (w: Who) => boolean]> = [
          ['products', 'p-seed', staff],
          ['services', 'sv-seed', staff],
          ['locations', 'l-seed', staff],
          ['locations', B3, staff],
          ['booths', B1, everyone],
          ['booths', B2, everyone],
          ['booths', B3, staff],
          ['events', 'e-b1', everyone],
          ['events', 'e-b3', staff],
          ['purchase_orders', 'po-seed', staff],
          ['stock_movements', 'm-seed', staff],
          ['booth_counter_events', 'c-b1-office', everyone],
          ['booth_counter_events', 'c-b1-own', staff],
          ['booth_counter_events', 'c-b3', staff],
          ['booth_health', 'h-seed', staff],
          ['speed_tests', 'st-seed', staff],
          ['wake_commands', 'w-peer', everyone],
          ['wake_commands', 'w-local', everyone],
          ['wake_commands', 'w-far', staff],
          ['product_demand_drivers', 'dd-seed', staff],
        ];
        readMatrix(
          rls,
          WHO,
          visible.map(([table, id, allowed]) => ({ table, id, allowed })),
        );
      });

      describe('updates', () => {
        const updates: Array<[string, string, string, unknown, (w: Who) => boolean]> = [
          ['products', 'p-seed', 'name', 'renamed', rolesIn('admin')],
          ['services', 'sv-seed', 'title', 'renamed', rolesIn('admin')],
          ['locations', 'l-seed', 'name', 'renamed', rolesIn('admin')],
          ['locations', B3, 'name', 'renamed', rolesIn()],
          ['booths', B3, 'hostname', 'host', rolesIn('admin', 'installer')],
          ['booths', B3, 'name', 'renamed', rolesIn('admin')],
          ['booths', B3, 'initial_prints', 123, rolesIn('admin')],
          ['booths', B3, 'deleted_at', T, rolesIn('admin')],
          ['events', 'e-b1', 'client_name', 'renamed', rolesIn('admin')],
          ['purchase_orders', 'po-seed', 'received_quantity', 2, rolesIn('admin', 'installer')],
          ['purchase_orders', 'po-seed', 'quantity', 9, rolesIn('admin')],
          ['stock_movements', 'm-seed', 'reason', 'edited', rolesIn()],
          ['booth_counter_events', 'c-b1-office', 'raw_trigger', 'edited', rolesIn()],
          ['booth_health', 'h-seed', 'cpu_pct', 50, rolesIn()],
          ['speed_tests', 'st-seed', 'url', 'http://edited', rolesIn()],
          ['wake_commands', 'w-peer', 'claimed_by', 'someone', rolesIn('admin', 'installer', 'booth')],
          ['wake_commands', 'w-peer', 'deadline_at', T + 99, rolesIn('admin', 'installer')],
          ['wake_commands', 'w-local', 'claimed_by', 'someone', rolesIn('admin', 'installer')],
          ['wake_commands', 'w-far', 'claimed_by', 'someone', rolesIn('admin', 'installer')],
          ['product_demand_drivers', 'dd-seed', 'per_unit', 0.5, rolesIn('admin')],
        ];
        // A different value per role, so each role's write is told apart from the one before it.
        const per = (value: unknown) => (who: Who) =>
          typeof value === 'string' ? `${value} by ${who}` : typeof value === 'number' ? value + WHO.indexOf(who) : value;
        updateMatrix(
          rls,
          WHO,
          updates.map(([table, id, col, value, allowed]) => ({ table, id, col, value: per(value), allowed })),
        );
      });

      describe('deletes', () => {
        hardDeletesRefused(rls, WHO, [
          'products',
          'services',
          'locations',
          'booths',
          'events',
          'purchase_orders',
          'stock_movements',
          'booth_counter_events',
          'booth_health',
          'speed_tests',
          'wake_commands',
          'product_demand_drivers',
        ]);
      });

      describe('through opsdeck_push (the upsert path devices use)', () => {
        let m = 1000;
        const push = async (who: Who, t: string, r: Record<string, unknown>) => {
          const res = await rls.as(who).rpc('opsdeck_push', { p_device: DEV[who], p_mutations: [{ m: ++m, t, r, b: null }] });
          expect(res.error).toBeNull();
          return res.data as { applied: number; rejected: Array<{ code: string }> };
        };
        const row = async (table: string, id: string) => {
          const { rows } = await rls.hub().db.query(`select * from public.${table} where id = $1`, [id]);
          const r = { ...(rows[0] as Record<string, unknown>) };
          for (const k of ['sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer']) delete r[k];
          return r;
        };
        test('an installer receives a purchase order (existing row) but cannot create one', async () => {
          const po = await row('purchase_orders', 'po-seed');
          expect(
            await push('installer', 'purchase_orders', { ...po, received_quantity: 5, status: 'received', updated_at: T + 5 }),
          ).toMatchObject({ applied: 1, rejected: [] });
          expect((await row('purchase_orders', 'po-seed')).status).toBe('received');
          expect((await push('installer', 'purchase_orders', biz.purchase_order('installer'))).rejected).toEqual([
            expect.objectContaining({ code: '42501' }),
          ]);
          expect((await push('installer', 'purchase_orders', { ...po, quantity: 50 })).rejected).toEqual([
            expect.objectContaining({ code: '42501' }),
          ]);
        });
        test("an installer changes a booth's operational settings, not its name", async () => {
          const b = await row('booths', B1);
          expect(await push('installer', 'booths', { ...b, warning_threshold: 400 })).toMatchObject({ applied: 1, rejected: [] });
          expect((await push('installer', 'booths', { ...b, name: 'Renamed' })).rejected).toEqual([
            expect.objectContaining({ code: '42501' }),
          ]);
          expect((await push('installer', 'products', biz.product('installer'))).rejected).toEqual([
            expect.objectContaining({ code: '42501' }),
          ]);
        });
        test('a booth device appends its own booth ledgers (once on replay), nothing for another booth', async () => {
          const c = biz.counter('booth');
          expect(await push('booth', 'booth_counter_events', c)).toMatchObject({ applied: 1, rejected: [] });
          const again = await rls
            .as('booth')
            .rpc('opsdeck_push', { p_device: DEV.booth, p_mutations: [{ m, t: 'booth_counter_events', r: c, b: null }] });
          expect(again.data).toMatchObject({ applied: 0, skipped: 1 });
          expect((await rls.hub().db.query('select 1 from booth_counter_events where id = $1', [c.id])).rows).toHaveLength(1);
          expect(await push('booth', 'booth_health', biz.health('booth'))).toMatchObject({ applied: 1 });
          expect(await push('booth', 'speed_tests', biz.speed('booth'))).toMatchObject({ applied: 1 });
          for (const [t, r] of [
            ['booth_counter_events', biz.counter('booth', B3)],
            ['booth_health', biz.health('booth', B3)],
            ['booth_counter_events', biz.counter('booth', B1, OTHER_DEVICE)],
            ['events', biz.event('booth')],
            ['stock_movements', biz.movement('booth')],
            ['booths', { ...biz.booth('booth'), id: B1, name: 'B1' }],
          ] as const) {
            expect((await push('booth', t, r)).rejected, t).toEqual([expect.objectContaining({ code: '42501' })]);
          }
        });
        test('a booth device claims and advances a relay wake of a LAN peer; not a local one, not a far one, never a new one', async () => {
          const w = await row('wake_commands', 'w-peer');
          const sent = { ...w, state: 'sent', sent_at: T + 1, claimed_by: DEV.booth, targets: '["127.0.0.1:9"]', updated_at: T + 1 };
          expect(await push('booth', 'wake_commands', sent)).toMatchObject({ applied: 1, rejected: [] });
          expect((await row('wake_commands', 'w-peer')).state).toBe('sent');
          expect((await push('booth', 'wake_commands', { ...sent, deadline_at: T + 1000 })).rejected).toEqual([
            expect.objectContaining({ code: '42501' }),
          ]);
          expect(
            (await push('booth', 'wake_commands', { ...(await row('wake_commands', 'w-local')), claimed_by: DEV.booth })).rejected,
          ).toEqual([expect.objectContaining({ code: '42501' })]);
          expect(
            (await push('booth', 'wake_commands', { ...(await row('wake_commands', 'w-far')), claimed_by: DEV.booth })).rejected,
          ).toEqual([expect.objectContaining({ code: '42501' })]);
          expect((await push('booth', 'wake_commands', biz.wake('booth', B2))).rejected).toEqual([
            expect.objectContaining({ code: '42501' }),
          ]);
        });
        test('ledgers refuse a changed version of a row already on the hub (it is skipped, not updated)', async () => {
          const before = await row('stock_movements', 'm-seed');
          expect(await push('admin', 'stock_movements', { ...before, reason: 'rewritten' })).toMatchObject({ applied: 1, rejected: [] });
          expect((await row('stock_movements', 'm-seed')).reason).toBe(before.reason);
        });
      });
    });
  });
}
