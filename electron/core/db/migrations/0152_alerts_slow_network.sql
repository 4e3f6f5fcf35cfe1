-- opsdeck:foreign-keys-off
-- A speed test under the warning thresholds raises 'slow_network' (issue 16). SQLite cannot change
-- a CHECK in place: the local alerts table is rebuilt with the new kind (alerts stay device-local).
CREATE TABLE alerts_new (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL REFERENCES booths (id),
  kind TEXT NOT NULL CHECK (kind IN ('paper_warning', 'paper_critical', 'offline_during_event', 'disk_low', 'high_temperature', 'print_burst', 'slow_network')),
  severity TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
  message TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  raised_at INTEGER NOT NULL,
  cleared_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  resolved_by TEXT,
  CHECK (cleared_at IS NULL OR cleared_at >= raised_at)
) STRICT;
INSERT INTO alerts_new (id, booth_id, kind, severity, message, details, raised_at, cleared_at, created_at, updated_at, deleted_at, origin_device,
  acknowledged_at, acknowledged_by, resolved_by)
SELECT id, booth_id, kind, severity, message, details, raised_at, cleared_at, created_at, updated_at, deleted_at, origin_device,
  acknowledged_at, acknowledged_by, resolved_by FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;
CREATE UNIQUE INDEX alerts_open ON alerts (booth_id, kind) WHERE cleared_at IS NULL AND deleted_at IS NULL;
CREATE INDEX alerts_time ON alerts (raised_at DESC);
