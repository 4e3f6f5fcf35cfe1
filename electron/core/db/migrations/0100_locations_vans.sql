-- opsdeck:foreign-keys-off
-- Locations gain a third kind, 'van' (a vehicle's stock), and can be archived (active = 0) once empty.
-- SQLite cannot change a CHECK in place: the table is rebuilt (foreign keys off for this migration
-- only, checked by PRAGMA foreign_key_check before commit; legacy rename so the triggers on booths
-- that name locations are not re-parsed while the table is being swapped).
PRAGMA legacy_alter_table = ON;

CREATE TABLE locations_new (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  kind TEXT NOT NULL CHECK (kind IN ('warehouse', 'van', 'booth')),
  booth_id TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK ((kind = 'booth') = (booth_id IS NOT NULL))
) STRICT;
INSERT INTO locations_new (id, name, kind, booth_id, active, created_at, updated_at, deleted_at, origin_device)
SELECT id, name, kind, booth_id, active, created_at, updated_at, deleted_at, origin_device FROM locations;
DROP TABLE locations;
ALTER TABLE locations_new RENAME TO locations;
PRAGMA legacy_alter_table = OFF;

-- One name per stock place that is not a booth (a booth's location follows its booth's name).
CREATE UNIQUE INDEX locations_stock_name ON locations (name COLLATE NOCASE) WHERE kind <> 'booth' AND deleted_at IS NULL;

-- Warehouses and vans are written by admins and pushed; booth locations are derived everywhere.
CREATE TRIGGER locations_outbox_insert AFTER INSERT ON locations WHEN (SELECT applying FROM sync_flags) = 0 AND NEW.kind <> 'booth'
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('locations', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER locations_outbox_update AFTER UPDATE ON locations WHEN (SELECT applying FROM sync_flags) = 0 AND NEW.kind <> 'booth'
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('locations', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
