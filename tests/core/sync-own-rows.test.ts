import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { newId } from '@core/db/ids.js';
import type { Db } from '@core/db/connection.js';
import { getCursor, getOwnTxids, END_OF_TXID } from '@core/db/repos/syncState.js';
import { pushAll, pullAll, syncRound, type RoundDeps, type RoundSummary } from '@core/modules/sync/engine.js';
import { makeSyncDevice, type SyncDevice } from '../fixtures/sync-devices.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';

// Issue 12, push speed: a device does not download again the ledger rows its own pushes stored
// (opsdeck_push answers with its hub transaction; the pull leaves this device's rows of those
// transactions on the hub), and a drained table's cursor moves to the watermark. The traps: rows
// of other writers inside the range, a slow writer below the watermark, mutable rows (which
// still come back, with their hub version).

const pw = (role: string) => DEMO_HUB_USERS.find((u) => u.role === role)!;
const T0 = Date.UTC(2026, 11, 7, 9);

function audit(db: Db, device: string, action: string): string {
  const id = newId();
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, action, target, outcome, details, created_at, updated_at, origin_device) VALUES (?, ?, NULL, ?, NULL, 'ok', '{}', ?, ?, ?)`,
  ).run(id, T0, action, T0, T0, device);
  return id;
}
const count = (db: Db, like: string) =>
  (db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE ?').get(like) as { n: number }).n;
const summary = (): RoundSummary => ({
  ok: false,
  startedAt: 0,
  finishedAt: 0,
  pushed: 0,
  pushSkipped: 0,
  pulled: 0,
  keptLocal: 0,
  conflicts: 0,
  deadLetters: 0,
  pending: 0,
  error: null,
});
const deps = (d: SyncDevice, o: Partial<RoundDeps> = {}): RoundDeps => ({
  db: d.core.ctx.db,
  hub: d.hub,
  deviceId: d.core.ctx.deviceId,
  now: d.core.clock.now,
  ...o,
});

/** A round that also says which rows came down, per table. */
async function roundSeeing(d: SyncDevice, o: Partial<RoundDeps> = {}): Promise<RoundSummary & { got: Record<string, number> }> {
  const got: Record<string, number> = {};
  const s = await syncRound(deps(d, { ...o, onPulled: (t, ids) => (got[t] = (got[t] ?? 0) + ids.length) }));
  return { ...s, got };
}

const engines: Array<'pglite' | 'postgres'> = pgHubAvailable() ? ['pglite', 'postgres'] : ['pglite'];

describe.each(engines)('own rows are not pulled back (%s)', (engine) => {
  let hub: HubDouble;
  beforeAll(async () => {
    hub = await startHubDouble({ users: DEMO_HUB_USERS, engine });
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
  });
  const txidsOf = async (ids: string[]) =>
    (await hub.db.query<{ t: string }>('select distinct sync_txid::text as t from audit_log where id = any($1)', [ids])).rows.map((r) =>
      Number(r.t),
    );

  test('a push round downloads none of the ledger rows it pushed; the next round is idle; the other device gets them all', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const b = await makeSyncDevice(hub, pw('installer').email, pw('installer').password);
    try {
      expect((await a.round()).ok).toBe(true);
      expect((await b.round()).ok).toBe(true);
      const ids = Array.from({ length: 1_200 }, (_, i) => audit(a.core.ctx.db, a.core.ctx.deviceId, `own-${i}`));
      const s = await roundSeeing(a, { pushBatch: 500 });
      expect(s.ok).toBe(true);
      expect(s.pushed).toBe(1_200);
      expect(s.got.audit_log ?? 0).toBe(0);
      expect(count(a.core.ctx.db, 'own-%')).toBe(1_200);
      // Three push transactions, all passed by the cursor: the range is forgotten.
      expect(await txidsOf(ids)).toHaveLength(3);
      expect(getOwnTxids(a.core.ctx.db, 'audit_log')).toBeNull();
      expect(getCursor(a.core.ctx.db, 'audit_log').txid).toBeGreaterThanOrEqual(Math.max(...(await txidsOf(ids))));
      const again = await a.round();
      expect(again).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
      const sb = await b.round();
      expect(sb.ok).toBe(true);
      expect(count(b.core.ctx.db, 'own-%')).toBe(1_200);
    } finally {
      a.dispose();
      b.dispose();
    }
  }, 120_000);

  test("another device's rows written between two of my pushes are pulled; mine are not", async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    const b = await makeSyncDevice(hub, pw('installer').email, pw('installer').password);
    try {
      expect((await a.round()).ok).toBe(true);
      const first = Array.from({ length: 30 }, (_, i) => audit(a.core.ctx.db, a.core.ctx.deviceId, `mine-a-${i}`));
      await pushAll(deps(a), summary());
      const theirs = Array.from({ length: 20 }, (_, i) => audit(b.core.ctx.db, b.core.ctx.deviceId, `theirs-${i}`));
      expect((await b.round()).ok).toBe(true);
      const second = Array.from({ length: 30 }, (_, i) => audit(a.core.ctx.db, a.core.ctx.deviceId, `mine-b-${i}`));
      await pushAll(deps(a), summary());
      // B's transaction lies inside A's own range.
      const [t1] = await txidsOf(first);
      const [tb] = await txidsOf(theirs);
      const [t2] = await txidsOf(second);
      expect(tb).toBeGreaterThan(t1!);
      expect(tb).toBeLessThan(t2!);
      expect(getOwnTxids(a.core.ctx.db, 'audit_log')).toEqual({ min: t1, max: t2 });
      const got: string[] = [];
      await pullAll(deps(a, { pullPage: 7, onPulled: (t, ids) => t === 'audit_log' && got.push(...ids) }), summary());
      expect(count(a.core.ctx.db, 'theirs-%')).toBe(20);
      // Only B's audit rows came down.
      expect(got.sort()).toEqual([...theirs].sort());
      expect(count(a.core.ctx.db, 'mine-%')).toBe(60);
      expect(getOwnTxids(a.core.ctx.db, 'audit_log')).toBeNull();
    } finally {
      a.dispose();
      b.dispose();
    }
  }, 120_000);

  test('a slow writer below the watermark is waited for, then pulled, even when my pushes came after it', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    try {
      expect((await a.round()).ok).toBe(true);
      const slowId = newId();
      // Takes its transaction id first and stays in flight (a prepared transaction); written by no device.
      await hub.db.exec(`begin;
        insert into public.audit_log (id, at, action, outcome, details, created_at, updated_at, origin_device)
        values ('${slowId}', ${T0}, 'slow-own', 'ok', '{}', ${T0}, ${T0}, 'slow-writer');
        prepare transaction 'own_rows_slow';`);
      const mine = Array.from({ length: 10 }, (_, i) => audit(a.core.ctx.db, a.core.ctx.deviceId, `after-slow-${i}`));
      const s = await roundSeeing(a);
      expect(s).toMatchObject({ ok: true, pushed: 10 });
      expect(s.got.audit_log ?? 0).toBe(0);
      const has = (id: string) => a.core.ctx.db.prepare('SELECT 1 FROM audit_log WHERE id = ?').get(id) !== undefined;
      expect(has(slowId)).toBe(false);
      // The cursor stops below the slow transaction, and my range is kept until the cursor passes it.
      const [mineTxid] = await txidsOf(mine);
      expect(getCursor(a.core.ctx.db, 'audit_log').txid).toBeLessThan(mineTxid!);
      expect(getOwnTxids(a.core.ctx.db, 'audit_log')).toEqual({ min: mineTxid, max: mineTxid });
      await hub.db.exec(`commit prepared 'own_rows_slow'`);
      const s2 = await roundSeeing(a);
      expect(s2).toMatchObject({ ok: true, got: { audit_log: 1 } });
      expect(has(slowId)).toBe(true);
      expect(count(a.core.ctx.db, 'after-slow-%')).toBe(10);
      expect(getOwnTxids(a.core.ctx.db, 'audit_log')).toBeNull();
      expect(getCursor(a.core.ctx.db, 'audit_log')).toMatchObject({ seq: END_OF_TXID });
    } finally {
      await hub.db.exec(`rollback prepared 'own_rows_slow'`).catch(() => undefined);
      a.dispose();
    }
  }, 120_000);

  test('mutable rows still come back from my own push, with their hub version (the conflict base)', async () => {
    const a = await makeSyncDevice(hub, pw('admin').email, pw('admin').password);
    try {
      expect((await a.round()).ok).toBe(true);
      const p = await a.core.router.call('catalog.products.create', { sku: `OWN-${newId().slice(0, 8)}`, name: 'Own rows' });
      const s = await a.round();
      expect(s.ok).toBe(true);
      expect(s.pulled).toBeGreaterThanOrEqual(1);
      const version = a.core.ctx.db
        .prepare("SELECT hub_seq FROM sync_row_versions WHERE table_name = 'products' AND row_id = ?")
        .get(p.id) as { hub_seq: number } | undefined;
      const hubSeq = (await hub.db.query<{ s: string }>('select sync_seq::text as s from products where id = $1', [p.id])).rows[0]!.s;
      expect(version?.hub_seq).toBe(Number(hubSeq));
    } finally {
      a.dispose();
    }
  }, 120_000);
});
