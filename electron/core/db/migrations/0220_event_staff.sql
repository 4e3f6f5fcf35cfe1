-- Who works which event (issue 18, item 6): an admin assigns installers (profiles) to an event;
-- on an installer's device the client readers show only the clients of the events that installer
-- is assigned to (the hub's rule, 20261209010001_opsdeck_event_staff.sql). One row per (event,
-- profile); taking someone off is a tombstone, assigning them again revives the row.
CREATE TABLE event_staff (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  site_role TEXT NOT NULL DEFAULT 'crew' CHECK (site_role IN ('lead', 'crew')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  UNIQUE (event_id, user_id)
) STRICT;
CREATE INDEX event_staff_user ON event_staff (user_id) WHERE deleted_at IS NULL;

-- Outbox triggers (generated from the sync registry, electron/core/modules/sync/triggerSql.ts).
CREATE TRIGGER event_staff_outbox_insert AFTER INSERT ON event_staff WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('event_staff', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER event_staff_outbox_update AFTER UPDATE ON event_staff WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('event_staff', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
