import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { newId } from '@core/db/ids.js';
import type { Db } from '@core/db/connection.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../fixtures/fault-proxy.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';

// Issue 12: the random fault runs (sync-faults) replayed as fixed schedules, for the cases the
// "no echo of own rows" pull could get wrong: a push the hub stored but whose answer was lost (the
// device never learns the hub transaction that holds its rows, then sends the batch again), a
// pulled page cut in the middle of its body, and a round that stops between two pages.

const pw = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const NO_RANDOM_FAULTS = { pass: 1, drop: 0, delay: 0, 'reset-before': 0, 'reset-after': 0, '503': 0, '429': 0, cut: 0 };

function moves(db: Db, device: string, product: string, location: string, n: number, now: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    db.prepare(
      `INSERT INTO stock_movements (id, product_id, location_id, type, quantity, direction, delta, reason, occurred_at, source, created_at, updated_at, origin_device)
       VALUES (?, ?, ?, 'in', 1, 1, 1, 'scripted', ?, 'manual', ?, ?, ?)`,
    ).run(id, product, location, now, now, now, device);
    ids.push(id);
  }
  return ids;
}
const onHand = (db: Db, product: string, location: string) =>
  (
    db.prepare('SELECT on_hand FROM stock_balances WHERE product_id = ? AND location_id = ?').get(product, location) as
      { on_hand: number } | undefined
  )?.on_hand ?? 0;
const localMoves = (db: Db, product: string) =>
  (db.prepare('SELECT COUNT(*) AS n FROM stock_movements WHERE product_id = ?').get(product) as { n: number }).n;
