-- Alerts that reach people away from the screen (issue 16): notification channels an admin sets up
-- on the device that watches the fleet (e-mail over SMTP, a JSON webhook), and one delivery row per
-- channel × alert × raise/clear, retried with backoff. Device-local: only this device sends, so a
-- message is never sent twice by two devices. Secrets (SMTP password, webhook secret) live in the
-- secret store, never here.

CREATE TABLE notify_channels (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'webhook')),
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- email: { host, port, security: tls|starttls|none, user, from, to[] } · webhook: { url, secretHeader }
  config TEXT NOT NULL CHECK (json_valid(config) AND json_type(config) = 'object'),
  -- { kinds: [...], minSeverity: warning|critical, quietHours: { start: 'HH:MM', end: 'HH:MM' } | null, onClear: bool }
  rules TEXT NOT NULL CHECK (json_valid(rules) AND json_type(rules) = 'object'),
  language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER
) STRICT;

CREATE TABLE notify_deliveries (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES notify_channels (id),
  alert_id TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('raised', 'cleared', 'test')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_at INTEGER NOT NULL,
  last_error TEXT CHECK (last_error IS NULL OR length(last_error) <= 500),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  CHECK (status <> 'sent' OR sent_at IS NOT NULL)
) STRICT;
-- One message per channel, alert and phase: a raise is sent once, its clear once.
CREATE UNIQUE INDEX notify_deliveries_once ON notify_deliveries (channel_id, alert_id, phase) WHERE phase <> 'test';
CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_at);
