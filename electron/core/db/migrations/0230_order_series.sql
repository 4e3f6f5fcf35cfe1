-- opsdeck:foreign-keys-off
-- Customer order numbering series per device (issue 18, item 4), as 0211 did for quotes. Orders
-- were numbered CMD-YYYY-NNNN per database: two office devices taking orders offline took the same
-- number (the hub refused the second) and the series was only gapless on one device. Each device
-- now numbers its orders in its own series, the one set in Settings for its quotes: the plain one
-- (series '', CMD-2026-0042) or its short code (series 'B', CMD-2026-B-0001), each gapless per year;
-- the natural key becomes (year, series, seq). Orders already on file keep their numbers (plain).
-- SQLite cannot change a CHECK or a UNIQUE in place: customer_orders is rebuilt (its lines point at it).
CREATE TABLE customer_orders_new (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE CHECK (
    number GLOB 'CMD-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'
    OR number GLOB 'CMD-[0-9][0-9][0-9][0-9]-[A-Z]-[0-9][0-9][0-9][0-9]*'
    OR number GLOB 'CMD-[0-9][0-9][0-9][0-9]-[A-Z][A-Z0-9]-[0-9][0-9][0-9][0-9]*'
    OR number GLOB 'CMD-[0-9][0-9][0-9][0-9]-[A-Z][A-Z0-9][A-Z0-9]-[0-9][0-9][0-9][0-9]*'
  ),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  series TEXT NOT NULL DEFAULT '' CHECK (series = '' OR series GLOB '[A-Z]' OR series GLOB '[A-Z][A-Z0-9]' OR series GLOB '[A-Z][A-Z0-9][A-Z0-9]'),
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
  UNIQUE (year, series, seq),
  CHECK ((status = 'fulfilled') = (fulfilled_at IS NOT NULL)),
  CHECK (status <> 'fulfilled' OR location_id IS NOT NULL)
) STRICT;
INSERT INTO customer_orders_new (id, number, year, series, seq, client_id, status, location_id, ordered_at, fulfilled_at, notes,
  total_ht, total_tva, total_ttc, created_at, updated_at, deleted_at, origin_device)
SELECT id, number, year, '', seq, client_id, status, location_id, ordered_at, fulfilled_at, notes,
  total_ht, total_tva, total_ttc, created_at, updated_at, deleted_at, origin_device FROM customer_orders;
DROP TABLE customer_orders;
ALTER TABLE customer_orders_new RENAME TO customer_orders;
CREATE INDEX customer_orders_client ON customer_orders (client_id);
CREATE INDEX customer_orders_time ON customer_orders (ordered_at);
CREATE INDEX customer_orders_series ON customer_orders (series, origin_device);
CREATE TRIGGER customer_orders_outbox_insert AFTER INSERT ON customer_orders WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('customer_orders', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER customer_orders_outbox_update AFTER UPDATE ON customer_orders WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('customer_orders', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
