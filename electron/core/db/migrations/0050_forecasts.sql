-- Forecasting: what drives each product's demand (synced user choice), the latest forecast per
-- product and the log of catalog runs (both derived data, local to this device, never synced).

CREATE TABLE product_demand_drivers (
  id TEXT PRIMARY KEY,
  -- One row per product, changed in place (never tombstoned for a switch back to history), so two
  -- devices' choices for one product merge as one mutable row.
  product_id TEXT NOT NULL UNIQUE REFERENCES products (id),
  driver TEXT NOT NULL CHECK (driver IN ('history', 'event_prints', 'event_count')),
  per_unit REAL CHECK (per_unit IS NULL OR per_unit > 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (driver = 'history' OR per_unit IS NOT NULL)
) STRICT;

-- outcome 'no_data': the inputs were too short to forecast (arrays empty, horizon 0); the row still
-- records the fingerprint so an incremental run does not retry until the inputs change.
CREATE TABLE forecasts (
  product_id TEXT PRIMARY KEY REFERENCES products (id),
  driver TEXT NOT NULL CHECK (driver IN ('history', 'event_prints', 'event_count')),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'no_data')),
  model TEXT CHECK (model IS NULL OR length(model) BETWEEN 1 AND 100),
  kind TEXT CHECK (kind IS NULL OR kind IN ('smooth', 'erratic', 'intermittent', 'lumpy')),
  params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
  -- First forecast day (ms UTC, start of day): the day after the last day of history.
  start_day INTEGER NOT NULL CHECK (start_day % 86400000 = 0),
  horizon INTEGER NOT NULL CHECK (horizon BETWEEN 0 AND 1000),
  p10 TEXT NOT NULL CHECK (json_valid(p10) AND json_type(p10) = 'array' AND json_array_length(p10) = horizon),
  p50 TEXT NOT NULL CHECK (json_valid(p50) AND json_type(p50) = 'array' AND json_array_length(p50) = horizon),
  p90 TEXT NOT NULL CHECK (json_valid(p90) AND json_type(p90) = 'array' AND json_array_length(p90) = horizon),
  next7_p50 REAL CHECK (next7_p50 IS NULL OR next7_p50 >= 0),
  backtest_mase REAL CHECK (backtest_mase IS NULL OR backtest_mase >= 0),
  backtest_bias REAL,
  history_days INTEGER NOT NULL CHECK (history_days >= 0),
  inputs_fingerprint TEXT NOT NULL CHECK (length(inputs_fingerprint) BETWEEN 1 AND 500),
  computed_at INTEGER NOT NULL,
  ms REAL NOT NULL CHECK (ms >= 0),
  CHECK ((outcome = 'ok') = (model IS NOT NULL)),
  CHECK (outcome = 'ok' OR horizon = 0)
) STRICT;

CREATE TABLE forecast_runs (
  id TEXT PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('incremental', 'full')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER CHECK (finished_at IS NULL OR finished_at >= started_at),
  total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
  computed INTEGER NOT NULL DEFAULT 0 CHECK (computed >= 0),
  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  failed INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  ms REAL CHECK (ms IS NULL OR ms >= 0)
) STRICT;
CREATE INDEX forecast_runs_finished ON forecast_runs (finished_at DESC);

-- Demand history reads 'out' lines per product over a date range.
CREATE INDEX stock_movements_product_out ON stock_movements (product_id, occurred_at) WHERE type = 'out';
