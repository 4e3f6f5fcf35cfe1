import { foldAccents } from '@shared/text.js';
import type { NotionEntity } from '@shared/model/notion.js';
import { newId } from '../ids.js';
import { cachedStatement } from '../prepared.js';
import type { Db } from '../connection.js';

/**
 * Imported Notion pages as ordinary synced rows (events, products, services). Only the fields the
 * mapping names are written; stock, counters, totals, forecasts and booth state never are. Every
 * write goes through the tables' usual outbox triggers, so the rows sync like any other.
 */

export type ApplyResult = { outcome: 'created' | 'updated' | 'unchanged'; rowId: string };
export class RowConflict extends Error {}

type Stamp = { now: number; device: string };

function applyColumns(
  db: Db,
  table: string,
  id: string,
  current: Record<string, unknown>,
  wanted: Record<string, unknown>,
  stamp: Stamp,
): boolean {
  const changed = Object.keys(wanted).filter((k) => current[k] !== wanted[k]);
  if (!changed.length) return false;
  cachedStatement(
    db,
    `UPDATE ${table} SET ${changed.map((k) => `${k} = @${k}`).join(', ')}, updated_at = max(updated_at, @now) WHERE id = @id`,
  ).run({
    ...Object.fromEntries(changed.map((k) => [k, wanted[k]])),
    now: stamp.now,
    id,
  });
  return true;
}

export interface EventColumns {
  client_name: string;
  event_type?: string | null;
  album_name?: string | null;
  starts_at: number;
  ends_at: number;
  status: string;
  booth_id?: string | null;
}

