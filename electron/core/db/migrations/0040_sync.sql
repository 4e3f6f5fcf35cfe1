-- Sync machinery: outbox (written by triggers in the same transaction as each change), pull
-- cursors per table, hub row versions (conflict bases), conflict log, dead letters.
-- Triggers are generated from electron/core/modules/sync/tables.ts (see triggerSql.ts).

CREATE TABLE sync_flags (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
) STRICT;
INSERT INTO sync_flags (id, applying) VALUES (1, 0);

-- mutation_id is the device's monotonic mutation counter (AUTOINCREMENT never reuses a value).
CREATE TABLE outbox (
  mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  queued_at INTEGER NOT NULL
);
CREATE INDEX outbox_row ON outbox (table_name, row_id);

CREATE TABLE sync_state (
  table_name TEXT PRIMARY KEY,
  cursor_txid INTEGER NOT NULL DEFAULT 0 CHECK (cursor_txid >= 0),
  cursor_seq INTEGER NOT NULL DEFAULT 0 CHECK (cursor_seq >= 0),
  pulled_rows INTEGER NOT NULL DEFAULT 0,
  last_pulled_at INTEGER
) STRICT;

CREATE TABLE sync_row_versions (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  hub_seq INTEGER NOT NULL,
  PRIMARY KEY (table_name, row_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  winner TEXT NOT NULL CHECK (json_valid(winner)),
  loser TEXT NOT NULL CHECK (json_valid(loser)),
  winner_device TEXT,
  loser_device TEXT,
  detected_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX conflicts_detected ON conflicts (detected_at DESC, id DESC);
CREATE TRIGGER conflicts_no_update BEFORE UPDATE ON conflicts
BEGIN SELECT RAISE(ABORT, 'conflicts is an append-only ledger'); END;
CREATE TRIGGER conflicts_no_delete BEFORE DELETE ON conflicts
BEGIN SELECT RAISE(ABORT, 'conflicts is an append-only ledger'); END;

-- Changes the hub refused (push) or this device could not apply (pull): kept with the row, never
-- blocking the queue, until the user retries or discards them.
CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('push', 'pull')),
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  mutation_id INTEGER,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  row_json TEXT NOT NULL CHECK (json_valid(row_json)),
  failed_at INTEGER NOT NULL,
  UNIQUE (direction, table_name, row_id)
) STRICT;

-- Outbox triggers
CREATE TRIGGER devices_outbox_insert AFTER INSERT ON devices WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('devices', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER devices_outbox_update AFTER UPDATE ON devices WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('devices', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

CREATE TRIGGER users_outbox_insert AFTER INSERT ON users WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('users', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER users_outbox_update AFTER UPDATE ON users WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('users', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

CREATE TRIGGER settings_outbox_insert AFTER INSERT ON settings WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('settings', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER settings_outbox_update AFTER UPDATE ON settings WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('settings', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

CREATE TRIGGER audit_log_outbox_insert AFTER INSERT ON audit_log WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('audit_log', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

-- Rows written before sync existed are queued once, so a first sync pushes them too.
INSERT INTO outbox (table_name, row_id, queued_at) SELECT 'devices', id, updated_at FROM devices;
INSERT INTO outbox (table_name, row_id, queued_at) SELECT 'users', id, updated_at FROM users;
INSERT INTO outbox (table_name, row_id, queued_at) SELECT 'settings', id, updated_at FROM settings;
INSERT INTO outbox (table_name, row_id, queued_at) SELECT 'audit_log', id, created_at FROM audit_log ORDER BY at, id;
