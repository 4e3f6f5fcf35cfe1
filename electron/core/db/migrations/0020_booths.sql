-- Booth fleet: booths, their counter ledger, health samples, speed tests and the business events
-- (calendar) they serve. Synced rows follow SPEC §2 (UUIDv7 id, ms UTC stamps, tombstones,
-- origin_device). Every rule the spec names is a CHECK so a bad write fails in SQLite, not later.

CREATE TABLE booths (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 64),
  hostname TEXT CHECK (hostname IS NULL OR length(hostname) BETWEEN 1 AND 253),
  -- Canonical upper-case colon notation; the core normalises every accepted notation first.
  mac TEXT CHECK (mac IS NULL OR (length(mac) = 17 AND upper(mac) = mac
    AND mac GLOB '[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]')),
  pc_address TEXT CHECK (pc_address IS NULL OR length(pc_address) BETWEEN 1 AND 253),
  tailscale_address TEXT CHECK (tailscale_address IS NULL OR length(tailscale_address) BETWEEN 1 AND 253),
  router_address TEXT CHECK (router_address IS NULL OR length(router_address) BETWEEN 1 AND 253),
  -- Port the router forwards to the LAN broadcast (directed WoL route).
  router_wol_port INTEGER NOT NULL DEFAULT 9 CHECK (router_wol_port BETWEEN 1 AND 65535),
  -- TCP ports the reachability probe connects to (a refused connection still proves the host is up).
  pc_probe_port INTEGER NOT NULL DEFAULT 445 CHECK (pc_probe_port BETWEEN 1 AND 65535),
  router_probe_port INTEGER NOT NULL DEFAULT 80 CHECK (router_probe_port BETWEEN 1 AND 65535),
  wol_port INTEGER NOT NULL DEFAULT 9 CHECK (wol_port IN (0, 7, 9) OR wol_port BETWEEN 1024 AND 65535),
  -- Routes tried in order by a wake: subset of local, router, relay.
  wol_routes TEXT NOT NULL DEFAULT '["local","router","relay"]' CHECK (json_valid(wol_routes) AND json_type(wol_routes) = 'array'),
  -- Minutes before an event's start at which the scheduler wakes the booth; NULL = never.
  wake_before_event_min INTEGER CHECK (wake_before_event_min IS NULL OR wake_before_event_min BETWEEN 1 AND 1440),
  -- REAL because a 2x6 strip uses half a 6x4 print.
  remaining_prints REAL NOT NULL DEFAULT 700 CHECK (remaining_prints >= 0),
  roll_capacity INTEGER NOT NULL DEFAULT 700 CHECK (roll_capacity BETWEEN 1 AND 10000),
  warning_threshold INTEGER NOT NULL DEFAULT 350 CHECK (warning_threshold >= 0),
  critical_threshold INTEGER NOT NULL DEFAULT 275 CHECK (critical_threshold >= 0),
  prints_per_copy REAL NOT NULL DEFAULT 1 CHECK (prints_per_copy IN (1, 0.5)),
  router_connected INTEGER CHECK (router_connected IS NULL OR router_connected IN (0, 1)),
  pc_connected INTEGER CHECK (pc_connected IS NULL OR pc_connected IN (0, 1)),
  last_seen INTEGER,
  status TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'online', 'offline', 'waking')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (warning_threshold >= critical_threshold)
) STRICT;
CREATE UNIQUE INDEX booths_name ON booths (lower(name)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX booths_mac ON booths (mac) WHERE deleted_at IS NULL AND mac IS NOT NULL;

-- Business events (calendar, from Notion or entered here). Totals are derived from the counter
-- ledger and kept up to date in the same transaction as each counter event.
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  notion_page_id TEXT UNIQUE,
  booth_id TEXT REFERENCES booths (id),
  client_name TEXT NOT NULL CHECK (length(trim(client_name)) BETWEEN 1 AND 200),
  event_type TEXT CHECK (event_type IS NULL OR length(event_type) <= 100),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  album_name TEXT CHECK (album_name IS NULL OR length(album_name) <= 200),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'archived')),
  sessions INTEGER NOT NULL DEFAULT 0 CHECK (sessions >= 0),
  captures INTEGER NOT NULL DEFAULT 0 CHECK (captures >= 0),
  prints INTEGER NOT NULL DEFAULT 0 CHECK (prints >= 0),
  digital INTEGER NOT NULL DEFAULT 0 CHECK (digital >= 0),
  gifs INTEGER NOT NULL DEFAULT 0 CHECK (gifs >= 0),
  uploads INTEGER NOT NULL DEFAULT 0 CHECK (uploads >= 0),
  snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL CHECK (updated_at >= created_at),
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (ends_at >= starts_at)
) STRICT;
CREATE INDEX events_booth_time ON events (booth_id, starts_at);
CREATE INDEX events_time ON events (starts_at);

