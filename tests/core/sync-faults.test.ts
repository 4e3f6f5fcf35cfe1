import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { createRandom } from '@core/demo/random.js';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { newId } from '@core/db/ids.js';
import type { Db } from '@core/db/connection.js';
import { insertBooth } from '@core/db/repos/booths.js';
import { appendCounter } from '@core/db/repos/boothCounters.js';
import { insertHealth } from '@core/db/repos/boothHealth.js';
import { createTestCore } from '../fixtures/core.js';
import { makeSyncDevice } from '../fixtures/sync-devices.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';

const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const BIN = path.resolve(import.meta.dirname, '../../bin/opsdeck.mjs');
/** The issue asks for 20 kill trials; CI runs fewer unless OPSDECK_SYNC_KILL_TRIALS says otherwise. */
const KILL_TRIALS = Number(process.env.OPSDECK_SYNC_KILL_TRIALS ?? 8);
const FAULT_ROUNDS = Number(process.env.OPSDECK_SYNC_FAULT_ROUNDS ?? 25);

let hub: HubDouble;

/** Runs the CLI without blocking this process (the hub double lives here). */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}
/** Catalog and booth the installer's ledger rows refer to, created by an admin device and on the hub before the faults start. */
let biz: { product: string; location: string; booth: string };
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
  const office = await makeSyncDevice(hub, admin.email, admin.password);
  try {
    const product = (await office.core.router.call('catalog.products.create', { sku: 'FAULT-1', name: 'Papier', cost: 1 })).id;
    const location = (await office.core.router.call('stock.locations.create', { name: 'Dépôt fautes', kind: 'warehouse' })).id;
    const booth = insertBooth(
      office.core.ctx.db,
      { name: 'Borne fautes', mac: '00:1A:2B:3C:4D:99' },
      { now: office.core.clock.now(), device: office.core.ctx.deviceId },
    ).id;
    expect((await office.round()).ok).toBe(true);
    biz = { product, location, booth };
  } finally {
    office.dispose();
  }
}, 120_000);
afterAll(async () => {
  await hub?.close();
});

/** Ledger rows written, by table: each must end on the hub exactly once. */
type Ledgers = Record<'audit_log' | 'stock_movements' | 'booth_counter_events' | 'booth_health', Set<string>>;
const newLedgers = (): Ledgers => ({
  audit_log: new Set(),
  stock_movements: new Set(),
  booth_counter_events: new Set(),
  booth_health: new Set(),
});

/** Audit rows and settings always; stock movements, counter events and health samples once the catalog and booth are here. */
function writeSome(db: Db, device: string, now: number, rnd: () => number, ledger: Ledgers, n: number): void {
  const business = db.prepare('SELECT 1 FROM booths WHERE id = ?').get(biz.booth) !== undefined;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (business && r < 0.15) {
      const id = newId();
      db.prepare(
        `INSERT INTO stock_movements (id, product_id, location_id, type, quantity, direction, delta, reason, occurred_at, source, created_at, updated_at, origin_device)
         VALUES (?, ?, ?, 'in', 1, 1, 1, 'fault', ?, 'manual', ?, ?, ?)`,
      ).run(id, biz.product, biz.location, now, now, now, device);
      ledger.stock_movements.add(id);
    } else if (business && r < 0.3) {
      ledger.booth_counter_events.add(
        appendCounter(
          db,
          { boothId: biz.booth, eventId: null, kind: 'session', count: 1, occurredAt: now, triggerType: 'session_start' },
          { now, device },
        ).id,
      );
    } else if (business && r < 0.4) {
      insertHealth(
        db,
        biz.booth,
        {
          sampledAt: now,
          cpuPct: 1,
          memUsedPct: 1,
          diskFreeBytes: 1,
          diskFreePct: 1,
          temperatureC: 30,
          batteryPct: null,
          uptimeS: 1,
          latencyMs: 1,
        },
        { now, device },
      );
      ledger.booth_health.add((db.prepare('SELECT id FROM booth_health ORDER BY rowid DESC LIMIT 1').get() as { id: string }).id);
    } else if (r < 0.7) {
      const id = newId();
      db.prepare(
        `INSERT INTO audit_log (id, at, action, outcome, details, created_at, updated_at, origin_device) VALUES (?, ?, 'fault', 'ok', '{}', ?, ?, ?)`,
      ).run(id, now, now, now, device);
      ledger.audit_log.add(id);
    } else {
      db.prepare(
        `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES (?, 'device', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, device_id, key) DO UPDATE SET value = excluded.value, updated_at = MAX(settings.updated_at, excluded.updated_at)`,
      ).run(newId(), device, `f${Math.floor(rnd() * 5)}`, JSON.stringify(rnd()), now, now, device);
    }
  }
}

