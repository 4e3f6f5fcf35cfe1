import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getForecast } from '@core/db/repos/forecasts.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { readDemand } from '@core/modules/forecast/demandInput.js';
import { planForecasts } from '@core/modules/forecast/inputs.js';
import { forecastSeries } from '@core/modules/forecast/engine.js';
import { runForecast, type RunProfile } from '@core/modules/forecast/job.js';
import { catalogAdvice } from '@core/modules/forecast/advice.js';
import {
  CALIBRATION_STATE_KEY,
  calibratedTotals,
  calibrationRefresh,
  calibrationStatus,
  MAX_AGE_DAYS,
  storedCalibration,
  type StoredCalibration,
} from '@core/modules/forecast/catalogCalibration.js';
import { MIN_PRODUCTS, type LeadTimeCalibration } from '@core/modules/forecast/leadTimeCalibration.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { seedJumpingCatalog } from '../fixtures/jumpingCatalog.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 23, 9, 0, 0);
const TODAY = Math.floor(START / DAY) * DAY;
const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Database files of `count` products whose level jumps every 20 days (seedJumpingCatalog: the
 * models' own totals are off, the validation corrects them), built once and copied for each test.
 */
const templates = new Map<number, { file: string; ids: string[] }>();
async function buildTemplate(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-calstore-'));
  dirs.push(dir);
  const file = path.join(dir, 'template.db');
  const core = createTestCore({ start: START, dbPath: file });
  const ids = await seedJumpingCatalog(core, count, TODAY);
  core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  core.dispose();
  templates.set(count, { file, ids });
}

/** A fresh copy of the template's file in its own folder, and a function opening a core on it (a restart: a new core, same file). */
function copyOf(count: number) {
  const t = templates.get(count)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-calstore-'));
  dirs.push(dir);
  const file = path.join(dir, 'opsdeck.db');
  fs.copyFileSync(t.file, file);
  const open = (start = START) => {
    const core = createTestCore({ start, dbPath: file });
    cores.push(core);
    return core;
  };
  return { open, ids: t.ids };
}

const newProfile = (): RunProfile => ({ planMs: 0, readMs: 0, storeMs: 0, workerMs: 0, waitMs: 0, adviceMs: 0, tailMs: 0 });

async function run(core: TestCore, signal?: AbortSignal) {
  const profile = newProfile();
  const r = await runForecast(core.ctx, { mode: 'full', profile, signal });
  expect(r).toMatchObject({ failed: [], cancelled: false });
  return profile;
}

/** The stored totals of these products are the model's own scaled by `cal` (null: the model's own). */
function expectTotalsWith(core: TestCore, ids: string[], cal: LeadTimeCalibration | null) {
  const today = Math.floor(core.clock.now() / DAY) * DAY;
  const plan = planForecasts(core.ctx.db, today, 'FR');
  for (const id of ids) {
    const p = plan.products.find((x) => x.productId === id)!;
    const input = readDemand(core.ctx.db, id, { today, historyDays: 730, horizon: p.horizon, country: 'FR' })!;
    const model = forecastSeries(input.y, { frequency: 7, horizon: p.horizon, closed: input.closed }).total!;
    const want = calibratedTotals(model, cal);
    const got = getForecast(core.ctx.db, id)!.totals!;
    for (const k of ['p10', 'p50', 'p90'] as const) {
      expect(got[k]).toHaveLength(want[k].length);
      for (let d = 0; d < want[k].length; d++) expect(got[k][d]!).toBeCloseTo(want[k][d]!, 3);
    }
  }
}

/** Yesterday's factors, made up so a run that applies them is told apart from one that validates. */
function plantOld(core: TestCore, from: StoredCalibration, daysAgo = 1): StoredCalibration {
  const old: StoredCalibration = {
    ...from,
    day: from.day - daysAgo * DAY,
    computedAt: from.computedAt - daysAgo * DAY,
    value: { ...from.value!, upper: from.value!.upper.map(() => 2.5), lower: from.value!.lower.map(() => 0.5) },
  };
  setLocal(core.ctx.db, CALIBRATION_STATE_KEY, JSON.stringify(old));
  return old;
}

const N = MIN_PRODUCTS + 5;
beforeAll(async () => {
  await buildTemplate(N);
  await buildTemplate(MIN_PRODUCTS - 10);
}, 120_000);

describe('stored lead-time calibration (local_state): off the run’s path', () => {
  it('a first run validates and stores; a restarted core on the same file applies them without a validation forecast', async () => {
    const { open, ids } = copyOf(N);
    const a = open();
    const first = await run(a);
    expect(first.calibration).toBe('computed');
    expect(first.validatedProducts).toBe(N);
    const stored = storedCalibration(a.ctx.db)!;
    expect(stored).toMatchObject({ day: TODAY, history: N, country: 'FR' });
    expect(stored.value!.products).toBe(N);
    expect(calibrationRefresh(a.ctx)).toBeNull();
    a.close();

    // The app restarted (later the same day): same file, a new core, nothing in memory.
    const b = open(START + 3 * HOUR);
    const second = await run(b);
    expect(second.calibration).toBe('stored');
    expect(second.validatedProducts).toBe(0);
    // Current factors (today's, same catalog): no refresh either.
    expect(calibrationRefresh(b.ctx)).toBeNull();
    expectTotalsWith(b, ids.slice(0, 4), stored.value);
    // The factors moved the bands: the stored totals are not the model's.
    expect([...stored.value!.upper, ...stored.value!.lower].some((c) => Math.abs(c - 1) > 0.05)).toBe(true);
  }, 180_000);

  it('factors older than a week, or of a catalog much larger, are validated again before the run', async () => {
    const { open } = copyOf(N);
    const a = open();
    await run(a);
    const fresh = storedCalibration(a.ctx.db)!;
    plantOld(a, fresh, MAX_AGE_DAYS);
    const stale = await run(a);
    expect(stale.calibration).toBe('computed');
    expect(stale.validatedProducts).toBe(N);
    expect(storedCalibration(a.ctx.db)).toEqual({ ...fresh, computedAt: expect.any(Number) });

    // Computed for a catalog of half the size: an import since doubled it.
    setLocal(a.ctx.db, CALIBRATION_STATE_KEY, JSON.stringify({ ...fresh, history: Math.floor(N / 2) }));
    const grown = await run(a);
    expect(grown.calibration).toBe('computed');
    expect(storedCalibration(a.ctx.db)!.history).toBe(N);
  }, 180_000);

  it('yesterday’s factors: the run applies them, then refreshes them in the background; the next run applies the new ones', async () => {
    const { open, ids } = copyOf(N);
    const a = open();
    await run(a);
    const fresh = storedCalibration(a.ctx.db)!;
    const old = plantOld(a, fresh);

    // When the run has emitted its change feed, the refresh has not yet begun: the old factors are still stored.
    const seen: Array<StoredCalibration | null> = [];
    const unsubscribe = a.ctx.events.subscribe((e) => {
      if (e.event === 'data.changed' && (e.payload as { tables: string[] }).tables.includes('forecasts'))
        seen.push(storedCalibration(a.ctx.db));
    });
    const daily = await run(a);
    unsubscribe();
    expect(daily.calibration).toBe('stored');
    expect(daily.validatedProducts).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toEqual(old);
    // The run stored its totals with yesterday's factors.
    expectTotalsWith(a, ids.slice(0, 3), old.value);
    // The list's read after the run (the advice the run primed).
    const list = catalogAdvice(a.ctx, TODAY);

    const refresh = calibrationRefresh(a.ctx);
    expect(refresh).not.toBeNull();
    expect(await refresh).toMatchObject({ outcome: 'stored', validated: N });
    const renewed = storedCalibration(a.ctx.db)!;
    // The same computation as the first run's, today.
    expect(renewed.day).toBe(TODAY);
    expect(renewed.value).toEqual(fresh.value);
    // Storing the factors changed nothing the list reads: its cached advice stays.
    expect(catalogAdvice(a.ctx, TODAY)).toBe(list);

    const next = await run(a);
    expect(next.calibration).toBe('stored');
    expect(next.validatedProducts).toBe(0);
    expect(calibrationRefresh(a.ctx)).toBeNull();
    expectTotalsWith(a, ids.slice(0, 3), renewed.value);
  }, 180_000);

  it('a refresh aborted (the app quitting) stores nothing: the old factors stay', async () => {
    const { open } = copyOf(N);
    const a = open();
    await run(a);
    const old = plantOld(a, storedCalibration(a.ctx.db)!);
    const stop = new AbortController();
    await run(a, stop.signal);
    const refresh = calibrationRefresh(a.ctx)!;
    expect(refresh).not.toBeNull();
    // Abort once its reads have begun (the run's signal: what the app's stop aborts).
    await new Promise((r) => setTimeout(r, 30));
    stop.abort();
    expect(await refresh).toMatchObject({ outcome: 'aborted' });
    expect(storedCalibration(a.ctx.db)).toEqual(old);
    expect(JSON.parse(getLocal(a.ctx.db, CALIBRATION_STATE_KEY)!)).toEqual(old);
    expect(calibrationRefresh(a.ctx)).toBeNull();
  }, 180_000);

  it('too few products: no validation, nothing stored, the model’s own bands', async () => {
    const { open, ids } = copyOf(MIN_PRODUCTS - 10);
    const a = open();
    const p = await run(a);
    expect(p.calibration).toBe('small');
    expect(p.validatedProducts).toBe(0);
    expect(storedCalibration(a.ctx.db)).toBeNull();
    expect(calibrationRefresh(a.ctx)).toBeNull();
    expectTotalsWith(a, ids.slice(0, 2), null);
  }, 180_000);
});

describe('which stored factors a run may apply', () => {
  const base: StoredCalibration = {
    day: TODAY,
    history: 1000,
    days: 28,
    country: 'FR',
    computedAt: START,
    value: { upper: [1.5], lower: [1.2], products: 200, scores: 200 },
  };
  const basis = { day: TODAY, history: 1000, days: 28, country: 'FR' as const };
  it('current, usable (refreshed after the run) or none (validated first)', () => {
    expect(calibrationStatus(null, basis)).toBe('none');
    expect(calibrationStatus(base, basis)).toBe('current');
    expect(calibrationStatus({ ...base, day: TODAY - DAY }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, day: TODAY - (MAX_AGE_DAYS - 1) * DAY }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, day: TODAY - MAX_AGE_DAYS * DAY }, basis)).toBe('none');
    expect(calibrationStatus({ ...base, day: TODAY + DAY }, basis)).toBe('none');
    expect(calibrationStatus({ ...base, history: 1001 }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, history: 834 }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, history: 800 }, basis)).toBe('none');
    expect(calibrationStatus({ ...base, history: 1200 }, basis)).toBe('usable');
    // Relative to the catalog the factors were computed for: 1250 → 1000 shrank by a fifth, 1300 → 1000 by more.
    expect(calibrationStatus({ ...base, history: 1250 }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, history: 1300 }, basis)).toBe('none');
    expect(calibrationStatus({ ...base, days: 14 }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, country: 'GB' }, basis)).toBe('usable');
    expect(calibrationStatus({ ...base, value: null }, basis)).toBe('current');
  });
});
