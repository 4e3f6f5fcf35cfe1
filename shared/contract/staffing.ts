import { z } from 'zod';
import { ADMIN_ONLY, STAFF_READ } from '../model/roles.js';
import { EventStaff, SiteRole } from '../model/staffing.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);

/**
 * Who works which event (issue 18, item 6): admins assign installers to events; an installer's
 * device shows the clients of the events its signed-in installer is assigned to, and no others.
 */
export const staffingChannels = defineChannels({
  /** The people on an event and (admins) who else may be assigned. Installers see an event's crew only when they are on it. */
  'staffing.forEvent': { kind: 'query', input: z.strictObject({ eventId: Id }), output: EventStaff, roles: STAFF_READ },
  /** Assigns a profile (installer or admin) to an event, or changes their role on site; assigning again after a removal revives the row. */
  'staffing.assign': {
    kind: 'mutation',
    input: z.strictObject({ eventId: Id, userId: Id, siteRole: SiteRole.default('crew') }),
    output: EventStaff,
    roles: ADMIN_ONLY,
  },
  /** Takes a profile off an event (a tombstone, synced: their device stops showing the event's client). */
  'staffing.remove': {
    kind: 'mutation',
    input: z.strictObject({ eventId: Id, userId: Id }),
    output: EventStaff,
    roles: ADMIN_ONLY,
  },
});
