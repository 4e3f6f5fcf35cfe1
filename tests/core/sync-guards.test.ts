import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { syncRound, type RoundSummary } from '@core/modules/sync/engine.js';
import { newId } from '@core/db/ids.js';
import type { Db } from '@core/db/connection.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice } from '../fixtures/sync-devices.js';

/**
 * Sync rules a regression would break silently: the pull cursor moves strictly past what it read,
 * a replayed push skips exactly what the hub already has, and a booth device reads only its own
 * booth's counter rows even when another booth sits behind the same router.
 */
const pw = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const T0 = Date.UTC(2026, 10, 23, 9);

let hub: HubDouble;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
}, 120_000);
afterAll(async () => {
  await hub?.close();
});

function audit(db: Db, device: string, action: string): string {
  const id = newId();
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, action, target, outcome, details, created_at, updated_at, origin_device) VALUES (?, ?, NULL, ?, NULL, 'ok', '{}', ?, ?, ?)`,
  ).run(id, T0, action, T0, T0, device);
  return id;
}

/** Resolves with the round, or with 'did not finish' when the pull loops (a cursor that never moves). */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'did not finish'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<'did not finish'>((r) => (timer = setTimeout(() => r('did not finish'), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

describe('pull paging', () => {
  test('25 rows of one hub transaction: page size 4 reports exactly 25 pulled; page size 1 terminates and reports 25', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const b = await makeSyncDevice(hub, pw('installer').email, pw('installer').password);
    try {
      // Both devices caught up first, so the next pulls carry only the rows made here.
      expect((await a.round()).ok).toBe(true);
      expect((await b.round()).ok).toBe(true);
      expect((await a.round()).ok).toBe(true);
      expect((await b.round()).ok).toBe(true);
      const perTable = new Map<string, number>();
      const round = (pullPage: number) => {
        let last = 0;
        return syncRound({
          db: b.core.ctx.db,
          hub: b.hub,
          deviceId: b.core.ctx.deviceId,
          now: b.core.clock.now,
          pullPage,
          onProgress: (p) => {
            if (p.phase !== 'pull' || !p.table) return;
            perTable.set(p.table, (perTable.get(p.table) ?? 0) + p.done - last);
            last = p.done;
          },
        });
      };

      for (let i = 0; i < 25; i++) audit(a.core.ctx.db, a.core.ctx.deviceId, `page4-${i}`);
      expect((await a.round({ pushBatch: 500 })).ok).toBe(true);
      const s4 = await round(4);
      expect(s4).toMatchObject({ ok: true, pulled: 25 });
      expect(Object.fromEntries(perTable)).toEqual({ audit_log: 25 });
      const count = (prefix: string) =>
        b.core.ctx.db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action LIKE ?`).pluck().get(`${prefix}-%`) as number;
      expect(count('page4')).toBe(25);

      perTable.clear();
      for (let i = 0; i < 25; i++) audit(a.core.ctx.db, a.core.ctx.deviceId, `page1-${i}`);
      expect((await a.round({ pushBatch: 500 })).ok).toBe(true);
      const s1 = (await within(round(1), 20_000)) as RoundSummary | 'did not finish';
      expect(s1).not.toBe('did not finish');
      expect(s1).toMatchObject({ ok: true, pulled: 25 });
      expect(count('page1')).toBe(25);
      // A further round finds nothing left to pull, and asks only the pull plan: no table is read
      // again at its cursor (the plan compares strictly past it).
      const rest = hub.stats.rest;
      expect(await round(1)).toMatchObject({ ok: true, pulled: 0 });
      expect(hub.stats.rest - rest).toBe(0);
    } finally {
      a.dispose();
      b.dispose();
    }
  }, 90_000);
});

describe('pull plan', () => {
  test('lists a table only for rows strictly past its cursor: a cursor at the last row lists nothing, one row before lists it', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    try {
      for (let i = 0; i < 3; i++) audit(a.core.ctx.db, a.core.ctx.deviceId, `plan-${i}`);
      expect((await a.round()).ok).toBe(true);
      const { data: last, error } = await a.hub.data
        .from('audit_log')
        .select('sync_txid,sync_seq')
        .order('sync_txid', { ascending: false })
        .order('sync_seq', { ascending: false })
        .limit(1);
      expect(error).toBeNull();
      const { sync_txid: txid, sync_seq: seq } = last![0] as { sync_txid: number; sync_seq: number };
      expect(seq).toBeGreaterThan(1);
      const plan = async (cursor: [number, number]) => {
        const r = await a.hub.data.rpc('opsdeck_pull_plan', { p_cursors: { audit_log: cursor } });
        expect(r.error).toBeNull();
        return (r.data as { watermark: number; tables: string[] }).tables.includes('audit_log');
      };
      // A round that stopped after a full page leaves the cursor on a real row (here the last one).
      expect(await plan([Number(txid), Number(seq)])).toBe(false);
      expect(await plan([Number(txid), Number(seq) - 1])).toBe(true);
    } finally {
      a.dispose();
    }
  }, 60_000);
});

