import { assignStaff } from '../db/repos/eventStaff.js';
import type { CoreContext } from '../context.js';

const DAY = 86_400_000;

/**
 * Crews on the demo's recent and upcoming events, so an installer signed in on the demo sees
 * "my events" and their clients: each booth has a regular lead (the demo's installers in turn)
 * and every other event the other installer comes as crew. Deterministic, and only on a database
 * with no crew yet.
 */
export function seedDemoEventStaff(ctx: CoreContext): void {
  if ((ctx.db.prepare('SELECT count(*) FROM event_staff').pluck().get() as number) > 0) return;
  const installers = ctx.db
    .prepare(`SELECT id FROM users WHERE role = 'installer' AND active = 1 AND deleted_at IS NULL ORDER BY email`)
    .pluck()
    .all() as string[];
  if (installers.length === 0) return;
  const now = ctx.clock.now();
  const stamp = { now, device: ctx.deviceId };
  const events = ctx.db
    .prepare(
      `SELECT e.id, e.booth_id FROM events e
        WHERE e.deleted_at IS NULL AND e.ends_at >= ? ORDER BY e.starts_at, e.id`,
    )
    .all(now - 14 * DAY) as Array<{ id: string; booth_id: string | null }>;
  const booths = [...new Set(events.map((e) => e.booth_id ?? ''))].sort();
  events.forEach((e, i) => {
    const lead = installers[booths.indexOf(e.booth_id ?? '') % installers.length]!;
    assignStaff(ctx.db, { eventId: e.id, userId: lead, siteRole: 'lead' }, stamp);
    const crew = installers.find((u) => u !== lead);
    if (crew && i % 2 === 1) assignStaff(ctx.db, { eventId: e.id, userId: crew, siteRole: 'crew' }, stamp);
  });
}
