-- stock_days' trigger with floor division: a line dated before 1970 (a typo in an imported date, a
-- pulled line from such a device) has a negative occurred_at, which SQLite's integer division
-- truncates towards zero — its slot came out negative and the JSON path '$[-3]' refused the insert,
-- so the ledger line itself failed. Days, blocks and slots now floor like the reader's Math.floor.
DROP TRIGGER stock_movements_days;

CREATE TRIGGER stock_movements_days AFTER INSERT ON stock_movements WHEN NEW.type <> 'transfer'
BEGIN
  INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
  VALUES (
    NEW.product_id,
    ((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) - (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32)) / 32),
    1 << (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32),
    NEW.delta,
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']', CASE WHEN NEW.type = 'out' THEN iif(NEW.quantity = CAST(NEW.quantity AS INTEGER), CAST(NEW.quantity AS INTEGER), NEW.quantity) ELSE 0 END),
    json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']', iif(NEW.delta = CAST(NEW.delta AS INTEGER), CAST(NEW.delta AS INTEGER), NEW.delta))
  )
  ON CONFLICT (product_id, block) DO UPDATE SET
    days = days | excluded.days,
    net_total = net_total + excluded.net_total,
    sold = CASE WHEN NEW.type = 'out' THEN json_replace(sold, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']', iif((json_extract(sold, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.quantity) = CAST((json_extract(sold, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.quantity) AS INTEGER), CAST((json_extract(sold, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.quantity) AS INTEGER), (json_extract(sold, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.quantity))) ELSE sold END,
    net = json_replace(net, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']', iif((json_extract(net, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.delta) = CAST((json_extract(net, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.delta) AS INTEGER), CAST((json_extract(net, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.delta) AS INTEGER), (json_extract(net, '$[' || (((((NEW.occurred_at - (((NEW.occurred_at % 86400000) + 86400000) % 86400000)) / 86400000) % 32) + 32) % 32) || ']') + NEW.delta)));
END;
