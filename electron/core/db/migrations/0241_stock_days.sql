-- What a forecast reads, in blocks of 32 days (issue 17, speed): per product and block, which days had
-- a ledger line (bit i of `days` for day 32 × block + i), the units sold (`out` lines) and the net change
-- of the stock over all locations each day (JSON arrays of 32 numbers), and the block's net change. A
-- catalog run reads a product's two years as 24 rows instead of 730 (stock_daily, 0210, which this
-- replaces): SQLite's per-row cost was most of the read. Kept by a trigger on the append-only ledger
-- for local and pulled lines alike; transfers between locations move nothing overall. Local, derived,
-- never synced. Days are occurred_at / 86400000, the app's UTC day grid.
CREATE TABLE stock_days (
  product_id TEXT NOT NULL REFERENCES products (id),
  block INTEGER NOT NULL,
  days INTEGER NOT NULL,
  net_total REAL NOT NULL,
  sold TEXT NOT NULL,
  net TEXT NOT NULL,
  PRIMARY KEY (product_id, block)
) STRICT, WITHOUT ROWID;

INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
SELECT product_id, day / 32, SUM(1 << (day % 32)), SUM(net),
  json_array(
    SUM(CASE WHEN day % 32 = 0 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 1 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 2 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 3 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 4 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 5 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 6 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 7 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 8 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 9 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 10 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 11 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 12 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 13 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 14 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 15 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 16 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 17 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 18 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 19 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 20 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 21 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 22 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 23 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 24 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 25 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 26 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 27 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 28 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 29 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 30 THEN sold ELSE 0 END),
    SUM(CASE WHEN day % 32 = 31 THEN sold ELSE 0 END)),
  json_array(
    SUM(CASE WHEN day % 32 = 0 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 1 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 2 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 3 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 4 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 5 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 6 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 7 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 8 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 9 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 10 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 11 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 12 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 13 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 14 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 15 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 16 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 17 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 18 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 19 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 20 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 21 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 22 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 23 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 24 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 25 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 26 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 27 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 28 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 29 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 30 THEN net ELSE 0 END),
    SUM(CASE WHEN day % 32 = 31 THEN net ELSE 0 END))
FROM stock_daily GROUP BY product_id, day / 32;

DROP TRIGGER stock_movements_daily;
DROP TABLE stock_daily;

CREATE TRIGGER stock_movements_days AFTER INSERT ON stock_movements WHEN NEW.type <> 'transfer'
BEGIN
  INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
  VALUES (
    NEW.product_id,
    NEW.occurred_at / 86400000 / 32,
    1 << (NEW.occurred_at / 86400000 % 32),
    NEW.delta,
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || (NEW.occurred_at / 86400000 % 32) || ']', CASE WHEN NEW.type = 'out' THEN NEW.quantity ELSE 0 END),
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || (NEW.occurred_at / 86400000 % 32) || ']', NEW.delta)
  )
  ON CONFLICT (product_id, block) DO UPDATE SET
    days = days | excluded.days,
    net_total = net_total + excluded.net_total,
    sold = CASE WHEN NEW.type = 'out'
      THEN json_replace(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']', json_extract(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.quantity)
      ELSE sold END,
    net = json_replace(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']', json_extract(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.delta);
END;
