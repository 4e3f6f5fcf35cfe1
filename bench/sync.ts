/**
 * npm run bench:sync — push and pull of N ledger rows through the hub double, each next to a
 * baseline measured in the same run on the same engine, and an idle round. Figures only; the
 * goals (within 5× of the baseline, idle round < 50 ms) are printed, never asserted.
 * BENCH_ROWS (default 100000) sets N. Rows are stock movements (the synced stock ledger, with the
 * balance trigger on both devices and the product/location foreign keys on the hub).
 * Runs on the hub double's PGlite engine, then on a real PostgreSQL 15 server when
 * OPSDECK_HUB_PG_URL is set (eval "$(bash scripts/hub-pg.sh start)"; the database is migrated by
 * `supabase db push`, PostgREST's role switch and the 8 s statement timeout apply); BENCH_ENGINES
 * (e.g. "postgres") picks one.
 */
import { performance } from 'node:perf_hooks';
import { startHubDouble } from '../tests/fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../tests/fixtures/hub-double/users.js';
import { makeSyncDevice } from '../tests/fixtures/sync-devices.js';
import { newId } from '../electron/core/db/ids.js';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
const COLS =
  'id, product_id, location_id, to_location_id, type, quantity, direction, delta, reason, occurred_at, source, user_id, idempotency_key, created_at, updated_at, deleted_at, origin_device';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const engines = (process.env.BENCH_ENGINES ?? (process.env.OPSDECK_HUB_PG_URL ? 'pglite,postgres' : 'pglite')).split(',') as Array<
  'pglite' | 'postgres'
>;
for (const engine of engines) await benchOn(engine);

async function benchOn(engine: 'pglite' | 'postgres'): Promise<void> {
  const hub = await startHubDouble({ users: DEMO_HUB_USERS, engine });
  const a = await makeSyncDevice(hub, admin.email, admin.password);
  const b = await makeSyncDevice(hub, installer.email, installer.password);
  try {
    const t0 = Date.UTC(2026, 10, 1);
    const products: string[] = [];
    for (let i = 0; i < 50; i++)
      products.push((await a.core.router.call('catalog.products.create', { sku: `BENCH-${i}`, name: `Bench ${i}` })).id);
    const wh = (await a.core.router.call('stock.locations.create', { name: 'Bench warehouse', kind: 'warehouse' })).id;
    // The catalog goes first, so the measured rounds are the movements.
    if (!(await a.round()).ok || !(await b.round()).ok) throw new Error('catalog round failed');
    const rows = Array.from({ length: N }, (_, i) => {
      const q = (i % 7) + 1;
      return {
        id: newId(),
        product_id: products[i % products.length]!,
        location_id: wh,
        to_location_id: null,
        type: 'in',
        quantity: q,
        direction: 1,
        delta: q,
        reason: '',
        occurred_at: t0 + i,
        source: 'csv',
        user_id: null,
        idempotency_key: null,
        created_at: t0 + i,
        updated_at: t0 + i,
        deleted_at: null,
        origin_device: a.core.ctx.deviceId,
      };
    });

    // Baseline: the same rows, bulk-inserted straight into the same engine, in the same batch size.
    await hub.db.exec('create table public.bench_bulk (like public.stock_movements including all)');
    let t = performance.now();
    for (let i = 0; i < N; i += 500) {
      await hub.db.query(
        `insert into public.bench_bulk (${COLS}) select ${COLS} from jsonb_populate_recordset(null::public.bench_bulk, $1::jsonb)`,
        [JSON.stringify(rows.slice(i, i + 500))],
      );
    }
    const bulkMs = performance.now() - t;
    t = performance.now();
    let read = 0;
    for (let off = 0; ; off += 1000) {
      const r = await hub.db.query<{ j: string }>(
        `select coalesce(json_agg(x), '[]')::text as j from (select * from public.bench_bulk order by id limit 1000 offset ${off}) x`,
      );
      const n = (JSON.parse(r.rows[0]!.j) as unknown[]).length;
      read += n;
      if (n < 1000) break;
    }
    const bulkReadMs = performance.now() - t;
    await hub.db.exec('drop table public.bench_bulk');

    const ins = a.core.ctx.db.prepare(
      `INSERT INTO stock_movements (${COLS}) VALUES (${COLS.split(', ')
        .map((c) => `@${c}`)
        .join(', ')})`,
    );
    t = performance.now();
    a.core.ctx.db.transaction(() => rows.forEach((r) => ins.run(r)))();
    const localMs = performance.now() - t;

    t = performance.now();
    const rpcBefore = hub.stats.rpcMs.opsdeck_push ?? 0;
    const push = await a.round();
    const pushMs = performance.now() - t;
    const pushHubMs = (hub.stats.rpcMs.opsdeck_push ?? 0) - rpcBefore;
    if (process.env.BENCH_DEBUG) console.log(hub.stats.rpcMs);
    if (!push.ok) throw new Error(`push round failed: ${push.error?.message}`);

    t = performance.now();
    const pull = await b.round();
    const pullMs = performance.now() - t;
    if (!pull.ok) throw new Error(`pull round failed: ${pull.error?.message}`);

    await b.round();
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      const s = await b.round();
      idle.push(performance.now() - t);
      if (!s.ok || s.pushed || s.pulled) throw new Error(`idle round did work: ${JSON.stringify(s)}`);
    }
    idle.sort((x, y) => x - y);
    const requestsPerIdle = (() => hub.stats.rest + hub.stats.rpc)();

    const pushRate = (push.pushed / pushMs) * 1000;
    const bulkRate = (N / bulkMs) * 1000;
    const pullRate = (pull.pulled / pullMs) * 1000;
    const readRate = (read / bulkReadMs) * 1000;
    console.log(
      `sync bench — ${fmt(N)} stock movements, hub double on ${engine === 'postgres' ? 'PostgreSQL 15 (server)' : 'PGlite'}, Node ${process.versions.node}`,
    );
    console.log(`  local insert (1 transaction, outbox triggers on): ${fmt(localMs)} ms (${fmt((N / localMs) * 1000)} rows/s)`);
    console.log(`  baseline bulk insert into the hub engine:          ${fmt(bulkMs)} ms (${fmt(bulkRate)} rows/s)`);
    console.log(
      `  push round (outbox → RPC → ack):                   ${fmt(pushMs)} ms (${fmt(pushRate)} rows/s) — ${(bulkRate / pushRate).toFixed(2)}× the baseline time (goal ≤ 5×); ${fmt(pushHubMs)} ms of it in opsdeck_push on the hub`,
    );
    console.log(`  baseline bulk read from the hub engine:            ${fmt(bulkReadMs)} ms (${fmt(readRate)} rows/s)`);
    console.log(
      `  pull round (pages → apply → cursor):               ${fmt(pullMs)} ms (${fmt(pullRate)} rows/s) — ${(readRate / pullRate).toFixed(2)}× the baseline time (goal ≤ 5×)`,
    );
    console.log(
      `  idle round (nothing to do), 20 runs:               median ${idle[10]!.toFixed(1)} ms, max ${idle[19]!.toFixed(1)} ms (goal < 50 ms); ${fmt(requestsPerIdle)} hub requests served in all`,
    );
  } finally {
    a.dispose();
    b.dispose();
    await hub.close();
  }
}
