import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@core/db/ids.js';
import { getForecast, saveForecasts, type StoredForecast } from '@core/db/repos/forecasts.js';
import { raiseProductAlert } from '@core/db/repos/productAlerts.js';
import { adviceStream, catalogAdvice, computeAdvice, rememberCurves, type ProductAdvice } from '@core/modules/forecast/advice.js';
import { evaluateStockoutRisks } from '@core/modules/forecast/stockRisk.js';
import { runForecast, type RunProfile } from '@core/modules/forecast/job.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';

// Issue 17 (speed): a catalog run makes the reorder maths batch by batch while the workers compute,
// instead of all of it after the last batch. Same advice, same stock-out alerts, same change feed;
// anything else written during the run, a new day or a cancelled run falls back to the old path.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0); // a Monday
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

const profile = (): RunProfile => ({ planMs: 0, readMs: 0, storeMs: 0, workerMs: 0, waitMs: 0, adviceMs: 0, tailMs: 0 });

/**
 * 40 products over two suppliers (one orders on Tuesdays and Fridays only), 150 days of sales at
 * different rates, stock from nearly empty to plenty; one open purchase order; one open stock-out
 * alert on a product that has plenty (the run clears it). Enough products for several batches.
 */
async function seeded() {
  const core = createTestCore({ start: T0 });
  cores.push(core);
  const feed: PushEvent[] = [];
  core.ctx.events.subscribe((ev) => {
    if (ev.event === 'data.changed' || ev.event === 'forecast.updated') feed.push(ev);
  });
  const today = Math.floor(T0 / DAY) * DAY;
  const shop = (await core.router.call('stock.locations.create', { name: 'Magasin', kind: 'warehouse' })).id;
  await core.router.call('forecast.orderDays.set', { supplier: 'Papeterie Nord', weekdays: [2, 5] });
  const line = ledgerLines(core, shop, today);
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const id = (
      await core.router.call('catalog.products.create', {
        sku: `SKU-${String(i).padStart(2, '0')}`,
        name: `Produit ${i}`,
        unit: 'pce',
        cost: 2,
        leadTimeDays: 3 + (i % 9),
        supplier: i % 2 ? 'Papeterie Nord' : 'Grossiste Sud',
      } as never)
    ).id;
    ids.push(id);
    const rate = 1 + (i % 7);
    const left = [0, 2, 5, 20, 60, 200, 900][i % 7]! * (1 + (i % 3));
    const sales = Array.from({ length: 150 }, (_, k) => rate + ((k * (i + 3)) % 3));
    core.ctx.db.transaction(() => {
      line(id, -151, 'in', sales.reduce((x, y) => x + y, 0) + left);
      sales.forEach((q, k) => line(id, k - 150, 'out', q));
    })();
  }
  await core.router.call('purchaseOrders.create', { productId: ids[3]!, quantity: 50, expectedAt: today + 2 * DAY });
  raiseProductAlert(
    core.ctx.db,
    {
      productId: ids[6]!,
      kind: 'stockout_risk',
      severity: 'warning',
      message: 'old risk',
      details: { sku: 'SKU-06', unit: 'pce', onHand: 1, stockoutAt: today, nextDeliveryAt: today + DAY, leadTimeDays: 3, suggestedQty: 1 },
    },
    { now: T0 - DAY, device: core.ctx.deviceId },
  );
  // A product still at risk, its alert's figures out of date: the run brings them up to date.
  raiseProductAlert(
    core.ctx.db,
    {
      productId: ids[7]!,
      kind: 'stockout_risk',
      severity: 'critical',
      message: 'old figures',
      details: {
        sku: 'SKU-07',
        unit: 'pce',
        onHand: 12345,
        stockoutAt: today,
        nextDeliveryAt: today + DAY,
        leadTimeDays: 3,
        suggestedQty: 1,
      },
    },
    { now: T0 - DAY, device: core.ctx.deviceId },
  );
  feed.length = 0;
  return { core, today, ids, feed, line };
}

/** The stock-out alerts by SKU, as a person sees them (ids and row stamps differ between cores). */
const alertsOf = (core: TestCore) =>
  core.ctx.db
    .prepare(
      `SELECT p.sku, a.severity, a.message, a.details, a.raised_at AS raisedAt, a.cleared_at AS clearedAt, a.updated_at AS updatedAt
       FROM product_alerts a JOIN products p ON p.id = a.product_id ORDER BY p.sku, a.raised_at`,
    )
    .all();

/** The advice rows keyed by SKU, without the per-core ids and timings. */
const rowsOf = (list: readonly ProductAdvice[]) => list.map((a) => ({ ...a.row, productId: a.product.sku, computedAt: 0 }));

