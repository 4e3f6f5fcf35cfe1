-- The optional secret of a booth's dslrBooth trigger URL (issue 12), synced so the office shows
-- and manages it in the booth form and the booth PC's listener checks the same one. One row per
-- booth (id = the booth's id); secret NULL: the URL has none. Its own table, not a booth column:
-- on the hub, viewers and the booths behind the same router read booths, but only admins and
-- installers (and the booth itself, for its own row) may read a secret.
CREATE TABLE booth_trigger_secrets (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL UNIQUE REFERENCES booths (id),
  secret TEXT CHECK (secret IS NULL OR (length(secret) BETWEEN 16 AND 64 AND secret NOT GLOB '*[^A-Za-z0-9_-]*')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (id = booth_id)
) STRICT;

CREATE TRIGGER booth_trigger_secrets_outbox_insert AFTER INSERT ON booth_trigger_secrets WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('booth_trigger_secrets', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER booth_trigger_secrets_outbox_update AFTER UPDATE ON booth_trigger_secrets WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('booth_trigger_secrets', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

-- Secrets set before this version (device-local, in local_state) move here, and are queued by the
-- insert trigger so a first sync pushes them.
INSERT INTO booth_trigger_secrets (id, booth_id, secret, created_at, updated_at, deleted_at, origin_device)
SELECT b.id, b.id, s.value, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
       NULL, COALESCE((SELECT value FROM local_state WHERE key = 'device_id'), 'local')
  FROM local_state s JOIN booths b ON s.key = 'agent.triggerSecret.' || b.id
 WHERE s.value <> '' AND length(s.value) BETWEEN 16 AND 64 AND s.value NOT GLOB '*[^A-Za-z0-9_-]*';
DELETE FROM local_state WHERE key LIKE 'agent.triggerSecret.%';
