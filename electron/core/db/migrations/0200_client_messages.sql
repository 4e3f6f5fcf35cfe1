-- Issue 18: messages drafted for a client (by the assistant, issue 15), kept in the client's
-- history with their date and text. Synced like the rest of the paperwork: admins write, admins
-- and viewers read. The assistant's conversation stays on its device; only the saved text travels.
CREATE TABLE client_messages (
  id TEXT PRIMARY KEY,
  -- No foreign key, as the other links to clients: pulled pages arrive in any order.
  client_id TEXT NOT NULL,
  event_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('client_followup', 'event_recap', 'supplier_order', 'note')),
  text TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 20000),
  drafted_at INTEGER NOT NULL,
  user_id TEXT,
  -- The assistant answer it came from (on the device that drafted it): saving again updates this row.
  source_message_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX client_messages_client ON client_messages (client_id, drafted_at) WHERE deleted_at IS NULL;
CREATE INDEX client_messages_source ON client_messages (source_message_id) WHERE source_message_id IS NOT NULL;

-- Outbox triggers (as generated from the sync registry, electron/core/modules/sync/triggerSql.ts).
CREATE TRIGGER client_messages_outbox_insert AFTER INSERT ON client_messages WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('client_messages', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER client_messages_outbox_update AFTER UPDATE ON client_messages WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('client_messages', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
