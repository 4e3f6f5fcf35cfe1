import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { anonClient, productRow, serviceClient, syncMeta } from '../fixtures/hub-rls.js';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * Issue 12's hub findings, one test each, as an attacker would try them through the API (the
 * hub double's PostgREST/GoTrue subset; every call under the caller's JWT, role and statement
 * timeout), on whichever engine the caller opens: PGlite (hub-attacks.test.ts) and the real
 * PostgreSQL 15 server under both grant defaults (hub-attacks-pg.test.ts).
 */
const T = 1_795_000_000_000;
const OFFICE = 'd0000000-0000-7000-8000-00000000000a';
const LAPTOP = 'd0000000-0000-7000-8000-00000000000b';
const VIEWER_DEV = 'd0000000-0000-7000-8000-00000000000c';
const BOOTH_DEV = 'd0000000-0000-7000-8000-00000000000d';
const B1: string = DEMO_BOOTH_IDS[0];
const B3 = 'c0000000-0000-7000-8000-0000000000b3';
let seq = 0;
const id = (p = 'e0000000') => `${p}-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
const meta = syncMeta;
const audit = (device: string) => ({
  id: id(),
  at: T,
  user_id: null,
  action: 'forged',
  target: null,
  outcome: 'ok',
  details: '{}',
  ...meta(device),
});
const product = (device: string, i: number) => {
  const pid = id('f0000000');
  return productRow(pid, `ATT-${seq}-${i}`, device, { name: `P ${i}` });
};
const counter = (device: string, booth: string) => ({
  id: id(),
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
  ...meta(device),
});

/** Functions the authenticated role may execute: the RPC entry points and what policies, CHECKs and the push evaluate as the caller. */
export const AUTHENTICATED_EXECUTES = [
  'opsdeck_appends_facts',
  'opsdeck_booth_id',
  'opsdeck_booth_visible',
  'opsdeck_claim_device',
  'opsdeck_existing_ids',
  'opsdeck_has_role',
  'opsdeck_is_admin',
  'opsdeck_is_staff',
  'opsdeck_json_array',
  'opsdeck_json_valid',
  'opsdeck_move_device',
  // Issue 18 (event_staff): the caller's own profile ids, assigned events and their clients.
  'opsdeck_my_client_ids',
  'opsdeck_my_event_ids',
  'opsdeck_my_user_ids',
  'opsdeck_own_booth_row',
  'opsdeck_owns_device',
  'opsdeck_pull_plan',
  'opsdeck_push',
  'opsdeck_role',
  'opsdeck_row_exists',
  'opsdeck_watermark',
  'opsdeck_writes_facts',
];

/**
 * realServer: the engine cancels statements at the role's statement_timeout, as Supabase's does
 * (PostgreSQL 15). The PGlite double only emulates the timeout after the fact and runs several
 * times slower than a server, so the timing-bound test runs on the server only.
 */
export function hubAttacks(label: string, open: () => Promise<HubDouble>, more?: (get: () => HubDouble) => void, realServer = false): void {
  describe(label, () => {
    let hub: HubDouble;
    const as: Record<string, SupabaseClient> = {};
    let officeM = 0;
    const client = () => anonClient(hub);
    const signIn = async (email: string) => {
      const c = client();
      const u = DEMO_HUB_USERS.find((x) => x.email === email)!;
      const { error } = await c.auth.signInWithPassword({ email, password: u.password });
      expect(error).toBeNull();
      return c;
    };
    const signUp = async () => {
      const c = client();
      const { error } = await c.auth.signUp({ email: `stranger${++seq}@example.test`, password: 'stranger-pass-1' });
      expect(error).toBeNull();
      return c;
    };
    const q = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await hub.db.query<R>(sql, params)).rows;
    const n = async (sql: string, params: unknown[] = []) => Number((await q<{ n: number }>(sql, params))[0]!.n);
    const push = (c: SupabaseClient, device: string, mutations: unknown[]) =>
      c.rpc('opsdeck_push', { p_device: device, p_mutations: mutations });

    beforeAll(async () => {
      hub = await open();
      as.admin = await signIn('admin@opsdeck.test');
      as.installer = await signIn('installer@opsdeck.test');
      as.viewer = await signIn('viewer@opsdeck.test');
      as.booth = await signIn('booth1@opsdeck.test');
      as.stranger = await signUp();
      // Seeds written by the database owner (no API role involved).
      await hub.db.query(
        `insert into public.users (id, email, display_name, role, active, created_at, updated_at, origin_device) values ('u-hidden', 'hidden@x.test', 'Hidden', 'admin', 1, $1, $1, $2)`,
        [T, OFFICE],
      );
      await hub.db.query(
        `insert into public.settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) values ('s-global', 'global', '', 'currency', '"EUR"', $1, $1, $2)`,
        [T, OFFICE],
      );
      await hub.db.query(
        `insert into public.products (id, sku, name, created_at, updated_at, origin_device) values ('p-seed', 'SEED', 'Seed', $1, $1, $2)`,
        [T, OFFICE],
      );
      await hub.db.query(
        `insert into public.locations (id, name, kind, created_at, updated_at, origin_device) values ('l-seed', 'Main', 'warehouse', $1, $1, $2)`,
        [T, OFFICE],
      );
      await hub.db.query(
        `insert into public.stock_movements (id, product_id, location_id, type, quantity, direction, delta, occurred_at, source, created_at, updated_at, origin_device)
         values ('m-hidden', 'p-seed', 'l-seed', 'in', 1, 1, 1, $1, 'manual', $1, $1, $2)`,
        [T, OFFICE],
      );
      for (const [bid, name] of [
        [B1, 'B1'],
        [B3, 'B3'],
      ]) {
        await hub.db.query(`insert into public.booths (id, name, created_at, updated_at, origin_device) values ($1, $2, $3, $3, $4)`, [
          bid,
          name,
          T,
          OFFICE,
        ]);
      }
      // The office (an admin) and its device: its mode setting and a first audit row.
      expect((await as.admin!.rpc('opsdeck_claim_device', { p_device: OFFICE })).error).toBeNull();
      const r = await push(as.admin!, OFFICE, [
        {
          m: ++officeM,
          t: 'settings',
          r: { id: 's-mode', scope: 'device', device_id: OFFICE, key: 'mode', value: '"office"', ...meta(OFFICE) },
          b: null,
        },
        { m: ++officeM, t: 'audit_log', r: audit(OFFICE), b: null },
      ]);
      expect(r.error).toBeNull();
      expect(r.data).toMatchObject({ applied: 2, rejected: [] });
      for (const [who, dev] of [
        ['installer', LAPTOP],
        ['viewer', VIEWER_DEV],
        ['booth', BOOTH_DEV],
      ] as const) {
        expect((await as[who]!.rpc('opsdeck_claim_device', { p_device: dev })).error, who).toBeNull();
      }
    }, 180_000);
    afterAll(async () => {
      await hub?.close();
    });

    for (const attacker of ['booth', 'viewer', 'installer', 'stranger'] as const) {
      test(`takeover: ${attacker === 'stranger' ? 'a role-less (signed-up)' : attacker === 'installer' ? 'an installer' : `a ${attacker}`} account cannot claim the office's device, push as it or move its counter; the office's next 300 products are all stored`, async () => {
        const c = as[attacker]!;
        const claim = await c.rpc('opsdeck_claim_device', { p_device: OFFICE });
        expect(claim.error?.code).toBe('42501');
        const forged = await push(c, OFFICE, [
          { m: 1_000_000, t: 'audit_log', r: audit(OFFICE), b: null },
          {
            m: 1_000_001,
            t: 'settings',
            r: { id: 's-mode', scope: 'device', device_id: OFFICE, key: 'mode', value: '"booth"', ...meta(OFFICE, T + 1) },
            b: null,
          },
        ]);
        expect(forged.error?.code).toBe('42501');
        await c.from('sync_devices').update({ last_mutation_id: 1_000_000 }).eq('device_id', OFFICE);
        const dev = (
          await q<{ owner: string; last: number }>(
            'select owner::text as owner, last_mutation_id as last from public.sync_devices where device_id = $1',
            [OFFICE],
          )
        )[0]!;
        expect(dev.owner).toBe(hub.users.find((u) => u.role === 'admin')!.id);
        expect(dev.last).toBe(officeM);
        expect(await n("select count(*)::int as n from public.audit_log where action = 'forged' and origin_device = $1", [OFFICE])).toBe(1);
        expect((await q<{ value: string }>("select value from public.settings where id = 's-mode'"))[0]!.value).toBe('"office"');
        // The office carries on: 300 products, every one stored.
        const rows = Array.from({ length: 300 }, (_, i) => ({ m: ++officeM, t: 'products', r: product(OFFICE, i), b: null }));
        const ok = await push(as.admin!, OFFICE, rows);
        expect(ok.error).toBeNull();
        expect(ok.data).toMatchObject({ applied: 300, rejected: [] });
        expect(await n('select count(*)::int as n from public.products where id = any($1)', [rows.map((x) => x.r.id)])).toBe(300);
      });
    }

    test('a role-less account (an e-mail sign-up) is refused everywhere: claim, push, reads, pull plan', async () => {
      const c = await signUp();
      const dev = 'd0000000-0000-7000-8000-0000000000ee';
      expect((await c.rpc('opsdeck_claim_device', { p_device: dev })).error?.code).toBe('42501');
      const r = await push(c, dev, [
        { m: 1, t: 'devices', r: { id: dev, name: 'Mine', mode: 'office', platform: null, last_seen_at: null, ...meta(dev) }, b: null },
        { m: 2, t: 'audit_log', r: audit(dev), b: null },
      ]);
      expect(r.error?.code).toBe('42501');
      expect(await n('select count(*)::int as n from public.devices where id = $1', [dev])).toBe(0);
      expect(await n('select count(*)::int as n from public.sync_devices where device_id = $1', [dev])).toBe(0);
      for (const table of ['settings', 'opsdeck_synced_tables', 'devices', 'audit_log', 'sync_devices', 'booths']) {
        const { data, error } = await c.from(table).select('*');
        expect(error === null ? data : [], table).toEqual([]);
      }
      expect((await c.rpc('opsdeck_pull_plan', { p_cursors: {} })).error?.code).toBe('42501');
    });

    test('opsdeck_log_conflicts is not callable: no forged conflict reaches the staff', async () => {
      const before = await n('select count(*)::int as n from public.conflicts');
      const forged = { id: 's-global', scope: 'global', device_id: '', key: 'currency', value: '"forged"', ...meta(LAPTOP, T + 5) };
      const r = await as.installer!.rpc('opsdeck_log_conflicts', {
        p_table: 'settings',
        p_columns: Object.keys(forged),
        p_rows: [{ r: forged, b: 0 }],
        p_device: LAPTOP,
      });
      expect(r.error).not.toBeNull();
      expect(await n('select count(*)::int as n from public.conflicts')).toBe(before);
    });

    test('opsdeck_row_exists and opsdeck_existing_ids reveal no row the caller cannot read', async () => {
      for (const who of ['booth', 'stranger'] as const) {
        const a = await as[who]!.rpc('opsdeck_row_exists', { p_table: 'users', p_id: 'u-hidden' });
        expect(a.error !== null || a.data === false, `${who} row_exists`).toBe(true);
        const b = await as[who]!.rpc('opsdeck_existing_ids', { p_table: 'stock_movements', p_ids: ['m-hidden'] });
        expect(b.error !== null || (Array.isArray(b.data) && b.data.length === 0), `${who} existing_ids`).toBe(true);
      }
      // Staff may read both rows: the answers are true for them.
      expect((await as.viewer!.rpc('opsdeck_row_exists', { p_table: 'users', p_id: 'u-hidden' })).data).toBe(true);
    });

    test('no opsdeck_* function is executable by anon; authenticated executes only the entry points and policy helpers', async () => {
      const rows = await q<{ name: string; anon: boolean; auth: boolean; svc: boolean }>(
        `select p.proname as name, has_function_privilege('anon', p.oid, 'execute') as anon,
                has_function_privilege('authenticated', p.oid, 'execute') as auth, has_function_privilege('service_role', p.oid, 'execute') as svc
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.proname like 'opsdeck%' order by 1`,
      );
      expect(rows.filter((r) => r.anon).map((r) => r.name)).toEqual([]);
      expect(rows.filter((r) => r.auth).map((r) => r.name)).toEqual(AUTHENTICATED_EXECUTES);
      expect(rows.filter((r) => !r.svc).map((r) => r.name)).toEqual([]);
      const anon = client();
      for (const fn of ['opsdeck_push', 'opsdeck_claim_device', 'opsdeck_pull_plan', 'opsdeck_role']) {
        expect(
          (
            await anon.rpc(
              fn,
              fn === 'opsdeck_role' ? {} : fn === 'opsdeck_pull_plan' ? { p_cursors: {} } : { p_device: OFFICE, p_mutations: [] },
            )
          ).error,
          fn,
        ).not.toBeNull();
      }
    });

    test('privileges are written out per role: anon nothing, authenticated never DELETE or TRUNCATE, service_role everything', async () => {
      const rows = await q<{ t: string; anon: boolean; del: boolean; trunc: boolean; svc: boolean }>(
        `select c.relname as t,
                has_table_privilege('anon', c.oid, 'select,insert,update,delete,truncate,references,trigger') as anon,
                has_table_privilege('authenticated', c.oid, 'delete') as del, has_table_privilege('authenticated', c.oid, 'truncate,references,trigger') as trunc,
                has_table_privilege('service_role', c.oid, 'select') and has_table_privilege('service_role', c.oid, 'insert') and has_table_privilege('service_role', c.oid, 'update')
                  and has_table_privilege('service_role', c.oid, 'delete') and has_table_privilege('service_role', c.oid, 'truncate') as svc
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'double_migrations' order by 1`,
      );
      expect(rows.length).toBeGreaterThan(15);
      expect(rows.filter((r) => r.anon || r.del || r.trunc || !r.svc).map((r) => r.t)).toEqual([]);
      // Through the API: an installer's hard DELETE is refused (not "0 rows"); the service role writes and reads.
      const del = await as.installer!.from('stock_movements').delete().eq('id', 'm-hidden');
      expect(del.error?.code).toBe('42501');
      const svc = serviceClient(hub);
      const ins = await svc.from('products').insert(product(OFFICE, 999));
      expect(ins.error).toBeNull();
      const read = await svc.from('sync_devices').select('device_id').eq('device_id', OFFICE);
      expect(read.error).toBeNull();
      expect(read.data).toHaveLength(1);
    });

    test("a booth account owns one device, its booth's: a second device is refused", async () => {
      const r = await as.booth!.rpc('opsdeck_claim_device', { p_device: 'd0000000-0000-7000-8000-0000000000dd' });
      expect(r.error?.code).toBe('42501');
      expect(await n("select count(*)::int as n from public.sync_devices where device_id = 'd0000000-0000-7000-8000-0000000000dd'")).toBe(
        0,
      );
      // Its own device still pushes its booth's rows.
      const ok = await push(as.booth!, BOOTH_DEV, [{ m: 1, t: 'booth_counter_events', r: counter(BOOTH_DEV, B1), b: null }]);
      expect(ok.data).toMatchObject({ applied: 1, rejected: [] });
    });

    test('only an admin moves a device to another account; the new owner pushes as it, the old one no longer', async () => {
      const dev = 'd0000000-0000-7000-8000-0000000000e1';
      expect((await as.installer!.rpc('opsdeck_claim_device', { p_device: dev })).error).toBeNull();
      const viewerId = hub.users.find((u) => u.role === 'viewer')!.id;
      expect((await as.installer!.rpc('opsdeck_move_device', { p_device: dev, p_owner: viewerId })).error?.code).toBe('42501');
      expect((await as.admin!.rpc('opsdeck_move_device', { p_device: dev, p_owner: viewerId })).error).toBeNull();
      expect((await push(as.installer!, dev, [{ m: 1, t: 'audit_log', r: audit(dev), b: null }])).error?.code).toBe('42501');
      const r = await push(as.viewer!, dev, [{ m: 1, t: 'audit_log', r: audit(dev), b: null }]);
      expect(r.error).toBeNull();
      expect(r.data).toMatchObject({ applied: 1, rejected: [] });
    });

    test.runIf(realServer)('a push of 1,000 rows refused one by one answers within the statement timeout, every row reported', async () => {
      const rows = Array.from({ length: 1000 }, (_, i) => ({ m: 100 + i, t: 'booth_counter_events', r: counter(BOOTH_DEV, B3), b: null }));
      const r = await push(as.booth!, BOOTH_DEV, rows);
      expect(r.error).toBeNull();
      expect(r.data.applied).toBe(0);
      expect(r.data.rejected).toHaveLength(1000);
      expect(new Set((r.data.rejected as Array<{ code: string }>).map((x) => x.code))).toEqual(new Set(['42501']));
    });

    more?.(() => hub);
  });
}
