import { z } from 'zod';
import { Role } from './roles.js';

/** What someone does on site: the lead installer of the event, or one of the crew. */
export const SiteRole = z.enum(['lead', 'crew']);
export type SiteRole = z.infer<typeof SiteRole>;

/** Roles a profile may have to be assigned to an event (the people who go on site). */
export const ASSIGNABLE_ROLES = ['installer', 'admin'] as const;

/** One person assigned to an event (issue 18, item 6). */
export const EventStaffMember = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  role: Role,
  siteRole: SiteRole,
  assignedAt: z.number(),
});
export type EventStaffMember = z.infer<typeof EventStaffMember>;

/** A profile an admin may assign (active, installer or admin, not on the event yet). */
export const StaffCandidate = z.object({ userId: z.string(), displayName: z.string(), role: Role });
export type StaffCandidate = z.infer<typeof StaffCandidate>;

export const EventStaff = z.object({
  eventId: z.string(),
  staff: z.array(EventStaffMember),
  /** Empty unless the caller is an admin (only admins assign). */
  candidates: z.array(StaffCandidate),
});
export type EventStaff = z.infer<typeof EventStaff>;
