import { gridDay, gridDayStart } from '@shared/days.js';
import type { Db } from '../connection.js';

/** A past event, as the event-demand model learns from it (modules/forecast/eventDemand.ts). */
export interface PastEvent {
  boothId: string | null;
  eventType: string | null;
  /** The event's first day on the grid (UTC midnight of its local date, shared/days.ts gridDay). */
  day: number;
  prints: number;
}

export type UpcomingEvent = Omit<PastEvent, 'prints'>;

const DAY = 86_400_000;

/**
 * Demand is what left the business: `out` lines (sales, consumption). Transfers to booths only
 * move stock and adjustments are inventory corrections, so neither counts. Days [from, to) of the
 * grid (local dates, shared/days.ts): the lines from `from`'s local midnight to `to`'s.
 */
export function dailyOut(db: Db, productId: string, from: number, to: number): Array<{ day: number; quantity: number }> {
  return db
    .prepare(
      `SELECT grid_day(occurred_at) * ${DAY} AS day, SUM(quantity) AS quantity FROM stock_movements
       WHERE product_id = ? AND type = 'out' AND occurred_at >= ? AND occurred_at < ? GROUP BY day ORDER BY day`,
    )
    .all(productId, gridDayStart(from), gridDayStart(to)) as Array<{ day: number; quantity: number }>;
}

/** Daily `out` quantities as a dense array over [from, to) (one value per day, zeros included). */
export function dailyOutSeries(db: Db, productId: string, from: number, to: number): number[] {
  const y = new Array<number>(Math.max(0, Math.round((to - from) / DAY))).fill(0);
  for (const r of dailyOut(db, productId, from, to)) y[Math.round((r.day - from) / DAY)] = r.quantity;
  return y;
}

const NET = "SUM(CASE WHEN type = 'transfer' THEN 0 ELSE delta END)";

