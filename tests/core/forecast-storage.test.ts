import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@core/db/connection.js';
import { migrate } from '@core/db/migrate.js';
import { insertProduct } from '@core/db/repos/products.js';
import {
  decodeCurves,
  encodeCurves,
  forecastCurves,
  forecastFingerprints,
  getForecast,
  replaceTotals,
  saveForecasts,
  type StoredForecast,
} from '@core/db/repos/forecasts.js';
import { ProductInput } from '@shared/model/product.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function database(upTo?: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-fstore-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'opsdeck.db'));
  migrate(db, { upTo, dataDir: dir });
  const stamp = { now: Date.UTC(2026, 11, 7), device: 'dev-test' };
  for (const id of ['p-a', 'p-b', 'p-c'])
    insertProduct(db, id, ProductInput.parse({ sku: `SKU-${id}`, name: `Produit ${id}`, price: 10, cost: 5, leadTimeDays: 7 }), stamp);
  return { db, dir };
}

const forecast = (productId: string, over: Partial<StoredForecast> = {}): StoredForecast => ({
  productId,
  driver: 'history',
  outcome: 'ok',
  model: 'ets_ANA',
  kind: 'smooth',
  params: { alpha: 0.2, gamma: 0.05 },
  startDay: Date.UTC(2026, 11, 7),
  horizon: 3,
  p10: [1, 2, 3],
  p50: [2.5, 3.25, 4.125],
  p90: [5, 6, 7],
  totals: { p10: [1, 3.5], p50: [2.5, 5.75], p90: [5, 11] },
  next7P50: 9.875,
  mase: 0.8,
  bias: -0.1,
  historyDays: 730,
  fingerprint: 'fp-1',
  computedAt: Date.UTC(2026, 11, 7, 6),
  ms: 1.25,
  ...over,
});

