import type { NotionEntity, NotionEventOptions, NotionMapping, NotionRun, NotionSkippedPage } from '@shared/model/notion.js';
import { cachedStatement } from '../prepared.js';
import type { Db } from '../connection.js';

export interface SourceRow {
  entity: NotionEntity;
  dataSourceId: string;
  dataSourceName: string;
  mapping: NotionMapping;
  options: NotionEventOptions | null;
  highWater: string | null;
}

interface RawSource {
  entity: NotionEntity;
  data_source_id: string;
  data_source_name: string;
  mapping: string;
  options: string | null;
  high_water: string | null;
}
const toSource = (r: RawSource): SourceRow => ({
  entity: r.entity,
  dataSourceId: r.data_source_id,
  dataSourceName: r.data_source_name,
  mapping: JSON.parse(r.mapping) as NotionMapping,
  options: r.options ? (JSON.parse(r.options) as NotionEventOptions) : null,
  highWater: r.high_water,
});

export function listSources(db: Db): SourceRow[] {
  return (cachedStatement(db, 'SELECT * FROM notion_sources ORDER BY entity').all() as RawSource[]).map(toSource);
}

export function getSource(db: Db, entity: NotionEntity): SourceRow | null {
  const r = cachedStatement(db, 'SELECT * FROM notion_sources WHERE entity = ?').get(entity) as RawSource | undefined;
  return r ? toSource(r) : null;
}

/** Saves a source; a new data source or mapping starts the import over (every page is read again). */
export function saveSource(db: Db, s: Omit<SourceRow, 'highWater'>, now: number): void {
  const before = getSource(db, s.entity);
  const same =
    before &&
    before.dataSourceId === s.dataSourceId &&
    JSON.stringify(before.mapping) === JSON.stringify(s.mapping) &&
    JSON.stringify(before.options) === JSON.stringify(s.options);
  cachedStatement(
    db,
    `INSERT INTO notion_sources (entity, data_source_id, data_source_name, mapping, options, high_water, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?)
     ON CONFLICT (entity) DO UPDATE SET data_source_id = excluded.data_source_id, data_source_name = excluded.data_source_name, mapping = excluded.mapping,
       options = excluded.options, high_water = CASE WHEN ? THEN notion_sources.high_water ELSE NULL END, updated_at = excluded.updated_at`,
  ).run(
    s.entity,
    s.dataSourceId,
    s.dataSourceName,
    JSON.stringify(s.mapping),
    s.options ? JSON.stringify(s.options) : null,
    now,
    same ? 1 : 0,
  );
  if (!same) cachedStatement(db, "UPDATE notion_pages SET last_edited_time = '', content_hash = '' WHERE entity = ?").run(s.entity);
}

export function removeSource(db: Db, entity: NotionEntity): void {
  cachedStatement(db, 'DELETE FROM notion_sources WHERE entity = ?').run(entity);
}

export function setHighWater(db: Db, entity: NotionEntity, iso: string): void {
  cachedStatement(db, 'UPDATE notion_sources SET high_water = ? WHERE entity = ? AND (high_water IS NULL OR high_water < ?)').run(
    iso,
    entity,
    iso,
  );
}

export interface SeenPage {
  page_id: string;
  entity: NotionEntity;
  row_id: string | null;
  last_edited_time: string;
  content_hash: string;
  skipped_reason: string | null;
  in_trash: number;
}
export function seenPage(db: Db, pageId: string): SeenPage | null {
  return (
    (cachedStatement(
      db,
      'SELECT page_id, entity, row_id, last_edited_time, content_hash, skipped_reason, in_trash FROM notion_pages WHERE page_id = ?',
    ).get(pageId) as SeenPage | undefined) ?? null
  );
}

export function markPage(
  db: Db,
  p: {
    pageId: string;
    entity: NotionEntity;
    rowId: string | null;
    lastEditedTime: string;
    contentHash: string;
    title: string;
    url: string;
    skippedReason: string | null;
    inTrash: boolean;
  },
  now: number,
): void {
  cachedStatement(
    db,
    `INSERT INTO notion_pages (page_id, entity, row_id, last_edited_time, content_hash, title, url, skipped_reason, in_trash, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (page_id) DO UPDATE SET entity = excluded.entity, row_id = coalesce(excluded.row_id, notion_pages.row_id), last_edited_time = excluded.last_edited_time, content_hash = excluded.content_hash,
       title = excluded.title, url = excluded.url, skipped_reason = excluded.skipped_reason, in_trash = excluded.in_trash, seen_at = excluded.seen_at`,
  ).run(
    p.pageId,
    p.entity,
    p.rowId,
    p.lastEditedTime,
    p.contentHash,
    p.title.slice(0, 300),
    p.url,
    p.skippedReason ? p.skippedReason.slice(0, 1000) : null,
    p.inTrash ? 1 : 0,
    now,
  );
}

