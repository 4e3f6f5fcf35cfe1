import type { BookingEvent } from '@shared/model/bookingEvent.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  notion_page_id: string | null;
  booth_id: string | null;
  booth_name: string | null;
  client_name: string;
  event_type: string | null;
  starts_at: number;
  ends_at: number;
  album_name: string | null;
  status: BookingEvent['status'];
  client_id: string | null;
  place: string | null;
  capacity: number | null;
  sessions: number;
  captures: number;
  prints: number;
  digital: number;
  gifs: number;
  uploads: number;
}
const toEvent = (r: Row): BookingEvent => ({
  id: r.id,
  notionPageId: r.notion_page_id,
  boothId: r.booth_id,
  boothName: r.booth_name,
  clientName: r.client_name,
  eventType: r.event_type,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  albumName: r.album_name,
  status: r.status,
  clientId: r.client_id,
  place: r.place,
  capacity: r.capacity,
  totals: { sessions: r.sessions, captures: r.captures, prints: r.prints, digital: r.digital, gifs: r.gifs, uploads: r.uploads },
});

const SELECT = 'SELECT e.*, b.name AS booth_name FROM events e LEFT JOIN booths b ON b.id = e.booth_id';

export function listEvents(db: Db, q: { from?: number; to?: number; boothId?: string; status?: string; limit: number }): BookingEvent[] {
  const where = ['e.deleted_at IS NULL'];
  const args: unknown[] = [];
  if (q.from !== undefined) {
    where.push('e.ends_at >= ?');
    args.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('e.starts_at <= ?');
    args.push(q.to);
  }
  if (q.boothId) {
    where.push('e.booth_id = ?');
    args.push(q.boothId);
  }
  if (q.status) {
    where.push('e.status = ?');
    args.push(q.status);
  }
  return (db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY e.starts_at DESC LIMIT ?`).all(...args, q.limit) as Row[]).map(
    toEvent,
  );
}

export function getEvent(db: Db, id: string): BookingEvent | null {
  const r = db.prepare(`${SELECT} WHERE e.id = ? AND e.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toEvent(r) : null;
}

/**
 * The event a booth's counters attach to at `at`: an active event of that booth whose window
 * contains `at`, widened by a grace period each side (setup starts early, guests stay late).
 */
export function currentEventFor(db: Db, boothId: string, at: number, graceMs = 2 * 3_600_000): BookingEvent | null {
  const r = db
    .prepare(
      `${SELECT} WHERE e.booth_id = ? AND e.deleted_at IS NULL AND e.status = 'active' AND e.starts_at - ? <= ? AND e.ends_at + ? >= ? ORDER BY e.starts_at DESC LIMIT 1`,
    )
    .get(boothId, graceMs, at, graceMs, at) as Row | undefined;
  return r ? toEvent(r) : null;
}

export function nextEventFor(db: Db, boothId: string, after: number): BookingEvent | null {
  const r = db
    .prepare(
      `${SELECT} WHERE e.booth_id = ? AND e.deleted_at IS NULL AND e.status = 'active' AND e.starts_at > ? ORDER BY e.starts_at LIMIT 1`,
    )
    .get(boothId, after) as Row | undefined;
  return r ? toEvent(r) : null;
}

export function insertEvent(
  db: Db,
  e: {
    boothId: string | null;
    clientName: string;
    eventType?: string | null;
    startsAt: number;
    endsAt: number;
    albumName?: string | null;
    status?: string;
    notionPageId?: string | null;
    clientId?: string | null;
    place?: string | null;
  },
  stamp: { now: number; device: string },
): BookingEvent {
  const id = newId();
  db.prepare(
    `INSERT INTO events (id, notion_page_id, booth_id, client_name, event_type, starts_at, ends_at, album_name, status, client_id, place, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    e.notionPageId ?? null,
    e.boothId,
    e.clientName,
    e.eventType ?? null,
    e.startsAt,
    e.endsAt,
    e.albumName ?? null,
    e.status ?? 'active',
    e.clientId ?? null,
    e.place ?? null,
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return getEvent(db, id)!;
}

const PATCH_COLUMNS: Record<string, string> = {
  boothId: 'booth_id',
  clientName: 'client_name',
  eventType: 'event_type',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  albumName: 'album_name',
  place: 'place',
  clientId: 'client_id',
};

/** Writes the named fields only (empty text becomes NULL for the optional ones). */
export function updateEvent(db: Db, id: string, patch: Record<string, unknown>, now: number): BookingEvent | null {
  const cols = Object.entries(patch).filter(([k, v]) => PATCH_COLUMNS[k] && v !== undefined);
  const values = cols.map(([k, v]) => ((k === 'eventType' || k === 'albumName' || k === 'place') && v === '' ? null : v));
  const n = db
    .prepare(
      `UPDATE events SET ${[...cols.map(([k]) => `${PATCH_COLUMNS[k]} = ?`), 'updated_at = max(updated_at, ?)'].join(', ')} WHERE id = ? AND deleted_at IS NULL`,
    )
    .run(...values, now, id).changes;
  return n ? getEvent(db, id) : null;
}

/** Another active event of the same booth whose window overlaps [startsAt, endsAt]. */
export function overlappingEvent(db: Db, boothId: string, startsAt: number, endsAt: number, exceptId?: string): BookingEvent | null {
  const r = db
    .prepare(
      `${SELECT} WHERE e.booth_id = ? AND e.deleted_at IS NULL AND e.status = 'active' AND e.starts_at < ? AND e.ends_at > ? AND e.id IS NOT ? ORDER BY e.starts_at LIMIT 1`,
    )
    .get(boothId, endsAt, startsAt, exceptId ?? null) as Row | undefined;
  return r ? toEvent(r) : null;
}

export function eventTypes(db: Db): string[] {
  return db
    .prepare(
      "SELECT event_type FROM events WHERE deleted_at IS NULL AND event_type IS NOT NULL AND trim(event_type) <> '' GROUP BY event_type ORDER BY count(*) DESC, event_type LIMIT 200",
    )
    .pluck()
    .all() as string[];
}

export function setEventStatus(db: Db, id: string, status: string, now: number): BookingEvent | null {
  const n = db
    .prepare('UPDATE events SET status = ?, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NULL')
    .run(status, now, id).changes;
  return n ? getEvent(db, id) : null;
}

const TOTAL_COLUMN: Record<string, string> = {
  session: 'sessions',
  capture: 'captures',
  print: 'prints',
  digital: 'digital',
  gif: 'gifs',
  upload: 'uploads',
};

/**
 * Derived totals move in the same transaction as the ledger row; a correction can't take them below 0.
 * Not synced (each device derives them from the counter ledger, pulled rows by trigger), so this
 * is not an edit of the event: updated_at stays and nothing is queued.
 */
export function addToTotals(db: Db, eventId: string, kind: string, count: number, _now: number): void {
  const col = TOTAL_COLUMN[kind];
  if (!col) return;
  db.prepare(`UPDATE events SET ${col} = max(0, ${col} + ?) WHERE id = ?`).run(count, eventId);
}
