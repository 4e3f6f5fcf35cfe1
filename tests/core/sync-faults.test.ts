import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { startFaultProxy } from '../fixtures/fault-proxy.js';
import { makeSyncDevice } from '../fixtures/sync-devices.js';
import { createRandom } from '../../electron/core/demo/random.js';
import { createCore } from '../../electron/core/entry.js';
import { memoryLogger } from '../../electron/core/ports/log.js';
import { newId } from '../../electron/core/db/ids.js';
import { createTestCore } from '../fixtures/core.js';
import type { Db } from '../../electron/core/db/connection.js';

const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const BIN = path.resolve(import.meta.dirname, '../../bin/opsdeck.mjs');
/** The issue asks for 20 kill trials; CI runs fewer unless OPSDECK_SYNC_KILL_TRIALS says otherwise. */
const KILL_TRIALS = Number(process.env.OPSDECK_SYNC_KILL_TRIALS ?? 8);
const FAULT_ROUNDS = Number(process.env.OPSDECK_SYNC_FAULT_ROUNDS ?? 25);

let hub: HubDouble;

/** Runs the CLI without blocking this process (the hub double lives here). */
function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
}, 60_000);
afterAll(async () => {
  await hub?.close();
});

function writeSome(db: Db, device: string, now: number, rnd: () => number, ledger: Set<string>, n: number): void {
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.6) {
      const id = newId();
      db.prepare(`INSERT INTO audit_log (id, at, action, outcome, details, created_at, updated_at, origin_device) VALUES (?, ?, 'fault', 'ok', '{}', ?, ?, ?)`).run(id, now, now, now, device);
      ledger.add(id);
    } else {
      db.prepare(
        `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES (?, 'device', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, device_id, key) DO UPDATE SET value = excluded.value, updated_at = MAX(settings.updated_at, excluded.updated_at)`,
      ).run(newId(), device, `f${Math.floor(rnd() * 5)}`, JSON.stringify(rnd()), now, now, device);
    }
  }
}

/** Zero lost, zero duplicated: every ledger row once on the hub, every setting at the device's value. */
async function expectHubHasExactly(db: Db, device: string, ledger: Set<string>): Promise<void> {
  const rows = (await hub.db.query<{ id: string; n: number }>(`select id, count(*)::int as n from audit_log where id = any($1) group by id`, [[...ledger]])).rows;
  expect(rows.length).toBe(ledger.size);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  const local = db.prepare(`SELECT id, value FROM settings WHERE device_id = ? AND key LIKE 'f%' ORDER BY id`).all(device) as Array<{ id: string; value: string }>;
  const remote = (await hub.db.query<{ id: string; value: string }>(`select id, value from settings where device_id = $1 and key like 'f%' order by id`, [device])).rows;
  expect(remote).toEqual(local);
  // Left for the next round: the CLI's audit of its own sync.* calls and the device row that
  // opening the core touches (last seen).
  expect(
    db.prepare(`SELECT COUNT(*) AS n FROM outbox o WHERE o.table_name <> 'devices' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = o.row_id AND a.action LIKE 'sync.%')`).get(),
  ).toEqual({ n: 0 });
  expect(db.prepare("SELECT table_name, code, message FROM dead_letters WHERE table_name <> 'users'").all()).toEqual([]);
}

describe('faults', () => {
  test(`a proxy that drops, delays, resets and answers 5xx/429 (${FAULT_ROUNDS} rounds): nothing lost, nothing doubled`, async () => {
    const rnd = createRandom(Number(process.env.OPSDECK_SYNC_SEED ?? 11)).next;
    const proxy = await startFaultProxy(hub, rnd, { pass: 6 });
    const d = await makeSyncDevice(hub, installer.email, installer.password, { url: proxy.url });
    const ledger = new Set<string>();
    try {
      const db = d.core.ctx.db;
      let failed = 0;
      for (let i = 0; i < FAULT_ROUNDS; i++) {
        d.core.clock.advance(1000);
        writeSome(db, d.core.ctx.deviceId, d.core.clock.now(), rnd, ledger, 1 + Math.floor(rnd() * 30));
        const s = await d.round({ pushBatch: 7, pullPage: 5 });
        if (!s.ok) {
          failed++;
          expect(s.error?.kind, s.error?.message).toBe('transient');
        }
      }
      proxy.calm();
      expect((await d.round()).ok).toBe(true);
      await expectHubHasExactly(db, d.core.ctx.deviceId, ledger);
      // Another device pulls the same rows once each.
      const other = await makeSyncDevice(hub, admin.email, admin.password);
      expect((await other.round({ pullPage: 50 })).ok).toBe(true);
      const n = (other.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'fault' AND origin_device = ?`).get(d.core.ctx.deviceId) as { n: number }).n;
      expect(n).toBe(ledger.size);
      other.dispose();
      console.info(`fault proxy: ${FAULT_ROUNDS} rounds, ${failed} failed and retried; connections by fault: ${JSON.stringify(proxy.counts)}`);
      expect(proxy.counts.pass).toBeGreaterThan(0);
      expect(failed).toBeGreaterThan(0);
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
    const ledger = new Set<string>();
    let c = open();
    const device = c.ctx.deviceId;
    writeSome(c.ctx.db, device, Date.now(), rnd, ledger, 200);
    c.close();
    const first = await runCli(['sync', '--db', dbPath, '--hub', hub.url, '--key', hub.anonKey, '--email', installer.email, '--password', installer.password]);
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
    console.info(`SIGKILL: ${KILL_TRIALS} trials, ${killedMidway} killed before finishing, ${ledger.size} ledger rows`);
    expect(killedMidway).toBeGreaterThan(0);
  }, 600_000);
});