const pendingOutbox = (db: Db) =>
  (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox o WHERE o.table_name <> 'devices' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = o.row_id AND a.action LIKE 'sync.%')`,
      )
      .get() as { n: number }
  ).n;

const engines: Array<'pglite' | 'postgres'> = pgHubAvailable() ? ['pglite', 'postgres'] : ['pglite'];

describe.each(engines)('scripted faults (%s)', (engine) => {
  let hub: HubDouble;
  let office: SyncDevice;
  let biz: { product: string; location: string };
  beforeAll(async () => {
    hub = await startHubDouble({ users: DEMO_HUB_USERS, engine });
    office = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const product = (await office.core.router.call('catalog.products.create', { sku: 'SCRIPT-1', name: 'Papier', cost: 1 })).id;
    const location = (await office.core.router.call('stock.locations.create', { name: 'Dépôt script', kind: 'warehouse' })).id;
    expect((await office.round()).ok).toBe(true);
    biz = { product, location };
    await settled([product], 'products');
    await settled([location], 'locations');
  }, 180_000);
  afterAll(async () => {
    office?.dispose();
    await hub?.close();
  });
  /**
   * Waits until these rows are below the hub's watermark. On a real server the watermark is the
   * oldest transaction still open in the whole cluster, and other test files share the cluster:
   * a pull may rightly leave rows above it for a later round.
   */
  const settled = async (ids: string[], table = 'stock_movements') => {
    for (let i = 0; i < 300; i++) {
      const r = await hub.db.query<{ ok: boolean }>(
        `select coalesce(max(sync_txid), 0) < pg_snapshot_xmin(pg_current_snapshot())::text::bigint as ok from public.${table} where id = any($1)`,
        [ids],
      );
      if (r.rows[0]!.ok) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('the hub watermark did not pass the rows in 30 s');
  };
  const hubCount = async (ids: string[]) =>
    (await hub.db.query<{ n: number }>('select count(*)::int as n from stock_movements where id = any($1)', [ids])).rows[0]!.n;

  /** An installer device behind a proxy that applies `script` (request line → fault), nothing random. */
  async function scriptedDevice(script: (request: string) => Fault | undefined): Promise<{ d: SyncDevice; proxy: FaultProxy }> {
    const proxy = await startFaultProxy(hub, () => 0.5, NO_RANDOM_FAULTS, { calm: true, decide: (r) => script(r) });
    const d = await makeSyncDevice(hub, pw('installer').email, pw('installer').password, { url: proxy.url });
    proxy.storm();
    return { d, proxy };
  }

  test('a push stored on the hub whose answer is lost twice: sent again, stored once, its rows never counted twice on any device', async () => {
    let lost = 0;
    const { d, proxy } = await scriptedDevice((r) =>
      r.startsWith('POST /rest/v1/rpc/opsdeck_push ') && lost++ < 2 ? 'reset-after' : undefined,
    );
    try {
      lost = 2; // the catch-up round goes through
      expect((await d.round()).ok).toBe(true);
      lost = 0;
      const db = d.core.ctx.db;
      const before = onHand(db, biz.product, biz.location);
      const officeBefore = onHand(office.core.ctx.db, biz.product, biz.location);
      const ids = moves(db, d.core.ctx.deviceId, biz.product, biz.location, 10, d.core.clock.now());
      expect(onHand(db, biz.product, biz.location)).toBe(before + 10);

      // The push and its immediate retry both reach the hub, both answers are lost.
      const failed = await d.round();
      expect(failed.ok).toBe(false);
      expect(failed.error?.kind).toBe('transient');
      expect(proxy.log.filter((c) => c.fault === 'reset-after')).toHaveLength(2);
      expect(await hubCount(ids)).toBe(10); // stored by the first attempt
      expect(pendingOutbox(db)).toBeGreaterThan(0); // the device does not know it

      // Next round: the hub skips the replay; the rows its lost transaction holds may come down
      // again, and change nothing here.
      const again = await d.round({ pullPage: 3 });
      expect(again.ok, again.error?.message).toBe(true);
      expect(again.pushSkipped).toBeGreaterThanOrEqual(10);
      expect(await hubCount(ids)).toBe(10);
      expect(pendingOutbox(db)).toBe(0);
      expect(localMoves(db, biz.product)).toBe(before + 10);
      expect(onHand(db, biz.product, biz.location)).toBe(before + 10);
      expect(db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()).toEqual({ n: 0 });
      // An idle round after it changes nothing either.
      expect((await d.round()).ok).toBe(true);
      expect(onHand(db, biz.product, biz.location)).toBe(before + 10);

      // The office gets each of them once.
      await settled(ids);
      expect((await office.round({ pullPage: 4 })).ok).toBe(true);
      expect(onHand(office.core.ctx.db, biz.product, biz.location)).toBe(officeBefore + 10);
    } finally {
      d.dispose();
      await proxy.close();
    }
  }, 120_000);

  test('a push answer cut short (a success status, a body that does not parse) is retried, not taken as a refusal: nothing set aside, stored once', async () => {
    let cut = 0;
    const { d, proxy } = await scriptedDevice((r) => (r.startsWith('POST /rest/v1/rpc/opsdeck_push ') && cut++ < 2 ? 'cut' : undefined));
    try {
      cut = 2;
      expect((await d.round()).ok).toBe(true);
      cut = 0;
      const db = d.core.ctx.db;
      const before = onHand(db, biz.product, biz.location);
      const ids = moves(db, d.core.ctx.deviceId, biz.product, biz.location, 6, d.core.clock.now());
      const failed = await d.round();
      expect(failed.ok).toBe(false);
      expect(failed.error?.kind).toBe('transient');
      expect(failed.error?.message).toMatch(/incomplete/);
      expect(proxy.log.filter((c) => c.fault === 'cut')).toHaveLength(2);
      // Before: the push counted as refused by the hub, and its batch went to the dead letters.
      expect(db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()).toEqual({ n: 0 });
      expect(pendingOutbox(db)).toBeGreaterThan(0);
      expect(await hubCount(ids)).toBe(6);
      const again = await d.round();
      expect(again.ok, again.error?.message).toBe(true);
      expect(await hubCount(ids)).toBe(6);
      expect(pendingOutbox(db)).toBe(0);
      expect(onHand(db, biz.product, biz.location)).toBe(before + 6);
      expect(db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()).toEqual({ n: 0 });
    } finally {
      d.dispose();
      await proxy.close();
    }
  }, 120_000);

  test('pulled pages cut in the middle of their body, and a round stopped between two pages: the next round resumes, every row once', async () => {
    let gets = 0;
    let mode: 'cut' | 'stop' | 'off' = 'off';
    const { d, proxy } = await scriptedDevice((r) => {
      if (mode === 'off' || !r.startsWith('GET /rest/v1/stock_movements?')) return undefined;
      gets++;
      if (mode === 'cut') return gets % 2 === 0 ? 'cut' : undefined; // every second page request, once
      return gets === 2 ? '429' : undefined; // the second page: the round ends there
    });
    try {
      const db = d.core.ctx.db;
      expect((await d.round()).ok).toBe(true);
      const base = onHand(db, biz.product, biz.location);
      const mine = moves(db, d.core.ctx.deviceId, biz.product, biz.location, 4, d.core.clock.now());
      expect((await d.round()).ok).toBe(true);

      // Cut pages: supabase-js asks again for a page whose answer came short (a GET is safe to repeat).
      const first = moves(office.core.ctx.db, office.core.ctx.deviceId, biz.product, biz.location, 12, office.core.clock.now());
      expect((await office.round()).ok).toBe(true);
      await settled(first);
      mode = 'cut';
      const cutRound = await d.round({ pullPage: 5 });
      expect(cutRound.ok, cutRound.error?.message).toBe(true);
      expect(proxy.log.filter((c) => c.fault === 'cut').length).toBeGreaterThanOrEqual(1);
      expect(onHand(db, biz.product, biz.location)).toBe(base + 4 + 12);

      // A round that stops after one page of the next batch; the next one resumes after it.
      const second = moves(office.core.ctx.db, office.core.ctx.deviceId, biz.product, biz.location, 12, office.core.clock.now());
      expect((await office.round()).ok).toBe(true);
      await settled(second);
      mode = 'stop';
      gets = 0;
      const stopped = await d.round({ pullPage: 5 });
      expect(stopped.ok).toBe(false);
      expect(stopped.error?.kind).toBe('transient');
      expect(onHand(db, biz.product, biz.location)).toBe(base + 4 + 12 + 5);
      mode = 'off';
      expect((await d.round({ pullPage: 5 })).ok).toBe(true);
      expect(onHand(db, biz.product, biz.location)).toBe(base + 4 + 12 + 12);
      expect(localMoves(db, biz.product)).toBe(
        (await hub.db.query<{ n: number }>('select count(*)::int as n from stock_movements where product_id = $1', [biz.product])).rows[0]!
          .n,
      );
      for (const id of [...mine, ...first, ...second]) {
        expect(db.prepare('SELECT COUNT(*) AS n FROM stock_movements WHERE id = ?').get(id)).toEqual({ n: 1 });
      }
      expect(db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get()).toEqual({ n: 0 });
    } finally {
      d.dispose();
      await proxy.close();
    }
  }, 120_000);
});
