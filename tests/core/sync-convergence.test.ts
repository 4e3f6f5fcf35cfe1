import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { createRandom } from '@core/demo/random.js';
import { newId } from '@core/db/ids.js';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import type { Db } from '@core/db/connection.js';
import { insertBooth, getBooth } from '@core/db/repos/booths.js';
import { insertEvent, getEvent } from '@core/db/repos/bookings.js';
import { insertHealth, insertSpeedTest, pruneHealth } from '@core/db/repos/boothHealth.js';
import { recordTrigger } from '@core/modules/booths/counters.js';
import { wakeBooth, runRelayQueue, resolveWakes } from '@core/modules/wol/wake.js';
import { purgeConfirmedCounters } from '@core/db/repos/boothCounters.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';

const pw = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 23, 9);

let hub: HubDouble;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
}, 120_000);
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
      const txids = (
        await hub.db.query<{ n: number }>(`select count(distinct sync_txid)::int as n from audit_log where id = any($1)`, [ids])
      ).rows[0]!.n;
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
      const seqs = (
        await hub.db.query<{ id: string; sync_seq: number }>(`select id, sync_seq::int as sync_seq from audit_log where id in ($1)`, [
          fastId,
        ])
      ).rows;
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
        const c = d.core.ctx.db
          .prepare(`SELECT winner, loser FROM conflicts WHERE table_name = 'settings' AND winner LIKE ?`)
          .all(`%${key}%`) as Array<{ winner: string; loser: string }>;
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
            else
              db.prepare('UPDATE devices SET name = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(
                `n${Math.floor(rnd() * 1000)}`,
                now,
                me,
              );
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
      const hubAudit = (
        await hub.db.query<{ id: string; n: number }>(`select id, count(*)::int as n from audit_log where id = any($1) group by id`, [
          [...ledger],
        ])
      ).rows;
      expect(hubAudit).toHaveLength(ledger.size);
      expect(hubAudit.every((r) => r.n === 1)).toBe(true);
      for (const d of [office, laptop]) {
        const n = (
          d.core.ctx.db
            .prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE id IN (${[...ledger].map(() => '?').join(',')})`)
            .get(...ledger) as { n: number }
        ).n;
        expect(n).toBe(ledger.size);
      }
      // The booth holds exactly what the hub lets it read, the same version as the staff devices.
      const boothSettings = dump(booth.core.ctx.db, 'settings').filter(
        (s) => s.device_id === booth.core.ctx.deviceId || s.scope === 'global',
      );
      expect(boothSettings).toEqual(
        dump(office.core.ctx.db, 'settings').filter((s) => s.device_id === booth.core.ctx.deviceId || s.scope === 'global'),
      );
      // Concurrent edits of the laptop's settings by office and laptop left a trace.
      expect((office.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM conflicts').get() as { n: number }).n).toBeGreaterThan(0);
      for (const d of all)
        expect(d.core.ctx.db.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE table_name <> 'users'").get()).toEqual({ n: 0 });
    } finally {
      for (const d of all) d.dispose();
    }
  }, 180_000);
});

describe('business data convergence', () => {
  test('office, installer and booth: random offline catalog, stock, booth and counter writes in random sync orders → identical data, balances, remaining prints and event totals; ledger rows exactly once; conflicts logged', async () => {
    const seed = Number(process.env.OPSDECK_SYNC_SEED ?? 7);
    const rnd = createRandom(seed).next;
    const office = await makeSyncDevice(hub, pw('admin').email, pw('admin').password, { start: T0 + 3 * DAY });
    const laptop = await makeSyncDevice(hub, pw('installer').email, pw('installer').password, { start: T0 });
    const booth = await makeSyncDevice(hub, 'booth2@opsdeck.test', 'booth2-pass-1', { start: T0 - 3 * DAY });
    const all = [office, laptop, booth];
    const BOOTH = DEMO_BOOTH_IDS[1];
    const ledgers: Record<string, Set<string>> = {
      stock_movements: new Set(),
      booth_counter_events: new Set(),
      booth_health: new Set(),
      speed_tests: new Set(),
    };
    const added = (db: Db, table: string) => {
      const id = (db.prepare(`SELECT id FROM ${table} ORDER BY rowid DESC LIMIT 1`).get() as { id: string }).id;
      ledgers[table]!.add(id);
    };
    try {
      const o = office.core;
      const products: string[] = [];
      for (let i = 0; i < 3; i++)
        products.push((await o.router.call('catalog.products.create', { sku: `CONV-${seed}-${i}`, name: `Produit ${i}`, cost: 2 })).id);
      const wh = (await o.router.call('stock.locations.create', { name: `Dépôt ${seed}`, kind: 'warehouse' })).id;
      insertBooth(
        o.ctx.db,
        { name: `Borne conv ${seed}`, mac: '00:1A:2B:3C:4D:77', remainingPrints: 600, routerAddress: '10.77.0.1' },
        { now: o.clock.now(), device: o.ctx.deviceId, id: BOOTH },
      );
      const eventId = insertEvent(
        o.ctx.db,
        { boothId: BOOTH, clientName: 'Festival', startsAt: T0 - 10 * DAY, endsAt: T0 + 10 * DAY },
        { now: o.clock.now(), device: o.ctx.deviceId },
      ).id;
      for (const p of products) {
        await o.router.call('stock.record', { productId: p, locationId: wh, type: 'in', quantity: 500 });
        added(o.ctx.db, 'stock_movements');
      }
      for (let pass = 0; pass < 2; pass++) for (const d of all) expect((await d.round()).ok).toBe(true);
      expect(getBooth(booth.core.ctx.db, BOOTH)?.remainingPrints).toBe(600);
      // The booth agent relays on its own LAN; here the packet goes to the discard port on loopback.
      booth.core.ctx.ports.lan = { localTargets: () => ['127.0.0.1'], onBoothLan: () => true };
      const orders: string[] = [];
      let purged = 0;

      const staffOp = async (d: SyncDevice, r: number) => {
        const db = d.core.ctx.db;
        const now = d.core.clock.now();
        const p = products[Math.floor(rnd() * products.length)]!;
        if (r < 0.3) {
          await d.core.router.call('stock.record', {
            productId: p,
            locationId: wh,
            type: rnd() < 0.5 ? 'in' : 'out',
            quantity: 1 + Math.floor(rnd() * 5),
          });
          added(db, 'stock_movements');
        } else if (r < 0.5) {
          await d.core.router.call('booths.update', {
            id: BOOTH,
            hostname: `h${Math.floor(rnd() * 1000)}`,
            warningThreshold: 300 + Math.floor(rnd() * 50),
          });
        } else if (r < 0.6) {
          await d.core.router.call('booths.correctCounter', {
            booth: BOOTH,
            kind: rnd() < 0.5 ? 'session' : 'print',
            delta: 1 + Math.floor(rnd() * 2),
            reason: 'recount',
          });
          added(db, 'booth_counter_events');
        } else if (r < 0.7) {
          await d.core.router.call('booths.reloadPaper', { booth: BOOTH });
          added(db, 'booth_counter_events');
        } else if (d === office && r < 0.76) {
          await d.core.router.call('catalog.products.update', { id: p, patch: { price: Math.floor(rnd() * 100) } });
        } else if (d === office && r < 0.9) {
          // A relay wake for the booth (its agent claims it), or the requester resolving its open wakes.
          if (rnd() < 0.6) await wakeBooth(d.core.ctx, BOOTH, { via: 'relay' });
          else await resolveWakes(d.core.ctx);
        } else if (d === office && r < 0.95) {
          orders.push(
            (await d.core.router.call('purchaseOrders.create', { productId: p, locationId: wh, quantity: 10, expectedAt: now + DAY })).id,
          );
        } else if (d === laptop && r < 0.8 && orders.length) {
          // The installer receives an order (once), its stock movement with it.
          const id = orders.shift()!;
          if (db.prepare("SELECT 1 FROM purchase_orders WHERE id = ? AND status = 'open'").get(id)) {
            await d.core.router.call('purchaseOrders.receive', { id });
            added(db, 'stock_movements');
          }
        } else if (d === office) {
          db.prepare('UPDATE events SET client_name = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(
            `Festival ${Math.floor(rnd() * 100)}`,
            now,
            eventId,
          );
        } else {
          insertHealth(
            db,
            BOOTH,
            {
              sampledAt: now,
              cpuPct: 5,
              memUsedPct: 5,
              diskFreeBytes: 1,
              diskFreePct: 50,
              temperatureC: 30,
              batteryPct: null,
              uptimeS: 1,
              latencyMs: 1,
            },
            { now, device: d.core.ctx.deviceId },
          );
          added(db, 'booth_health');
        }
      };
      const boothOp = async (r: number) => {
        const db = booth.core.ctx.db;
        const now = booth.core.clock.now();
        if (r < 0.15) {
          await runRelayQueue(booth.core.ctx);
        } else if (r < 0.6) {
          const t = (['session_start', 'capture_start', 'printing', 'file_upload'] as const)[Math.floor(rnd() * 4)]!;
          recordTrigger(
            booth.core.ctx,
            BOOTH,
            t === 'printing' ? { type: t, params: [], copies: 1 + Math.floor(rnd() * 3) } : { type: t, params: [] },
            'raw',
          );
          added(db, 'booth_counter_events');
        } else if (r < 0.9) {
          insertHealth(
            db,
            BOOTH,
            {
              sampledAt: now,
              cpuPct: 10,
              memUsedPct: 10,
              diskFreeBytes: 1,
              diskFreePct: 60,
              temperatureC: 40,
              batteryPct: null,
              uptimeS: 1,
              latencyMs: 2,
            },
            { now, device: booth.core.ctx.deviceId },
          );
          added(db, 'booth_health');
        } else {
          insertSpeedTest(
            db,
            BOOTH,
            { testedAt: now, url: 'http://speed', downMbps: 10, upMbps: 2, pingMs: 20, error: null },
            { now, device: booth.core.ctx.deviceId },
          );
          added(db, 'speed_tests');
        }
      };
      for (let round = 0; round < 8; round++) {
        for (const d of all) {
          const edits = 2 + Math.floor(rnd() * 5);
          for (let i = 0; i < edits; i++) {
            d.core.clock.advance(1 + Math.floor(rnd() * 60_000));
            if (d === booth) await boothOp(rnd());
            else await staffOp(d, rnd());
          }
        }
        // Wakes every round: the office requests, the booth agent relays, the office resolves (its deadline passes as its clock runs).
        if (rnd() < 0.5) await wakeBooth(office.core.ctx, BOOTH, { via: 'relay' });
        if (rnd() < 0.5) await runRelayQueue(booth.core.ctx);
        if (rnd() < 0.4) await resolveWakes(office.core.ctx);
        // The booth agent purges whatever the hub has confirmed (no retention here): derived values must not move.
        if (rnd() < 0.4) {
          const db = booth.core.ctx.db;
          const before = getBooth(db, BOOTH)!.remainingPrints;
          purged += purgeConfirmedCounters(db, BOOTH, booth.core.clock.now() + DAY, null);
          purged += pruneHealth(db, booth.core.clock.now() + DAY);
          expect(getBooth(db, BOOTH)!.remainingPrints).toBe(before);
        }
        for (const d of [...all].sort(() => rnd() - 0.5)) if (rnd() < 0.7) expect((await d.round()).ok).toBe(true);
      }
      for (let pass = 0; pass < 2; pass++) for (const d of all) expect((await d.round()).ok).toBe(true);

      for (const d of all) {
        expect(d.core.ctx.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
        expect(d.core.ctx.db.prepare("SELECT table_name, code, message FROM dead_letters WHERE table_name <> 'users'").all()).toEqual([]);
      }
      // Staff devices: identical synced rows, and identical derived values.
      const full = (db: Db, table: string, extra: string[] = []) => {
        const t = SYNCED_TABLES.find((x) => x.name === table)!;
        return db.prepare(`SELECT ${[...t.columns, ...extra].join(', ')} FROM ${table} ORDER BY id`).all();
      };
      const derived: Record<string, string[]> = {
        booths: ['remaining_prints', 'last_seen'],
        events: ['sessions', 'captures', 'prints', 'digital', 'gifs', 'uploads'],
      };
      for (const t of [
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
      ]) {
        expect(full(laptop.core.ctx.db, t, derived[t]), t).toEqual(full(office.core.ctx.db, t, derived[t]));
      }
      const balances = (db: Db) =>
        db.prepare('SELECT product_id, location_id, on_hand FROM stock_balances ORDER BY product_id, location_id').all();
      expect(balances(laptop.core.ctx.db)).toEqual(balances(office.core.ctx.db));
      // The booth: its booth and its events, derived values included, as the office has them.
      const boothRow = (db: Db) =>
        db
          .prepare(
            `SELECT ${[...SYNCED_TABLES.find((x) => x.name === 'booths')!.columns, 'remaining_prints'].join(', ')} FROM booths WHERE id = ?`,
          )
          .get(BOOTH);
      expect(boothRow(booth.core.ctx.db)).toEqual(boothRow(office.core.ctx.db));
      const boothEvents = (db: Db) =>
        db
          .prepare(
            `SELECT ${[...SYNCED_TABLES.find((x) => x.name === 'events')!.columns, ...derived.events!].join(', ')} FROM events WHERE booth_id = ? ORDER BY id`,
          )
          .all(BOOTH);
      expect(boothEvents(booth.core.ctx.db)).toEqual(boothEvents(office.core.ctx.db));
      // Derived values are what the ledgers say: remaining = initial + Σ prints_delta; totals = Σ counts; balances = Σ deltas.
      // (The booth purged part of its ledger: its derived values were compared with the office's above.)
      for (const d of [office, laptop]) {
        const db = d.core.ctx.db;
        const b = db.prepare('SELECT initial_prints AS i, remaining_prints AS r FROM booths WHERE id = ?').get(BOOTH) as {
          i: number;
          r: number;
        };
        const sum = (
          db.prepare('SELECT coalesce(sum(prints_delta), 0) AS s FROM booth_counter_events WHERE booth_id = ?').get(BOOTH) as { s: number }
        ).s;
        expect(b.r).toBeCloseTo(b.i + sum, 6);
        const ev = getEvent(db, eventId)!;
        const byKind = (k: string) =>
          (
            db.prepare('SELECT coalesce(sum(count), 0) AS s FROM booth_counter_events WHERE event_id = ? AND kind = ?').get(eventId, k) as {
              s: number;
            }
          ).s;
        expect(ev.totals).toMatchObject({
          sessions: byKind('session'),
          captures: byKind('capture'),
          prints: byKind('print'),
          uploads: byKind('upload'),
        });
      }
      const ledgerBalance = office.core.ctx.db
        .prepare(
          'SELECT product_id, location_id, sum(delta) AS on_hand FROM stock_movements GROUP BY product_id, location_id ORDER BY product_id, location_id',
        )
        .all() as Array<{ on_hand: number }>;
      expect(balances(office.core.ctx.db).filter((b) => (b as { location_id: string }).location_id === wh)).toEqual(
        ledgerBalance.filter((b) => (b as unknown as { location_id: string }).location_id === wh),
      );
      // Every ledger row exactly once on the hub and on each staff device.
      for (const [table, ids] of Object.entries(ledgers)) {
        const onHub = (
          await hub.db.query<{ id: string; n: number }>(`select id, count(*)::int as n from ${table} where id = any($1) group by id`, [
            [...ids],
          ])
        ).rows;
        expect(onHub.length, table).toBe(ids.size);
        expect(onHub.every((r) => r.n === 1)).toBe(true);
        for (const d of [office, laptop]) {
          const n = (
            d.core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE id IN (${[...ids].map(() => '?').join(',')})`).get(...ids) as {
              n: number;
            }
          ).n;
          expect(n, table).toBe(ids.size);
        }
      }
      // Concurrent booth edits by office and installer: every overwrite is in the hub's log, pulled by both.
      const hubConflicts = (
        await hub.db.query<{ n: number }>(`select count(*)::int as n from conflicts where table_name = 'booths' and row_id = $1`, [BOOTH])
      ).rows[0]!.n;
      expect(hubConflicts).toBeGreaterThan(0);
      for (const d of [office, laptop]) {
        expect(
          d.core.ctx.db
            .prepare("SELECT COUNT(*) AS n FROM conflicts WHERE table_name = 'booths' AND row_id = ? AND origin_device = 'hub'")
            .get(BOOTH),
        ).toEqual({ n: hubConflicts });
      }
      const allHubConflicts = (await hub.db.query<{ n: number }>('select count(*)::int as n from conflicts')).rows[0]!.n;
      const logged = (db: Db) =>
        db.prepare("SELECT id, table_name, row_id, winner, loser FROM conflicts WHERE origin_device = 'hub' ORDER BY id").all();
      expect(logged(office.core.ctx.db)).toHaveLength(allHubConflicts);
      expect(logged(laptop.core.ctx.db)).toEqual(logged(office.core.ctx.db));
      const wakes = office.core.ctx.db.prepare('SELECT state, count(*) AS n FROM wake_commands GROUP BY state ORDER BY state').all();
      console.info(
        `business convergence (seed ${seed}): ${Object.entries(ledgers)
          .map(([t, s]) => `${t} ${s.size}`)
          .join(
            ', ',
          )}; booth conflicts ${hubConflicts}, all conflicts ${allHubConflicts}; wakes ${JSON.stringify(wakes)}; rows purged on the booth ${purged}`,
      );
    } finally {
      for (const d of all) d.dispose();
    }
  }, 240_000);
});
