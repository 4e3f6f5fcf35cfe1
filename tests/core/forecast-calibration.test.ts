import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@core/db/ids.js';
import { prepareMovementInsert } from '@core/db/repos/stockMovements.js';
import { getForecast } from '@core/db/repos/forecasts.js';
import { readDemand } from '@core/modules/forecast/demandInput.js';
import { planForecasts } from '@core/modules/forecast/inputs.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { calibratedTotals, catalogCalibration } from '@core/modules/forecast/catalogCalibration.js';
import { MIN_PRODUCTS } from '@core/modules/forecast/leadTimeCalibration.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

function rng(seed: number) {
  let a = seed;
  return () => (a = (a * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/**
 * A catalog of `count` products selling for 300 days whose level jumps to a new value every 20
 * days (a regime the models read as a wandering level): their own lead-time bands are off, so the
 * catalog's validation has something to correct.
 */
async function catalog(count: number) {
  const core = createTestCore({});
  cores.push(core);
  const today = Math.floor(core.clock.now() / DAY) * DAY;
  const shop = (await core.router.call('stock.locations.create', { name: 'Magasin', kind: 'warehouse' })).id;
  const insert = prepareMovementInsert(core.ctx.db);
  const r = rng(5);
  const ids: string[] = [];
  for (let p = 0; p < count; p++) {
    const id = (
      await core.router.call('catalog.products.create', { sku: `P${p}`, name: `P${p}`, unit: 'pce', cost: 1, leadTimeDays: 5 } as never)
    ).id;
    ids.push(id);
    let level = 0;
    const line = (day: number, type: 'in' | 'out', quantity: number) =>
      insert({
        id: newId(),
        productId: id,
        locationId: shop,
        toLocationId: null,
        type,
        quantity,
        direction: type === 'in' ? 1 : -1,
        reason: '',
        occurredAt: today + day * DAY + (type === 'in' ? 8 : 12) * HOUR,
        source: 'manual',
        userId: null,
        idempotencyKey: null,
        now: core.clock.now(),
        device: core.ctx.deviceId,
      });
    core.ctx.db.transaction(() => {
      line(-300, 'in', 100_000);
      for (let d = -300; d < 0; d++) {
        if ((d + 300) % 20 === 0) level = 2 + r() * 12;
        const q = Math.round(level * (0.5 + r()));
        if (q > 0) line(d, 'out', q);
      }
    })();
  }
  return { core, today, ids };
}

describe('a forecast run stores lead-time totals calibrated on the catalog’s own past', () => {
  it('with enough products the stored totals are the model’s scaled by the catalog’s factors', async () => {
    const { core, today, ids } = await catalog(MIN_PRODUCTS + 5);
    expect(await core.router.call('forecast.run', { mode: 'full' })).toMatchObject({ failed: [] });
    const plan = planForecasts(core.ctx.db, today, 'FR');
    // Cached for the day: the factors the run used.
    const cal = await catalogCalibration(core.ctx, plan.products, { today, country: 'FR' });
    expect(cal).not.toBeNull();
    expect(cal!.products).toBe(MIN_PRODUCTS + 5);
    expect([...cal!.upper, ...cal!.lower].some((c) => Math.abs(c - 1) > 0.05)).toBe(true);
    let changed = 0;
    for (const id of ids.slice(0, 5)) {
      const p = plan.products.find((x) => x.productId === id)!;
      const input = readDemand(core.ctx.db, id, { today, historyDays: 730, horizon: p.horizon, country: 'FR' })!;
      const model = forecastSeries(input.y, { frequency: 7, horizon: p.horizon, closed: input.closed }).total!;
      const want = calibratedTotals(model, cal);
      for (const k of ['p10', 'p90'] as const) changed += want[k].filter((v, d) => Math.abs(v - model[k][d]!) > 0.01).length;
      const got = getForecast(core.ctx.db, id)!.totals!;
      for (const k of ['p10', 'p50', 'p90'] as const)
        for (let d = 0; d < want[k].length; d++) expect(got[k][d]!).toBeCloseTo(want[k][d]!, 3);
    }
    // The factors moved the bands: stored totals are not the model's.
    expect(changed).toBeGreaterThan(0);
  }, 120_000);

  it('with too few products the model’s own totals are stored', async () => {
    const { core, today, ids } = await catalog(MIN_PRODUCTS - 10);
    await core.router.call('forecast.run', { mode: 'full' });
    const plan = planForecasts(core.ctx.db, today, 'FR');
    expect(await catalogCalibration(core.ctx, plan.products, { today, country: 'FR' })).toBeNull();
    const id = ids[0]!;
    const p = plan.products.find((x) => x.productId === id)!;
    const input = readDemand(core.ctx.db, id, { today, historyDays: 730, horizon: p.horizon, country: 'FR' })!;
    const model = forecastSeries(input.y, { frequency: 7, horizon: p.horizon, closed: input.closed }).total!;
    const got = getForecast(core.ctx.db, id)!.totals!;
    for (let d = 0; d < model.p90.length; d++) expect(got.p90[d]!).toBeCloseTo(model.p90[d]!, 3);
  }, 120_000);
});
