-- Alerts: a person acknowledges one (who, when: "I am on it") and resolves it (who; an alert the
-- rules clear on their own has no resolver). Alerts stay local to each device, like before.
ALTER TABLE alerts ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE alerts ADD COLUMN acknowledged_by TEXT;
ALTER TABLE alerts ADD COLUMN resolved_by TEXT;
