import { describe, test, expect, beforeAll, afterAll, afterEach } from 'vitest';
import WebSocket from 'ws';
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { SyncService, installSyncService, type SyncServiceDeps } from '@core/modules/sync/service.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
const booth = DEMO_HUB_USERS.find((u) => u.role === 'booth')!;

let hub: HubDouble;
const cores: TestCore[] = [];
const stops: Array<() => void> = [];
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
}, 60_000);
afterAll(async () => {
  await hub?.close();
});
afterEach(() => {
  for (const s of stops.splice(0)) s();
  for (const c of cores.splice(0)) c.dispose();
  hub.realtime.mode = 'on';
});

function core(): TestCore {
  const c = createTestCore({ start: Date.now() });
  cores.push(c);
  return c;
}

/** A device whose sync schedule runs (as in the app), signed in to the double. */
async function scheduledDevice(user: { email: string; password: string }, deps: SyncServiceDeps, intervalMinutes = 60) {
  const c = core();
  const svc = new SyncService(c.ctx, deps);
  installSyncService(c.ctx, svc);
  stops.push(svc.start());
  await c.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes, enabled: true });
  await c.router.call('sync.signIn', { email: user.email, password: user.password });
  return { c, svc };
}

async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return { value: v, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * How long a test waits for the hinted pull. Generous on purpose (a loaded CI machine is slow);
 * it is not what the test measures: with B's schedule an hour away, only the hint can deliver.
 */
const HINT_WAIT_MS = 30_000;

const hasDevice = (c: TestCore, id: string) => c.ctx.db.prepare('SELECT 1 FROM devices WHERE id = ?').get(id) !== undefined;

describe('Realtime double: the postgres_changes wire as supabase-js 2.x speaks it', () => {
  test('join with bindings, change payloads after commit, RLS per subscriber, bad JWT refused', async () => {
    const a = core();
    await a.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
    await a.router.call('sync.signIn', { email: admin.email, password: admin.password });

    const listen = async (email: string | null, password?: string, token?: string) => {
      const client = createClient(hub.url, hub.anonKey, {
        realtime: { transport: WebSocket as never },
        auth: { persistSession: false, autoRefreshToken: false },
      });
      if (email) expect((await client.auth.signInWithPassword({ email, password: password! })).error).toBeNull();
      if (token) await client.realtime.setAuth(token);
      const events: Array<{ table: string; eventType: string; new: Record<string, unknown>; commit_timestamp: string; schema: string }> =
        [];
      const ch: RealtimeChannel = client.channel(`t-${email ?? 'anon'}-${Math.random()}`);
      ch.on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'devices' }, (p) => events.push(p as never));
      ch.on('postgres_changes', { event: '*', schema: 'public', table: 'audit_log' }, (p) => events.push(p as never));
      const status = await new Promise<{ status: string; err?: Error }>((resolve) =>
        ch.subscribe((status, err) => status !== 'CLOSED' && resolve({ status, err })),
      );
      return { client, events, status, close: () => client.removeAllChannels().then(() => client.realtime.disconnect()) };
    };

    const staff = await listen(installer.email, installer.password);
    const boothDev = await listen(booth.email, booth.password);
    const forged = await listen(null, undefined, `${hub.anonKey.slice(0, -4)}AAAA`);
    try {
      expect(staff.status.status).toBe('SUBSCRIBED');
      expect(boothDev.status.status).toBe('SUBSCRIBED');
      expect(forged.status.status).toBe('CHANNEL_ERROR');
      expect(String(forged.status.err?.message)).toMatch(/Invalid JWT/);

      const r = await a.router.call('sync.now', {});
      expect(r.ok).toBe(true);
      const got = await until<{ schema: string; eventType: string; commit_timestamp: string; new: Record<string, unknown> } | undefined>(
        'the installer to hear of the pushed device row',
        () => staff.events.find((e) => e.table === 'devices' && e.new.id === a.ctx.deviceId),
        5_000,
      );
      expect(got.value!).toMatchObject({ schema: 'public', eventType: 'INSERT', new: { id: a.ctx.deviceId, sync_writer: a.ctx.deviceId } });
      expect(Number.isNaN(Date.parse(got.value!.commit_timestamp))).toBe(false);
      expect(typeof got.value!.new.sync_seq).toBe('number');
      expect(staff.events.some((e) => e.table === 'audit_log')).toBe(true);
      // RLS applies: a booth device does not read another device's row or the office's audit log.
      await new Promise((r2) => setTimeout(r2, 300));
      expect(boothDev.events.filter((e) => e.new.id === a.ctx.deviceId || e.table === 'audit_log')).toEqual([]);
      expect(hub.realtime.stats.refusedJoins).toBeGreaterThanOrEqual(1);
    } finally {
      await Promise.all([staff.close(), boothDev.close(), forged.close()]);
    }
  }, 60_000);
});

