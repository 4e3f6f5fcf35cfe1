-- Catalog and stock: products, services, locations, the stock ledger with balances kept in the
-- same transaction (by trigger, so pulled ledger rows update balances too), purchase orders.

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE CHECK (length(trim(sku)) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  category TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 100),
  unit TEXT NOT NULL DEFAULT 'pce' CHECK (length(trim(unit)) BETWEEN 1 AND 20),
  price REAL NOT NULL DEFAULT 0 CHECK (price >= 0),
  cost REAL NOT NULL DEFAULT 0 CHECK (cost >= 0),
  supplier TEXT NOT NULL DEFAULT '' CHECK (length(supplier) <= 200),
  lead_time_days INTEGER NOT NULL DEFAULT 7 CHECK (lead_time_days BETWEEN 0 AND 365),
  moq REAL NOT NULL DEFAULT 1 CHECK (moq > 0),
  pack_size REAL NOT NULL DEFAULT 1 CHECK (pack_size > 0),
  service_level REAL NOT NULL DEFAULT 0.95 CHECK (service_level > 0.5 AND service_level < 1),
  reorder_point REAL CHECK (reorder_point IS NULL OR reorder_point >= 0),
  eco_score INTEGER CHECK (eco_score IS NULL OR eco_score BETWEEN 0 AND 100),
  eco_details TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(eco_details) AND json_type(eco_details) = 'array'),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  notion_page_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX products_name ON products (name COLLATE NOCASE);
CREATE INDEX products_category ON products (category, name);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  duration_min INTEGER NOT NULL CHECK (duration_min > 0 AND duration_min <= 10080),
  benefits TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(benefits) AND json_type(benefits) = 'array'),
  price REAL NOT NULL DEFAULT 0 CHECK (price >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  notion_page_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  kind TEXT NOT NULL CHECK (kind IN ('warehouse', 'booth')),
  booth_id TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK ((kind = 'booth') = (booth_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX locations_warehouse_name ON locations (name COLLATE NOCASE) WHERE kind = 'warehouse' AND deleted_at IS NULL;

CREATE TABLE stock_movements (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products (id),
  location_id TEXT NOT NULL REFERENCES locations (id),
  to_location_id TEXT REFERENCES locations (id),
  type TEXT NOT NULL CHECK (type IN ('in', 'out', 'adjust', 'transfer')),
  quantity REAL NOT NULL CHECK (quantity > 0),
  -- adjust goes either way; the others have a fixed direction
  direction INTEGER NOT NULL CHECK (direction IN (-1, 1)),
  delta REAL NOT NULL,
  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  occurred_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('manual', 'csv', 'booth', 'notion', 'assistant', 'purchase_order')),
  user_id TEXT,
  idempotency_key TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL,
  CHECK ((type = 'transfer') = (to_location_id IS NOT NULL)),
  CHECK (to_location_id IS NULL OR to_location_id <> location_id),
  CHECK (type = 'adjust' OR direction = CASE type WHEN 'in' THEN 1 WHEN 'out' THEN -1 WHEN 'transfer' THEN -1 END),
  CHECK (delta = direction * quantity)
) STRICT;
CREATE INDEX stock_movements_product ON stock_movements (product_id, occurred_at DESC, id DESC);
CREATE INDEX stock_movements_location ON stock_movements (location_id, occurred_at DESC);
CREATE INDEX stock_movements_occurred ON stock_movements (occurred_at DESC, id DESC);

CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is an append-only ledger'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is an append-only ledger'); END;

CREATE TABLE stock_balances (
  product_id TEXT NOT NULL REFERENCES products (id),
  location_id TEXT NOT NULL REFERENCES locations (id),
  on_hand REAL NOT NULL,
  last_movement_at INTEGER NOT NULL,
  PRIMARY KEY (product_id, location_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stock_balances_location ON stock_balances (location_id);

-- Balances follow every ledger row in the same transaction, whoever inserted it (UI, CSV, sync).
CREATE TRIGGER stock_movements_balance AFTER INSERT ON stock_movements
BEGIN
  INSERT INTO stock_balances (product_id, location_id, on_hand, last_movement_at)
  VALUES (NEW.product_id, NEW.location_id, NEW.delta, NEW.occurred_at)
  ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand,
    last_movement_at = MAX(last_movement_at, excluded.last_movement_at);
  INSERT INTO stock_balances (product_id, location_id, on_hand, last_movement_at)
  SELECT NEW.product_id, NEW.to_location_id, NEW.quantity, NEW.occurred_at WHERE NEW.to_location_id IS NOT NULL
  ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand,
    last_movement_at = MAX(last_movement_at, excluded.last_movement_at);
END;

CREATE TABLE purchase_orders (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products (id),
  location_id TEXT NOT NULL REFERENCES locations (id),
  quantity REAL NOT NULL CHECK (quantity > 0),
  received_quantity REAL NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
  expected_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'received', 'cancelled')),
  supplier TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (status <> 'received' OR received_quantity > 0)
) STRICT;
CREATE INDEX purchase_orders_open ON purchase_orders (product_id) WHERE status = 'open';
