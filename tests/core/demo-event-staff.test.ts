import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '@core/demo/users.js';
import { seedDemoBooths } from '@core/demo/booths.js';
import { seedDemoEvents } from '@core/demo/events.js';
import { seedDemoEventStaff } from '@core/demo/eventStaff.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/** The demo's crews (issue 18, item 6): an installer signed in on the demo has events of their own. */
const DAY = 86_400_000;
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
  for (const seed of [seedDemoUsers, seedDemoBooths, seedDemoEvents, seedDemoEventStaff]) seed(core.ctx);
});
afterEach(() => core.dispose());

const count = (sql: string, ...p: unknown[]) =>
  core.ctx.db
    .prepare(sql)
    .pluck()
    .get(...p) as number;

describe('demo crews', () => {
  it('gives every recent and upcoming event exactly one lead, an installer, and both installers events of their own', async () => {
    const since = core.clock.now() - 14 * DAY;
    const events = count('SELECT count(*) FROM events WHERE deleted_at IS NULL AND ends_at >= ?', since);
    expect(events).toBeGreaterThan(5);
    const leads = core.ctx.db
      .prepare(
        `SELECT e.id, count(s.id) AS n, min(u.role) AS role FROM events e
           LEFT JOIN event_staff s ON s.event_id = e.id AND s.site_role = 'lead' AND s.deleted_at IS NULL
           LEFT JOIN users u ON u.id = s.user_id
          WHERE e.deleted_at IS NULL AND e.ends_at >= ? GROUP BY e.id`,
      )
      .all(since) as Array<{ id: string; n: number; role: string }>;
    expect(leads.every((l) => l.n === 1 && l.role === 'installer')).toBe(true);
    const perInstaller = core.ctx.db
      .prepare(
        `SELECT u.email, count(s.id) AS n FROM users u LEFT JOIN event_staff s ON s.user_id = u.id AND s.deleted_at IS NULL
          WHERE u.role = 'installer' GROUP BY u.id`,
      )
      .all() as Array<{ email: string; n: number }>;
    expect(perInstaller.length).toBe(2);
    expect(perInstaller.every((p) => p.n > 0)).toBe(true);
    // Old events keep no crew: the demo only staffs what an installer would look at.
    expect(count('SELECT count(*) FROM event_staff s JOIN events e ON e.id = s.event_id WHERE e.ends_at < ?', since)).toBe(0);
    // The event page lists the crew, the lead first.
    const one = leads[0]!.id;
    const crew = await core.router.call('staffing.forEvent', { eventId: one });
    expect(crew.staff[0]?.siteRole).toBe('lead');
  });

  it('adds nothing when run again', () => {
    const before = count('SELECT count(*) FROM event_staff');
    seedDemoEventStaff(core.ctx);
    expect(count('SELECT count(*) FROM event_staff')).toBe(before);
  });
});
