import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import { createRandom } from '../../electron/core/demo/random.js';
import { newId } from '../../electron/core/db/ids.js';
import { SYNCED_TABLES } from '../../electron/core/modules/sync/tables.js';
import type { Db } from '../../electron/core/db/connection.js';

const pw = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 23, 9);

let hub: HubDouble;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
}, 60_000);
afterAll(async () => {
  await hub?.close();
});

function audit(db: Db, device: string, now: number, action: string): string {
  const id = newId();
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, action, target, outcome, details, created_at, updated_at, origin_device) VALUES (?, ?, NULL, ?, NULL, 'ok', '{}', ?, ?, ?)`,
  ).run(id, now, action, now, now, device);
  return id;
}

function setDeviceSetting(db: Db, owner: string, key: string, value: unknown, now: number, writer: string): void {
  db.prepare(
    `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES (?, 'device', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scope, device_id, key) DO UPDATE SET value = excluded.value, updated_at = MAX(settings.updated_at, excluded.updated_at), origin_device = excluded.origin_device`,
  ).run(newId(), owner, key, JSON.stringify(value), now, now, writer);
}

function dump(db: Db, table: string): Array<Record<string, unknown>> {
  const t = SYNCED_TABLES.find((x) => x.name === table)!;
  return db.prepare(`SELECT ${t.columns.join(', ')} FROM ${table} ORDER BY id`).all() as Array<Record<string, unknown>>;
}

describe('pull cursor traps', () => {
  test('rows sharing one hub transaction are all pulled across page boundaries', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const b = await makeSyncDevice(hub, pw('installer').email, pw('installer').password);
    try {
      const ids = Array.from({ length: 25 }, (_, i) => audit(a.core.ctx.db, a.core.ctx.deviceId, T0, `tie-${i}`));
      // One push batch is one hub transaction: every row shares its txid.
      expect((await a.round({ pushBatch: 500 })).ok).toBe(true);
      const txids = (await hub.db.query<{ n: number }>(`select count(distinct sync_txid)::int as n from audit_log where id = any($1)`, [ids])).rows[0]!.n;
      expect(txids).toBe(1);
      const s = await b.round({ pullPage: 4 });
      expect(s.ok).toBe(true);
      const got = b.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'tie-%'`).get() as { n: number };
      expect(got.n).toBe(25);
    } finally {
      a.dispose();
      b.dispose();
    }
  }, 60_000);

  test('a row committed late by a slow transaction is not skipped', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const b = await makeSyncDevice(hub, pw('installer').email, pw('installer').password);
    try {
      expect((await b.round()).ok).toBe(true);
      // A slow writer takes its change order first, then stays in flight (a prepared transaction
      // keeps it open across requests on the single-session engine).
      const slowId = newId();
      await hub.db.exec(`begin;
        insert into public.audit_log (id, at, action, outcome, details, created_at, updated_at, origin_device)
        values ('${slowId}', ${T0}, 'slow', 'ok', '{}', ${T0}, ${T0}, 'slow-writer');
        prepare transaction 'slow_writer';`);
      const fastId = audit(a.core.ctx.db, a.core.ctx.deviceId, T0, 'fast');
      expect((await a.round()).ok).toBe(true);
      const seqs = (await hub.db.query<{ id: string; sync_seq: number }>(`select id, sync_seq::int as sync_seq from audit_log where id in ($1)`, [fastId])).rows;
      expect(seqs).toHaveLength(1);
      // While the slow one is in flight, the reader stops below it: the fast row waits too.
      expect((await b.round()).ok).toBe(true);
      const has = (id: string) => b.core.ctx.db.prepare('SELECT 1 FROM audit_log WHERE id = ?').get(id) !== undefined;
      expect(has(fastId)).toBe(false);
      await hub.db.exec(`commit prepared 'slow_writer'`);
      const slowSeq = (await hub.db.query<{ s: number }>(`select sync_seq::int as s from audit_log where id = $1`, [slowId])).rows[0]!.s;
      // The trap: the late row's order value is below one already committed.
      expect(slowSeq).toBeLessThan(seqs[0]!.sync_seq);
      expect((await b.round()).ok).toBe(true);
      expect(has(slowId)).toBe(true);
      expect(has(fastId)).toBe(true);
    } finally {
      await hub.db.exec(`rollback prepared 'slow_writer'`).catch(() => undefined);
      a.dispose();
      b.dispose();
    }
  }, 60_000);
});

