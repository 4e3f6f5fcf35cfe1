import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Db } from '@core/db/connection.js';
import type { Logger } from '@core/ports/log.js';
import type { EventBus } from '@core/events.js';
import { changeMark, changesSince, emitDataChanged } from '@core/changes.js';
import type { NotionCounts, NotionEntity } from '@shared/model/notion.js';
import {
  boothPageTitle,
  markPage,
  putBoothPage,
  putFile,
  reviveWriteBack,
  seenPage,
  setHighWater,
  type SourceRow,
} from '@core/db/repos/notion.js';
import {
  applyEventRow,
  applyProductRow,
  applyServiceRow,
  boothIdsByName,
  boothKey,
  RowConflict,
  tombstoneRow,
} from '@core/db/repos/notionRows.js';
import { NotionFailure, type NotionGateway } from './gateway.js';
import { pageTitle, ValueProblem, type FileRef, type Prop } from './properties.js';
import { mapPage, type BoothRef, type MappedValues } from './mapping.js';
import type { PageObjectResponse } from '@notionhq/client';

/**
 * Import of one data source: incremental by last_edited_time (the query starts 2 minutes before the
 * newest page applied, because Notion rounds that time to the minute; pages already applied at the
 * same last_edited_time are skipped as unchanged), every page of results, trashed pages as
 * tombstones. Each batch of 100 pages is applied in one transaction together with the new
 * high-water mark, so a run killed at any point resumes without duplicates or gaps.
 */

export const OVERLAP_MS = 2 * 60_000;

export interface ImportDeps {
  db: Db;
  gw: NotionGateway;
  now: () => number;
  deviceId: string;
  dataDir: string;
  log: Logger;
  /** The change feed: each committed batch is announced (data.changed), so screens reload what changed. */
  events?: EventBus;
  onProgress?: (entity: NotionEntity, read: number) => void;
  /** Test hook: runs after each committed batch (a throw here simulates a kill). */
  afterBatch?: (entity: NotionEntity, batch: number) => void;
}

export const emptyCounts = (): NotionCounts => ({ read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, deleted: 0 });

type Prepared =
  | { page: PageObjectResponse; kind: 'unchanged' }
  | { page: PageObjectResponse; kind: 'trash' }
  | { page: PageObjectResponse; kind: 'skip'; reason: string }
  | {
      page: PageObjectResponse;
      kind: 'apply';
      mapped: MappedValues;
      boothId: string | null | undefined;
      files: Array<{ property: string; name: string; path: string; bytes: number }>;
    };

const isPage = (r: unknown): r is PageObjectResponse => (r as { object?: string })?.object === 'page' && 'properties' in (r as object);
/** The page's values without file URLs (signed, they change on every read). */
export function contentHash(p: PageObjectResponse): string {
  const json = JSON.stringify(p.properties, (k, val) => (k === 'url' || k === 'expiry_time' ? undefined : val));
  return crypto.createHash('sha1').update(json).digest('hex');
}

const trashed = (p: PageObjectResponse) => Boolean((p as { in_trash?: boolean }).in_trash || p.archived);

