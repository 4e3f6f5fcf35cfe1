-- Issue 16: a product that the forecast says will run out before its next possible delivery raises
-- a 'stockout_risk' alert, once (a recompute that still sees the risk keeps the open alert), and
-- clears it when the risk goes (stock received, an order due in time, demand lower). Alerts about
-- products, not booths: their own table, device-local like booth alerts (the device that runs the
-- forecasts raises them and its notification channels send them).
CREATE TABLE product_alerts (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products (id),
  kind TEXT NOT NULL CHECK (kind IN ('stockout_risk')),
  severity TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
  message TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  raised_at INTEGER NOT NULL,
  cleared_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (cleared_at IS NULL OR cleared_at >= raised_at)
) STRICT;
-- Raised once: at most one open alert per product and kind.
CREATE UNIQUE INDEX product_alerts_open ON product_alerts (product_id, kind) WHERE cleared_at IS NULL AND deleted_at IS NULL;
CREATE INDEX product_alerts_time ON product_alerts (raised_at DESC);
