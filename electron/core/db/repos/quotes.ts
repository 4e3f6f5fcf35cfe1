import type { Quote, QuoteStatus } from '@shared/model/crm.js';
import type { VatRate } from '@shared/model/money.js';
import { computeTotals } from '@shared/model/money.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  number: string;
  client_id: string;
  client_name: string;
  status: QuoteStatus;
  lang: 'fr' | 'en';
  issued_at: number;
  valid_until: number;
  event_type: string | null;
  event_starts_at: number | null;
  event_ends_at: number | null;
  place: string | null;
  booth_id: string | null;
  booth_name: string | null;
  notes: string | null;
  vat_rounding: 'per_rate' | 'per_line';
  total_ht: string;
  total_tva: string;
  total_ttc: string;
  event_id: string | null;
  decided_at: number | null;
}
interface LineRow {
  id: string;
  position: number;
  service_id: string | null;
  product_id: string | null;
  label: string;
  quantity: string;
  unit_price: string;
  discount_pct: string;
  vat_rate: VatRate;
  line_ht: string;
}

export type QuoteSummary = Omit<Quote, 'lines' | 'vat'>;

const toSummary = (r: Row): QuoteSummary => ({
  id: r.id,
  number: r.number,
  clientId: r.client_id,
  clientName: r.client_name,
  status: r.status,
  lang: r.lang,
  issuedAt: r.issued_at,
  validUntil: r.valid_until,
  eventType: r.event_type,
  eventStartsAt: r.event_starts_at,
  eventEndsAt: r.event_ends_at,
  place: r.place,
  boothId: r.booth_id,
  boothName: r.booth_name,
  notes: r.notes,
  vatRounding: r.vat_rounding,
  totalHt: r.total_ht,
  totalTva: r.total_tva,
  totalTtc: r.total_ttc,
  eventId: r.event_id,
  decidedAt: r.decided_at,
});

const SELECT = `SELECT q.*, c.name AS client_name, b.name AS booth_name FROM quotes q
  JOIN clients c ON c.id = q.client_id LEFT JOIN booths b ON b.id = q.booth_id`;

