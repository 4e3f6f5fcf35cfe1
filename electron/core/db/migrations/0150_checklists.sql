-- Event checklists (issue 16): admin-editable templates, instantiated on each event as items the
-- installer ticks (who, when, an optional note and photo). Both tables sync like other facts.

CREATE TABLE checklist_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  -- [{ "section": "loading|setup|test_print|teardown|return", "label": "…", "required": true }]
  items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array' AND json_array_length(items) BETWEEN 1 AND 100),
  -- The template new events get.
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE checklist_items (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  template_id TEXT NOT NULL,
  section TEXT NOT NULL CHECK (section IN ('loading', 'setup', 'test_print', 'teardown', 'return')),
  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 999),
  label TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 200),
  required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
  done_at INTEGER,
  done_by TEXT CHECK (done_by IS NULL OR length(done_by) <= 64),
  done_by_name TEXT CHECK (done_by_name IS NULL OR length(done_by_name) <= 120),
  note TEXT CHECK (note IS NULL OR length(note) <= 1000),
  -- A small JPEG/PNG taken on site, as a data URL (kept small by the screen: ≤ 300 kB).
  photo TEXT CHECK (photo IS NULL OR (length(photo) <= 400000 AND (photo LIKE 'data:image/jpeg;base64,%' OR photo LIKE 'data:image/png;base64,%'))),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  -- Ticked means ticked by someone at some time.
  CHECK ((done_at IS NULL) = (done_by_name IS NULL))
) STRICT;
-- One instance of a template per event: two devices that instantiate it offline converge on the hub's rows.
CREATE UNIQUE INDEX checklist_items_slot ON checklist_items (event_id, template_id, position);
CREATE INDEX checklist_items_event ON checklist_items (event_id);

CREATE TRIGGER checklist_templates_outbox_insert AFTER INSERT ON checklist_templates WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('checklist_templates', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER checklist_templates_outbox_update AFTER UPDATE ON checklist_templates WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('checklist_templates', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER checklist_items_outbox_insert AFTER INSERT ON checklist_items WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('checklist_items', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER checklist_items_outbox_update AFTER UPDATE ON checklist_items WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('checklist_items', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
