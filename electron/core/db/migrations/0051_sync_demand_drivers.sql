-- Products' demand drivers (history / event prints / event count) sync like the catalog: admins set
-- them on one office device, every device forecasts with them. Triggers from the sync registry.

CREATE TRIGGER product_demand_drivers_outbox_insert AFTER INSERT ON product_demand_drivers WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('product_demand_drivers', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;
CREATE TRIGGER product_demand_drivers_outbox_update AFTER UPDATE ON product_demand_drivers WHEN (SELECT applying FROM sync_flags) = 0
BEGIN INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('product_demand_drivers', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)); END;

-- Drivers set before this version are queued once, so a first sync pushes them too.
INSERT INTO outbox (table_name, row_id, queued_at) SELECT 'product_demand_drivers', id, updated_at FROM product_demand_drivers ORDER BY created_at, id;
