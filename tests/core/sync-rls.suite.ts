import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * The RLS matrix: every role × table × operation under the role's JWT, through the hub double's
 * PostgREST subset, on whichever engine the caller opens (sync-rls.test.ts: PGlite;
 * sync-rls-pg.test.ts: the real PostgreSQL 15 server, under the old and the new grant defaults).
 */
type Who = 'admin' | 'installer' | 'viewer' | 'booth' | 'anon';
const WHO: Who[] = ['admin', 'installer', 'viewer', 'booth', 'anon'];
const DEV = {
  admin: 'a0000000-0000-7000-8000-000000000001',
  installer: 'a0000000-0000-7000-8000-000000000002',
  viewer: 'a0000000-0000-7000-8000-000000000003',
  booth: 'a0000000-0000-7000-8000-000000000004',
  anon: 'a0000000-0000-7000-8000-000000000005',
};
const OTHER_DEVICE = 'a0000000-0000-7000-8000-0000000000ff';
const T = 1_795_000_000_000;

let seq = 0;
const newId = () => `b0000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

const base = (device: string) => ({ created_at: T, updated_at: T, deleted_at: null, origin_device: device });
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
  settings_global: (who: Who) => ({ id: newId(), scope: 'global', device_id: '', key: `k${seq}`, value: '1', ...base(DEV[who]) }),
  settings_own: (who: Who) => ({ id: newId(), scope: 'device', device_id: DEV[who], key: `k${seq}`, value: '1', ...base(DEV[who]) }),
  settings_other: (who: Who) => ({ id: newId(), scope: 'device', device_id: OTHER_DEVICE, key: `k${seq}`, value: '1', ...base(DEV[who]) }),
  audit_own: (who: Who) => ({
    id: newId(),
    at: T,
    user_id: null,
    action: 'x',
    target: null,
    outcome: 'ok',
    details: '{}',
    ...base(DEV[who]),
  }),
  audit_other: (who: Who) => ({
    id: newId(),
    at: T,
    user_id: null,
    action: 'x',
    target: null,
    outcome: 'ok',
    details: '{}',
    ...base(OTHER_DEVICE),
  }),
  conflicts: (who: Who) => ({ id: newId(), table_name: 'x', row_id: 'y', winner: '{}', loser: '{}', detected_at: T, ...base(DEV[who]) }),
};
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

export function rlsMatrix(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    let hub: HubDouble;
    const clients = new Map<Who, SupabaseClient>();

    async function hubCount(table: string): Promise<number> {
      return (await hub.db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;
    }

    beforeAll(async () => {
      hub = await open();
      for (const who of WHO) {
        const c = createClient(hub.url, hub.anonKey, {
          auth: { persistSession: false, autoRefreshToken: false },
          realtime: { transport: WebSocket as never },
        });
        if (who !== 'anon') {
          const u = DEMO_HUB_USERS.find((x) => x.role === who)!;
          const { error } = await c.auth.signInWithPassword({ email: u.email, password: u.password });
          expect(error).toBeNull();
          const claim = await c.rpc('opsdeck_claim_device', { p_device: DEV[who] });
          expect(claim.error).toBeNull();
        }
        clients.set(who, c);
      }
      // Rows owned by nobody here, written with the service role (bypasses RLS like Supabase's).
      const svc = createClient(hub.url, hub.serviceKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
      const seed = await svc
        .from('devices')
        .insert({ id: OTHER_DEVICE, name: 'Other', mode: 'booth', platform: null, last_seen_at: null, ...base(OTHER_DEVICE) });
      expect(seed.error).toBeNull();
      await svc
        .from('users')
        .insert({ id: 'u-seed', email: 'seed@x.test', display_name: 'Seed', role: 'viewer', active: 1, ...base(OTHER_DEVICE) });
      await svc.from('settings').insert({ id: 's-seed', scope: 'global', device_id: '', key: 'seed', value: '1', ...base(OTHER_DEVICE) });
      await svc
        .from('settings')
        .insert({ id: 's-other', scope: 'device', device_id: OTHER_DEVICE, key: 'seed', value: '1', ...base(OTHER_DEVICE) });
      await svc
        .from('audit_log')
        .insert({ id: 'a-seed', at: T, user_id: null, action: 'seed', target: null, outcome: 'ok', details: '{}', ...base(OTHER_DEVICE) });
      await hub.db.query(
        `insert into public.conflicts (table_name, row_id, winner, loser, detected_at, created_at, updated_at) values ('x','y','{}','{}',1,1,1)`,
      );
    }, 120_000);
    afterAll(async () => {
      await hub?.close();
    });

    const yes =
      (...w: Who[]) =>
      (who: Who) =>
        w.includes(who);

    describe('inserts', () => {
      const cases: Array<[keyof typeof rowsFor, (w: Who) => boolean, boolean?]> = [
        ['devices', yes('admin', 'installer', 'viewer', 'booth'), true],
        ['devices', yes('admin')],
        ['users', yes('admin')],
        ['settings_global', yes('admin')],
        ['settings_own', yes('admin', 'installer', 'viewer', 'booth')],
        ['settings_other', yes('admin')],
        ['audit_own', yes('admin', 'installer', 'viewer', 'booth')],
        ['audit_other', yes('admin')],
        ['conflicts', yes()],
      ];
      for (const [kind, allowed, own] of cases) {
        for (const who of WHO) {
          const expectOk = allowed(who);
          test(`${who} ${expectOk ? 'may' : 'may not'} insert ${kind}${own ? ' (own device)' : ''}`, async () => {
            const table = TABLE_OF[kind];
            const before = await hubCount(table);
            const row = (rowsFor[kind] as (w: Who, o: boolean) => Record<string, unknown>)(who, Boolean(own));
            const { error, status } = await clients.get(who)!.from(table).insert(row);
            if (expectOk) {
              expect(error).toBeNull();
              expect(await hubCount(table)).toBe(before + 1);
            } else {
              expect(error?.code).toBe('42501');
              expect(status).toBe(who === 'anon' ? 401 : 403);
              expect(await hubCount(table)).toBe(before);
            }
          });
        }
      }
    });

    describe('reads', () => {
      const visible: Record<string, (w: Who) => boolean> = {
        'devices:Other': yes('admin', 'installer', 'viewer'),
        'users:u-seed': yes('admin', 'installer', 'viewer'),
        'settings:s-seed': yes('admin', 'installer', 'viewer', 'booth'),
        'settings:s-other': yes('admin', 'installer', 'viewer'),
        'audit_log:a-seed': yes('admin', 'installer', 'viewer'),
      };
      for (const [key, allowed] of Object.entries(visible)) {
        const [table, id] = key.split(':') as [string, string];
        for (const who of WHO) {
          test(`${who} ${allowed(who) ? 'sees' : 'does not see'} ${key}`, async () => {
            const q = clients.get(who)!.from(table).select('id');
            const { data, error } = await (table === 'devices' ? q.eq('name', id) : q.eq('id', id));
            if (who === 'anon') expect(error?.code).toBe('42501');
            else {
              expect(error).toBeNull();
              expect(data!.length).toBe(allowed(who) ? 1 : 0);
            }
          });
        }
      }
      for (const who of WHO) {
        test(`${who} ${yes('admin', 'installer', 'viewer')(who) ? 'reads' : 'cannot read'} the conflict log`, async () => {
          const { data, error } = await clients.get(who)!.from('conflicts').select('id');
          if (who === 'anon') expect(error?.code).toBe('42501');
          else expect(data!.length > 0).toBe(yes('admin', 'installer', 'viewer')(who));
        });
      }
    });

    describe('updates and deletes', () => {
      const updates: Array<[string, string, (w: Who) => boolean]> = [
        ['devices', OTHER_DEVICE, yes('admin')],
        ['users', 'u-seed', yes('admin')],
        ['settings', 's-seed', yes('admin')],
        ['settings', 's-other', yes('admin')],
        ['audit_log', 'a-seed', yes()],
      ];
      for (const [table, id, allowed] of updates) {
        for (const who of WHO) {
          test(`${who} ${allowed(who) ? 'may' : 'may not'} update ${table} ${id}`, async () => {
            const col = table === 'audit_log' ? 'action' : table === 'users' ? 'display_name' : table === 'devices' ? 'name' : 'value';
            const value = table === 'settings' ? `"${who}"` : `by ${who}`;
            const before = (await hub.db.query<{ v: string }>(`select ${col} as v from public.${table} where id = $1`, [id])).rows[0]!.v;
            await clients
              .get(who)!
              .from(table)
              .update({ [col]: value })
              .eq('id', id);
            const after = (await hub.db.query<{ v: string }>(`select ${col} as v from public.${table} where id = $1`, [id])).rows[0]!.v;
            expect(after).toBe(allowed(who) ? value : before);
          });
        }
      }
      for (const table of ['devices', 'users', 'settings', 'audit_log', 'conflicts']) {
        for (const who of WHO) {
          test(`${who} may not hard-delete from ${table} (soft deletes only)`, async () => {
            const before = await hubCount(table);
            const { error } = await clients.get(who)!.from(table).delete().neq('id', '');
            expect(error?.code).toBe('42501');
            expect(await hubCount(table)).toBe(before);
          });
        }
      }
    });

    describe('sync RPCs', () => {
      test('anon cannot push or claim a device', async () => {
        const r = await clients.get('anon')!.rpc('opsdeck_push', { p_device: DEV.anon, p_mutations: [] });
        expect(r.error?.code).toBe('42501');
        expect(r.status).toBe(401);
      });
      test('a push cannot bypass RLS: a viewer pushing a global setting gets it refused, the counter still moves', async () => {
        const row = rowsFor.settings_global('viewer');
        const r = await clients
          .get('viewer')!
          .rpc('opsdeck_push', { p_device: DEV.viewer, p_mutations: [{ m: 1, t: 'settings', r: row, b: null }] });
        expect(r.error).toBeNull();
        expect(r.data.rejected).toEqual([{ m: 1, code: '42501', message: expect.stringContaining('row-level security') }]);
        expect((await hub.db.query('select 1 from public.settings where id = $1', [row.id])).rows).toHaveLength(0);
        const again = await clients
          .get('viewer')!
          .rpc('opsdeck_push', { p_device: DEV.viewer, p_mutations: [{ m: 1, t: 'settings', r: row, b: null }] });
        expect(again.data).toMatchObject({ skipped: 1, applied: 0, rejected: [] });
      });
      test('a push naming an unsynced table is refused for that row only', async () => {
        const ok = rowsFor.audit_own('installer');
        const r = await clients.get('installer')!.rpc('opsdeck_push', {
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
        const anon = await clients.get('anon')!.rpc('opsdeck_pull_plan', { p_cursors: {} });
        expect(anon.error?.code).toBe('42501');
        const plan = await clients.get('booth')!.rpc('opsdeck_pull_plan', { p_cursors: {} });
        expect(plan.error).toBeNull();
        for (const t of ['users', 'conflicts', 'products', 'stock_movements', 'booth_health', 'speed_tests'])
          expect(plan.data.tables).not.toContain(t);
        const staff = await clients.get('viewer')!.rpc('opsdeck_pull_plan', { p_cursors: { users: [Number.MAX_SAFE_INTEGER, 0] } });
        expect(staff.data.tables).toContain('audit_log');
        expect(staff.data.tables).not.toContain('users');
        expect(Number(staff.data.watermark)).toBeGreaterThan(0);
      });
      test("the hub's synced tables are the registry's: same names, same synced columns (no local-only ones), same order", async () => {
        const rows = (
          await hub.db.query<{ name: string; columns: string[] }>(
            'select name, columns from public.opsdeck_synced_tables order by pull_order',
          )
        ).rows;
        expect(rows.map((r) => r.name)).toEqual(SYNCED_TABLES.map((t) => t.name));
        for (const t of SYNCED_TABLES)
          expect([...rows.find((r) => r.name === t.name)!.columns].sort(), t.name).toEqual([...t.columns].sort());
      });
      test('malformed mutations are a clear 400 and change nothing', async () => {
        const before = await hubCount('audit_log');
        const r = await clients
          .get('admin')!
          .rpc('opsdeck_push', { p_device: DEV.admin, p_mutations: [{ m: 'x', t: 'audit_log', r: {} }] });
        expect(r.status).toBe(400);
        expect(r.error?.message).toMatch(/every mutation needs/);
        expect(await hubCount('audit_log')).toBe(before);
      });
    });

    // ---------------------------------------------------------------------------------------------
    // Business tables: catalog, stock, booths, events, booth ledgers, wake commands.
    // The booth user is tied to B1; B2 sits behind the same router (a LAN peer: relay wakes); B3 is elsewhere.
    // ---------------------------------------------------------------------------------------------
    const B1: string = DEMO_BOOTH_IDS[0];
    const B2: string = DEMO_BOOTH_IDS[1];
    const B3: string = 'c0000000-0000-7000-8000-0000000000b3';
    const biz = {
      product: (who: Who) => ({
        id: newId(),
        sku: `S${newId()}`,
        name: 'P',
        description: '',
        category: '',
        unit: 'pce',
        price: 1,
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
        ...base(DEV[who]),
      }),
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
      booth: (who: Who) => ({
        id: newId(),
        name: `Booth ${newId()}`,
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
        ...base(DEV[who]),
      }),
      event: (who: Who) => ({
        id: newId(),
        notion_page_id: null,
        booth_id: B1,
        client_name: 'C',
        event_type: null,
        starts_at: T,
        ends_at: T + 1,
        album_name: null,
        status: 'active',
        snapshot: null,
        ...base(DEV[who]),
      }),
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

    describe('business tables', () => {
      beforeAll(async () => {
        const svc = createClient(hub.url, hub.serviceKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
        const put = async (table: string, row: Record<string, unknown>) => {
          const r = await svc.from(table).insert(row);
          expect(r.error, `${table}: ${r.error?.message}`).toBeNull();
        };
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
        const cases: Array<[string, string, (w: Who) => Record<string, unknown>, (w: Who) => boolean]> = [
          ['product', 'products', biz.product, yes('admin')],
          ['service', 'services', biz.service, yes('admin')],
          ['warehouse', 'locations', biz.warehouse, yes('admin')],
          ['booth location (derived on the hub, never pushed)', 'locations', biz.booth_location, yes()],
          ['booth', 'booths', biz.booth, yes('admin')],
          ['event', 'events', biz.event, yes('admin')],
          ['purchase order', 'purchase_orders', biz.purchase_order, yes('admin')],
          ['stock movement', 'stock_movements', biz.movement, yes('admin', 'installer')],
          [
            'stock movement from a device not claimed',
            'stock_movements',
            (w) => ({ ...biz.movement(w), origin_device: OTHER_DEVICE }),
            yes('admin'),
          ],
          [
            'health sample from a device not claimed',
            'booth_health',
            (w) => ({ ...biz.health(w), origin_device: OTHER_DEVICE }),
            yes('admin'),
          ],
          ['counter event, own booth', 'booth_counter_events', (w) => biz.counter(w), yes('admin', 'installer', 'booth')],
          ['counter event, other booth', 'booth_counter_events', (w) => biz.counter(w, B3), yes('admin', 'installer')],
          [
            'counter event, own booth from a device not claimed',
            'booth_counter_events',
            (w) => biz.counter(w, B1, OTHER_DEVICE),
            yes('admin'),
          ],
          ['health sample, own booth', 'booth_health', (w) => biz.health(w), yes('admin', 'installer', 'booth')],
          ['health sample, other booth', 'booth_health', (w) => biz.health(w, B3), yes('admin', 'installer')],
          ['speed test, own booth', 'speed_tests', (w) => biz.speed(w), yes('admin', 'installer', 'booth')],
          ['speed test, other booth', 'speed_tests', (w) => biz.speed(w, B3), yes('admin', 'installer')],
          ['wake command', 'wake_commands', (w) => biz.wake(w, B1), yes('admin', 'installer')],
          ['relay wake command for a LAN peer', 'wake_commands', (w) => biz.wake(w, B2), yes('admin', 'installer')],
          ['demand driver', 'product_demand_drivers', biz.driver, yes('admin')],
        ];
        for (const [label, table, make, allowed] of cases) {
          for (const who of WHO) {
            test(`${who} ${allowed(who) ? 'may' : 'may not'} insert a ${label}`, async () => {
              const before = await hubCount(table);
              const { error, status } = await clients.get(who)!.from(table).insert(make(who));
              if (allowed(who)) {
                expect(error).toBeNull();
                expect(await hubCount(table)).toBe(before + 1);
              } else {
                expect(error?.code).toBe('42501');
                expect(status).toBe(who === 'anon' ? 401 : 403);
                expect(await hubCount(table)).toBe(before);
              }
            });
          }
        }
      });

      describe('reads', () => {
        const staff = yes('admin', 'installer', 'viewer');
        const visible: Array<[string, string, (w: Who) => boolean]> = [
          ['products', 'p-seed', staff],
          ['services', 'sv-seed', staff],
          ['locations', 'l-seed', staff],
          ['locations', B3, staff],
          ['booths', B1, yes('admin', 'installer', 'viewer', 'booth')],
          ['booths', B2, yes('admin', 'installer', 'viewer', 'booth')],
          ['booths', B3, staff],
          ['events', 'e-b1', yes('admin', 'installer', 'viewer', 'booth')],
          ['events', 'e-b3', staff],
          ['purchase_orders', 'po-seed', staff],
          ['stock_movements', 'm-seed', staff],
          ['booth_counter_events', 'c-b1-office', yes('admin', 'installer', 'viewer', 'booth')],
          ['booth_counter_events', 'c-b1-own', staff],
          ['booth_counter_events', 'c-b3', staff],
          ['booth_health', 'h-seed', staff],
          ['speed_tests', 'st-seed', staff],
          ['wake_commands', 'w-peer', yes('admin', 'installer', 'viewer', 'booth')],
          ['wake_commands', 'w-local', yes('admin', 'installer', 'viewer', 'booth')],
          ['wake_commands', 'w-far', staff],
          ['product_demand_drivers', 'dd-seed', staff],
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

      describe('updates', () => {
        const updates: Array<[string, string, string, unknown, (w: Who) => boolean]> = [
          ['products', 'p-seed', 'name', 'renamed', yes('admin')],
          ['services', 'sv-seed', 'title', 'renamed', yes('admin')],
          ['locations', 'l-seed', 'name', 'renamed', yes('admin')],
          ['locations', B3, 'name', 'renamed', yes()],
          ['booths', B3, 'hostname', 'host', yes('admin', 'installer')],
          ['booths', B3, 'name', 'renamed', yes('admin')],
          ['booths', B3, 'initial_prints', 123, yes('admin')],
          ['booths', B3, 'deleted_at', T, yes('admin')],
          ['events', 'e-b1', 'client_name', 'renamed', yes('admin')],
          ['purchase_orders', 'po-seed', 'received_quantity', 2, yes('admin', 'installer')],
          ['purchase_orders', 'po-seed', 'quantity', 9, yes('admin')],
          ['stock_movements', 'm-seed', 'reason', 'edited', yes()],
          ['booth_counter_events', 'c-b1-office', 'raw_trigger', 'edited', yes()],
          ['booth_health', 'h-seed', 'cpu_pct', 50, yes()],
          ['speed_tests', 'st-seed', 'url', 'http://edited', yes()],
          ['wake_commands', 'w-peer', 'claimed_by', 'someone', yes('admin', 'installer', 'booth')],
          ['wake_commands', 'w-peer', 'deadline_at', T + 99, yes('admin', 'installer')],
          ['wake_commands', 'w-local', 'claimed_by', 'someone', yes('admin', 'installer')],
          ['wake_commands', 'w-far', 'claimed_by', 'someone', yes('admin', 'installer')],
          ['product_demand_drivers', 'dd-seed', 'per_unit', 0.5, yes('admin')],
        ];
        for (const [table, id, col, value, allowed] of updates) {
          for (const who of WHO) {
            test(`${who} ${allowed(who) ? 'may' : 'may not'} update ${table}.${col} of ${id}`, async () => {
              const read = async () =>
                (await hub.db.query<{ v: unknown }>(`select ${col} as v from public.${table} where id = $1`, [id])).rows[0]!.v;
              const before = await read();
              const v = typeof value === 'string' ? `${value} by ${who}` : typeof value === 'number' ? value + WHO.indexOf(who) : value;
              await clients
                .get(who)!
                .from(table)
                .update({ [col]: v })
                .eq('id', id);
              expect(String(await read())).toBe(String(allowed(who) ? v : before));
            });
          }
        }
      });

      describe('deletes', () => {
        for (const table of [
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
        ]) {
          for (const who of WHO) {
            test(`${who} may not hard-delete from ${table}`, async () => {
              const before = await hubCount(table);
              const { error } = await clients.get(who)!.from(table).delete().neq('id', '');
              expect(error?.code).toBe('42501');
              expect(await hubCount(table)).toBe(before);
            });
          }
        }
      });

      describe('through opsdeck_push (the upsert path devices use)', () => {
        let m = 1000;
        const push = async (who: Who, t: string, r: Record<string, unknown>) => {
          const res = await clients.get(who)!.rpc('opsdeck_push', { p_device: DEV[who], p_mutations: [{ m: ++m, t, r, b: null }] });
          expect(res.error).toBeNull();
          return res.data as { applied: number; rejected: Array<{ code: string }> };
        };
        const row = async (table: string, id: string) => {
          const { rows } = await hub.db.query(`select * from public.${table} where id = $1`, [id]);
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
          const again = await clients
            .get('booth')!
            .rpc('opsdeck_push', { p_device: DEV.booth, p_mutations: [{ m, t: 'booth_counter_events', r: c, b: null }] });
          expect(again.data).toMatchObject({ applied: 0, skipped: 1 });
          expect((await hub.db.query('select 1 from booth_counter_events where id = $1', [c.id])).rows).toHaveLength(1);
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