describe('the core: a change on the hub is a hint to pull now', () => {
  test('device B pulls on the hint of device A pushing, long before its hourly schedule', async () => {
    const b = await scheduledDevice(admin, { hintDebounceMs: 300 });
    await until('B to subscribe', () => b.svc.status().realtime === 'live', 10_000);
    // Let B's own sign-in round finish and settle.
    await until('B idle', () => !b.svc.status().running && b.svc.status().lastRound !== null, 10_000);
    const roundsBefore = b.svc.status().lastRound!.finishedAt;
    // Only the hint can bring A's row: B's last round succeeded (no backoff retry pending) and its
    // next scheduled round is an hour away, far beyond this test's whole budget.
    expect(b.svc.status().lastRound!.ok).toBe(true);
    expect(b.svc.status().nextRunAt! - b.c.clock.now()).toBeGreaterThan(50 * 60_000);
    const delivered = hub.realtime.stats.delivered;

    const a = core();
    await a.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
    await a.router.call('sync.signIn', { email: installer.email, password: installer.password });
    expect(hasDevice(b.c, a.ctx.deviceId)).toBe(false);
    const pushedAt = Date.now();
    expect((await a.router.call('sync.now', {})).ok).toBe(true);
    const seen = await until("A's device row on B", () => hasDevice(b.c, a.ctx.deviceId), HINT_WAIT_MS);
    // How long it took is for information only (load on the machine decides it, not the code).
    const lag = Date.now() - pushedAt;
    expect(hub.realtime.stats.delivered).toBeGreaterThan(delivered);
    await until('B between rounds', () => !b.svc.status().running, HINT_WAIT_MS);
    expect(b.svc.status().lastRound!.finishedAt).toBeGreaterThanOrEqual(roundsBefore);
    console.log(`realtime hint: A's push visible on B after ${lag} ms (polled ${seen.ms} ms)`);
  }, 60_000);

  test("B's own pushes do not wake B up again (its own writes are not news)", async () => {
    const b = await scheduledDevice(admin, { hintDebounceMs: 200 });
    await until('B to subscribe', () => b.svc.status().realtime === 'live', 10_000);
    await until('B idle', () => !b.svc.status().running && b.svc.status().lastRound !== null, 10_000);
    const first = b.svc.status().lastRound!.finishedAt;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(b.svc.status().lastRound!.finishedAt).toBe(first);
  }, 60_000);

  for (const mode of ['off', 'drop'] as const) {
    test(`a broken Realtime endpoint (${mode}) leaves the polling schedule working`, async () => {
      hub.realtime.mode = mode;
      // A "minute" of 400 ms: the 1-minute schedule polls every 0.4 s.
      const b = await scheduledDevice(admin, { minuteMs: 400, realtime: { retryDelaysMs: [200] } }, 1);
      await until(
        'the hint to report its failure',
        () => b.svc.status().realtime === 'error' || b.svc.status().realtime === 'connecting',
        5_000,
      );
      const a = core();
      await a.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
      await a.router.call('sync.signIn', { email: installer.email, password: installer.password });
      expect((await a.router.call('sync.now', {})).ok).toBe(true);
      // The row lands while B's round is still running (pages are applied as they come); the
      // round's outcome is recorded when it ends, so wait for B to be between rounds.
      await until("A's device row on B by polling", () => hasDevice(b.c, a.ctx.deviceId), 6_000);
      await until('B between rounds', () => !b.svc.status().running && b.svc.status().lastRound !== null, 6_000);
      const st = b.svc.status();
      expect(st.realtime).not.toBe('live');
      expect(st.lastRound?.ok).toBe(true);
      expect(st.nextRunAt).not.toBeNull();
    }, 60_000);
  }

  test('2-second tokens: every call refreshes (once: the session survives), realtime-js takes the fresh token at each heartbeat and the hint stays live', async () => {
    const shortHub = await startHubDouble({ users: DEMO_HUB_USERS, accessTtlSeconds: 2 });
    try {
      const mk = async (user: { email: string; password: string }, deps: SyncServiceDeps) => {
        const c = core();
        const svc = new SyncService(c.ctx, deps);
        installSyncService(c.ctx, svc);
        stops.push(svc.start());
        await c.router.call('sync.configure', { hubUrl: shortHub.url, anonKey: shortHub.anonKey, intervalMinutes: 60, enabled: true });
        await c.router.call('sync.signIn', { email: user.email, password: user.password });
        return { c, svc };
      };
      const b = await mk(admin, { hintDebounceMs: 200, realtime: { heartbeatIntervalMs: 500, retryDelaysMs: [200] } });
      await until('B to subscribe', () => b.svc.status().realtime === 'live', 10_000);
      // Well past the first token's lifetime.
      await new Promise((r) => setTimeout(r, 4_000));
      // Only the hint can bring A's row: B is between rounds, its last one succeeded (no backoff
      // retry pending) and its next scheduled round is an hour away, far beyond this test's budget.
      await until('B idle', () => !b.svc.status().running && b.svc.status().lastRound !== null, 10_000);
      expect(b.svc.status().lastRound!.ok).toBe(true);
      expect(b.svc.status().nextRunAt! - b.c.clock.now()).toBeGreaterThan(50 * 60_000);
      const a = core();
      await a.router.call('sync.configure', { hubUrl: shortHub.url, anonKey: shortHub.anonKey, intervalMinutes: 60, enabled: true });
      await a.router.call('sync.signIn', { email: installer.email, password: installer.password });
      expect((await a.router.call('sync.now', {})).ok).toBe(true);
      const seen = await until("A's device row on B", () => hasDevice(b.c, a.ctx.deviceId), HINT_WAIT_MS);
      console.log(`realtime hint with 2-second tokens: A's push visible on B after ${seen.ms} ms`);
      expect(shortHub.realtime.stats.delivered).toBeGreaterThan(0);
    } finally {
      for (const s of stops.splice(0)) s();
      await shortHub.close();
    }
  }, 120_000);
});
