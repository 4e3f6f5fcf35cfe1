import { afterEach, describe, expect, it } from 'vitest';
import { getForecast } from '@core/db/repos/forecasts.js';
import { readDemand } from '@core/modules/forecast/demandInput.js';
import { planForecasts } from '@core/modules/forecast/inputs.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { calibratedTotals, catalogCalibration } from '@core/modules/forecast/catalogCalibration.js';
import { MIN_PRODUCTS } from '@core/modules/forecast/leadTimeCalibration.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { seedJumpingCatalog } from '../fixtures/jumpingCatalog.js';

const DAY = 86_400_000;
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});

/** A catalog of `count` products whose level jumps every 20 days (seedJumpingCatalog). */
async function catalog(count: number) {
  const core = createTestCore({});
  cores.push(core);
  const today = Math.floor(core.clock.now() / DAY) * DAY;
  const ids = await seedJumpingCatalog(core, count, today);
  return { core, today, ids };
}

describe('a forecast run stores lead-time totals calibrated on the catalog’s own past', () => {
  it('with enough products the stored totals are the model’s scaled by the catalog’s factors', async () => {
    const { core, today, ids } = await catalog(MIN_PRODUCTS + 5);
    expect(await core.router.call('forecast.run', { mode: 'full' })).toMatchObject({ failed: [] });
    const plan = planForecasts(core.ctx.db, today, 'FR');
    // Stored for the day (catalogCalibration.ts): the factors the run used.
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