/** Relation ids or names → a local booth id (null: named but not found; undefined: not mapped). */
async function resolveBooth(d: ImportDeps, ref: BoothRef | null, byName: Map<string, string>): Promise<string | null> {
  if (!ref) return null;
  for (const key of ref.keys) {
    let name: string | null = key;
    if (ref.mode === 'relation') {
      name = boothPageTitle(d.db, key);
      if (name === null) {
        try {
          const p = await d.gw.retrievePage(key);
          name = pageTitle(p.properties as Record<string, Prop>);
        } catch (e) {
          if (!(e instanceof NotionFailure) || e.kind !== 'not_found') throw e;
          name = '';
        }
        putBoothPage(d.db, key, name, d.now());
      }
    }
    const id = name ? byName.get(boothKey(name)) : undefined;
    if (id) return id;
  }
  return null;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'file';

async function downloadFiles(d: ImportDeps, pageId: string, property: string | null | undefined, files: FileRef[] | undefined) {
  const out: Array<{ property: string; name: string; path: string; bytes: number }> = [];
  if (!property || !files) return out;
  for (const f of files) {
    if (!f.hosted || !f.url) continue;
    try {
      const buf = await d.gw.download(f.url);
      const dir = path.join(d.dataDir, 'notion-files', pageId.replace(/[^A-Za-z0-9-]/g, ''));
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${crypto.createHash('sha1').update(property).digest('hex').slice(0, 6)}-${safeName(f.name)}`);
      fs.writeFileSync(file, buf);
      out.push({ property, name: f.name, path: file, bytes: buf.length });
    } catch (e) {
      d.log.warn('notion file not downloaded', { page: pageId, file: f.name, error: String((e as Error).message ?? e) });
    }
  }
  return out;
}

async function prepare(d: ImportDeps, src: SourceRow, pages: PageObjectResponse[]): Promise<Prepared[]> {
  const byName = src.entity === 'events' ? boothIdsByName(d.db) : new Map<string, string>();
  const out: Prepared[] = [];
  for (const page of pages) {
    const seen = seenPage(d.db, page.id);
    const inTrash = trashed(page);
    if (
      seen &&
      seen.last_edited_time === page.last_edited_time &&
      seen.content_hash === contentHash(page) &&
      Boolean(seen.in_trash) === inTrash
    ) {
      out.push({ page, kind: 'unchanged' });
      continue;
    }
    if (inTrash) {
      out.push({ page, kind: 'trash' });
      continue;
    }
    try {
      const mapped = mapPage(src.entity, src.mapping, page.properties as Record<string, Prop>, src.options);
      let boothId: string | null | undefined;
      let files: Array<{ property: string; name: string; path: string; bytes: number }> = [];
      if (mapped.entity === 'events') boothId = src.mapping.booth ? await resolveBooth(d, mapped.values.booth, byName) : undefined;
      else files = await downloadFiles(d, page.id, src.mapping.images, mapped.values.images);
      out.push({ page, kind: 'apply', mapped, boothId, files });
    } catch (e) {
      if (e instanceof ValueProblem) out.push({ page, kind: 'skip', reason: e.message });
      else throw e;
    }
  }
  return out;
}

function commit(d: ImportDeps, src: SourceRow, prepared: Prepared[], counts: NotionCounts, advance = true): void {
  const now = d.now();
  const stamp = { now, device: d.deviceId };
  let high: string | null = null;
  const mark = changeMark(d.db);
  d.db.transaction(() => {
    for (const p of prepared) {
      const page = p.page;
      if (!high || page.last_edited_time > high) high = page.last_edited_time;
      const base = {
        pageId: page.id,
        entity: src.entity,
        lastEditedTime: page.last_edited_time,
        contentHash: contentHash(page),
        title: pageTitle(page.properties as Record<string, Prop>),
        url: page.url,
        inTrash: false,
      };
      if (p.kind === 'unchanged') {
        counts.unchanged++;
        continue;
      }
      if (p.kind === 'trash') {
        if (tombstoneRow(d.db, src.entity, page.id, now)) counts.deleted++;
        markPage(d.db, { ...base, rowId: null, skippedReason: null, inTrash: true }, now);
        continue;
      }
      if (p.kind === 'skip') {
        counts.skipped++;
        markPage(d.db, { ...base, rowId: null, skippedReason: p.reason }, now);
        continue;
      }
      try {
        const m = p.mapped;
        const res =
          m.entity === 'events'
            ? applyEventRow(
                d.db,
                page.id,
                {
                  client_name: m.values.clientName,
                  ...(src.mapping.eventType ? { event_type: m.values.eventType } : {}),
                  ...(src.mapping.albumName ? { album_name: m.values.albumName } : {}),
                  starts_at: m.values.startsAt,
                  ends_at: m.values.endsAt,
                  status: m.values.status,
                  ...(p.boothId !== undefined ? { booth_id: p.boothId } : {}),
                },
                JSON.stringify(page),
                stamp,
              )
            : m.entity === 'products'
              ? applyProductRow(d.db, page.id, { ...m.values, name: m.values.name! }, stamp)
              : applyServiceRow(
                  d.db,
                  page.id,
                  {
                    title: m.values.title!,
                    description: m.values.description,
                    duration_min: m.values.durationMin,
                    price: m.values.price,
                    benefits: m.values.benefits,
                  },
                  stamp,
                );
        counts[res.outcome]++;
        for (const f of p.files) putFile(d.db, { pageId: page.id, ...f }, now);
        markPage(d.db, { ...base, rowId: res.rowId, skippedReason: null }, now);
        if (m.entity === 'events') reviveWriteBack(d.db, page.id);
      } catch (e) {
        if (!(e instanceof RowConflict)) throw e;
        counts.skipped++;
        markPage(d.db, { ...base, rowId: null, skippedReason: e.message }, now);
      }
    }
    // The trash sweep never moves the mark: a live page edited meanwhile must still be queried.
    if (high && advance) setHighWater(d.db, src.entity, high);
  })();
  if (d.events) emitDataChanged({ events: d.events, log: d.log }, changesSince(d.db, mark));
}

/** One data source: live pages edited since the high-water mark (minus the overlap), then, when asked, the trash. */
export async function importSource(d: ImportDeps, src: SourceRow, counts: NotionCounts, opts: { trashSweep: boolean }): Promise<void> {
  let since = src.highWater ? new Date(Date.parse(src.highWater) - OVERLAP_MS).toISOString() : null;
  let batch = 0;
  let read = 0;
  for (;;) {
    let cursor: string | null = null;
    let incomplete = false;
    do {
      const res = await d.gw.query({ dataSourceId: src.dataSourceId, since, cursor });
      const pages = res.results.filter(isPage);
      counts.read += pages.length;
      read += pages.length;
      commit(d, src, await prepare(d, src, pages), counts);
      d.onProgress?.(src.entity, read);
      d.afterBatch?.(src.entity, ++batch);
      cursor = res.has_more ? res.next_cursor : null;
      incomplete = !res.has_more && res.request_status?.type === 'incomplete';
    } while (cursor);
    if (!incomplete) break;
    // Notion stops one query at 10,000 rows: continue from the newest page applied (no overlap needed, pages are deduplicated).
    const hw = (d.db.prepare('SELECT high_water FROM notion_sources WHERE entity = ?').pluck().get(src.entity) as string | null) ?? null;
    if (!hw || hw === since) {
      d.log.warn('notion query hit the 10,000-row limit inside one minute; the rest comes next round', { entity: src.entity });
      break;
    }
    since = hw;
  }
  if (!opts.trashSweep) return;
  let cursor: string | null = null;
  do {
    const res = await d.gw.query({ dataSourceId: src.dataSourceId, inTrash: true, cursor });
    const pages = res.results.filter(isPage).map((p) => ({ ...p, in_trash: true }) as PageObjectResponse);
    counts.read += pages.length;
    commit(d, src, await prepare(d, src, pages), counts, false);
    cursor = res.has_more ? res.next_cursor : null;
  } while (cursor);
}
