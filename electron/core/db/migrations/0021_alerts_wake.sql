-- Fleet alerts (raised once, cleared when resolved) and Wake-on-LAN commands with their states.

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL REFERENCES booths (id),
  kind TEXT NOT NULL CHECK (kind IN ('paper_warning', 'paper_critical', 'offline_during_event', 'disk_low', 'high_temperature', 'print_burst')),
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
-- "Raised once": at most one open alert per booth and kind.
CREATE UNIQUE INDEX alerts_open ON alerts (booth_id, kind) WHERE cleared_at IS NULL AND deleted_at IS NULL;
CREATE INDEX alerts_time ON alerts (raised_at DESC);

-- One row per wake request. A relay row stays 'queued' until a peer agent on the booth LAN
-- claims it (claimed_by) and sends the packet.
CREATE TABLE wake_commands (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL REFERENCES booths (id),
  route TEXT NOT NULL CHECK (route IN ('local', 'router', 'relay')),
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'waiting', 'online', 'failed')),
  reason TEXT NOT NULL DEFAULT 'manual' CHECK (reason IN ('manual', 'before_event')),
  requested_by TEXT,
  requested_at INTEGER NOT NULL,
  sent_at INTEGER,
  resolved_at INTEGER,
  deadline_at INTEGER NOT NULL,
  claimed_by TEXT,
  targets TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(targets)),
  error TEXT CHECK (error IS NULL OR length(error) <= 500),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (deadline_at >= requested_at),
  CHECK ((state IN ('online', 'failed')) = (resolved_at IS NOT NULL))
) STRICT;
CREATE INDEX wake_commands_booth ON wake_commands (booth_id, requested_at DESC);
CREATE INDEX wake_commands_open ON wake_commands (state) WHERE state IN ('queued', 'sent', 'waiting');