/** Statements of the per-product reads a catalog run makes thousands of times, prepared once per connection. */
const prepared = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();
function cached(db: Db, sql: string): ReturnType<Db['prepare']> {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

/**
 * One read of a product's ledger over [from, to), day by day: what was sold (`out` lines) and the
 * stock on hand over all locations at the end of the day (transfers between them net out).
 */
export function dailyLedger(db: Db, productId: string, from: number, to: number): { sales: number[]; closing: number[] } {
  const days = Math.max(0, Math.round((to - from) / DAY));
  const sales = new Array<number>(days).fill(0);
  const deltas = new Array<number>(days).fill(0);
  let onHand = cached(db, `SELECT COALESCE(${NET}, 0) FROM stock_movements WHERE product_id = ? AND occurred_at < ?`)
    .pluck()
    .get(productId, gridDayStart(from)) as number;
  const rows = cached(
    db,
    `SELECT grid_day(occurred_at) * ${DAY} AS day, SUM(CASE WHEN type = 'out' THEN quantity ELSE 0 END) AS sold, ${NET} AS delta
       FROM stock_movements INDEXED BY stock_movements_product WHERE product_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY day`,
  )
    .raw()
    .all(productId, gridDayStart(from), gridDayStart(to)) as Array<[day: number, sold: number, delta: number]>;
  // Raw rows: two years of days per product, for every product of a catalog run.
  for (const [day, sold, delta] of rows) {
    const i = Math.round((day - from) / DAY);
    sales[i] = sold;
    deltas[i] = delta;
  }
  return { sales, closing: deltas.map((d) => (onHand += d)) };
}

/** Days a stock_days row covers (migration 0241). */
const BLOCK = 32;

/**
 * A product's ledger over at most the last `maxDays` days before `today` (a day start), day by
 * day, for a forecast: what was sold (`out` lines) and the stock on hand over all locations at the
 * end of each day. The window starts at the product's first ledger day when that is more recent
 * (before it the product was not stocked: no sale is not a zero). Null when the product has no
 * line before `today`. Read from stock_days (migration 0241, kept by trigger): a row per 32 days
 * with the days' figures as JSON arrays, so two years are 24 rows, and the window comes back as
 * one JSON string — SQLite's cost per row, not per value, was most of a catalog run's reading.
 */
export function demandLedger(
  db: Db,
  productId: string,
  today: number,
  maxDays: number,
): { from: number; sales: number[]; closing: number[] } | null {
  const end = Math.floor(today / DAY);
  const start = end - maxDays;
  const first = Math.floor(start / BLOCK);
  const last = Math.floor((end - 1) / BLOCK);
  // One statement: the blocks wholly before the window (whether any exists: the product was stocked
  // before it; and their net change) and the window's blocks as one JSON text.
  const [older, onHandBefore, text] = cached(
    db,
    `SELECT COUNT(*) FILTER (WHERE block < @first), COALESCE(SUM(net_total) FILTER (WHERE block < @first), 0),
       '[[' || group_concat(block) FILTER (WHERE block >= @first) || '],[' || group_concat(days) FILTER (WHERE block >= @first)
         || '],[' || group_concat(sold) FILTER (WHERE block >= @first) || '],[' || group_concat(net) FILTER (WHERE block >= @first) || ']]'
     FROM stock_days WHERE product_id = @productId AND block <= @last`,
  )
    .raw()
    .get({ productId, first, last }) as [number, number, string | null];
  const [blocks, daysOf, soldOf, netOf] = text ? (JSON.parse(text) as [number[], number[], number[][], number[][]]) : [[], [], [], []];
  // The first day with a line in the window, and what the window's first block holds before it.
  let firstDay = end;
  let before = older > 0;
  let onHand = onHandBefore;
  for (let j = 0; j < blocks.length; j++) {
    const b0 = blocks[j]! * BLOCK;
    const bits = daysOf[j]!;
    for (let i = 0; i < BLOCK; i++) {
      if (((bits >>> i) & 1) === 0) continue;
      const day = b0 + i;
      if (day < start) {
        before = true;
        onHand += netOf[j]![i]!;
      } else if (day < end && day < firstDay) firstDay = day;
    }
  }
  if (!before && firstDay === end) return null;
  const d0 = before ? start : firstDay;
  const days = end - d0;
  const sales = new Array<number>(days).fill(0);
  const closing = new Array<number>(days).fill(0);
  for (let j = 0; j < blocks.length; j++) {
    const b0 = blocks[j]! * BLOCK;
    const sold = soldOf[j]!;
    const net = netOf[j]!;
    const lo = Math.max(0, d0 - b0);
    const hi = Math.min(BLOCK, end - b0);
    for (let i = lo; i < hi; i++) {
      sales[b0 + i - d0] = sold[i]!;
      closing[b0 + i - d0] = net[i]!;
    }
  }
  for (let i = 0; i < days; i++) closing[i] = onHand += closing[i]!;
  return { from: d0 * DAY, sales, closing };
}

/** Day of a product's first ledger line of any kind: before it the product was not stocked, so no demand is not a zero. */
export function firstMovementDay(db: Db, productId: string): number | null {
  const at = cached(db, 'SELECT MIN(occurred_at) FROM stock_movements WHERE product_id = ?').pluck().get(productId) as number | null;
  return at === null ? null : gridDay(at);
}

/** The ledger's newest row number: append-only, so every later line (even back-dated) is above it. */
export function ledgerWatermark(db: Db): number {
  return (db.prepare('SELECT MAX(rowid) FROM stock_movements').pluck().get() as number | null) ?? 0;
}

/**
 * Products with a ledger line dated before the grid day `before` (its local midnight) written after row `since`, with the newest such
 * row: what changed in the history since a forecast made at that watermark (sales, and the stock
 * levels that tell an empty shelf from no demand). Reads only the new rows.
 */
export function ledgerLinesSince(db: Db, since: number, before: number): Map<string, number> {
  const rows = db
    .prepare(`SELECT product_id, MAX(rowid) AS lastRow FROM stock_movements WHERE rowid > ? AND occurred_at < ? GROUP BY product_id`)
    .all(since, gridDayStart(before)) as Array<{ product_id: string; lastRow: number }>;
  return new Map(rows.map((r) => [r.product_id, r.lastRow]));
}

/**
 * Past events (ended before the instant `before`, started from the instant `since`; `day` their
 * first local day on the grid) the calendar learns prints per event from, in sheets of media: a strip booth
 * (prints_per_copy 0.5) cuts two strips from one sheet. Events with neither a session nor a print
 * recorded are left out: their counters never reached us, they are not zero-print events.
 */
export function pastEvents(db: Db, before: number, since: number): PastEvent[] {
  return db
    .prepare(
      `SELECT e.booth_id AS boothId, e.event_type AS eventType, grid_day(e.starts_at) * ${DAY} AS day,
           e.prints * COALESCE(b.prints_per_copy, 1) AS prints
         FROM events e LEFT JOIN booths b ON b.id = e.booth_id
         WHERE e.deleted_at IS NULL AND e.ends_at < ? AND e.starts_at >= ? AND (e.prints > 0 OR e.sessions > 0) ORDER BY e.starts_at`,
    )
    .all(before, since) as PastEvent[];
}

/** Active events starting on grid days [from, to) (from `from`'s local midnight to `to`'s). */
export function upcomingEvents(db: Db, from: number, to: number): UpcomingEvent[] {
  return db
    .prepare(
      `SELECT booth_id AS boothId, event_type AS eventType, grid_day(starts_at) * ${DAY} AS day FROM events
       WHERE deleted_at IS NULL AND status = 'active' AND starts_at >= ? AND starts_at < ? ORDER BY starts_at`,
    )
    .all(gridDayStart(from), gridDayStart(to)) as UpcomingEvent[];
}

/** Changes whenever an event is added, edited or its counters move. */
export function eventsFingerprint(db: Db): string {
  const r = db
    .prepare('SELECT COUNT(*) AS n, COALESCE(MAX(updated_at), 0) AS u, COALESCE(SUM(prints), 0) AS p FROM events WHERE deleted_at IS NULL')
    .get() as {
    n: number;
    u: number;
    p: number;
  };
  return `${r.n}:${r.u}:${r.p}`;
}

export interface BoothPaperRow {
  id: string;
  name: string;
  remainingPrints: number;
}

/** Live booths with the media left on board (in sheets, the unit the counters decrement). */
export function boothsWithPaper(db: Db): BoothPaperRow[] {
  return db
    .prepare('SELECT id, name, remaining_prints AS remainingPrints FROM booths WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE')
    .all() as BoothPaperRow[];
}

export interface BoothEventRow {
  id: string;
  boothId: string;
  clientName: string;
  eventType: string | null;
  startsAt: number;
  endsAt: number;
}

/** Active booked events of every booth that have not ended by `now` and start before `to`, in order. */
export function boothEventsAhead(db: Db, now: number, to: number): BoothEventRow[] {
  return db
    .prepare(
      `SELECT id, booth_id AS boothId, client_name AS clientName, event_type AS eventType, starts_at AS startsAt, ends_at AS endsAt FROM events
       WHERE deleted_at IS NULL AND status = 'active' AND booth_id IS NOT NULL AND ends_at > ? AND starts_at < ? ORDER BY starts_at, id`,
    )
    .all(now, to) as BoothEventRow[];
}
