import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getForecast } from '@core/db/repos/forecasts.js';
import { setLocal } from '@core/db/repos/localState.js';
import { openProductAlerts } from '@core/db/repos/productAlerts.js';
import { planForecasts } from '@core/modules/forecast/inputs.js';
import { runForecast, type RunOptions, type RunProfile } from '@core/modules/forecast/job.js';
import { catalogAdvice } from '@core/modules/forecast/advice.js';
import {
  CALIBRATION_STATE_KEY,
  calibrationRefresh,
  catalogCalibration,
  MAX_AGE_DAYS,
  storedCalibration,
  type StoredCalibration,
} from '@core/modules/forecast/catalogCalibration.js';
import { MIN_PRODUCTS } from '@core/modules/forecast/leadTimeCalibration.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { seedJumpingCatalog } from '../fixtures/jumpingCatalog.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';

// Issue 17 (speed): a first-ever run (no usable stored lead-time factors) validates in its own
// worker pool, queued before the catalog's batches, instead of on a pool of its own before the run.
// What it stores must be exactly what a run given the same factors stores, and a stopped run must
// never leave forecasts stored with bands other than the factors stored beside them.
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 23, 9, 0, 0);
const TODAY = Math.floor(START / DAY) * DAY;
const N = MIN_PRODUCTS + 6;
/** Units left today: from an empty shelf to plenty (the products sell ~8 a day, lead time 5 days), so the advice and the stock-out alerts vary. */
const LEFT = [0, 5, 15, 30, 45, 60, 90, 400];

const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

let template = '';
let ids: string[] = [];
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-calfirst-'));
  dirs.push(dir);
  template = path.join(dir, 'template.db');
  const core = createTestCore({ start: START, dbPath: template });
  ids = await seedJumpingCatalog(core, N, TODAY, (p) => LEFT[p % LEFT.length]!);
  core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  core.dispose();
}, 120_000);

/** A core on a fresh copy of the template's file, recording the change feed. */
function copy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-calfirst-'));
  dirs.push(dir);
  const file = path.join(dir, 'opsdeck.db');
  fs.copyFileSync(template, file);
  const core = createTestCore({ start: START, dbPath: file });
  cores.push(core);
  const feed: PushEvent[] = [];
  core.ctx.events.subscribe((e) => {
    if (e.event === 'data.changed') feed.push(e);
  });
  return { core, feed };
}

const newProfile = (): RunProfile => ({ planMs: 0, readMs: 0, storeMs: 0, workerMs: 0, waitMs: 0, adviceMs: 0, tailMs: 0 });
const run = (core: TestCore, o: Partial<RunOptions> = {}) => runForecast(core.ctx, { mode: 'full', ...o });

/** What a run leaves for the screens and the alerts: every product's stored forecast, its advice row, the open stock-out alerts. */
function outcome(core: TestCore) {
  const forecasts = ids.map((id) => {
    const f = getForecast(core.ctx.db, id);
    return f && { model: f.model, p10: f.p10, p50: f.p50, p90: f.p90, totals: f.totals };
  });
  const advice = catalogAdvice(core.ctx, TODAY).map((a) => a.row);
  const alerts = openProductAlerts(core.ctx.db, 'stockout_risk').map((a) => ({
    productId: a.productId,
    severity: a.severity,
    message: a.message,
    details: a.details,
  }));
  return { forecasts, advice, alerts };
}

/**
 * The reference: the factors computed apart, before any run, by the calibration's own pool (the
 * path the background refresh takes), then a run that applies them as stored.
 */
async function reference() {
  const { core, feed } = copy();
  const plan = planForecasts(core.ctx.db, TODAY, 'FR');
  await catalogCalibration(core.ctx, plan.products, { today: TODAY, country: 'FR' });
  const factors = storedCalibration(core.ctx.db)!;
  const profile = newProfile();
  feed.length = 0;
  const r = await run(core, { profile });
  expect(r).toMatchObject({ failed: [], cancelled: false });
  expect(profile).toMatchObject({ calibration: 'stored', validatedProducts: 0 });
  return { factors, outcome: outcome(core), feed: [...feed] };
}

const factorsOf = (s: StoredCalibration | null) => s && { ...s, computedAt: 0 };

