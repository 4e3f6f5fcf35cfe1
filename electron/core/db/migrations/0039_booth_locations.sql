-- Every booth carries stock (paper, consumables): it gets its own location. The location's id IS
-- the booth's id, so every device that sees the booth derives the same row and sync converges.
INSERT OR IGNORE INTO locations (id, name, kind, booth_id, created_at, updated_at, origin_device)
SELECT id, name, 'booth', id, created_at, updated_at, origin_device FROM booths WHERE deleted_at IS NULL;

CREATE TRIGGER booths_location_insert AFTER INSERT ON booths
BEGIN
  INSERT OR IGNORE INTO locations (id, name, kind, booth_id, created_at, updated_at, origin_device)
  VALUES (NEW.id, NEW.name, 'booth', NEW.id, NEW.created_at, NEW.updated_at, NEW.origin_device);
END;

CREATE TRIGGER booths_location_rename AFTER UPDATE OF name, deleted_at ON booths
BEGIN
  UPDATE locations SET name = NEW.name, deleted_at = NEW.deleted_at, updated_at = MAX(updated_at, NEW.updated_at)
  WHERE id = NEW.id AND (name <> NEW.name OR deleted_at IS NOT NEW.deleted_at);
END;
