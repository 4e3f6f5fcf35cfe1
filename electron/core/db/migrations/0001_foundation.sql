-- Foundation: devices, users and roles, settings, audit log, local state.
-- Synced rows: id (UUIDv7 made on the device), created_at/updated_at (ms UTC), deleted_at
-- (tombstone), origin_device. Ledgers are append-only (triggers refuse UPDATE/DELETE).

CREATE TABLE local_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 64),
  mode TEXT NOT NULL CHECK (mode IN ('office', 'installer', 'booth')),
  platform TEXT,
  last_seen_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE CHECK (email IS NULL OR email LIKE '%_@_%'),
  display_name TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 120),
  role TEXT NOT NULL CHECK (role IN ('admin', 'installer', 'viewer', 'booth')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('device', 'global')),
  device_id TEXT NOT NULL DEFAULT '' CHECK ((scope = 'global') = (device_id = '')),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  value TEXT NOT NULL CHECK (json_valid(value)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  UNIQUE (scope, device_id, key)
) STRICT;

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
  target TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is an append-only ledger'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is an append-only ledger'); END;
