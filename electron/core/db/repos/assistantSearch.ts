import { localIsoDay } from '@shared/days.js';
import type { Db } from '../connection.js';

/** What search by meaning and the full-text fallback index: catalog items, services, events. */
export interface SearchDoc {
  kind: 'product' | 'service' | 'event';
  id: string;
  title: string;
  subtitle: string;
  body: string;
  /** What a reader is told about it (a product's or service's description, an event's album). */
  text: string;
}

export function searchDocs(db: Db): SearchDoc[] {
  const products = db
    .prepare(`SELECT id, sku, name, description, category, supplier FROM products WHERE deleted_at IS NULL AND active = 1 ORDER BY name`)
    .all() as { id: string; sku: string; name: string; description: string; category: string; supplier: string }[];
  const services = db.prepare('SELECT id, title, description, benefits FROM services WHERE deleted_at IS NULL AND active = 1').all() as {
    id: string;
    title: string;
    description: string;
    benefits: string;
  }[];
  const events = db
    .prepare(
      `SELECT e.id, e.client_name, e.event_type, e.album_name, e.starts_at, b.name AS booth FROM events e
       LEFT JOIN booths b ON b.id = e.booth_id WHERE e.deleted_at IS NULL`,
    )
    .all() as {
    id: string;
    client_name: string;
    event_type: string | null;
    album_name: string | null;
    starts_at: number;
    booth: string | null;
  }[];
  return [
    ...products.map((p) => ({
      kind: 'product' as const,
      id: p.id,
      title: p.name,
      subtitle: [p.sku, p.category].filter(Boolean).join(' · '),
      body: [p.sku, p.category, p.supplier, p.description].join(' '),
      text: p.description.slice(0, 400),
    })),
    ...services.map((s) => ({
      kind: 'service' as const,
      id: s.id,
      title: s.title,
      subtitle: '',
      body: [s.description, ...(JSON.parse(s.benefits) as string[])].join(' '),
      text: s.description.slice(0, 400),
    })),
    ...events.map((e) => ({
      kind: 'event' as const,
      id: e.id,
      title: e.client_name,
      subtitle: [localIsoDay(e.starts_at), e.event_type, e.booth].filter(Boolean).join(' · '),
      body: [e.event_type, e.album_name, e.booth].filter(Boolean).join(' '),
      text: e.album_name ?? '',
    })),
  ];
}

/** Rebuilds the full-text index (a few thousand rows: one transaction, milliseconds). */
export function rebuildFts(db: Db, docs: SearchDoc[]): void {
  const ins = db.prepare('INSERT INTO assistant_fts (kind, ref_id, title, body) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM assistant_fts').run();
    for (const d of docs) ins.run(d.kind, d.id, d.title, d.body);
  })();
}

export function ftsCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM assistant_fts').get() as { n: number }).n;
}

/** FTS5 MATCH (bm25: lower is better); `match` is an already-built FTS5 query. */
export function ftsSearch(db: Db, match: string, limit: number): { kind: SearchDoc['kind']; id: string; rank: number }[] {
  return db
    .prepare(
      'SELECT kind, ref_id AS id, bm25(assistant_fts, 0, 0, 4.0, 1.0) AS rank FROM assistant_fts WHERE assistant_fts MATCH ? ORDER BY rank LIMIT ?',
    )
    .all(match, limit) as { kind: SearchDoc['kind']; id: string; rank: number }[];
}

export interface StoredVector {
  kind: SearchDoc['kind'];
  id: string;
  hash: string;
  vector: Float32Array;
}

export function loadVectors(db: Db, model: string): StoredVector[] {
  const rows = db.prepare('SELECT kind, ref_id, text_hash, vector FROM assistant_embeddings WHERE model = ?').all(model) as {
    kind: SearchDoc['kind'];
    ref_id: string;
    text_hash: string;
    vector: Buffer;
  }[];
  return rows.map((r) => ({
    kind: r.kind,
    id: r.ref_id,
    hash: r.text_hash,
    vector: new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength)),
  }));
}

export function saveVectors(db: Db, model: string, rows: StoredVector[], now: number): void {
  const up = db.prepare(
    `INSERT INTO assistant_embeddings (kind, ref_id, model, text_hash, vector, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, ref_id, model) DO UPDATE SET text_hash = excluded.text_hash, vector = excluded.vector, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const r of rows) up.run(r.kind, r.id, model, r.hash, Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength), now);
  })();
}

export function deleteVectors(db: Db, model: string, keep: Set<string>): void {
  const rows = db.prepare('SELECT kind, ref_id FROM assistant_embeddings WHERE model = ?').all(model) as { kind: string; ref_id: string }[];
  const del = db.prepare('DELETE FROM assistant_embeddings WHERE kind = ? AND ref_id = ? AND model = ?');
  db.transaction(() => {
    for (const r of rows) if (!keep.has(`${r.kind}:${r.ref_id}`)) del.run(r.kind, r.ref_id, model);
  })();
}

/** Sales per product over [from, to): `out` ledger lines, valued at the product's price. */
export function salesOfPeriod(
  db: Db,
  from: number,
  to: number,
): { productId: string; sku: string; name: string; quantity: number; revenue: number }[] {
  return db
    .prepare(
      `SELECT p.id AS productId, p.sku, p.name, sum(m.quantity) AS quantity, round(sum(m.quantity) * p.price, 2) AS revenue
       FROM stock_movements m JOIN products p ON p.id = m.product_id
       WHERE m.type = 'out' AND m.occurred_at >= ? AND m.occurred_at < ? GROUP BY p.id ORDER BY quantity DESC, p.name`,
    )
    .all(from, to) as { productId: string; sku: string; name: string; quantity: number; revenue: number }[];
}
