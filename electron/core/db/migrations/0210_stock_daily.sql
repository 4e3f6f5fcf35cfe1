-- What a forecast reads: per product and day, the units sold (`out` lines) and the net change of the
-- stock over all locations (transfers between locations move nothing overall). Kept by a trigger on
-- the append-only ledger, for local and pulled lines alike, like stock_balances; local to this device
-- (derived, not synced). A catalog run reads each product's two years as at most 730 rows whatever
-- the number of ledger lines a day (a till writes one per ticket), in one index range.
CREATE TABLE stock_daily (
  product_id TEXT NOT NULL REFERENCES products (id),
  -- occurred_at / 86400000: the UTC day number, the app's day grid
  day INTEGER NOT NULL,
  sold REAL NOT NULL,
  net REAL NOT NULL,
  PRIMARY KEY (product_id, day)
) STRICT, WITHOUT ROWID;

INSERT INTO stock_daily (product_id, day, sold, net)
SELECT product_id, occurred_at / 86400000, SUM(CASE WHEN type = 'out' THEN quantity ELSE 0 END), SUM(delta)
FROM stock_movements WHERE type <> 'transfer' GROUP BY product_id, occurred_at / 86400000;

CREATE TRIGGER stock_movements_daily AFTER INSERT ON stock_movements WHEN NEW.type <> 'transfer'
BEGIN
  INSERT INTO stock_daily (product_id, day, sold, net)
  VALUES (NEW.product_id, NEW.occurred_at / 86400000, CASE WHEN NEW.type = 'out' THEN NEW.quantity ELSE 0 END, NEW.delta)
  ON CONFLICT (product_id, day) DO UPDATE SET sold = sold + excluded.sold, net = net + excluded.net;
END;
