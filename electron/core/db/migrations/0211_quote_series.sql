-- opsdeck:foreign-keys-off
-- Quote numbering series per device (issue 18, item 3). Two devices quoting offline took the same
-- DEV-YYYY-NNNN and the hub refused the second one. Each device now numbers in its own series:
-- the plain one (series '', DEV-2026-0042) or a short code of its own (series 'B',
-- DEV-2026-B-0001), each gapless per year; the natural key becomes (year, series, seq).
-- SQLite cannot change a CHECK or a UNIQUE in place: quotes is rebuilt (quote_lines points at it).
CREATE TABLE quotes_new (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE CHECK (
    number GLOB 'DEV-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'
    OR number GLOB 'DEV-[0-9][0-9][0-9][0-9]-[A-Z]-[0-9][0-9][0-9][0-9]*'
    OR number GLOB 'DEV-[0-9][0-9][0-9][0-9]-[A-Z][A-Z0-9]-[0-9][0-9][0-9][0-9]*'
    OR number GLOB 'DEV-[0-9][0-9][0-9][0-9]-[A-Z][A-Z0-9][A-Z0-9]-[0-9][0-9][0-9][0-9]*'
  ),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  series TEXT NOT NULL DEFAULT '' CHECK (series = '' OR series GLOB '[A-Z]' OR series GLOB '[A-Z][A-Z0-9]' OR series GLOB '[A-Z][A-Z0-9][A-Z0-9]'),
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
  UNIQUE (year, series, seq),
  CHECK (valid_until >= issued_at),
  CHECK (event_ends_at IS NULL OR event_starts_at IS NULL OR event_ends_at >= event_starts_at),
  CHECK (status <> 'accepted' OR event_id IS NOT NULL)
) STRICT;
INSERT INTO quotes_new (id, number, year, series, seq, client_id, status, lang, issued_at, valid_until, event_type, event_starts_at, event_ends_at,
  place, booth_id, notes, vat_rounding, total_ht, total_tva, total_ttc, event_id, decided_at, created_at, updated_at, deleted_at, origin_device)
SELECT id, number, year, '', seq, client_id, status, lang, issued_at, valid_until, event_type, event_starts_at, event_ends_at,
  place, booth_id, notes, vat_rounding, total_ht, total_tva, total_ttc, event_id, decided_at, created_at, updated_at, deleted_at, origin_device FROM quotes;
DROP TABLE quotes;
ALTER TABLE quotes_new RENAME TO quotes;
CREATE INDEX quotes_client ON quotes (client_id);
CREATE INDEX quotes_series ON quotes (series, origin_device);
CREATE TRIGGER quotes_outbox_insert AFTER INSERT ON quotes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('quotes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER quotes_outbox_update AFTER UPDATE ON quotes WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('quotes', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
