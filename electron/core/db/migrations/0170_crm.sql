-- Issue 18: the office's paperwork. Clients and contacts (companies and people) with their
-- pipeline stage, quotes with exact decimal totals (amounts are decimal TEXT, never REAL) and
-- gapless numbers per year, customer orders, event registrations and OCR'd delivery notes.
-- Every table is synced (mutable rows, except the stage ledger); money is text like '1234.50'.

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person')),
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  company_id TEXT,
  email TEXT CHECK (email IS NULL OR (length(email) <= 200 AND email LIKE '%_@_%')),
  phone TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 3 AND 40),
  address TEXT CHECK (address IS NULL OR length(address) <= 500),
  notes TEXT CHECK (notes IS NULL OR length(notes) <= 5000),
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  source TEXT CHECK (source IS NULL OR length(source) <= 100),
  stage TEXT NOT NULL DEFAULT 'lead' CHECK (stage IN ('lead', 'contacted', 'quoted', 'booked', 'done', 'lost')),
  lost_reason TEXT CHECK (lost_reason IS NULL OR length(lost_reason) <= 500),
  next_action TEXT CHECK (next_action IS NULL OR length(next_action) <= 300),
  next_action_at INTEGER,
  merged_into TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (stage <> 'lost' OR length(trim(coalesce(lost_reason, ''))) > 0),
  CHECK (company_id IS NULL OR company_id <> id),
  CHECK (merged_into IS NULL OR (merged_into <> id AND deleted_at IS NOT NULL))
) STRICT;
CREATE INDEX clients_email ON clients (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX clients_phone ON clients (phone) WHERE deleted_at IS NULL;
CREATE INDEX clients_next_action ON clients (next_action_at) WHERE deleted_at IS NULL;

-- Append-only: every stage a client went through (conversion figures per month and source).
CREATE TABLE client_stage_changes (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (id),
  from_stage TEXT CHECK (from_stage IS NULL OR from_stage IN ('lead', 'contacted', 'quoted', 'booked', 'done', 'lost')),
  to_stage TEXT NOT NULL CHECK (to_stage IN ('lead', 'contacted', 'quoted', 'booked', 'done', 'lost')),
  reason TEXT CHECK (reason IS NULL OR length(reason) <= 500),
  at INTEGER NOT NULL,
  user_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX client_stage_changes_client ON client_stage_changes (client_id, at);
CREATE TRIGGER client_stage_changes_no_update BEFORE UPDATE ON client_stage_changes BEGIN SELECT RAISE(ABORT, 'client_stage_changes is append-only'); END;
CREATE TRIGGER client_stage_changes_no_delete BEFORE DELETE ON client_stage_changes BEGIN SELECT RAISE(ABORT, 'client_stage_changes is append-only'); END;

-- Events booked from a quote carry their client, their place and (for events the shop hosts) a capacity.
-- Links to clients carry no foreign key: a device may hold a row whose client its role cannot read
-- (a booth reads its events, not their clients), and pulled pages arrive in any order.
ALTER TABLE events ADD COLUMN client_id TEXT;
ALTER TABLE events ADD COLUMN place TEXT CHECK (place IS NULL OR length(place) <= 300);
ALTER TABLE events ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 100000);
CREATE INDEX events_client ON events (client_id);

CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE CHECK (number GLOB 'DEV-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  client_id TEXT NOT NULL REFERENCES clients (id),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'refused', 'expired')),
  lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
  issued_at INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  event_type TEXT CHECK (event_type IS NULL OR length(event_type) <= 100),
  event_starts_at INTEGER,
  event_ends_at INTEGER,
  place TEXT CHECK (place IS NULL OR length(place) <= 300),
  booth_id TEXT REFERENCES booths (id),
  notes TEXT CHECK (notes IS NULL OR length(notes) <= 5000),
  vat_rounding TEXT NOT NULL DEFAULT 'per_rate' CHECK (vat_rounding IN ('per_rate', 'per_line')),
  total_ht TEXT NOT NULL DEFAULT '0.00' CHECK (total_ht GLOB '[0-9]*.[0-9][0-9]'),
  total_tva TEXT NOT NULL DEFAULT '0.00' CHECK (total_tva GLOB '[0-9]*.[0-9][0-9]'),
  total_ttc TEXT NOT NULL DEFAULT '0.00' CHECK (total_ttc GLOB '[0-9]*.[0-9][0-9]'),
  event_id TEXT REFERENCES events (id),
  decided_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL,
  UNIQUE (year, seq),
  CHECK (valid_until >= issued_at),
  CHECK (event_ends_at IS NULL OR event_starts_at IS NULL OR event_ends_at >= event_starts_at),
  CHECK (status <> 'accepted' OR event_id IS NOT NULL)
) STRICT;
CREATE INDEX quotes_client ON quotes (client_id);

CREATE TABLE quote_lines (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL REFERENCES quotes (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  service_id TEXT REFERENCES services (id),
  product_id TEXT REFERENCES products (id),
  label TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 300),
  quantity TEXT NOT NULL CHECK (quantity GLOB '[0-9]*' AND CAST(quantity AS REAL) > 0),
  unit_price TEXT NOT NULL CHECK (unit_price GLOB '[0-9]*'),
  discount_pct TEXT NOT NULL DEFAULT '0' CHECK (discount_pct GLOB '[0-9]*' AND CAST(discount_pct AS REAL) BETWEEN 0 AND 100),
  vat_rate TEXT NOT NULL CHECK (vat_rate IN ('20', '10', '5.5', '2.1', '0')),
  line_ht TEXT NOT NULL CHECK (line_ht GLOB '[0-9]*.[0-9][0-9]'),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (service_id IS NULL OR product_id IS NULL)
) STRICT;
CREATE INDEX quote_lines_quote ON quote_lines (quote_id, position);

CREATE TABLE customer_orders (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE CHECK (number GLOB 'CMD-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  client_id TEXT NOT NULL REFERENCES clients (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'fulfilled', 'cancelled')),
  location_id TEXT REFERENCES locations (id),
  ordered_at INTEGER NOT NULL,
  fulfilled_at INTEGER,
  notes TEXT CHECK (notes IS NULL OR length(notes) <= 5000),
  total_ht TEXT NOT NULL DEFAULT '0.00' CHECK (total_ht GLOB '[0-9]*.[0-9][0-9]'),
  total_tva TEXT NOT NULL DEFAULT '0.00' CHECK (total_tva GLOB '[0-9]*.[0-9][0-9]'),
  total_ttc TEXT NOT NULL DEFAULT '0.00' CHECK (total_ttc GLOB '[0-9]*.[0-9][0-9]'),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL,
  UNIQUE (year, seq),
  CHECK ((status = 'fulfilled') = (fulfilled_at IS NOT NULL)),
  CHECK (status <> 'fulfilled' OR location_id IS NOT NULL)
) STRICT;
CREATE INDEX customer_orders_client ON customer_orders (client_id);
CREATE INDEX customer_orders_time ON customer_orders (ordered_at);

CREATE TABLE customer_order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES customer_orders (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  product_id TEXT NOT NULL REFERENCES products (id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price TEXT NOT NULL CHECK (unit_price GLOB '[0-9]*'),
  vat_rate TEXT NOT NULL CHECK (vat_rate IN ('20', '10', '5.5', '2.1', '0')),
  line_ht TEXT NOT NULL CHECK (line_ht GLOB '[0-9]*.[0-9][0-9]'),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX customer_order_lines_order ON customer_order_lines (order_id, position);

-- People registered for an event the shop hosts; past the event's capacity they wait in line.
CREATE TABLE registrations (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  client_id TEXT,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  email TEXT CHECK (email IS NULL OR (length(email) <= 200 AND email LIKE '%_@_%')),
  seats INTEGER NOT NULL DEFAULT 1 CHECK (seats BETWEEN 1 AND 100),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled')),
  registered_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX registrations_event ON registrations (event_id, registered_at);

-- A supplier's delivery note read by OCR: the file stays in the data folder (delivery-notes/),
-- the receipt's movements carry its id in their idempotency keys.
CREATE TABLE delivery_notes (
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 300),
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
  supplier TEXT CHECK (supplier IS NULL OR length(supplier) <= 200),
  location_id TEXT REFERENCES locations (id),
  status TEXT NOT NULL DEFAULT 'review' CHECK (status IN ('review', 'booked')),
  pages INTEGER NOT NULL DEFAULT 1 CHECK (pages >= 0),
  ocr_text TEXT CHECK (ocr_text IS NULL OR length(ocr_text) <= 200000),
  booked_lines TEXT CHECK (booked_lines IS NULL OR json_valid(booked_lines)),
  booked_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK ((status = 'booked') = (booked_at IS NOT NULL))
) STRICT;

-- Outbox triggers (generated from the sync registry, electron/core/modules/sync/triggerSql.ts).
DROP TRIGGER events_outbox_update;
CREATE TRIGGER events_outbox_update AFTER UPDATE OF notion_page_id, booth_id, client_name, event_type, starts_at, ends_at, album_name, status, snapshot, created_at, updated_at, deleted_at, origin_device, client_id, place, capacity ON events WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('events', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER clients_outbox_insert AFTER INSERT ON clients WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('clients', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER clients_outbox_update AFTER UPDATE ON clients WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('clients', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER client_stage_changes_outbox_insert AFTER INSERT ON client_stage_changes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('client_stage_changes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER quotes_outbox_insert AFTER INSERT ON quotes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('quotes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER quotes_outbox_update AFTER UPDATE ON quotes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('quotes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER quote_lines_outbox_insert AFTER INSERT ON quote_lines WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('quote_lines', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER quote_lines_outbox_update AFTER UPDATE ON quote_lines WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('quote_lines', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER customer_orders_outbox_insert AFTER INSERT ON customer_orders WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('customer_orders', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER customer_orders_outbox_update AFTER UPDATE ON customer_orders WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('customer_orders', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER customer_order_lines_outbox_insert AFTER INSERT ON customer_order_lines WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('customer_order_lines', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER customer_order_lines_outbox_update AFTER UPDATE ON customer_order_lines WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('customer_order_lines', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER registrations_outbox_insert AFTER INSERT ON registrations WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('registrations', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER registrations_outbox_update AFTER UPDATE ON registrations WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('registrations', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER delivery_notes_outbox_insert AFTER INSERT ON delivery_notes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('delivery_notes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER delivery_notes_outbox_update AFTER UPDATE ON delivery_notes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('delivery_notes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
