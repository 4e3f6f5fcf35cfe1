-- The weekdays each supplier takes orders (bit d = 1 << d, d = 0 Sunday … 6 Saturday): the review
-- period of its products is the gap between two order days instead of a fixed 7 days. Local to this
-- device like the forecasts it shapes; a supplier without a row keeps the weekly review.
CREATE TABLE supplier_order_days (
  supplier TEXT PRIMARY KEY CHECK (length(supplier) BETWEEN 1 AND 200),
  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  updated_at INTEGER NOT NULL
) STRICT;
