import type { Service, ServiceInput } from '@shared/model/product.js';
import { foldText } from '../fold.js';
import type { z } from 'zod';
import type { Db } from '../connection.js';

type ParsedService = z.output<typeof ServiceInput>;
interface Row {
  id: string;
  title: string;
  description: string;
  duration_min: number;
  benefits: string;
  price: number;
  active: number;
  notion_page_id: string | null;
  created_at: number;
  updated_at: number;
}
const toService = (r: Row): Service => ({
  id: r.id,
  title: r.title,
  description: r.description,
  durationMin: r.duration_min,
  benefits: JSON.parse(r.benefits) as string[],
  price: r.price,
  active: r.active === 1,
  notionPageId: r.notion_page_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listServices(db: Db, q: { q: string; status: 'active' | 'archived' | 'all' }): Service[] {
  const where = ['deleted_at IS NULL'];
  if (q.status === 'active') where.push('active = 1');
  if (q.status === 'archived') where.push('active = 0');
  // Accent- and case-blind search and order (fold(), see db/fold.ts).
  if (q.q.trim()) where.push("(fold(title) LIKE @q ESCAPE '\\' OR fold(description) LIKE @q ESCAPE '\\')");
  const rows = db
    .prepare(`SELECT * FROM services WHERE ${where.join(' AND ')} ORDER BY fold(title), title`)
    .all({ q: `%${foldText(q.q.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%` }) as Row[];
  return rows.map(toService);
}

export function getService(db: Db, id: string): Service | null {
  const r = db.prepare('SELECT * FROM services WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  return r ? toService(r) : null;
}

export function insertService(db: Db, id: string, s: ParsedService, stamp: { now: number; device: string }): void {
  db.prepare(
    `INSERT INTO services (id, title, description, duration_min, benefits, price, notion_page_id, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, s.title, s.description, s.durationMin, JSON.stringify(s.benefits), s.price, s.notionPageId, stamp.now, stamp.now, stamp.device);
}

const COLUMNS: Record<keyof ParsedService, string> = {
  title: 'title',
  description: 'description',
  durationMin: 'duration_min',
  benefits: 'benefits',
  price: 'price',
  notionPageId: 'notion_page_id',
};

export function updateService(db: Db, id: string, patch: Partial<ParsedService>, now: number): boolean {
  const keys = (Object.keys(patch) as Array<keyof ParsedService>).filter((k) => patch[k] !== undefined);
  const vals = Object.fromEntries(keys.map((k) => [k, k === 'benefits' ? JSON.stringify(patch[k]) : patch[k]]));
  const set = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ');
  return (
    db
      .prepare(`UPDATE services SET ${set ? set + ', ' : ''}updated_at = MAX(updated_at, @now) WHERE id = @id AND deleted_at IS NULL`)
      .run({ id, now, ...vals }).changes === 1
  );
}

export function setServiceActive(db: Db, id: string, active: boolean, now: number): boolean {
  return (
    db
      .prepare('UPDATE services SET active = ?, updated_at = MAX(updated_at, ?) WHERE id = ? AND deleted_at IS NULL')
      .run(active ? 1 : 0, now, id).changes === 1
  );
}

/** Lower-cased title → id of every live service: imports match services by title. */
export function serviceIdsByTitle(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT lower(title) AS t, id FROM services WHERE deleted_at IS NULL').all() as Array<{ t: string; id: string }>;
  return new Map(rows.map((r) => [r.t, r.id]));
}

export function allServices(db: Db): Service[] {
  return (db.prepare('SELECT * FROM services WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE').all() as Row[]).map(toService);
}
