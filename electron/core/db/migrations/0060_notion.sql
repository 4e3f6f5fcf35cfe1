-- Notion: which data source feeds each entity and how its properties map (local to the device
-- that holds the token; the owned-field list goes to every device as a global setting), the
-- pages seen (dedupe across the overlap window, skipped pages with their reason), import runs,
-- event-total write-back state, files downloaded from Notion and booth pages named by relation.

CREATE TABLE notion_sources (
  entity TEXT PRIMARY KEY CHECK (entity IN ('events', 'products', 'services')),
  data_source_id TEXT NOT NULL CHECK (length(data_source_id) BETWEEN 1 AND 100),
  data_source_name TEXT NOT NULL DEFAULT '',
  mapping TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'object'),
  options TEXT CHECK (options IS NULL OR json_valid(options)),
  -- last_edited_time (ISO) of the newest page applied; the next query starts 2 minutes before it.
  high_water TEXT,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE notion_pages (
  page_id TEXT PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('events', 'products', 'services')),
  row_id TEXT,
  last_edited_time TEXT NOT NULL,
  -- Hash of the page's values (file URLs left out: they change on every read). Two edits in the
  -- same minute share a last_edited_time, so the overlap re-read compares this instead.
  content_hash TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  skipped_reason TEXT CHECK (skipped_reason IS NULL OR length(skipped_reason) <= 1000),
  in_trash INTEGER NOT NULL DEFAULT 0 CHECK (in_trash IN (0, 1)),
  seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX notion_pages_entity ON notion_pages (entity, skipped_reason);

CREATE TABLE notion_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'cli')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  ok INTEGER CHECK (ok IS NULL OR ok IN (0, 1)),
  read INTEGER NOT NULL DEFAULT 0 CHECK (read >= 0),
  created INTEGER NOT NULL DEFAULT 0 CHECK (created >= 0),
  updated INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0),
  unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted >= 0),
  written INTEGER NOT NULL DEFAULT 0 CHECK (written >= 0),
  requests INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
  error TEXT
) STRICT;

-- Event totals last written to each Notion page (debounce, retry, give up on deleted pages).
CREATE TABLE notion_writeback (
  event_id TEXT PRIMARY KEY REFERENCES events (id),
  page_id TEXT NOT NULL,
  sent TEXT CHECK (sent IS NULL OR json_valid(sent)),
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_try_at INTEGER,
  error TEXT,
  gave_up INTEGER NOT NULL DEFAULT 0 CHECK (gave_up IN (0, 1))
) STRICT;

CREATE TABLE notion_files (
  page_id TEXT NOT NULL,
  property TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (page_id, property, name)
) STRICT;

CREATE TABLE notion_booth_pages (
  page_id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX products_notion_page ON products (notion_page_id) WHERE notion_page_id IS NOT NULL;
CREATE UNIQUE INDEX services_notion_page ON services (notion_page_id) WHERE notion_page_id IS NOT NULL;
