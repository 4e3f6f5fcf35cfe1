-- stock_days on the device's calendar (issue 17): a line counts on the date it has on the local clock,
-- not its UTC date — in Paris a sale at 00:30 was filed under the day before (from 23:00 or 22:00 UTC),
-- so a shop open until midnight showed its Monday sales on Sunday and was read as open on its closing
-- day. Days stay numbered from 1970-01-01 (day × 86400000 is that date's UTC midnight, the grid's
-- representation); grid_day(occurred_at) is the local date's number, an SQL function every
-- connection registers (electron/core/db/gridDays.ts; openDatabase). Blocks and slots floor as in
-- 0244 (days before 1970). The rows are computed again here in the device's time zone
-- (device_time_zone(), also registered), recorded in local_state: a device that opens the file in
-- another zone rebuilds them at start-up (ensureStockDaysZone).
DROP TRIGGER stock_movements_days;

-- The rows again from the whole ledger, on local days (what gridDays.ts rebuildStockDays runs when
-- the device's zone changes), and the zone they were built in.
DELETE FROM stock_days;
INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
SELECT product_id, (day - slot) / 32, SUM(1 << slot), SUM(net),
  json_array(
    iif(SUM(CASE WHEN slot = 0 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 0 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 0 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 0 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 1 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 1 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 1 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 1 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 2 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 2 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 2 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 2 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 3 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 3 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 3 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 3 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 4 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 4 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 4 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 4 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 5 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 5 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 5 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 5 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 6 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 6 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 6 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 6 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 7 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 7 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 7 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 7 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 8 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 8 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 8 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 8 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 9 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 9 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 9 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 9 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 10 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 10 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 10 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 10 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 11 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 11 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 11 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 11 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 12 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 12 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 12 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 12 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 13 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 13 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 13 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 13 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 14 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 14 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 14 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 14 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 15 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 15 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 15 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 15 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 16 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 16 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 16 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 16 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 17 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 17 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 17 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 17 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 18 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 18 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 18 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 18 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 19 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 19 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 19 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 19 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 20 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 20 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 20 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 20 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 21 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 21 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 21 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 21 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 22 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 22 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 22 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 22 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 23 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 23 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 23 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 23 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 24 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 24 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 24 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 24 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 25 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 25 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 25 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 25 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 26 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 26 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 26 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 26 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 27 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 27 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 27 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 27 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 28 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 28 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 28 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 28 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 29 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 29 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 29 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 29 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 30 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 30 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 30 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 30 THEN sold ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 31 THEN sold ELSE 0 END) = CAST(SUM(CASE WHEN slot = 31 THEN sold ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 31 THEN sold ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 31 THEN sold ELSE 0 END))),
  json_array(
    iif(SUM(CASE WHEN slot = 0 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 0 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 0 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 0 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 1 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 1 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 1 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 1 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 2 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 2 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 2 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 2 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 3 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 3 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 3 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 3 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 4 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 4 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 4 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 4 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 5 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 5 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 5 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 5 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 6 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 6 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 6 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 6 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 7 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 7 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 7 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 7 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 8 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 8 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 8 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 8 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 9 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 9 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 9 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 9 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 10 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 10 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 10 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 10 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 11 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 11 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 11 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 11 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 12 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 12 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 12 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 12 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 13 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 13 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 13 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 13 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 14 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 14 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 14 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 14 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 15 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 15 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 15 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 15 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 16 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 16 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 16 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 16 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 17 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 17 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 17 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 17 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 18 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 18 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 18 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 18 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 19 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 19 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 19 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 19 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 20 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 20 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 20 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 20 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 21 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 21 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 21 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 21 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 22 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 22 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 22 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 22 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 23 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 23 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 23 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 23 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 24 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 24 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 24 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 24 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 25 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 25 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 25 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 25 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 26 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 26 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 26 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 26 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 27 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 27 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 27 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 27 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 28 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 28 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 28 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 28 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 29 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 29 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 29 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 29 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 30 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 30 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 30 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 30 THEN net ELSE 0 END)),
    iif(SUM(CASE WHEN slot = 31 THEN net ELSE 0 END) = CAST(SUM(CASE WHEN slot = 31 THEN net ELSE 0 END) AS INTEGER), CAST(SUM(CASE WHEN slot = 31 THEN net ELSE 0 END) AS INTEGER), SUM(CASE WHEN slot = 31 THEN net ELSE 0 END)))
FROM (SELECT product_id, day, ((day % 32) + 32) % 32 AS slot, sold, net FROM (
  SELECT product_id, grid_day(occurred_at) AS day, SUM(CASE WHEN type = 'out' THEN quantity ELSE 0 END) AS sold, SUM(delta) AS net
    FROM stock_movements WHERE type <> 'transfer' GROUP BY product_id, grid_day(occurred_at)))
GROUP BY product_id, (day - slot) / 32;
INSERT INTO local_state (key, value) VALUES ('stock_days_zone', device_time_zone())
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- The line's day is asked once (the subquery: d, its slot s); an existing block's update finds the
-- slot again from the line's own bit, excluded.days = 1 << s (log2 of a power of two is exact).
CREATE TRIGGER stock_movements_days AFTER INSERT ON stock_movements WHEN NEW.type <> 'transfer'
BEGIN
  INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
  SELECT NEW.product_id, (d - s) / 32, 1 << s, NEW.delta,
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || s || ']', CASE WHEN NEW.type = 'out' THEN iif(NEW.quantity = CAST(NEW.quantity AS INTEGER), CAST(NEW.quantity AS INTEGER), NEW.quantity) ELSE 0 END),
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || s || ']', iif(NEW.delta = CAST(NEW.delta AS INTEGER), CAST(NEW.delta AS INTEGER), NEW.delta))
  FROM (SELECT d, ((d % 32) + 32) % 32 AS s FROM (SELECT grid_day(NEW.occurred_at) AS d))
  WHERE true
  ON CONFLICT (product_id, block) DO UPDATE SET
    days = days | excluded.days,
    net_total = net_total + excluded.net_total,
    sold = CASE WHEN NEW.type = 'out' THEN json_replace(sold, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']', iif((json_extract(sold, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.quantity) = CAST((json_extract(sold, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.quantity) AS INTEGER), CAST((json_extract(sold, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.quantity) AS INTEGER), (json_extract(sold, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.quantity))) ELSE sold END,
    net = json_replace(net, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']', iif((json_extract(net, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.delta) = CAST((json_extract(net, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.delta) AS INTEGER), CAST((json_extract(net, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.delta) AS INTEGER), (json_extract(net, '$[' || CAST(log2(excluded.days) AS INTEGER) || ']') + NEW.delta)));
END;