export function pageCounts(db: Db, entity: NotionEntity): { pages: number; skipped: number } {
  return db
    .prepare('SELECT count(*) AS pages, count(skipped_reason) AS skipped FROM notion_pages WHERE entity = ? AND in_trash = 0')
    .get(entity) as { pages: number; skipped: number };
}

export function listSkipped(db: Db, limit: number): NotionSkippedPage[] {
  return (
    db
      .prepare(
        'SELECT page_id, entity, title, url, skipped_reason, last_edited_time FROM notion_pages WHERE skipped_reason IS NOT NULL AND in_trash = 0 ORDER BY entity, title LIMIT ?',
      )
      .all(limit) as Array<{
      page_id: string;
      entity: NotionEntity;
      title: string;
      url: string;
      skipped_reason: string;
      last_edited_time: string;
    }>
  ).map((r) => ({
    pageId: r.page_id,
    entity: r.entity,
    title: r.title,
    url: r.url,
    reason: r.skipped_reason,
    lastEditedTime: r.last_edited_time,
  }));
}

// ——— runs ———

export function startRun(db: Db, trigger: NotionRun['trigger'], now: number): number {
  return Number(cachedStatement(db, 'INSERT INTO notion_runs (trigger, started_at) VALUES (?, ?)').run(trigger, now).lastInsertRowid);
}

export function saveRun(db: Db, run: NotionRun): void {
  cachedStatement(
    db,
    `UPDATE notion_runs SET finished_at = ?, ok = ?, read = ?, created = ?, updated = ?, unchanged = ?, skipped = ?, deleted = ?, written = ?, requests = ?, error = ? WHERE id = ?`,
  ).run(
    run.finishedAt,
    run.ok === null ? null : run.ok ? 1 : 0,
    run.counts.read,
    run.counts.created,
    run.counts.updated,
    run.counts.unchanged,
    run.counts.skipped,
    run.counts.deleted,
    run.written,
    run.requests,
    run.error,
    run.id,
  );
  // Keep the last 200 runs.
  cachedStatement(db, 'DELETE FROM notion_runs WHERE id <= ? - 200').run(run.id);
}

export function lastRun(db: Db): NotionRun | null {
  const r = cachedStatement(db, 'SELECT * FROM notion_runs ORDER BY id DESC LIMIT 1').get() as
    | {
        id: number;
        trigger: NotionRun['trigger'];
        started_at: number;
        finished_at: number | null;
        ok: number | null;
        read: number;
        created: number;
        updated: number;
        unchanged: number;
        skipped: number;
        deleted: number;
        written: number;
        requests: number;
        error: string | null;
      }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    trigger: r.trigger,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ok: r.ok === null ? null : r.ok === 1,
    counts: { read: r.read, created: r.created, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped, deleted: r.deleted },
    written: r.written,
    requests: r.requests,
    error: r.error,
  };
}

// ——— files and booth pages ———

export function fileFor(db: Db, pageId: string, property: string, name: string): { path: string } | null {
  return (
    (cachedStatement(db, 'SELECT path FROM notion_files WHERE page_id = ? AND property = ? AND name = ?').get(pageId, property, name) as
      { path: string } | undefined) ?? null
  );
}