describe('a first-ever run validates in its own worker pool', () => {
  it('stores the same factors, lead-time totals, reorder advice and stock-out alerts as a run given those factors, and the same change feed', async () => {
    const ref = await reference();
    // The catalog is one whose factors matter: they move the bands, some products are to order, some alerts are raised.
    expect([...ref.factors.value!.upper, ...ref.factors.value!.lower].some((c) => Math.abs(c - 1) > 0.05)).toBe(true);
    expect(ref.outcome.advice.some((a) => a.status === 'order_now')).toBe(true);
    expect(ref.outcome.alerts.length).toBeGreaterThan(0);

    const { core, feed } = copy();
    expect(storedCalibration(core.ctx.db)).toBeNull();
    const profile = newProfile();
    const seen: number[] = [];
    const r = await run(core, { profile, onValidated: (done) => seen.push(done) });
    expect(r).toMatchObject({ failed: [], cancelled: false, computed: N });
    // Validated on the run's path, in its pool: every sample product, batch by batch.
    expect(profile).toMatchObject({ calibration: 'computed', validatedProducts: N });
    expect(seen.at(-1)).toBe(N);
    expect(seen.length).toBeGreaterThan(1);
    expect(profile.validateWorkerMs).toBeGreaterThan(0);
    // Catalog forecasts were computed while the factors were being computed, and scaled after.
    expect(profile.scaledProducts).toBeGreaterThan(0);

    expect(factorsOf(storedCalibration(core.ctx.db))).toEqual(factorsOf(ref.factors));
    // Exactly what the reference stored and advised when the run returns: nothing is left to
    // re-apply later, nothing runs in the background.
    expect(calibrationRefresh(core.ctx)).toBeNull();
    const got = outcome(core);
    expect(got.forecasts).toEqual(ref.outcome.forecasts);
    expect(got.advice).toEqual(ref.outcome.advice);
    expect(got.alerts).toEqual(ref.outcome.alerts);
    expect(feed).toEqual(ref.feed);
    expect(feed.map((e) => (e.payload as { tables: string[] }).tables).flat()).toEqual(
      expect.arrayContaining(['forecasts', 'product_alerts']),
    );
  }, 180_000);

  it('stopped during its validation: no factors stored, no history forecast stored; the next run validates and stores the calibrated outcome', async () => {
    const ref = await reference();
    for (const at of ['first', 'last'] as const) {
      const { core, feed } = copy();
      const stop = new AbortController();
      const r = await run(core, {
        signal: stop.signal,
        // 'last': every validation batch is back, the factors not yet computed.
        onValidated: (done, total) => {
          if (at === 'first' || done === total) stop.abort();
        },
      });
      expect(r.cancelled).toBe(true);
      expect(storedCalibration(core.ctx.db)).toBeNull();
      expect(ids.map((id) => getForecast(core.ctx.db, id))).toEqual(ids.map(() => null));
      expect(feed).toEqual([]);

      const profile = newProfile();
      expect(await run(core, { profile })).toMatchObject({ cancelled: false, failed: [] });
      expect(profile).toMatchObject({ calibration: 'computed', validatedProducts: N });
      expect(factorsOf(storedCalibration(core.ctx.db))).toEqual(factorsOf(ref.factors));
      expect(outcome(core)).toEqual(ref.outcome);
    }
  }, 240_000);

  it('an incremental run of two products without usable factors: the catalog validated in the pool, the two stored with its factors, as with the factors computed apart', async () => {
    /** A catalog run a week and more ago (its factors too old to use), then a sale of two products since: two stale forecasts. */
    const twoStale = async () => {
      const c = copy();
      await run(c.core);
      const s = storedCalibration(c.core.ctx.db)!;
      setLocal(c.core.ctx.db, CALIBRATION_STATE_KEY, JSON.stringify({ ...s, day: s.day - MAX_AGE_DAYS * DAY }));
      const shop = c.core.ctx.db.prepare('SELECT id FROM locations LIMIT 1').pluck().get() as string;
      const line = ledgerLines(c.core, shop, TODAY);
      line(ids[3]!, -1, 'out', 7, 16);
      line(ids[40]!, -1, 'out', 9, 16);
      c.feed.length = 0;
      return c;
    };
    const ref = await twoStale();
    await catalogCalibration(ref.core.ctx, planForecasts(ref.core.ctx.db, TODAY, 'FR').products, { today: TODAY, country: 'FR' });
    expect(await run(ref.core, { mode: 'incremental' })).toMatchObject({ computed: 2, failed: [] });

    const { core, feed } = await twoStale();
    const profile = newProfile();
    expect(await run(core, { mode: 'incremental', profile })).toMatchObject({ computed: 2, failed: [], cancelled: false });
    // The sample is the catalog's (validated in the pool), the forecasts only the two stale products'.
    expect(profile).toMatchObject({ calibration: 'computed', validatedProducts: N });
    expect(factorsOf(storedCalibration(core.ctx.db))).toEqual(factorsOf(storedCalibration(ref.core.ctx.db)));
    expect(outcome(core)).toEqual(outcome(ref.core));
    expect(feed).toEqual(ref.feed);
  }, 240_000);

  it('stopped once it stores the catalog: the factors are stored, and every forecast it stored carries them', async () => {
    const ref = await reference();
    const { core } = copy();
    const stop = new AbortController();
    const unsubscribe = core.ctx.events.subscribe((e) => {
      const p = e.payload as { done?: number; message?: string };
      if (e.event === 'job.progress' && (p.done ?? 0) > 0 && !p.message) stop.abort();
    });
    const r = await run(core, { signal: stop.signal });
    unsubscribe();
    expect(r.cancelled).toBe(true);
    expect(factorsOf(storedCalibration(core.ctx.db))).toEqual(factorsOf(ref.factors));
    const stored = ids.map((id, i) => [getForecast(core.ctx.db, id), ref.outcome.forecasts[i]] as const).filter(([f]) => f);
    expect(stored.length).toBeGreaterThan(0);
    for (const [f, want] of stored) expect({ model: f!.model, p10: f!.p10, p50: f!.p50, p90: f!.p90, totals: f!.totals }).toEqual(want);
  }, 180_000);
});