describe('stored forecast curves (binary, migration 0240)', () => {
  it('round-trip: daily bands and lead-time totals of their own length, rounded to 6 decimals, never negative or NaN', () => {
    const c = {
      p10: [-1, 0.1234567891, Number.NaN],
      p50: [1, 2, Number.POSITIVE_INFINITY],
      p90: [3, 4, 5],
      totals: { p10: [1, 2, 3, 4, 5], p50: [2, 3, 4, 5, 6], p90: [3, 4, 5, 6, 1e9 + 0.5] },
    };
    const blob = encodeCurves(c);
    expect(blob.byteLength).toBe((3 * 3 + 3 * 5) * 8);
    expect(decodeCurves(blob, 3)).toEqual({
      p10: [0, 0.123457, 0],
      p50: [1, 2, 0],
      p90: [3, 4, 5],
      totals: { p10: [1, 2, 3, 4, 5], p50: [2, 3, 4, 5, 6], p90: [3, 4, 5, 6, 1e9 + 0.5] },
    });
    // No totals (calendar-driven forecasts), and the empty curves of a no-data row.
    expect(decodeCurves(encodeCurves({ p10: [1], p50: [2], p90: [3], totals: null }), 1)).toEqual({
      p10: [1],
      p50: [2],
      p90: [3],
      totals: null,
    });
    expect(decodeCurves(encodeCurves({ p10: [], p50: [], p90: [] }), 0)).toEqual({ p10: [], p50: [], p90: [], totals: null });
    // A value read from an unaligned buffer (a Buffer slice of a larger pool) decodes the same.
    const unaligned = Buffer.concat([Buffer.from([7]), blob]).subarray(1);
    expect(decodeCurves(unaligned, 3)).toEqual(decodeCurves(blob, 3));
    expect(() => encodeCurves({ p10: [1, 2], p50: [1], p90: [1] })).toThrow(/different lengths/);
  });

  it('replaceTotals gives the bytes encodeCurves gives with the new totals (a first-ever run scales the totals of forecasts encoded before its factors)', () => {
    const bands = { p10: [0.5, 1.25], p50: [2, 3.1], p90: [4.7, 6] };
    const raw = { p10: [1.1, 2.2, 3.3], p50: [2, 4, 6], p90: [3.3, 6.6, 9.9] };
    const scaled = { p10: [0.98765432198, 1.5, -2], p50: [2, 4, 6], p90: [4.123456789, NaN, 12] };
    const blob = encodeCurves({ ...bands, totals: raw });
    expect(Buffer.from(replaceTotals(blob, 2, scaled))).toEqual(encodeCurves({ ...bands, totals: scaled }));
    // An unaligned view (a row read inside a larger buffer) is copied, not misread.
    const shifted = new Uint8Array(blob.byteLength + 1);
    shifted.set(blob, 1);
    expect(Buffer.from(replaceTotals(shifted.subarray(1), 2, scaled))).toEqual(encodeCurves({ ...bands, totals: scaled }));
    expect(() => replaceTotals(encodeCurves({ ...bands, totals: raw }), 2, { p10: [1], p50: [1], p90: [1] })).toThrow(/another length/);
  });

  it('saveForecasts stores, replaces and reads back what it returns; a no-data row has empty curves', () => {
    const { db } = database();
    // The description first, the bulky values last (0243): reading the description of every product never reaches the overflow pages.
    expect((db.pragma('table_info(forecasts)') as Array<{ name: string }>).map((c) => c.name).slice(-3)).toEqual([
      'params',
      'curves',
      'legacy_curves',
    ]);
    const stored = saveForecasts(db, [
      forecast('p-a'),
      forecast('p-b', { outcome: 'no_data', model: null, kind: null, horizon: 0, p10: [], p50: [], p90: [], totals: null, params: {} }),
    ]);
    expect(stored[0]).toEqual({
      params: { alpha: 0.2, gamma: 0.05 },
      p10: [1, 2, 3],
      p50: [2.5, 3.25, 4.125],
      p90: [5, 6, 7],
      totals: forecast('p-a').totals,
    });
    expect(getForecast(db, 'p-a')).toEqual({ ...forecast('p-a') });
    expect(forecastCurves(db, 'p-a')).toEqual(stored[0]);
    expect(getForecast(db, 'p-b')).toMatchObject({ outcome: 'no_data', horizon: 0, p50: [], totals: null });
    expect(forecastCurves(db, 'p-b')).toEqual(stored[1]);
    // A recompute replaces the row (a longer horizon, no totals).
    saveForecasts(db, [
      forecast('p-a', { horizon: 4, p10: [1, 1, 1, 1], p50: [2, 2, 2, 2], p90: [3, 3, 3, 3], totals: null, fingerprint: 'fp-2' }),
    ]);
    expect(getForecast(db, 'p-a')).toMatchObject({ horizon: 4, p50: [2, 2, 2, 2], totals: null, fingerprint: 'fp-2' });
    expect(forecastFingerprints(db)).toEqual(
      new Map([
        ['p-a', 'fp-2'],
        ['p-b', 'fp-1'],
      ]),
    );
    expect(() => saveForecasts(db, [forecast('p-c', { horizon: 5 })])).toThrow(/horizon 5/);
    expect(getForecast(db, 'p-c')).toBeNull();
    db.close();
  });

  it('rows written before 0240 keep their JSON curves, read as before, until a run rewrites them', () => {
    const { db, dir } = database(239);
    db.prepare(
      `INSERT INTO forecasts (product_id, driver, outcome, model, kind, params, start_day, horizon, p10, p50, p90, totals, next7_p50,
         backtest_mase, backtest_bias, history_days, inputs_fingerprint, computed_at, ms)
       VALUES ('p-a', 'history', 'ok', 'theta', 'smooth', '{"alpha":0.5}', ?, 2, '[1,2]', '[3,4.5]', '[6,7]', '{"p10":[1,3],"p50":[3,7.5],"p90":[6,13]}',
         7.5, 0.9, 0.1, 400, 'old-fp', ?, 3.5),
       ('p-b', 'event_count', 'ok', 'event_count', NULL, '{}', ?, 1, '[0]', '[2]', '[4]', NULL, 2, NULL, NULL, 0, 'old-ev', ?, 0),
       ('p-c', 'history', 'no_data', NULL, NULL, '{}', ?, 0, '[]', '[]', '[]', NULL, NULL, NULL, NULL, 12, 'old-nd', ?, 0)`,
    ).run(...Array.from({ length: 3 }, () => [Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 1, 6)]).flat());
    migrate(db, { dataDir: dir });
    expect(getForecast(db, 'p-a')).toEqual({
      productId: 'p-a',
      driver: 'history',
      outcome: 'ok',
      model: 'theta',
      kind: 'smooth',
      params: { alpha: 0.5 },
      startDay: Date.UTC(2026, 11, 1),
      horizon: 2,
      p10: [1, 2],
      p50: [3, 4.5],
      p90: [6, 7],
      totals: { p10: [1, 3], p50: [3, 7.5], p90: [6, 13] },
      next7P50: 7.5,
      mase: 0.9,
      bias: 0.1,
      historyDays: 400,
      fingerprint: 'old-fp',
      computedAt: Date.UTC(2026, 11, 1, 6),
      ms: 3.5,
    });
    expect(forecastCurves(db, 'p-b')).toEqual({ params: {}, p10: [0], p50: [2], p90: [4], totals: null });
    expect(getForecast(db, 'p-c')).toMatchObject({ outcome: 'no_data', horizon: 0, p10: [], totals: null });
    // The next run rewrites the row in the binary form.
    saveForecasts(db, [forecast('p-a', { startDay: Date.UTC(2026, 11, 8) })]);
    expect(
      db
        .prepare("SELECT legacy_curves IS NULL AND length(curves) = (3 * 3 + 3 * 2) * 8 FROM forecasts WHERE product_id = 'p-a'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(getForecast(db, 'p-a')).toEqual(forecast('p-a', { startDay: Date.UTC(2026, 11, 8) }));
    db.close();
  });
});
