import dgram from 'node:dgram';
import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { insertBooth, getBooth, setConnectivity } from '@core/db/repos/booths.js';
import { insertEvent, getEvent } from '@core/db/repos/bookings.js';
import { insertHealth, pruneHealth } from '@core/db/repos/boothHealth.js';
import { recordTrigger } from '@core/modules/booths/counters.js';
import { purgeConfirmedCounters } from '@core/db/repos/boothCounters.js';
import { getWake } from '@core/db/repos/wakeCommands.js';
import { wakeBooth, runRelayQueue, resolveWakes } from '@core/modules/wol/wake.js';
import { magicPacket } from '@core/modules/wol/packet.js';
import type { Db } from '@core/db/connection.js';
import { startAgent } from '@core/modules/agent/service.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;

const user = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const BOOTH = DEMO_BOOTH_IDS[0];

let hub: HubDouble;
let office: SyncDevice;
let laptop: SyncDevice;
let booth: SyncDevice;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS });
  office = await makeSyncDevice(hub, user('admin').email, user('admin').password);
  laptop = await makeSyncDevice(hub, user('installer').email, user('installer').password);
  booth = await makeSyncDevice(hub, 'booth1@opsdeck.test', 'booth1-pass-1');
}, 120_000);
afterAll(async () => {
  for (const d of [office, laptop, booth]) d?.dispose();
  await hub?.close();
});

const queued = (db: Db) =>
  (db.prepare('SELECT table_name AS t FROM outbox ORDER BY mutation_id').all() as Array<{ t: string }>).map((r) => r.t);
const balance = (db: Db, product: string, location: string) =>
  (
    db.prepare('SELECT on_hand FROM stock_balances WHERE product_id = ? AND location_id = ?').get(product, location) as
      { on_hand: number } | undefined
  )?.on_hand ?? null;
async function syncAll(...ds: SyncDevice[]) {
  for (const d of ds) {
    const s = await d.round();
    expect(s.ok, s.error?.message).toBe(true);
    // A device's seeded local admin user is refused for every non-admin (users are admin-only); nothing else may be.
    expect(
      d.core.ctx.db.prepare("SELECT table_name, code, message FROM dead_letters WHERE table_name <> 'users'").all(),
      d === office ? 'office' : d === laptop ? 'laptop' : 'booth',
    ).toEqual([]);
  }
}

