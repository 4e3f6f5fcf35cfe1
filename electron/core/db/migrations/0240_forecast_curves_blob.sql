-- A forecast's daily curves stored as one binary value instead of four JSON texts (issue 17, speed):
-- a whole-catalog run writes 10,000 of them and the reorder maths reads them all back, and JSON
-- (printing, json_valid CHECKs, parsing) was most of that cost. `curves` holds little-endian
-- float64 values: p10, p50, p90 (horizon values each) then, when the forecast carries lead-time
-- totals, their p10, p50, p90 (k values each). Rows written before this migration keep their
-- curves as one JSON object in `legacy_curves` ({"p10":[…],"p50":[…],"p90":[…],"totals":…}),
-- still read as they were, until the next run rewrites them. Derived, local data: never synced.
CREATE TABLE forecasts_new (
  product_id TEXT PRIMARY KEY REFERENCES products (id),
  driver TEXT NOT NULL CHECK (driver IN ('history', 'event_prints', 'event_count')),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'no_data')),
  model TEXT CHECK (model IS NULL OR length(model) BETWEEN 1 AND 100),
  kind TEXT CHECK (kind IS NULL OR kind IN ('smooth', 'erratic', 'intermittent', 'lumpy')),
  params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
  start_day INTEGER NOT NULL CHECK (start_day % 86400000 = 0),
  horizon INTEGER NOT NULL CHECK (horizon BETWEEN 0 AND 1000),
  curves BLOB CHECK (curves IS NULL OR (length(curves) >= 24 * horizon AND (length(curves) - 24 * horizon) % 24 = 0)),
  legacy_curves TEXT CHECK (legacy_curves IS NULL OR (json_valid(legacy_curves) AND json_type(legacy_curves) = 'object')),
  next7_p50 REAL CHECK (next7_p50 IS NULL OR next7_p50 >= 0),
  backtest_mase REAL CHECK (backtest_mase IS NULL OR backtest_mase >= 0),
  backtest_bias REAL,
  history_days INTEGER NOT NULL CHECK (history_days >= 0),
  inputs_fingerprint TEXT NOT NULL CHECK (length(inputs_fingerprint) BETWEEN 1 AND 500),
  computed_at INTEGER NOT NULL,
  ms REAL NOT NULL CHECK (ms >= 0),
  CHECK ((curves IS NULL) <> (legacy_curves IS NULL)),
  CHECK ((outcome = 'ok') = (model IS NOT NULL)),
  CHECK (outcome = 'ok' OR horizon = 0)
) STRICT;

INSERT INTO forecasts_new (product_id, driver, outcome, model, kind, params, start_day, horizon, curves, legacy_curves, next7_p50,
  backtest_mase, backtest_bias, history_days, inputs_fingerprint, computed_at, ms)
SELECT product_id, driver, outcome, model, kind, params, start_day, horizon, NULL,
  json_object('p10', json(p10), 'p50', json(p50), 'p90', json(p90), 'totals', json(totals)), next7_p50,
  backtest_mase, backtest_bias, history_days, inputs_fingerprint, computed_at, ms
FROM forecasts;

DROP TABLE forecasts;
ALTER TABLE forecasts_new RENAME TO forecasts;