describe('push replay', () => {
  const DEVICE = 'a0000000-0000-7000-8000-0000000000a1';
  let admin: SupabaseClient;
  const base = { created_at: T0, updated_at: T0, deleted_at: null, origin_device: DEVICE };
  const setting = (key: string) => ({ id: newId(), scope: 'device', device_id: DEVICE, key, value: '1', ...base });
  const auditRow = (action: string) => ({
    id: newId(),
    at: T0,
    user_id: null,
    action,
    target: null,
    outcome: 'ok',
    details: '{}',
    ...base,
  });
  const push = async (mutations: Array<{ m: number; t: string; r: Record<string, unknown> }>) => {
    const res = await admin.rpc('opsdeck_push', { p_device: DEVICE, p_mutations: mutations.map((x) => ({ ...x, b: null })) });
    expect(res.error).toBeNull();
    return res.data as { last: number; applied: number; skipped: number; rejected: unknown[] };
  };
  const version = async (table: string, id: string) =>
    (
      await hub.db.query<{ v: string }>(`select sync_txid::text || '/' || sync_seq::text as v from public.${table} where id = $1`, [id])
    ).rows.map((r) => r.v);

  beforeAll(async () => {
    admin = createClient(hub.url, hub.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    expect((await admin.auth.signInWithPassword({ email: pw('admin').email, password: pw('admin').password })).error).toBeNull();
    expect((await admin.rpc('opsdeck_claim_device', { p_device: DEVICE })).error).toBeNull();
  });

  for (const [table, make] of [
    ['settings (mutable)', setting],
    ['audit_log (ledger)', auditRow],
  ] as const) {
    test(`${table}: a push of [already applied, new] applies 1 and skips 1; the applied row is not written again`, async () => {
      const t = table.split(' ')[0]!;
      const last = Number((await admin.rpc('opsdeck_claim_device', { p_device: DEVICE })).data);
      const first = make(`first-${last}`);
      const second = make(`second-${last}`);
      // The already-applied mutation is the device's last one (m = the hub's counter): the edge a `>=` would cross.
      expect(await push([{ m: last + 1, t, r: first }])).toMatchObject({ last: last + 1, applied: 1, skipped: 0, rejected: [] });
      const v1 = await version(t, first.id);
      expect(v1).toHaveLength(1);
      expect(
        await push([
          { m: last + 1, t, r: first },
          { m: last + 2, t, r: second },
        ]),
      ).toMatchObject({ last: last + 2, applied: 1, skipped: 1, rejected: [] });
      expect(await version(t, first.id)).toEqual(v1);
      expect(await version(t, second.id)).toHaveLength(1);
      // The whole batch again: nothing applied, both skipped.
      expect(
        await push([
          { m: last + 1, t, r: first },
          { m: last + 2, t, r: second },
        ]),
      ).toMatchObject({ applied: 0, skipped: 2 });
    });
  }
});

describe('booth counter rows behind a shared router', () => {
  test('a booth device sees none of the counter rows of another booth on the same router, only its own booth rows written elsewhere', async () => {
    const B1 = DEMO_BOOTH_IDS[0];
    const OTHER = 'c0000000-0000-7000-8000-0000000000c2';
    const OFFICE = 'a0000000-0000-7000-8000-0000000000c0';
    const svc = createClient(hub.url, hub.serviceKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
    const base = { created_at: T0, updated_at: T0, deleted_at: null, origin_device: OFFICE };
    const booth = (id: string, name: string) => ({
      id,
      name,
      hostname: null,
      mac: null,
      pc_address: null,
      tailscale_address: null,
      router_address: '10.42.0.1',
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
      ...base,
    });
    const counter = (id: string, boothId: string) => ({
      id,
      booth_id: boothId,
      event_id: null,
      kind: 'paper_reload',
      count: 1,
      correction: 0,
      prints_delta: 700,
      occurred_at: T0,
      trigger_type: null,
      raw_trigger: null,
      user_id: null,
      ...base,
    });
    const seedRows: Array<[string, Record<string, unknown>]> = [
      ['booths', booth(B1, 'Guard B1')],
      ['booths', booth(OTHER, 'Guard B2 same router')],
      ['booth_counter_events', counter('gc-b1-office', B1)],
      ['booth_counter_events', counter('gc-b2-office-1', OTHER)],
      ['booth_counter_events', counter('gc-b2-office-2', OTHER)],
    ];
    for (const [table, row] of seedRows) {
      const r = await svc.from(table).upsert(row);
      expect(r.error, `${table}: ${r.error?.message}`).toBeNull();
    }
    const u = DEMO_HUB_USERS.find((x) => x.role === 'booth' && x.boothId === B1)!;
    const c = createClient(hub.url, hub.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    });
    expect((await c.auth.signInWithPassword({ email: u.email, password: u.password })).error).toBeNull();
    // The two booths really share a router: the booth device sees the other booth itself (wake relays need it).
    expect((await c.from('booths').select('id').eq('id', OTHER)).data).toEqual([{ id: OTHER }]);
    const { data, error } = await c.from('booth_counter_events').select('id, booth_id');
    expect(error).toBeNull();
    expect(data!.filter((r) => r.booth_id === OTHER)).toEqual([]);
    expect(data!.map((r) => r.id)).toContain('gc-b1-office');
    expect((await c.from('booth_counter_events').select('id').eq('booth_id', OTHER)).data).toEqual([]);
  });
});