export function putFile(db: Db, f: { pageId: string; property: string; name: string; path: string; bytes: number }, now: number): void {
  cachedStatement(
    db,
    'INSERT OR REPLACE INTO notion_files (page_id, property, name, path, bytes, fetched_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(f.pageId, f.property, f.name, f.path, f.bytes, now);
}

export function filesOf(db: Db, pageId: string): Array<{ property: string; name: string; path: string; bytes: number }> {
  return cachedStatement(db, 'SELECT property, name, path, bytes FROM notion_files WHERE page_id = ? ORDER BY property, name').all(
    pageId,
  ) as Array<{ property: string; name: string; path: string; bytes: number }>;
}

export function boothPageTitle(db: Db, pageId: string): string | null {
  return (cachedStatement(db, 'SELECT title FROM notion_booth_pages WHERE page_id = ?').pluck().get(pageId) as string | undefined) ?? null;
}

export function putBoothPage(db: Db, pageId: string, title: string, now: number): void {
  cachedStatement(db, 'INSERT OR REPLACE INTO notion_booth_pages (page_id, title, fetched_at) VALUES (?, ?, ?)').run(pageId, title, now);
}

// ——— write-back ———

export interface WriteBackRow {
  eventId: string;
  pageId: string;
  clientName: string;
  totals: { sessions: number; prints: number; digital: number; gifs: number };
  sent: string | null;
  sentAt: number | null;
  attempts: number;
  nextTryAt: number | null;
  error: string | null;
  gaveUp: boolean;
}

export function writeBackCandidates(db: Db): WriteBackRow[] {
  return (
    db
      .prepare(
        `SELECT e.id, e.notion_page_id, e.client_name, e.sessions, e.prints, e.digital, e.gifs, w.sent, w.sent_at, w.attempts, w.next_try_at, w.error, w.gave_up
         FROM events e LEFT JOIN notion_writeback w ON w.event_id = e.id
         WHERE e.notion_page_id IS NOT NULL AND e.deleted_at IS NULL`,
      )
      .all() as Array<{
      id: string;
      notion_page_id: string;
      client_name: string;
      sessions: number;
      prints: number;
      digital: number;
      gifs: number;
      sent: string | null;
      sent_at: number | null;
      attempts: number | null;
      next_try_at: number | null;
      error: string | null;
      gave_up: number | null;
    }>
  ).map((r) => ({
    eventId: r.id,
    pageId: r.notion_page_id,
    clientName: r.client_name,
    totals: { sessions: r.sessions, prints: r.prints, digital: r.digital, gifs: r.gifs },
    sent: r.sent,
    sentAt: r.sent_at,
    attempts: r.attempts ?? 0,
    nextTryAt: r.next_try_at,
    error: r.error,
    gaveUp: r.gave_up === 1,
  }));
}

export function recordWriteBack(
  db: Db,
  w: {
    eventId: string;
    pageId: string;
    sent?: string;
    sentAt?: number;
    attempts: number;
    nextTryAt: number | null;
    error: string | null;
    gaveUp: boolean;
  },
): void {
  cachedStatement(
    db,
    `INSERT INTO notion_writeback (event_id, page_id, sent, sent_at, attempts, next_try_at, error, gave_up) VALUES (@eventId, @pageId, @sent, @sentAt, @attempts, @nextTryAt, @error, @gaveUp)
     ON CONFLICT (event_id) DO UPDATE SET page_id = excluded.page_id, sent = coalesce(excluded.sent, notion_writeback.sent), sent_at = coalesce(excluded.sent_at, notion_writeback.sent_at),
       attempts = excluded.attempts, next_try_at = excluded.next_try_at, error = excluded.error, gave_up = excluded.gave_up`,
  ).run({
    eventId: w.eventId,
    pageId: w.pageId,
    sent: w.sent ?? null,
    sentAt: w.sentAt ?? null,
    attempts: w.attempts,
    nextTryAt: w.nextTryAt,
    error: w.error,
    gaveUp: w.gaveUp ? 1 : 0,
  });
}

/** A page seen again by an import is alive: its write-back may try again. */
export function reviveWriteBack(db: Db, pageId: string): void {
  cachedStatement(
    db,
    'UPDATE notion_writeback SET gave_up = 0, attempts = 0, next_try_at = NULL, error = NULL WHERE page_id = ? AND gave_up = 1',
  ).run(pageId);
}

export function writeBackProblems(db: Db): Array<{ eventId: string; pageId: string; clientName: string; error: string; gaveUp: boolean }> {
  return (
    db
      .prepare(
        'SELECT w.event_id, w.page_id, e.client_name, w.error, w.gave_up FROM notion_writeback w JOIN events e ON e.id = w.event_id WHERE w.error IS NOT NULL ORDER BY w.gave_up DESC LIMIT 50',
      )
      .all() as Array<{ event_id: string; page_id: string; client_name: string; error: string; gave_up: number }>
  ).map((r) => ({ eventId: r.event_id, pageId: r.page_id, clientName: r.client_name, error: r.error, gaveUp: r.gave_up === 1 }));
}
