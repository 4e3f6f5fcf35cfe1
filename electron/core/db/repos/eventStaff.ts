import type { EventStaffMember, SiteRole, StaffCandidate } from '@shared/model/staffing.js';
import { ASSIGNABLE_ROLES } from '@shared/model/staffing.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

/**
 * Who works which event (issue 18, item 6). One row per (event, profile); taking someone off is a
 * tombstone, assigning them again revives the same row (the pair is the natural key on both sides).
 */
interface MemberRow {
  id: string;
  event_id: string;
  user_id: string;
  display_name: string;
  role: EventStaffMember['role'];
  site_role: SiteRole;
  created_at: number;
}

const toMember = (r: MemberRow): EventStaffMember => ({
  id: r.id,
  eventId: r.event_id,
  userId: r.user_id,
  displayName: r.display_name,
  role: r.role,
  siteRole: r.site_role,
  assignedAt: r.created_at,
});

/** The people on an event, the lead first, then by name. */
export function listEventStaff(db: Db, eventId: string): EventStaffMember[] {
  return (
    db
      .prepare(
        `SELECT s.id, s.event_id, s.user_id, u.display_name, u.role, s.site_role, s.created_at
           FROM event_staff s JOIN users u ON u.id = s.user_id
          WHERE s.event_id = ? AND s.deleted_at IS NULL AND u.deleted_at IS NULL
          ORDER BY s.site_role = 'lead' DESC, fold(u.display_name), s.id`,
      )
      .all(eventId) as MemberRow[]
  ).map(toMember);
}

/** Active installers and admins not on the event yet, by name. */
export function staffCandidates(db: Db, eventId: string): StaffCandidate[] {
  return db
    .prepare(
      `SELECT u.id AS userId, u.display_name AS displayName, u.role FROM users u
          WHERE u.deleted_at IS NULL AND u.active = 1 AND u.role IN (${ASSIGNABLE_ROLES.map(() => '?').join(', ')})
            AND NOT EXISTS (SELECT 1 FROM event_staff s WHERE s.event_id = ? AND s.user_id = u.id AND s.deleted_at IS NULL)
          ORDER BY fold(u.display_name), u.id`,
    )
    .all(...ASSIGNABLE_ROLES, eventId) as StaffCandidate[];
}

/** Assigns (or re-assigns, or changes the role on site); returns whether a row was written. */
export function assignStaff(
  db: Db,
  a: { eventId: string; userId: string; siteRole: SiteRole },
  stamp: { now: number; device: string },
): boolean {
  const row = db
    .prepare('SELECT id, site_role, deleted_at FROM event_staff WHERE event_id = ? AND user_id = ?')
    .get(a.eventId, a.userId) as { id: string; site_role: SiteRole; deleted_at: number | null } | undefined;
  if (!row) {
    db.prepare(
      `INSERT INTO event_staff (id, event_id, user_id, site_role, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(newId(), a.eventId, a.userId, a.siteRole, stamp.now, stamp.now, stamp.device);
    return true;
  }
  if (row.deleted_at === null && row.site_role === a.siteRole) return false;
  db.prepare('UPDATE event_staff SET site_role = ?, deleted_at = NULL, updated_at = max(updated_at, ?) WHERE id = ?').run(
    a.siteRole,
    stamp.now,
    row.id,
  );
  return true;
}

/** Takes a profile off an event; false when they were not on it. */
export function removeStaff(db: Db, eventId: string, userId: string, now: number): boolean {
  return (
    db
      .prepare(
        'UPDATE event_staff SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE event_id = ? AND user_id = ? AND deleted_at IS NULL',
      )
      .run(now, now, eventId, userId).changes > 0
  );
}

/** The live events a profile is assigned to. */
export function assignedEventIds(db: Db, userId: string): Set<string> {
  return new Set(
    db
      .prepare(
        `SELECT s.event_id FROM event_staff s JOIN events e ON e.id = s.event_id
          WHERE s.user_id = ? AND s.deleted_at IS NULL AND e.deleted_at IS NULL`,
      )
      .pluck()
      .all(userId) as string[],
  );
}

/** The clients of the live events a profile is assigned to (the hub's opsdeck_my_client_ids). */
export function assignedClientIds(db: Db, userId: string): Set<string> {
  return new Set(
    db
      .prepare(
        `SELECT DISTINCT e.client_id FROM event_staff s JOIN events e ON e.id = s.event_id
          WHERE s.user_id = ? AND s.deleted_at IS NULL AND e.deleted_at IS NULL AND e.client_id IS NOT NULL`,
      )
      .pluck()
      .all(userId) as string[],
  );
}
