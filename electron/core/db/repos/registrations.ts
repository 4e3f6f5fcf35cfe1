import type { Registration } from '@shared/model/crm.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  event_id: string;
  client_id: string | null;
  name: string;
  email: string | null;
  seats: number;
  status: Registration['status'];
  registered_at: number;
}
const toRegistration = (r: Row): Registration => ({
  id: r.id,
  eventId: r.event_id,
  clientId: r.client_id,
  name: r.name,
  email: r.email,
  seats: r.seats,
  status: r.status,
  registeredAt: r.registered_at,
});

export function listRegistrations(db: Db, eventId: string): Registration[] {
  return (
    db.prepare('SELECT * FROM registrations WHERE event_id = ? AND deleted_at IS NULL ORDER BY registered_at, id').all(eventId) as Row[]
  ).map(toRegistration);
}

export function getRegistration(db: Db, id: string): Registration | null {
  const r = db.prepare('SELECT * FROM registrations WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  return r ? toRegistration(r) : null;
}

export function eventCapacity(db: Db, eventId: string): number | null {
  return (db.prepare('SELECT capacity FROM events WHERE id = ?').pluck().get(eventId) as number | null | undefined) ?? null;
}

export function setEventCapacity(db: Db, eventId: string, capacity: number | null, now: number): boolean {
  return (
    db
      .prepare('UPDATE events SET capacity = ?, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NULL')
      .run(capacity, now, eventId).changes > 0
  );
}

/** Seats held by pending and confirmed registrations (what counts against the capacity). */
export function heldSeats(db: Db, eventId: string, exceptId?: string): number {
  return db
    .prepare(
      "SELECT coalesce(sum(seats), 0) FROM registrations WHERE event_id = ? AND deleted_at IS NULL AND status IN ('pending', 'confirmed') AND id IS NOT ?",
    )
    .pluck()
    .get(eventId, exceptId ?? null) as number;
}

export function insertRegistration(
  db: Db,
  r: { eventId: string; clientId: string | null; name: string; email: string | null; seats: number; status: Registration['status'] },
  stamp: { now: number; device: string },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO registrations (id, event_id, client_id, name, email, seats, status, registered_at, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, r.eventId, r.clientId, r.name, r.email, r.seats, r.status, stamp.now, stamp.now, stamp.now, stamp.device);
  return id;
}

export function setRegistrationStatus(db: Db, id: string, status: Registration['status'], now: number): void {
  db.prepare('UPDATE registrations SET status = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(status, now, id);
}
