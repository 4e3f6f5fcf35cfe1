-- The forecasts table with its description first and its bulky values last (params JSON, the
-- curves blob, legacy JSON curves): a row of a 28-day forecast is ~2 kB, more than SQLite keeps on
-- a 4 kB b-tree page, so the rest goes to overflow pages, and a column stored after the blob was
-- read from there. The reorder maths reads the description of every product after a run and an
-- incremental run reads every fingerprint: with these columns first, neither touches the overflow.
-- Same columns and checks as 0240.
CREATE TABLE forecasts_new (
  product_id TEXT PRIMARY KEY REFERENCES products (id),
  driver TEXT NOT NULL CHECK (driver IN ('history', 'event_prints', 'event_count')),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'no_data')),
  model TEXT CHECK (model IS NULL OR length(model) BETWEEN 1 AND 100),
  kind TEXT CHECK (kind IS NULL OR kind IN ('smooth', 'erratic', 'intermittent', 'lumpy')),
  start_day INTEGER NOT NULL CHECK (start_day % 86400000 = 0),
  horizon INTEGER NOT NULL CHECK (horizon BETWEEN 0 AND 1000),
  next7_p50 REAL CHECK (next7_p50 IS NULL OR next7_p50 >= 0),
  backtest_mase REAL CHECK (backtest_mase IS NULL OR backtest_mase >= 0),
  backtest_bias REAL,
  history_days INTEGER NOT NULL CHECK (history_days >= 0),
  inputs_fingerprint TEXT NOT NULL CHECK (length(inputs_fingerprint) BETWEEN 1 AND 500),
  computed_at INTEGER NOT NULL,
  ms REAL NOT NULL CHECK (ms >= 0),
  params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
  curves BLOB CHECK (curves IS NULL OR (length(curves) >= 24 * horizon AND (length(curves) - 24 * horizon) % 24 = 0)),
  legacy_curves TEXT CHECK (legacy_curves IS NULL OR (json_valid(legacy_curves) AND json_type(legacy_curves) = 'object')),
  CHECK ((curves IS NULL) <> (legacy_curves IS NULL)),
  CHECK ((outcome = 'ok') = (model IS NOT NULL)),
  CHECK (outcome = 'ok' OR horizon = 0)
) STRICT;

INSERT INTO forecasts_new (product_id, driver, outcome, model, kind, start_day, horizon, next7_p50, backtest_mase, backtest_bias,
  history_days, inputs_fingerprint, computed_at, ms, params, curves, legacy_curves)
SELECT product_id, driver, outcome, model, kind, start_day, horizon, next7_p50, backtest_mase, backtest_bias,
  history_days, inputs_fingerprint, computed_at, ms, params, curves, legacy_curves
FROM forecasts;

DROP TABLE forecasts;
ALTER TABLE forecasts_new RENAME TO forecasts;