describe('business data through the hub', () => {
  let productId = '';
  let warehouseId = '';
  let eventId = '';

  test('catalog and stock: a product, a warehouse and movements reach the other staff device; pulled movements move balances', async () => {
    const p = await office.core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4', cost: 80 });
    productId = p.id;
    warehouseId = (await office.core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
    await office.core.router.call('stock.record', { productId, locationId: warehouseId, type: 'in', quantity: 10 });
    await syncAll(office, laptop);
    expect(laptop.core.ctx.db.prepare('SELECT sku FROM products WHERE id = ?').get(productId)).toEqual({ sku: 'DNP-6X4' });
    expect(balance(laptop.core.ctx.db, productId, warehouseId)).toBe(10);
    await laptop.core.router.call('stock.record', { productId, locationId: warehouseId, type: 'out', quantity: 3 });
    await syncAll(laptop, office);
    expect(balance(office.core.ctx.db, productId, warehouseId)).toBe(7);
    expect(balance(laptop.core.ctx.db, productId, warehouseId)).toBe(7);
  }, 60_000);

  test('an installer may not edit the catalog: the edit comes back as a dead letter, the hub keeps the admin version', async () => {
    await laptop.core.router.call('catalog.products.update', { id: productId, patch: { price: 1 } });
    const s = await laptop.round();
    expect(s.ok).toBe(true);
    expect(s.deadLetters).toBe(1);
    expect((await hub.db.query<{ price: number }>('select price from products where id = $1', [productId])).rows[0]!.price).toBe(0);
    const dl = laptop.core.ctx.db.prepare("SELECT id FROM dead_letters WHERE table_name = 'products'").get() as { id: string };
    expect(await laptop.core.router.call('sync.discardDeadLetter', { id: dl.id })).toEqual({ discarded: true });
  }, 60_000);

  test("a product's demand driver set by the office reaches the other staff device, which forecasts with it", async () => {
    await office.core.router.call('forecast.driver.set', { productId, driver: 'event_prints', perUnit: 1 / 700 });
    await syncAll(office, laptop);
    const driver = laptop.core.ctx.db
      .prepare('SELECT driver, per_unit FROM product_demand_drivers WHERE product_id = ?')
      .get(productId) as { driver: string; per_unit: number };
    expect(driver.driver).toBe('event_prints');
    expect(driver.per_unit).toBeCloseTo(1 / 700, 12);
    expect((await laptop.core.router.call('forecast.product', { productId })).row.driver).toBe('event_prints');
  }, 60_000);

  test('booth, event and counters: remaining prints and event totals follow pulled counter rows exactly as local ones', async () => {
    const db = office.core.ctx.db;
    const now = office.core.clock.now();
    insertBooth(
      db,
      { name: 'Borne 1', mac: '00:1A:2B:3C:4D:01', remainingPrints: 500, routerAddress: '10.0.0.1' },
      { now, device: office.core.ctx.deviceId, id: BOOTH },
    );
    eventId = insertEvent(
      db,
      { boothId: BOOTH, clientName: 'Mariage', startsAt: now - 3_600_000, endsAt: now + 3_600_000 },
      { now, device: office.core.ctx.deviceId },
    ).id;
    await syncAll(office, laptop, booth);
    for (const d of [laptop, booth]) {
      expect(getBooth(d.core.ctx.db, BOOTH)?.remainingPrints).toBe(500);
      expect(getEvent(d.core.ctx.db, eventId)?.clientName).toBe('Mariage');
    }
    // The booth records triggers locally: only the ledger rows are queued, not the derived booth/event writes.
    recordTrigger(booth.core.ctx, BOOTH, { type: 'session_start', params: [] }, 'raw');
    recordTrigger(booth.core.ctx, BOOTH, { type: 'printing', params: [], copies: 3 }, 'raw');
    expect(queued(booth.core.ctx.db)).toEqual(['booth_counter_events', 'booth_counter_events']);
    expect(getBooth(booth.core.ctx.db, BOOTH)?.remainingPrints).toBe(497);
    // The office reloads paper meanwhile (a ledger row with its delta).
    await office.core.router.call('booths.reloadPaper', { booth: BOOTH, remaining: 700 });
    await syncAll(booth, office, laptop, booth);
    for (const d of [office, laptop, booth]) {
      expect(getBooth(d.core.ctx.db, BOOTH)?.remainingPrints, d.core.ctx.deviceId).toBe(697);
      expect(getEvent(d.core.ctx.db, eventId)?.totals).toMatchObject({ sessions: 1, prints: 3 });
    }
    // Every counter row exactly once on the hub.
    expect(
      (await hub.db.query<{ n: number }>('select count(*)::int as n from booth_counter_events where booth_id = $1', [BOOTH])).rows[0]!.n,
    ).toBe(3);
  }, 60_000);

  test('observed booth fields stay local; the office derives last_seen from pulled health samples', async () => {
    const before = queued(office.core.ctx.db).length;
    setConnectivity(
      office.core.ctx.db,
      BOOTH,
      { status: 'offline', pcConnected: false, routerConnected: true, lastSeen: 1 },
      office.core.clock.now(),
    );
    expect(queued(office.core.ctx.db).length).toBe(before);
    const at = booth.core.clock.now() + 60_000;
    insertHealth(
      booth.core.ctx.db,
      BOOTH,
      {
        sampledAt: at,
        cpuPct: 10,
        memUsedPct: 20,
        diskFreeBytes: 1e9,
        diskFreePct: 50,
        temperatureC: 40,
        batteryPct: null,
        uptimeS: 100,
        latencyMs: 3,
      },
      { now: at, device: booth.core.ctx.deviceId },
    );
    await syncAll(booth, office);
    expect(getBooth(office.core.ctx.db, BOOTH)?.lastSeen).toBe(at);
    expect(getBooth(office.core.ctx.db, BOOTH)?.status).toBe('offline');
  }, 60_000);
});

describe('wake relay through the hub', () => {
  test('office queues a relay wake; the LAN peer agent pulls, claims and sends it over UDP, pushes; the office follows sent → waiting → online', async () => {
    const rx = dgram.createSocket('udp4');
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', () => r()));
    const port = (rx.address() as { port: number }).port;
    const packets: Buffer[] = [];
    rx.on('message', (m) => packets.push(m));
    try {
      const B2 = DEMO_BOOTH_IDS[1];
      const mac = '00:1A:2B:3C:4D:02';
      insertBooth(
        office.core.ctx.db,
        { name: 'Borne 2', mac, routerAddress: '10.0.0.1', wolPort: port, wolRoutes: ['relay'] },
        { now: office.core.clock.now(), device: office.core.ctx.deviceId, id: B2 },
      );
      const w = await wakeBooth(office.core.ctx, B2, { via: 'relay' });
      expect(w.state).toBe('queued');
      await syncAll(office, booth);
      // The booth agent of Borne 1 sits on the same LAN (same router): it sees Borne 2 and the command.
      expect(getWake(booth.core.ctx.db, w.id)?.state).toBe('queued');
      booth.core.ctx.ports.lan = { localTargets: () => ['127.0.0.1'], onBoothLan: () => true };
      expect(await runRelayQueue(booth.core.ctx)).toBe(1);
      // The packet is sent; the receiving socket hears it on a later turn of the event loop.
      await expect.poll(() => packets.length).toBeGreaterThan(0);
      expect(packets[0]!.equals(magicPacket(mac))).toBe(true);
      expect(getWake(booth.core.ctx.db, w.id)?.state).toBe('waiting');
      // The relay peer never resolves a wake it did not request.
      booth.core.clock.advance(DAY);
      expect(await resolveWakes(booth.core.ctx)).toEqual([]);
      booth.core.clock.advance(-DAY);
      await syncAll(booth, office);
      const seen = getWake(office.core.ctx.db, w.id)!;
      expect(seen.state).toBe('waiting');
      expect(seen.sentAt).not.toBeNull();
      expect(office.core.ctx.db.prepare('SELECT claimed_by FROM wake_commands WHERE id = ?').get(w.id)).toEqual({
        claimed_by: booth.core.ctx.deviceId,
      });
      // Borne 2's own agent comes up and pushes a heartbeat (a health sample); the office pulls it and resolves.
      const at = seen.sentAt! + 20_000;
      await hub.db.query(
        `insert into booth_health (id, booth_id, sampled_at, created_at, updated_at, origin_device) values ($1, $2, $3, $3, $3, 'borne-2-agent')`,
        [`h-${w.id}`, B2, at],
      );
      await syncAll(office);
      expect(getBooth(office.core.ctx.db, B2)?.lastSeen).toBe(at);
      expect((await resolveWakes(office.core.ctx)).map((x) => x.state)).toEqual(['online']);
      await syncAll(office, booth);
      expect(getWake(booth.core.ctx.db, w.id)?.state).toBe('online');
      expect((await hub.db.query<{ state: string }>('select state from wake_commands where id = $1', [w.id])).rows[0]!.state).toBe(
        'online',
      );
      expect(office.core.ctx.db.prepare("SELECT COUNT(*) AS n FROM conflicts WHERE table_name = 'wake_commands'").get()).toEqual({ n: 0 });
    } finally {
      rx.close();
    }
  }, 60_000);
});

describe('booth agent purge', () => {
  test('counter events and health samples go only once the hub confirmed them, past retention, never the running event', async () => {
    const db = booth.core.ctx.db;
    const now = office.core.clock.now();
    // An event that starts later and runs across the retention window.
    const running = insertEvent(
      office.core.ctx.db,
      { boothId: BOOTH, clientName: 'Salon', startsAt: now + 5 * 3_600_000, endsAt: now + 10 * DAY },
      { now, device: office.core.ctx.deviceId },
    ).id;
    await syncAll(office, booth);
    const ids = () => (db.prepare('SELECT id FROM booth_counter_events ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
    const healthRows = () => (db.prepare('SELECT COUNT(*) AS n FROM booth_health').get() as { n: number }).n;
    const confirmedBefore = ids().length;
    const healthBefore = healthRows();
    // Not yet pushed: a counter row (of the earlier event) and a health sample.
    const x = recordTrigger(booth.core.ctx, BOOTH, { type: 'capture_start', params: [] }, 'raw');
    expect(x.eventId).not.toBe(running);
    const at = booth.core.clock.now();
    insertHealth(
      db,
      BOOTH,
      {
        sampledAt: at,
        cpuPct: 1,
        memUsedPct: 1,
        diskFreeBytes: 1,
        diskFreePct: 1,
        temperatureC: 30,
        batteryPct: null,
        uptimeS: 1,
        latencyMs: 1,
      },
      { now: at, device: booth.core.ctx.deviceId },
    );
    const remaining = getBooth(db, BOOTH)!.remainingPrints;
    // However old: the confirmed rows go, the unconfirmed ones stay.
    expect(purgeConfirmedCounters(db, BOOTH, at + 30 * DAY, running)).toBe(confirmedBefore);
    expect(ids()).toEqual([x.id]);
    expect(pruneHealth(db, at + 30 * DAY)).toBe(healthBefore);
    expect(healthRows()).toBe(1);
    // Outside the purge path the ledger still refuses DELETE.
    expect(() => db.prepare('DELETE FROM booth_counter_events').run()).toThrow(/append-only/);
    await syncAll(booth);
    // Later, during the running event; and one row the hub refused (a push dead letter).
    booth.core.clock.advance(6 * 3_600_000);
    const y = recordTrigger(booth.core.ctx, BOOTH, { type: 'session_start', params: [] }, 'raw');
    expect(y.eventId).toBe(running);
    const z = recordTrigger(booth.core.ctx, BOOTH, { type: 'session_start', params: [] }, 'raw');
    await syncAll(booth);
    db.prepare(
      `INSERT INTO dead_letters (id, direction, table_name, row_id, code, message, row_json, failed_at) VALUES ('dl1', 'push', 'booth_counter_events', ?, '42501', 'x', '{}', 1)`,
    ).run(z.id);
    // Confirmed but younger than the retention: stays.
    expect(purgeConfirmedCounters(db, BOOTH, at - 7 * DAY, running)).toBe(0);
    // Past retention: x goes; the running event's rows and the refused one stay.
    expect(purgeConfirmedCounters(db, BOOTH, at + 8 * DAY, running)).toBe(1);
    expect(ids()).toEqual([y.id, z.id].sort());
    expect(pruneHealth(db, at + 15 * DAY)).toBe(1);
    // Derived values are running values: the purge leaves them. Purged rows never come back.
    expect(getBooth(db, BOOTH)!.remainingPrints).toBe(remaining);
    db.prepare('DELETE FROM dead_letters').run();
    await syncAll(booth);
    expect(ids()).toEqual([y.id, z.id].sort());
    expect(
      (await hub.db.query<{ n: number }>('select count(*)::int as n from booth_counter_events where id = any($1)', [[x.id, y.id, z.id]]))
        .rows[0]!.n,
    ).toBe(3);
  }, 60_000);

  test('the agent purges at start and on its timer, through the same confirmation', async () => {
    const db = booth.core.ctx.db;
    // Past the running event: nothing is current any more.
    booth.core.clock.advance(11 * DAY);
    const v = recordTrigger(booth.core.ctx, BOOTH, { type: 'session_start', params: [] }, 'raw');
    const before = (db.prepare('SELECT id FROM booth_counter_events ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
    expect(before).toContain(v.id);
    const agent = await startAgent(booth.core, { booth: BOOTH, listen: { host: '127.0.0.1', port: 0 }, health: false, keepCountersMs: 0 });
    try {
      // Everything confirmed went; the row not pushed yet stayed.
      expect(db.prepare('SELECT id FROM booth_counter_events').all()).toEqual([{ id: v.id }]);
    } finally {
      await agent.stop();
    }
    await syncAll(booth);
    expect((await hub.db.query('select 1 from booth_counter_events where id = $1', [v.id])).rows).toHaveLength(1);
  }, 60_000);
});

describe('natural keys', () => {
  test('the same SKU created on two offline admin devices, one already stocked: dead letters on both sides, nothing stalls', async () => {
    const other = await makeSyncDevice(hub, user('admin').email, user('admin').password);
    try {
      await syncAll(other);
      const wh = (office.core.ctx.db.prepare("SELECT id FROM locations WHERE kind = 'warehouse' LIMIT 1").get() as { id: string }).id;
      const mine = await office.core.router.call('catalog.products.create', { sku: 'DUP-1', name: 'Mine' });
      await office.core.router.call('stock.record', { productId: mine.id, locationId: wh, type: 'in', quantity: 1 });
      await other.core.router.call('catalog.products.create', { sku: 'DUP-1', name: 'Theirs' });
      expect((await other.round()).ok).toBe(true);
      const s = await office.round();
      expect(s.ok, s.error?.message).toBe(true);
      const dl = office.core.ctx.db
        .prepare(
          "SELECT direction, table_name FROM dead_letters WHERE table_name IN ('products', 'stock_movements') ORDER BY direction, table_name",
        )
        .all();
      // Pushed: my product (SKU taken on the hub) and its movement (no such product there); pulled: theirs (my product holds the SKU and has stock).
      expect(dl).toEqual([
        { direction: 'pull', table_name: 'products' },
        { direction: 'push', table_name: 'products' },
        { direction: 'push', table_name: 'stock_movements' },
      ]);
      // The next round goes on as usual.
      expect((await office.round()).ok).toBe(true);
      office.core.ctx.db.prepare("DELETE FROM dead_letters WHERE table_name IN ('products', 'stock_movements')").run();
    } finally {
      other.dispose();
    }
  }, 60_000);
});

describe('wake relay with the sync services wired', () => {
  test('wol.wake pushes at once; the agent heartbeat relays and pushes its state at once; the office pulls waiting', async () => {
    const rx = dgram.createSocket('udp4');
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', () => r()));
    const port = (rx.address() as { port: number }).port;
    const packets: Buffer[] = [];
    rx.on('message', (m) => packets.push(m));
    const cores: TestCore[] = [];
    const signedIn = async (email: string, password: string) => {
      const c = createTestCore();
      cores.push(c);
      await c.router.call('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
      await c.router.call('sync.signIn', { email, password });
      expect((await c.router.call('sync.now', {})).ok).toBe(true);
      return c;
    };
    const until = async (what: string, f: () => Promise<boolean>) => {
      for (let i = 0; i < 300; i++) {
        if (await f()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    const hubState = async (id: string) =>
      (await hub.db.query<{ state: string }>('select state from wake_commands where id = $1', [id])).rows[0]?.state;
    let agent: Awaited<ReturnType<typeof startAgent>> | null = null;
    try {
      const B2 = DEMO_BOOTH_IDS[1];
      const desk = await signedIn(user('admin').email, user('admin').password);
      // Borne 1 (the agent's) and Borne 2 behind the same router, unless earlier tests made them.
      const stamp = { now: desk.clock.now(), device: desk.ctx.deviceId };
      if (!getBooth(desk.ctx.db, BOOTH))
        insertBooth(desk.ctx.db, { name: 'Borne 1', mac: '00:1A:2B:3C:4D:01', routerAddress: '10.0.0.1' }, { ...stamp, id: BOOTH });
      if (!getBooth(desk.ctx.db, B2))
        insertBooth(
          desk.ctx.db,
          { name: 'Borne 2', mac: '00:1A:2B:3C:4D:02', routerAddress: '10.0.0.1', wolRoutes: ['relay'] },
          { ...stamp, id: B2 },
        );
      await desk.router.call('booths.update', { id: B2, wolPort: port });
      const w = await desk.router.call('wol.wake', { booth: B2, via: 'relay' });
      await until('the wake on the hub', async () => (await hubState(w.id)) === 'queued');
      // A booth account owns one device, its booth's: an admin releases the booth device of the
      // earlier tests (opsdeck_move_device to nobody) before this booth PC signs in.
      await hub.db.query('update public.sync_devices set owner = null, booth_id = null where device_id = $1', [booth.core.ctx.deviceId]);
      const pc = await signedIn('booth1@opsdeck.test', 'booth1-pass-1');
      expect(getBooth(pc.ctx.db, B2)?.wolPort).toBe(port);
      pc.ctx.ports.lan = { localTargets: () => ['127.0.0.1'], onBoothLan: () => true };
      agent = await startAgent(pc, { booth: BOOTH, listen: { host: '127.0.0.1', port: 0 }, health: false, heartbeatEveryMs: 60_000 });
      await until('the relayed state on the hub', async () => (await hubState(w.id)) === 'waiting');
      expect(packets.some((p) => p.equals(magicPacket('00:1A:2B:3C:4D:02')))).toBe(true);
      expect((await desk.router.call('sync.now', {})).ok).toBe(true);
      expect((await desk.router.call('wol.list', { boothId: B2, limit: 5 })).find((x) => x.id === w.id)?.state).toBe('waiting');
    } finally {
      await agent?.stop();
      for (const c of cores) c.dispose();
      rx.close();
    }
  }, 60_000);
});