export function applyEventRow(db: Db, pageId: string, cols: EventColumns, snapshot: string, stamp: Stamp): ApplyResult {
  const row = cachedStatement(db, 'SELECT * FROM events WHERE notion_page_id = ?').get(pageId) as Record<string, unknown> | undefined;
  if (!row) {
    const id = newId();
    cachedStatement(
      db,
      `INSERT INTO events (id, notion_page_id, booth_id, client_name, event_type, starts_at, ends_at, album_name, status, snapshot, created_at, updated_at, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      pageId,
      cols.booth_id ?? null,
      cols.client_name,
      cols.event_type ?? null,
      cols.starts_at,
      cols.ends_at,
      cols.album_name ?? null,
      cols.status,
      snapshot,
      stamp.now,
      stamp.now,
      stamp.device,
    );
    return { outcome: 'created', rowId: id };
  }
  const id = row.id as string;
  const wanted: Record<string, unknown> = { ...cols, deleted_at: null };
  for (const k of Object.keys(wanted)) if (wanted[k] === undefined) delete wanted[k];
  const changed = applyColumns(db, 'events', id, row, wanted, stamp);
  if (changed) cachedStatement(db, 'UPDATE events SET snapshot = ? WHERE id = ?').run(snapshot, id);
  return { outcome: changed ? 'updated' : 'unchanged', rowId: id };
}

export interface ProductColumns {
  name: string;
  sku?: string | null;
  price?: number | null;
  category?: string | null;
  description?: string | null;
  supplier?: string | null;
  unit?: string | null;
  active?: boolean | null;
}

function productWanted(c: ProductColumns): Record<string, unknown> {
  const w: Record<string, unknown> = { name: c.name, deleted_at: null };
  if (c.price !== undefined) w.price = c.price ?? 0;
  if (c.category !== undefined) w.category = c.category ?? '';
  if (c.description !== undefined) w.description = c.description ?? '';
  if (c.supplier !== undefined) w.supplier = c.supplier ?? '';
  if (c.unit !== undefined) w.unit = c.unit ?? 'pce';
  if (c.active !== undefined && c.active !== null) w.active = c.active ? 1 : 0;
  if (c.sku) w.sku = c.sku;
  return w;
}

export function applyProductRow(db: Db, pageId: string, cols: ProductColumns, stamp: Stamp): ApplyResult {
  let row = cachedStatement(db, 'SELECT * FROM products WHERE notion_page_id = ?').get(pageId) as Record<string, unknown> | undefined;
  const sku = cols.sku || null;
  if (sku) {
    const other = cachedStatement(db, 'SELECT * FROM products WHERE sku = ?').get(sku) as Record<string, unknown> | undefined;
    if (other && other.id !== row?.id) {
      if (other.notion_page_id || row) throw new RowConflict(`SKU "${sku}" is already used by another product`);
      // A product typed in before Notion fed the catalog: Notion takes it over (stock and history stay).
      cachedStatement(db, 'UPDATE products SET notion_page_id = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(
        pageId,
        stamp.now,
        other.id,
      );
      row = { ...other, notion_page_id: pageId };
    }
  }
  if (!row) {
    const id = newId();
    const w = productWanted(cols);
    cachedStatement(
      db,
      `INSERT INTO products (id, sku, name, description, category, unit, price, supplier, active, notion_page_id, created_at, updated_at, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      sku ?? `NOTION-${pageId.replace(/-/g, '').slice(-12).toUpperCase()}`,
      cols.name,
      (w.description as string) ?? '',
      (w.category as string) ?? '',
      (w.unit as string) ?? 'pce',
      (w.price as number) ?? 0,
      (w.supplier as string) ?? '',
      (w.active as number) ?? 1,
      pageId,
      stamp.now,
      stamp.now,
      stamp.device,
    );
    return { outcome: 'created', rowId: id };
  }
  const changed = applyColumns(db, 'products', row.id as string, row, productWanted(cols), stamp);
  return { outcome: changed ? 'updated' : 'unchanged', rowId: row.id as string };
}

export interface ServiceColumns {
  title: string;
  description?: string | null;
  duration_min?: number | null;
  price?: number | null;
  benefits?: string[];
}

export function applyServiceRow(db: Db, pageId: string, cols: ServiceColumns, stamp: Stamp): ApplyResult {
  const row = cachedStatement(db, 'SELECT * FROM services WHERE notion_page_id = ?').get(pageId) as Record<string, unknown> | undefined;
  const w: Record<string, unknown> = { title: cols.title, deleted_at: null };
  if (cols.description !== undefined) w.description = cols.description ?? '';
  if (cols.duration_min !== undefined && cols.duration_min !== null) w.duration_min = cols.duration_min;
  if (cols.price !== undefined) w.price = cols.price ?? 0;
  if (cols.benefits !== undefined) w.benefits = JSON.stringify(cols.benefits);
  if (!row) {
    const id = newId();
    cachedStatement(
      db,
      `INSERT INTO services (id, title, description, duration_min, benefits, price, notion_page_id, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      cols.title,
      w.description ?? '',
      w.duration_min ?? 60,
      w.benefits ?? '[]',
      w.price ?? 0,
      pageId,
      stamp.now,
      stamp.now,
      stamp.device,
    );
    return { outcome: 'created', rowId: id };
  }
  const changed = applyColumns(db, 'services', row.id as string, row, w, stamp);
  return { outcome: changed ? 'updated' : 'unchanged', rowId: row.id as string };
}

const TABLE: Record<NotionEntity, string> = { events: 'events', products: 'products', services: 'services' };

/** A page archived or moved to the trash: its row becomes a tombstone (true when it was live). */
export function tombstoneRow(db: Db, entity: NotionEntity, pageId: string, now: number): boolean {
  return (
    cachedStatement(
      db,
      `UPDATE ${TABLE[entity]} SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE notion_page_id = ? AND deleted_at IS NULL`,
    ).run(now, now, pageId).changes > 0
  );
}

/** Booth name (accent-, case- and space-blind) → id of every live booth. */
export function boothIdsByName(db: Db): Map<string, string> {
  const rows = cachedStatement(db, 'SELECT id, name FROM booths WHERE deleted_at IS NULL').all() as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [boothKey(r.name), r.id]));
}

export const boothKey = (s: string) => foldAccents(s).replace(/\s+/g, ' ').trim();

/** Is this row fed by Notion? (its Notion-owned fields are then edited in Notion) */
export function notionPageOf(db: Db, table: 'events' | 'products' | 'services', id: string): string | null {
  return (cachedStatement(db, `SELECT notion_page_id FROM ${table} WHERE id = ?`).pluck().get(id) as string | null | undefined) ?? null;
}
