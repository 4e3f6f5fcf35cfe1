import type { Product, ProductPatch, ProductInput } from '@shared/model/product.js';
import type { ProductListQuery } from '@shared/contract/catalog.js';
import { foldText } from '../fold.js';
import type { z } from 'zod';
import type { Db } from '../connection.js';

type ParsedProduct = z.output<typeof ProductInput>;
type ParsedQuery = z.output<typeof ProductListQuery>;

interface Row {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  price: number;
  cost: number;
  supplier: string;
  lead_time_days: number;
  moq: number;
  pack_size: number;
  service_level: number;
  reorder_point: number | null;
  eco_score: number | null;
  eco_details: string;
  active: number;
  notion_page_id: string | null;
  on_hand: number | null;
  created_at: number;
  updated_at: number;
}

export function toProduct(r: Row): Product {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    description: r.description,
    category: r.category,
    unit: r.unit,
    price: r.price,
    cost: r.cost,
    supplier: r.supplier,
    leadTimeDays: r.lead_time_days,
    moq: r.moq,
    packSize: r.pack_size,
    serviceLevel: r.service_level,
    reorderPoint: r.reorder_point,
    ecoScore: r.eco_score,
    ecoDetails: JSON.parse(r.eco_details) as string[],
    active: r.active === 1,
    notionPageId: r.notion_page_id,
    onHand: r.on_hand ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const SELECT = `SELECT p.*, (SELECT SUM(b.on_hand) FROM stock_balances b WHERE b.product_id = p.id) AS on_hand FROM products p`;

const SORT_SQL: Record<string, string> = {
  sku: 'p.sku COLLATE NOCASE',
  name: 'fold(p.name)',
  category: 'fold(p.category)',
  price: 'p.price',
  cost: 'p.cost',
  onHand: 'on_hand',
  supplier: 'fold(p.supplier)',
  leadTimeDays: 'p.lead_time_days',
  ecoScore: 'p.eco_score',
  updatedAt: 'p.updated_at',
};

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listProducts(db: Db, q: ParsedQuery): { items: Product[]; total: number } {
  const where: string[] = ['p.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (q.status === 'active') where.push('p.active = 1');
  if (q.status === 'archived') where.push('p.active = 0');
  if (q.category !== undefined) {
    where.push('p.category = @category');
    params.category = q.category;
  }
  const text = q.q.trim();
  if (text) {
    where.push(
      // One fold per row (fields joined by a control character no search holds, so a match never spans two).
      // The reference is folded too: the query is, so "ÉTÉ-001" (folded "ete-001") missed its own product.
      "fold(p.sku || char(1) || p.name || char(1) || p.supplier || char(1) || p.category) LIKE @q ESCAPE '\\'",
    );
    // Accent- and case-blind: "cable" finds "Câble", "éventail" finds "Eventail".
    params.q = likePattern(foldText(text));
  }
  const whereSql = where.join(' AND ');
  const total = db.prepare(`SELECT COUNT(*) FROM products p WHERE ${whereSql}`).pluck().get(params) as number;
  const order = `${SORT_SQL[q.sort] ?? SORT_SQL.name} ${q.dir === 'desc' ? 'DESC' : 'ASC'}, p.id ASC`;
  const rows = db
    .prepare(`${SELECT} WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
  return { items: rows.map(toProduct), total };
}

export function getProduct(db: Db, id: string): Product | null {
  const r = db.prepare(`${SELECT} WHERE p.id = ? AND p.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toProduct(r) : null;
}

export function findProductBySku(db: Db, sku: string): Product | null {
  const r = db.prepare(`${SELECT} WHERE p.sku = ? AND p.deleted_at IS NULL`).get(sku) as Row | undefined;
  return r ? toProduct(r) : null;
}

const COLUMNS: Record<keyof ParsedProduct, string> = {
  sku: 'sku',
  name: 'name',
  description: 'description',
  category: 'category',
  unit: 'unit',
  price: 'price',
  cost: 'cost',
  supplier: 'supplier',
  leadTimeDays: 'lead_time_days',
  moq: 'moq',
  packSize: 'pack_size',
  serviceLevel: 'service_level',
  reorderPoint: 'reorder_point',
  ecoScore: 'eco_score',
  ecoDetails: 'eco_details',
  notionPageId: 'notion_page_id',
};

function toDb(key: keyof ParsedProduct, v: unknown): unknown {
  return key === 'ecoDetails' ? JSON.stringify(v) : v;
}

export function insertProduct(db: Db, id: string, p: ParsedProduct, stamp: { now: number; device: string }): void {
  const keys = Object.keys(COLUMNS) as Array<keyof ParsedProduct>;
  db.prepare(
    `INSERT INTO products (id, ${keys.map((k) => COLUMNS[k]).join(', ')}, created_at, updated_at, origin_device)
     VALUES (@id, ${keys.map((k) => '@' + k).join(', ')}, @now, @now, @device)`,
  ).run({ id, ...Object.fromEntries(keys.map((k) => [k, toDb(k, p[k])])), now: stamp.now, device: stamp.device });
}

export function updateProduct(db: Db, id: string, patch: ProductPatch, now: number): boolean {
  const keys = (Object.keys(patch) as Array<keyof ParsedProduct>).filter((k) => patch[k] !== undefined);
  if (!keys.length) return db.prepare('SELECT 1 FROM products WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
  const res = db
    .prepare(
      `UPDATE products SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')}, updated_at = MAX(updated_at, @now) WHERE id = @id AND deleted_at IS NULL`,
    )
    .run({ id, now, ...Object.fromEntries(keys.map((k) => [k, toDb(k, patch[k])])) });
  return res.changes === 1;
}

export function setProductActive(db: Db, id: string, active: boolean, now: number): boolean {
  return (
    db
      .prepare('UPDATE products SET active = ?, updated_at = MAX(updated_at, ?) WHERE id = ? AND deleted_at IS NULL')
      .run(active ? 1 : 0, now, id).changes === 1
  );
}

export function listCategories(db: Db): string[] {
  return db
    .prepare("SELECT DISTINCT category FROM products WHERE deleted_at IS NULL AND category <> '' ORDER BY fold(category), category")
    .pluck()
    .all() as string[];
}

/** SKU → id of every live product, for resolving imported rows without one query per row. */
export function productIdsBySku(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT sku, id FROM products WHERE deleted_at IS NULL').all() as Array<{ sku: string; id: string }>;
  return new Map(rows.map((r) => [r.sku, r.id]));
}

/** Every live product in SKU order, for export (iterated: a catalog may be large). */
export function iterateProducts(db: Db): IterableIterator<Product> {
  const it = db.prepare(`${SELECT} WHERE p.deleted_at IS NULL ORDER BY p.sku`).iterate() as IterableIterator<Row>;
  return (function* () {
    for (const r of it) yield toProduct(r);
  })();
}
