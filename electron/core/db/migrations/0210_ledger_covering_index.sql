-- A catalog forecast run reads every product's two years of ledger lines. With this index holding
-- every column that read needs (day, kind of line, signed quantity), it walks one product's lines in
-- date order inside the index, instead of one random table page per line (10,000 products × 730 days:
-- ~20 µs → ~0.3 µs a line).
CREATE INDEX stock_movements_ledger ON stock_movements (product_id, occurred_at, type, delta);