/** Zero lost, zero duplicated: every ledger row once on the hub, every setting at the device's value. */
async function expectHubHasExactly(db: Db, device: string, ledgers: Ledgers): Promise<void> {
  for (const [table, ledger] of Object.entries(ledgers)) {
    const rows = (
      await hub.db.query<{ id: string; n: number }>(`select id, count(*)::int as n from ${table} where id = any($1) group by id`, [
        [...ledger],
      ])
    ).rows;
    expect(rows.length, table).toBe(ledger.size);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }
  expect(ledgers.stock_movements.size + ledgers.booth_counter_events.size).toBeGreaterThan(0);
  const local = db.prepare(`SELECT id, value FROM settings WHERE device_id = ? AND key LIKE 'f%' ORDER BY id`).all(device) as Array<{
    id: string;
    value: string;
  }>;
  const remote = (
    await hub.db.query<{ id: string; value: string }>(`select id, value from settings where device_id = $1 and key like 'f%' order by id`, [
      device,
    ])
  ).rows;
  expect(remote).toEqual(local);
  // Left for the next round: the CLI's audit of its own sync.* calls and the device row that
  // opening the core touches (last seen).
  expect(
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox o WHERE o.table_name <> 'devices' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = o.row_id AND a.action LIKE 'sync.%')`,
      )
      .get(),
  ).toEqual({ n: 0 });
  expect(db.prepare("SELECT table_name, code, message FROM dead_letters WHERE table_name <> 'users'").all()).toEqual([]);
}

/** The seed of a fault run: OPSDECK_SYNC_SEED replays a failed run's schedule exactly. */
const FAULT_SEED = Number(process.env.OPSDECK_SYNC_SEED ?? 11);

/** Says how to replay a failed fault run (the seed and the last connections), then fails as it did. */
async function withReplayHint<T>(seed: number, proxy: FaultProxy, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    console.error(
      `sync-faults failed with seed ${seed}: replay with OPSDECK_SYNC_SEED=${seed}; connections by fault ${JSON.stringify(proxy.counts)}; last connections:\n` +
        proxy.log
          .slice(-40)
          .map((c, i, a) => `  #${proxy.log.length - a.length + i + 1} ${c.fault} ${c.request}`)
          .join('\n'),
    );
    throw e;
  }
}

