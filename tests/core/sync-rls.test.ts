import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';

/** Every role × table × operation against the real engine (PGlite) under the role's JWT. */
type Who = 'admin' | 'installer' | 'viewer' | 'booth' | 'anon';
const WHO: Who[] = ['admin', 'installer', 'viewer', 'booth', 'anon'];
const DEV = { admin: 'a0000000-0000-7000-8000-000000000001', installer: 'a0000000-0000-7000-8000-000000000002', viewer: 'a0000000-0000-7000-8000-000000000003', booth: 'a0000000-0000-7000-8000-000000000004', anon: 'a0000000-0000-7000-8000-000000000005' };
const OTHER_DEVICE = 'a0000000-0000-7000-8000-0000000000ff';
const T = 1_795_000_000_000;

let hub: HubDouble;
const clients = new Map<Who, SupabaseClient>();
let seq = 0;
const newId = () => `b0000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

const base = (device: string) => ({ created_at: T, updated_at: T, deleted_at: null, origin_device: device });
const rowsFor = {
  devices: (who: Who, own: boolean) => ({ id: own ? DEV[who] : newId(), name: 'Dev', mode: 'office', platform: 'linux', last_seen_at: T, ...base(DEV[who]) }),
  users: (who: Who) => ({ id: newId(), email: `${newId()}@x.test`, display_name: 'U', role: 'viewer', active: 1, ...base(DEV[who]) }),
  settings_global: (who: Who) => ({ id: newId(), scope: 'global', device_id: '', key: `k${seq}`, value: '1', ...base(DEV[who]) }),
  settings_own: (who: Who) => ({ id: newId(), scope: 'device', device_id: DEV[who], key: `k${seq}`, value: '1', ...base(DEV[who]) }),
  settings_other: (who: Who) => ({ id: newId(), scope: 'device', device_id: OTHER_DEVICE, key: `k${seq}`, value: '1', ...base(DEV[who]) }),
  audit_own: (who: Who) => ({ id: newId(), at: T, user_id: null, action: 'x', target: null, outcome: 'ok', details: '{}', ...base(DEV[who]) }),
  audit_other: (who: Who) => ({ id: newId(), at: T, user_id: null, action: 'x', target: null, outcome: 'ok', details: '{}', ...base(OTHER_DEVICE) }),
  conflicts: (who: Who) => ({ id: newId(), table_name: 'x', row_id: 'y', winner: '{}', loser: '{}', detected_at: T, ...base(DEV[who]) }),
};
const TABLE_OF: Record<keyof typeof rowsFor, string> = {
  devices: 'devices', users: 'users', settings_global: 'settings', settings_own: 'settings', settings_other: 'settings', audit_own: 'audit_log', audit_other: 'audit_log', conflicts: 'conflicts',
};

async function hubCount(table: string): Promise<number> {
  return (await hub.db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;
}

beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
  for (const who of WHO) {
    const c = createClient(hub.url, hub.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } });
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
  const seed = await svc.from('devices').insert({ id: OTHER_DEVICE, name: 'Other', mode: 'booth', platform: null, last_seen_at: null, ...base(OTHER_DEVICE) });
  expect(seed.error).toBeNull();
  await svc.from('users').insert({ id: 'u-seed', email: 'seed@x.test', display_name: 'Seed', role: 'viewer', active: 1, ...base(OTHER_DEVICE) });
  await svc.from('settings').insert({ id: 's-seed', scope: 'global', device_id: '', key: 'seed', value: '1', ...base(OTHER_DEVICE) });
  await svc.from('settings').insert({ id: 's-other', scope: 'device', device_id: OTHER_DEVICE, key: 'seed', value: '1', ...base(OTHER_DEVICE) });
  await svc.from('audit_log').insert({ id: 'a-seed', at: T, user_id: null, action: 'seed', target: null, outcome: 'ok', details: '{}', ...base(OTHER_DEVICE) });
  await hub.db.query(`insert into public.conflicts (table_name, row_id, winner, loser, detected_at, created_at, updated_at) values ('x','y','{}','{}',1,1,1)`);
}, 120_000);
afterAll(async () => {
  await hub?.close();
});

const yes = (...w: Who[]) => (who: Who) => w.includes(who);

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
        await clients.get(who)!.from(table).update({ [col]: value }).eq('id', id);
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
    const r = await clients.get('viewer')!.rpc('opsdeck_push', { p_device: DEV.viewer, p_mutations: [{ m: 1, t: 'settings', r: row, b: null }] });
    expect(r.error).toBeNull();
    expect(r.data.rejected).toEqual([{ m: 1, code: '42501', message: expect.stringContaining('row-level security') }]);
    expect((await hub.db.query('select 1 from public.settings where id = $1', [row.id])).rows).toHaveLength(0);
    const again = await clients.get('viewer')!.rpc('opsdeck_push', { p_device: DEV.viewer, p_mutations: [{ m: 1, t: 'settings', r: row, b: null }] });
    expect(again.data).toMatchObject({ skipped: 1, applied: 0, rejected: [] });
  });
  test('a push naming an unsynced table is refused for that row only', async () => {
    const ok = rowsFor.audit_own('installer');
    const r = await clients.get('installer')!.rpc('opsdeck_push', {
      p_device: DEV.installer,
      p_mutations: [{ m: 10, t: 'pg_authid', r: { id: 'x' }, b: null }, { m: 11, t: 'audit_log', r: ok, b: null }],
    });
    expect(r.error).toBeNull();
    expect(r.data).toMatchObject({ applied: 1, rejected: [{ m: 10, code: '42P01' }] });
  });
  test('malformed mutations are a clear 400 and change nothing', async () => {
    const before = await hubCount('audit_log');
    const r = await clients.get('admin')!.rpc('opsdeck_push', { p_device: DEV.admin, p_mutations: [{ m: 'x', t: 'audit_log', r: {} }] });
    expect(r.status).toBe(400);
    expect(r.error?.message).toMatch(/every mutation needs/);
    expect(await hubCount('audit_log')).toBe(before);
  });
});
