-- stock_days (0241) writes whole numbers as integers in its JSON ("8" rather than "8.0", as stock_daily's
-- REAL columns printed them): half the text, and a catalog run's JSON.parse reads integers about twice
-- as fast as decimals. Fractions (0.25 of a roll) stay as they are. Same trigger otherwise.
DROP TRIGGER stock_movements_days;

UPDATE stock_days SET
  sold = (SELECT json_group_array(iif(value = CAST(value AS INTEGER), CAST(value AS INTEGER), value) ORDER BY key) FROM json_each(stock_days.sold)),
  net = (SELECT json_group_array(iif(value = CAST(value AS INTEGER), CAST(value AS INTEGER), value) ORDER BY key) FROM json_each(stock_days.net));

CREATE TRIGGER stock_movements_days AFTER INSERT ON stock_movements WHEN NEW.type <> 'transfer'
BEGIN
  INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
  VALUES (
    NEW.product_id,
    NEW.occurred_at / 86400000 / 32,
    1 << (NEW.occurred_at / 86400000 % 32),
    NEW.delta,
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || (NEW.occurred_at / 86400000 % 32) || ']', CASE WHEN NEW.type = 'out' THEN iif(NEW.quantity = CAST(NEW.quantity AS INTEGER), CAST(NEW.quantity AS INTEGER), NEW.quantity) ELSE 0 END),
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || (NEW.occurred_at / 86400000 % 32) || ']', iif(NEW.delta = CAST(NEW.delta AS INTEGER), CAST(NEW.delta AS INTEGER), NEW.delta))
  )
  ON CONFLICT (product_id, block) DO UPDATE SET
    days = days | excluded.days,
    net_total = net_total + excluded.net_total,
    sold = CASE WHEN NEW.type = 'out' THEN json_replace(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']', iif((json_extract(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.quantity) = CAST((json_extract(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.quantity) AS INTEGER), CAST((json_extract(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.quantity) AS INTEGER), (json_extract(sold, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.quantity))) ELSE sold END,
    net = json_replace(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']', iif((json_extract(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.delta) = CAST((json_extract(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.delta) AS INTEGER), CAST((json_extract(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.delta) AS INTEGER), (json_extract(net, '$[' || (NEW.occurred_at / 86400000 % 32) || ']') + NEW.delta)));
END;