describe('faults', () => {
  test('the fault proxy draws once per request, however fast the client calls again (a seed is one schedule)', async () => {
    // It used to close a connection after 30 ms of silence: a client calling again sooner reused
    // it without a draw, a slower one (a loaded CI machine) drew for every call, so one seed played
    // different schedules. Two calls back to back on a keep-alive agent must meet two draws.
    const proxy = await startFaultProxy(hub, createRandom(FAULT_SEED).next, { pass: 1 }, { calm: true });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        http
          .get(`${proxy.url}/auth/v1/settings`, { agent, headers: { apikey: hub.anonKey } }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          })
          .on('error', reject);
      });
    try {
      const answers = [await get(), await get(), await get()];
      expect(answers.map((a) => a.connection)).toEqual(['close', 'close', 'close']);
      expect(proxy.log.map((c) => c.request)).toEqual(Array(3).fill('GET /auth/v1/settings HTTP/1.1'));
    } finally {
      agent.destroy();
      await proxy.close();
    }
  });

  test(`a proxy that drops, delays, resets, cuts answers short and answers 5xx/429 (${FAULT_ROUNDS} rounds): nothing lost, nothing doubled`, async () => {
    const rnd = createRandom(FAULT_SEED).next;
    // One draw per request: mostly passing, so that some rounds get through whole. The proxy starts
    // calm for the sign-in (what is under test is the sync round, not the sign-in screen).
    const proxy = await startFaultProxy(hub, rnd, { pass: 28, cut: 1 }, { calm: true });
    // Every request the device makes (its own retries and supabase-js's included), to compare with the proxy's connections.
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const d = await makeSyncDevice(hub, installer.email, installer.password, { url: proxy.url, fetch: counting });
    requests = 0;
    proxy.log.length = 0;
    proxy.storm();
    const ledger = newLedgers();
    try {
      await withReplayHint(FAULT_SEED, proxy, async () => {
        const db = d.core.ctx.db;
        // The catalog and booth arrive first (through the faults: retried until a round succeeds).
        let tries = 0;
        while (!(await d.round({ pullPage: 50 })).ok) expect(++tries).toBeLessThan(50);
        let failed = 0;
        for (let i = 0; i < FAULT_ROUNDS; i++) {
          d.core.clock.advance(1000);
          writeSome(db, d.core.ctx.deviceId, d.core.clock.now(), rnd, ledger, 1 + Math.floor(rnd() * 30));
          const s = await d.round({ pushBatch: 7, pullPage: 5 });
          if (!s.ok) {
            failed++;
            expect(s.error?.kind, `round ${i}: ${s.error?.message}`).toBe('transient');
          }
        }
        proxy.calm();
        const calm = await d.round();
        expect(calm.ok, calm.error?.message).toBe(true);
        await expectHubHasExactly(db, d.core.ctx.deviceId, ledger);
        // Another device pulls the same rows once each.
        const other = await makeSyncDevice(hub, admin.email, admin.password);
        try {
          expect((await other.round({ pullPage: 50 })).ok).toBe(true);
          const n = (
            other.core.ctx.db
              .prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'fault' AND origin_device = ?`)
              .get(d.core.ctx.deviceId) as { n: number }
          ).n;
          expect(n).toBe(ledger.audit_log.size);
          // The pulled movements and counters move the other device's derived values exactly once.
          const bal = other.core.ctx.db
            .prepare('SELECT on_hand FROM stock_balances WHERE product_id = ? AND location_id = ?')
            .get(biz.product, biz.location) as { on_hand: number } | undefined;
          expect(bal?.on_hand ?? 0).toBe(ledger.stock_movements.size);
          const mine = (
            other.core.ctx.db
              .prepare(`SELECT COUNT(*) AS n FROM booth_counter_events WHERE origin_device = ?`)
              .get(d.core.ctx.deviceId) as {
              n: number;
            }
          ).n;
          expect(mine).toBe(ledger.booth_counter_events.size);
        } finally {
          other.dispose();
        }
        console.info(
          `fault proxy (seed ${FAULT_SEED}): ${FAULT_ROUNDS} rounds, ${failed} failed and retried; connections by fault: ${JSON.stringify(proxy.counts)}`,
        );
        expect(proxy.counts.pass).toBeGreaterThan(0);
        expect(failed).toBeGreaterThan(0);
        // One draw per request: the schedule is the seed's alone.
        expect(proxy.log.length).toBe(requests);
      });
    } finally {
      d.dispose();
      await proxy.close();
    }
  }, 240_000);

  test(`the sync process killed (SIGKILL) at random points ${KILL_TRIALS} times: nothing lost, nothing doubled`, async () => {
    const rnd = createRandom(Number(process.env.OPSDECK_SYNC_SEED ?? 12)).next;
    const seed = createTestCore();
    const dbPath = path.join(seed.dir, 'agent.db');
    seed.close();
    const open = () => createCore({ dbPath, shell: 'headless', log: memoryLogger(), services: false });
    const ledger = newLedgers();
    let c = open();
    const device = c.ctx.deviceId;
    writeSome(c.ctx.db, device, Date.now(), rnd, ledger, 200);
    c.close();
    const first = await runCli(['sync', '--db', dbPath, '--hub', hub.url, '--key', hub.anonKey, '--email', installer.email], {
      OPSDECK_HUB_PASSWORD: installer.password,
    });
    expect(first.code, first.out).toBe(0);
    let killedMidway = 0;
    for (let trial = 0; trial < KILL_TRIALS; trial++) {
      c = open();
      writeSome(c.ctx.db, device, Date.now(), rnd, ledger, 100 + Math.floor(rnd() * 400));
      c.close();
      const child = spawn(process.execPath, [BIN, 'sync', '--db', dbPath], { stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const timer = setTimeout(() => child.kill('SIGKILL'), 300 + Math.floor(rnd() * 2500));
      const code = await exited;
      clearTimeout(timer);
      if (code === null) killedMidway++;
    }
    const last = await runCli(['sync', '--db', dbPath]);
    expect(last.code, last.out).toBe(0);
    expect(JSON.parse(last.out.trim().split('\n').pop()!)).toMatchObject({ ok: true, pending: 0 });
    c = open();
    try {
      await expectHubHasExactly(c.ctx.db, device, ledger);
    } finally {
      c.close();
    }
    console.info(
      `SIGKILL: ${KILL_TRIALS} trials, ${killedMidway} killed before finishing, ledger rows ${JSON.stringify(Object.fromEntries(Object.entries(ledger).map(([t, v]) => [t, v.size])))}`,
    );
    expect(killedMidway).toBeGreaterThan(0);
  }, 600_000);
});