describe('reorder maths batch by batch during a catalog run', () => {
  it('gives the advice, stock-out alerts and change feed of the reorder maths made after the run', async () => {
    const a = await seeded();
    const b = await seeded();
    // b: an unrelated write during the run (a location added) voids the batch-by-batch advice,
    // so b takes the old path: the whole catalog's reorder maths after the last batch.
    let once = false;
    b.core.ctx.events.subscribe((ev) => {
      if (ev.event === 'job.progress' && (ev.payload as { done: number }).done > 0 && !once) {
        once = true;
        b.core.ctx.db
          .prepare(`INSERT INTO locations (id, name, kind, created_at, updated_at, origin_device) VALUES (?, ?, 'warehouse', ?, ?, ?)`)
          .run(newId(), `Réserve ${newId()}`, T0, T0, b.core.ctx.deviceId);
      }
    });
    const pa = profile();
    const pb = profile();
    const ra = await runForecast(a.core.ctx, { mode: 'full', profile: pa, threads: 2 });
    const rb = await runForecast(b.core.ctx, { mode: 'full', profile: pb, threads: 2 });
    expect(ra).toMatchObject({ computed: 40, failed: [], cancelled: false });
    expect(rb).toMatchObject({ computed: 40, failed: [], cancelled: false });
    expect(pa.streamedAdvice).toBe(true);
    expect(pb.streamedAdvice).toBe(false);

    // Same alerts: raised on the same products with the same words and figures, the old one cleared.
    const alerts = alertsOf(a.core);
    expect(alerts).toEqual(alertsOf(b.core));
    expect(alerts.filter((x) => (x as { clearedAt: number | null }).clearedAt === null).length).toBeGreaterThan(5);
    expect(alerts.find((x) => (x as { sku: string }).sku === 'SKU-06')).toMatchObject({ clearedAt: T0 });
    expect(alerts.find((x) => (x as { sku: string }).sku === 'SKU-07')).toMatchObject({ clearedAt: null, updatedAt: T0 });
    expect(JSON.parse((alerts.find((x) => (x as { sku: string }).sku === 'SKU-07') as { details: string }).details)).not.toMatchObject({
      onHand: 12345,
    });
    // And what the reorder maths read from the database now wants: nothing to raise, clear or refresh.
    expect(evaluateStockoutRisks(a.core.ctx)).toEqual({ raised: 0, cleared: 0 });
    expect(alertsOf(a.core)).toEqual(alerts);

    // Same advice for the screens, and the same as a read of the stored forecasts without any cache.
    const today = a.today;
    expect(rowsOf(catalogAdvice(a.core.ctx, today))).toEqual(rowsOf(catalogAdvice(b.core.ctx, today)));
    expect(catalogAdvice(a.core.ctx, today)).toEqual(computeAdvice(a.core.ctx.db, today));
    expect(rowsOf(catalogAdvice(a.core.ctx, today)).filter((r) => r.status === 'order_now').length).toBeGreaterThan(5);

    // Same change feed: forecasts once, product alerts once.
    const feed = (f: PushEvent[]) => f.map((e) => (e.event === 'forecast.updated' ? { event: e.event } : e));
    expect(feed(a.feed)).toEqual(feed(b.feed));
    expect(a.feed.map((e) => e.event)).toEqual(['forecast.updated', 'data.changed', 'data.changed']);

    // An hour later, the same sales on both: an incremental run recomputes those products only; the
    // alerts of the rest stay as they are, the sold ones' figures move, a product that sold out raises.
    for (const c of [a, b]) {
      c.core.clock.advance(HOUR);
      c.line(c.ids[14]!, -1, 'out', 1);
      const onHand = c.core.ctx.db
        .prepare('SELECT SUM(on_hand) FROM stock_balances WHERE product_id = ?')
        .pluck()
        .get(c.ids[12]!) as number;
      c.line(c.ids[12]!, -1, 'out', onHand);
      c.feed.length = 0;
    }
    once = false;
    const pa2 = profile();
    const pb2 = profile();
    expect(await runForecast(a.core.ctx, { mode: 'incremental', profile: pa2, threads: 2 })).toMatchObject({ computed: 2, skipped: 38 });
    expect(await runForecast(b.core.ctx, { mode: 'incremental', profile: pb2, threads: 2 })).toMatchObject({ computed: 2, skipped: 38 });
    expect(pa2.streamedAdvice).toBe(true);
    expect(pb2.streamedAdvice).toBe(false);
    const later = alertsOf(a.core);
    expect(later).toEqual(alertsOf(b.core));
    expect(later).not.toEqual(alerts);
    expect(later.filter((x) => (x as { updatedAt: number }).updatedAt === T0 + HOUR).length).toBeGreaterThan(0);
    expect(feed(a.feed)).toEqual(feed(b.feed));
    expect(catalogAdvice(a.core.ctx, today)).toEqual(computeAdvice(a.core.ctx.db, today));
  });

  it('a sale written during the run is in the advice and alerts (the batch-by-batch advice gives way)', async () => {
    const a = await seeded();
    const sku = 'SKU-05'; // 900 in stock: no risk before the sale
    const id = a.ids[5]!;
    let sold = false;
    a.core.ctx.events.subscribe((ev) => {
      if (ev.event === 'job.progress' && (ev.payload as { done: number }).done > 0 && !sold) {
        sold = true;
        const onHand = a.core.ctx.db.prepare('SELECT SUM(on_hand) FROM stock_balances WHERE product_id = ?').pluck().get(id) as number;
        a.line(id, 0, 'out', onHand - 1);
      }
    });
    const p = profile();
    await runForecast(a.core.ctx, { mode: 'full', profile: p, threads: 2 });
    expect(sold).toBe(true);
    expect(p.streamedAdvice).toBe(false);
    const row = catalogAdvice(a.core.ctx, a.today).find((x) => x.product.id === id)!.row;
    expect(row.onHand).toBe(1);
    expect(catalogAdvice(a.core.ctx, a.today)).toEqual(computeAdvice(a.core.ctx.db, a.today));
    expect(alertsOf(a.core).find((x) => (x as { sku: string }).sku === sku)).toMatchObject({ severity: 'critical', clearedAt: null });
  });

  it('a cancelled run stores what it finished and leaves alerts and advice as a read of the database gives them', async () => {
    const a = await seeded();
    const before = alertsOf(a.core);
    const controller = new AbortController();
    a.core.ctx.events.subscribe((ev) => {
      if (ev.event === 'job.progress' && (ev.payload as { done: number }).done > 0) controller.abort();
    });
    const p = profile();
    const r = await runForecast(a.core.ctx, { mode: 'full', profile: p, threads: 2, signal: controller.signal });
    expect(r.cancelled).toBe(true);
    expect(r.computed).toBeGreaterThan(0);
    expect(r.computed).toBeLessThan(40);
    expect(p.streamedAdvice).toBeUndefined();
    // No stock-out check after a cancelled run (as before), and the screens read the database.
    expect(alertsOf(a.core)).toEqual(before);
    expect(catalogAdvice(a.core.ctx, a.today)).toEqual(computeAdvice(a.core.ctx.db, a.today));
    const stored = a.ids.filter((id) => getForecast(a.core.ctx.db, id) !== null).length;
    expect(stored).toBe(r.computed);
  });

  it('products no batch brought are advised from their stored forecast; another write or a new day voids the stream', async () => {
    const a = await seeded();
    await runForecast(a.core.ctx, { mode: 'full', threads: 2 });
    const { core, today, ids } = a;
    const db = core.ctx.db;
    // Half the catalog gets new forecasts (twice the demand), stored as a run stores them.
    const store = (stream: ReturnType<typeof adviceStream>, which: string[], at: number) => {
      const rows: StoredForecast[] = which.map((id) => {
        const f = getForecast(db, id)!;
        const twice = (v: readonly number[]) => v.map((x) => x * 2);
        return { ...f, p10: twice(f.p10), p50: twice(f.p50), p90: twice(f.p90), totals: null, computedAt: at, ms: 1.5 };
      });
      const curves = stream.write(() => saveForecasts(db, rows));
      rememberCurves(
        core.ctx,
        rows.map((meta, i) => ({ meta, curves: curves[i]! })),
      );
      stream.stored(rows, curves);
    };
    const s1 = adviceStream(core.ctx, today);
    store(s1, ids.slice(0, 10), T0 + 1);
    store(s1, ids.slice(10, 20), T0 + 2);
    expect(s1.finish(today)).toBe(true);
    const primed = catalogAdvice(core.ctx, today);
    expect(primed).toEqual(computeAdvice(db, today));
    expect(primed.find((x) => x.product.id === ids[0])!.curves!.p50).toEqual(getForecast(db, ids[0]!)!.p50);

    // A sale between two of the run's writes: the stream gives way, catalogAdvice reads the database.
    const s2 = adviceStream(core.ctx, today);
    store(s2, ids.slice(0, 5), T0 + 3);
    a.line(ids[7]!, 0, 'out', 1);
    store(s2, ids.slice(5, 10), T0 + 4);
    expect(s2.finish(today)).toBe(false);
    expect(catalogAdvice(core.ctx, today)).toEqual(computeAdvice(db, today));
    // A write after the last batch, and a run that ends on another day, too.
    const s3 = adviceStream(core.ctx, today);
    store(s3, ids.slice(0, 5), T0 + 5);
    a.line(ids[7]!, 0, 'out', 1);
    expect(s3.finish(today)).toBe(false);
    const s4 = adviceStream(core.ctx, today);
    store(s4, ids.slice(0, 5), T0 + 6);
    expect(s4.finish(today + DAY)).toBe(false);
    expect(catalogAdvice(core.ctx, today)).toEqual(computeAdvice(db, today));
  });
});