export function listQuotes(db: Db, q: { clientId?: string; status?: QuoteStatus; limit: number }): QuoteSummary[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE q.deleted_at IS NULL AND (@client IS NULL OR q.client_id = @client) AND (@status IS NULL OR q.status = @status)
         ORDER BY q.year DESC, q.issued_at DESC, q.seq DESC LIMIT @limit`,
      )
      .all({ client: q.clientId ?? null, status: q.status ?? null, limit: q.limit }) as Row[]
  ).map(toSummary);
}

export function getQuote(db: Db, id: string): Quote | null {
  const r = db.prepare(`${SELECT} WHERE q.id = ? AND q.deleted_at IS NULL`).get(id) as Row | undefined;
  if (!r) return null;
  const lines = (
    db.prepare('SELECT * FROM quote_lines WHERE quote_id = ? AND deleted_at IS NULL ORDER BY position, id').all(id) as LineRow[]
  ).map((l) => ({
    id: l.id,
    position: l.position,
    serviceId: l.service_id,
    productId: l.product_id,
    label: l.label,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    discountPct: l.discount_pct,
    vatRate: l.vat_rate,
    lineHt: l.line_ht,
  }));
  const totals = computeTotals(lines, r.vat_rounding);
  return { ...toSummary(r), lines, vat: totals.vat };
}

/**
 * The next number of a yearly series (DEV-2026-0042, CMD-2026-0042): one more than the highest of
 * that year and series. Gapless because a number is taken in the same IMMEDIATE transaction that
 * inserts its row, and rows are never deleted. Call it inside that transaction. Quotes and orders
 * are numbered per device series (`series`: '' is the plain one, DEV-2026-0042; 'B' gives
 * DEV-2026-B-0001, CMD-2026-B-0001), each gapless per year.
 */
export function nextSeq(db: Db, table: NumberedTable, year: number, series = ''): number {
  return (
    (db.prepare(`SELECT coalesce(max(seq), 0) + 1 FROM ${table} WHERE year = ? AND series = ?`).pluck().get(year, series) as number) ?? 1
  );
}
export type NumberedTable = 'quotes' | 'customer_orders';
export const formatNumber = (prefix: 'DEV' | 'CMD', year: number, seq: number, series = '') =>
  `${prefix}-${year}-${series ? `${series}-` : ''}${String(seq).padStart(4, '0')}`;

/**
 * Another device that already numbered quotes (or orders) in `series` (synced rows included), or
 * null. A series belongs to the device that used it first: two devices in one series would take
 * the same numbers offline and the hub would refuse the second one's document.
 */
export function seriesTakenBy(
  db: Db,
  series: string,
  deviceId: string,
  table: NumberedTable = 'quotes',
): { deviceId: string; deviceName: string | null; number: string } | null {
  const r = db
    .prepare(
      `SELECT t.origin_device AS deviceId, d.name AS deviceName, t.number FROM ${table} t LEFT JOIN devices d ON d.id = t.origin_device
       WHERE t.series = ? AND t.origin_device <> ? ORDER BY t.year DESC, t.seq DESC LIMIT 1`,
    )
    .get(series, deviceId) as { deviceId: string; deviceName: string | null; number: string } | undefined;
  return r ?? null;
}

export interface QuoteWrite {
  lang?: 'fr' | 'en';
  validUntil?: number;
  eventType?: string | null;
  eventStartsAt?: number | null;
  eventEndsAt?: number | null;
  place?: string | null;
  boothId?: string | null;
  notes?: string | null;
  vatRounding?: 'per_rate' | 'per_line';
}
export interface LineWrite {
  serviceId?: string | null;
  productId?: string | null;
  label: string;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  vatRate: VatRate;
}

export function insertQuote(
  db: Db,
  q: QuoteWrite & { clientId: string; year: number; series: string; seq: number; issuedAt: number; validUntil: number },
  stamp: { now: number; device: string },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO quotes (id, number, year, series, seq, client_id, lang, issued_at, valid_until, event_type, event_starts_at, event_ends_at, place, booth_id, notes, vat_rounding, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    formatNumber('DEV', q.year, q.seq, q.series),
    q.year,
    q.series,
    q.seq,
    q.clientId,
    q.lang ?? 'fr',
    q.issuedAt,
    q.validUntil,
    q.eventType || null,
    q.eventStartsAt ?? null,
    q.eventEndsAt ?? null,
    q.place || null,
    q.boothId ?? null,
    q.notes || null,
    q.vatRounding ?? 'per_rate',
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return id;
}

const QUOTE_COLUMNS: Record<keyof QuoteWrite, string> = {
  lang: 'lang',
  validUntil: 'valid_until',
  eventType: 'event_type',
  eventStartsAt: 'event_starts_at',
  eventEndsAt: 'event_ends_at',
  place: 'place',
  boothId: 'booth_id',
  notes: 'notes',
  vatRounding: 'vat_rounding',
};

export function updateQuoteFields(db: Db, id: string, patch: QuoteWrite, now: number): void {
  const cols = Object.entries(patch).filter(([k, v]) => k in QUOTE_COLUMNS && v !== undefined);
  db.prepare(
    `UPDATE quotes SET ${[...cols.map(([k]) => `${QUOTE_COLUMNS[k as keyof QuoteWrite]} = ?`), 'updated_at = max(updated_at, ?)'].join(', ')} WHERE id = ?`,
  ).run(...cols.map(([, v]) => (v === '' ? null : v)), now, id);
}

/** Replaces the quote's lines (old ones become tombstones) and stores its exact totals. */
export function replaceLines(db: Db, quoteId: string, lines: LineWrite[], stamp: { now: number; device: string }): void {
  const rounding = db.prepare('SELECT vat_rounding FROM quotes WHERE id = ?').pluck().get(quoteId) as 'per_rate' | 'per_line';
  const totals = computeTotals(lines, rounding);
  db.prepare('UPDATE quote_lines SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE quote_id = ? AND deleted_at IS NULL').run(
    stamp.now,
    stamp.now,
    quoteId,
  );
  const ins = db.prepare(
    `INSERT INTO quote_lines (id, quote_id, position, service_id, product_id, label, quantity, unit_price, discount_pct, vat_rate, line_ht, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) =>
    ins.run(
      newId(),
      quoteId,
      i,
      l.serviceId ?? null,
      l.productId ?? null,
      l.label,
      l.quantity,
      l.unitPrice,
      l.discountPct,
      l.vatRate,
      totals.lines[i]!.ht,
      stamp.now,
      stamp.now,
      stamp.device,
    ),
  );
  storeTotals(db, quoteId, stamp.now);
}

/** Recomputes the stored totals from the live lines (after a line or rounding change). */
export function storeTotals(db: Db, quoteId: string, now: number): void {
  const q = getQuote(db, quoteId)!;
  const t = computeTotals(q.lines, q.vatRounding);
  db.prepare('UPDATE quotes SET total_ht = ?, total_tva = ?, total_ttc = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(
    t.ht,
    t.tva,
    t.ttc,
    now,
    quoteId,
  );
}

export function setQuoteStatus(
  db: Db,
  id: string,
  status: QuoteStatus,
  extra: { eventId?: string; decidedAt?: number | null },
  now: number,
): void {
  db.prepare(
    'UPDATE quotes SET status = ?, event_id = coalesce(?, event_id), decided_at = ?, updated_at = max(updated_at, ?) WHERE id = ?',
  ).run(status, extra.eventId ?? null, extra.decidedAt ?? null, now, id);
}

/** Sent quotes past their validity date (the expiry sweep). */
export function expiredQuoteIds(db: Db, now: number): string[] {
  return db.prepare("SELECT id FROM quotes WHERE status = 'sent' AND valid_until < ? AND deleted_at IS NULL").pluck().all(now) as string[];
}