describe('conflicts', () => {
  test('concurrent offline edits of one row: the later push wins, the loser is logged on every device', async () => {
    const office = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const laptop = await makeSyncDevice(hub, pw('installer').email, pw('installer').password);
    try {
      const key = `label-${newId()}`;
      setDeviceSetting(laptop.core.ctx.db, laptop.core.ctx.deviceId, key, 'first', T0, laptop.core.ctx.deviceId);
      expect((await laptop.round()).ok).toBe(true);
      expect((await office.round()).ok).toBe(true);
      setDeviceSetting(office.core.ctx.db, laptop.core.ctx.deviceId, key, 'office says', T0 + 1, office.core.ctx.deviceId);
      setDeviceSetting(laptop.core.ctx.db, laptop.core.ctx.deviceId, key, 'laptop says', T0 + 2, laptop.core.ctx.deviceId);
      expect((await office.round()).ok).toBe(true);
      const s = await laptop.round();
      expect(s.ok).toBe(true);
      expect(s.conflicts).toBe(1);
      expect((await office.round()).conflicts).toBe(1);
      for (const d of [office, laptop]) {
        const v = d.core.ctx.db.prepare(`SELECT value FROM settings WHERE key = ?`).get(key) as { value: string };
        expect(JSON.parse(v.value)).toBe('laptop says');
        const c = d.core.ctx.db.prepare(`SELECT winner, loser FROM conflicts WHERE table_name = 'settings' AND winner LIKE ?`).all(`%${key}%`) as Array<{ winner: string; loser: string }>;
        expect(c).toHaveLength(1);
        expect(JSON.parse(JSON.parse(c[0]!.loser).value)).toBe('office says');
      }
    } finally {
      office.dispose();
      laptop.dispose();
    }
  }, 60_000);
});

describe('convergence', () => {
  test('office, installer and booth with skewed clocks and random offline edits converge; ledger rows exactly once', async () => {
    const rnd = createRandom(Number(process.env.OPSDECK_SYNC_SEED ?? 6)).next;
    const office = await makeSyncDevice(hub, pw('admin').email, pw('admin').password, { start: T0 + 3 * DAY });
    const laptop = await makeSyncDevice(hub, pw('installer').email, pw('installer').password, { start: T0 });
    const booth = await makeSyncDevice(hub, pw('booth').email, pw('booth').password, { start: T0 - 3 * DAY });
    const all = [office, laptop, booth];
    const ledger = new Set<string>();
    try {
      for (const d of all) expect((await d.round()).ok).toBe(true);
      for (const d of all) expect((await d.round()).ok).toBe(true);
      const ld = laptop.core.ctx.deviceId;
      for (let round = 0; round < 6; round++) {
        for (const d of all) {
          const db = d.core.ctx.db;
          const me = d.core.ctx.deviceId;
          const edits = 1 + Math.floor(rnd() * 5);
          for (let i = 0; i < edits; i++) {
            d.core.clock.advance(1 + Math.floor(rnd() * 60_000));
            const now = d.core.clock.now();
            const r = rnd();
            if (r < 0.4) ledger.add(audit(db, me, now, `r${round}`));
            else if (r < 0.7) setDeviceSetting(db, me, `k${Math.floor(rnd() * 3)}`, rnd(), now, me);
            else if (d === office) setDeviceSetting(db, ld, `k${Math.floor(rnd() * 3)}`, `office ${rnd()}`, now, me);
            else db.prepare('UPDATE devices SET name = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(`n${Math.floor(rnd() * 1000)}`, now, me);
          }
        }
        // Sync in a random order; some devices stay offline this round.
        for (const d of [...all].sort(() => rnd() - 0.5)) if (rnd() < 0.7) expect((await d.round()).ok).toBe(true);
      }
      for (let pass = 0; pass < 2; pass++) for (const d of all) expect((await d.round()).ok).toBe(true);

      for (const d of all) expect(d.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
      // Staff devices see everything: identical synced data (users aside: only admins may write them).
      for (const table of ['devices', 'settings', 'audit_log']) {
        expect(dump(laptop.core.ctx.db, table)).toEqual(dump(office.core.ctx.db, table));
      }
      // The hub's conflict log is the same everywhere; a device also keeps the natural-key clashes it settled itself.
      const hubLogged = (db: Db) => dump(db, 'conflicts').filter((c) => c.origin_device === 'hub');
      expect(hubLogged(laptop.core.ctx.db)).toEqual(hubLogged(office.core.ctx.db));
      // Every ledger row exactly once, everywhere a staff member looks.
      const hubAudit = (await hub.db.query<{ id: string; n: number }>(`select id, count(*)::int as n from audit_log where id = any($1) group by id`, [[...ledger]])).rows;
      expect(hubAudit).toHaveLength(ledger.size);
      expect(hubAudit.every((r) => r.n === 1)).toBe(true);
      for (const d of [office, laptop]) {
        const n = (d.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE id IN (${[...ledger].map(() => '?').join(',')})`).get(...ledger) as { n: number }).n;
        expect(n).toBe(ledger.size);
      }
      // The booth holds exactly what the hub lets it read, the same version as the staff devices.
      const boothSettings = dump(booth.core.ctx.db, 'settings').filter((s) => s.device_id === booth.core.ctx.deviceId || s.scope === 'global');
      expect(boothSettings).toEqual(dump(office.core.ctx.db, 'settings').filter((s) => s.device_id === booth.core.ctx.deviceId || s.scope === 'global'));
      // Concurrent edits of the laptop's settings by office and laptop left a trace.
      expect((office.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM conflicts').get() as { n: number }).n).toBeGreaterThan(0);
      for (const d of all) expect(d.core.ctx.db.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE table_name <> 'users'").get()).toEqual({ n: 0 });
    } finally {
      for (const d of all) d.dispose();
    }
  }, 180_000);
});