-- Append-only ledger: one row per booth trigger or operator action. `prints_delta` is the change
-- to the booth's remaining prints this row caused (print: −copies×prints_per_copy; reload: to full).
CREATE TABLE booth_counter_events (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL REFERENCES booths (id),
  event_id TEXT REFERENCES events (id),
  kind TEXT NOT NULL CHECK (kind IN ('session', 'capture', 'print', 'digital', 'gif', 'upload', 'paper_reload', 'signal')),
  count INTEGER NOT NULL CHECK (count <> 0),
  -- Operator corrections may be negative; triggers never are.
  correction INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1)),
  prints_delta REAL NOT NULL DEFAULT 0,
  occurred_at INTEGER NOT NULL,
  trigger_type TEXT CHECK (trigger_type IS NULL OR length(trigger_type) <= 40),
  raw_trigger TEXT CHECK (raw_trigger IS NULL OR length(raw_trigger) <= 4000),
  user_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER CHECK (deleted_at IS NULL),
  origin_device TEXT NOT NULL,
  CHECK (count > 0 OR correction = 1),
  CHECK (kind <> 'print' OR correction = 1 OR prints_delta <= 0)
) STRICT;
CREATE INDEX booth_counter_events_booth ON booth_counter_events (booth_id, occurred_at);
CREATE INDEX booth_counter_events_event ON booth_counter_events (event_id, kind);
CREATE TRIGGER booth_counter_events_no_update BEFORE UPDATE ON booth_counter_events
BEGIN SELECT RAISE(ABORT, 'booth_counter_events is an append-only ledger'); END;
CREATE TRIGGER booth_counter_events_no_delete BEFORE DELETE ON booth_counter_events
BEGIN SELECT RAISE(ABORT, 'booth_counter_events is an append-only ledger'); END;

-- Health samples every 30 s; pruned by age (local copies only once the hub has them).
CREATE TABLE booth_health (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL REFERENCES booths (id),
  sampled_at INTEGER NOT NULL,
  cpu_pct REAL CHECK (cpu_pct IS NULL OR cpu_pct BETWEEN 0 AND 100),
  mem_used_pct REAL CHECK (mem_used_pct IS NULL OR mem_used_pct BETWEEN 0 AND 100),
  disk_free_bytes INTEGER CHECK (disk_free_bytes IS NULL OR disk_free_bytes >= 0),
  disk_free_pct REAL CHECK (disk_free_pct IS NULL OR disk_free_pct BETWEEN 0 AND 100),
  temperature_c REAL CHECK (temperature_c IS NULL OR temperature_c BETWEEN -40 AND 150),
  battery_pct REAL CHECK (battery_pct IS NULL OR battery_pct BETWEEN 0 AND 100),
  uptime_s INTEGER CHECK (uptime_s IS NULL OR uptime_s >= 0),
  latency_ms REAL CHECK (latency_ms IS NULL OR latency_ms >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX booth_health_booth ON booth_health (booth_id, sampled_at);
CREATE INDEX booth_health_age ON booth_health (sampled_at);

CREATE TABLE speed_tests (
  id TEXT PRIMARY KEY,
  booth_id TEXT NOT NULL REFERENCES booths (id),
  tested_at INTEGER NOT NULL,
  url TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
  down_mbps REAL CHECK (down_mbps IS NULL OR down_mbps >= 0),
  up_mbps REAL CHECK (up_mbps IS NULL OR up_mbps >= 0),
  ping_ms REAL CHECK (ping_ms IS NULL OR ping_ms >= 0),
  error TEXT CHECK (error IS NULL OR length(error) <= 500),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (error IS NOT NULL OR down_mbps IS NOT NULL)
) STRICT;
CREATE INDEX speed_tests_booth ON speed_tests (booth_id, tested_at);
