-- Suppliers' order days become a synced business fact (they were local to each device since 0121):
-- the office's desktops, a replaced PC and the installers' laptops give the same product the same
-- review period, and an entry no longer leaves with the device. One row per supplier whose id IS
-- the supplier's name (CHECK id = supplier), so two devices setting the same supplier write the
-- same row: the hub keeps the last one pushed and logs the other in `conflicts`, which every staff
-- device pulls (nothing a user entered is dropped silently). Removing a supplier's days is a
-- tombstone (deleted_at); setting them again revives the row. The hub's table is
-- 20261210020001_opsdeck_supplier_order_days.sql (same CHECKs).
CREATE TABLE supplier_order_days_synced (
  id TEXT PRIMARY KEY,
  supplier TEXT NOT NULL UNIQUE CHECK (length(supplier) BETWEEN 1 AND 200),
  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (id = supplier)
) STRICT;

-- Every device keeps the days it had (set on this device, so this device is their origin).
INSERT INTO supplier_order_days_synced (id, supplier, weekdays, created_at, updated_at, deleted_at, origin_device)
SELECT supplier, supplier, weekdays, updated_at, updated_at, NULL, COALESCE((SELECT value FROM local_state WHERE key = 'device_id'), 'local')
  FROM supplier_order_days;
DROP TABLE supplier_order_days;
ALTER TABLE supplier_order_days_synced RENAME TO supplier_order_days;

-- Outbox triggers (generated from the sync registry, electron/core/modules/sync/triggerSql.ts).
CREATE TRIGGER supplier_order_days_outbox_insert AFTER INSERT ON supplier_order_days WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('supplier_order_days', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER supplier_order_days_outbox_update AFTER UPDATE ON supplier_order_days WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('supplier_order_days', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

-- The days set before this version are queued once, so the first sync pushes them.
INSERT INTO outbox (table_name, row_id, queued_at) SELECT 'supplier_order_days', id, updated_at FROM supplier_order_days ORDER BY supplier;
