import type { HandlerMap } from '@core/router.js';
import type { HandlerContext as Ctx } from '@core/context.js';
import type { staffingChannels } from '@shared/contract/staffing.js';
import { AppError } from '@shared/errors.js';
import { ASSIGNABLE_ROLES, type EventStaff } from '@shared/model/staffing.js';
import { getEvent } from '@core/db/repos/bookings.js';
import { getUser } from '@core/db/repos/users.js';
import {
  assignStaff,
  assignedClientIds,
  assignedEventIds,
  listEventStaff,
  removeStaff,
  staffCandidates,
} from '@core/db/repos/eventStaff.js';
import type { Db } from '@core/db/connection.js';

type Reader = { db: Db; caller: Pick<Ctx['caller'], 'role' | 'userId'> };

/**
 * The clients a caller may read on this device: every one (null) for the office roles; for an
 * installer, the clients of the events they are assigned to and those companies' contacts (the
 * hub's rule, so a device shared by the office and an installer shows the installer no more).
 */
export function clientScope(ctx: Reader): ReadonlySet<string> | null {
  return ctx.caller.role === 'installer' ? assignedClientIds(ctx.db, ctx.caller.userId) : null;
}

/** Whether a client (or a contact of `companyId`) is in the scope. */
export function inClientScope(scope: ReadonlySet<string> | null, clientId: string, companyId: string | null): boolean {
  return scope === null || scope.has(clientId) || (companyId !== null && scope.has(companyId));
}

/** The events whose client data (client, contacts, registrations) an installer reads: theirs; null for the office roles. */
export function eventScope(ctx: Reader): ReadonlySet<string> | null {
  return ctx.caller.role === 'installer' ? assignedEventIds(ctx.db, ctx.caller.userId) : null;
}

function mustEvent(ctx: Ctx, eventId: string) {
  const e = getEvent(ctx.db, eventId);
  if (!e) throw new AppError('not_found', 'Event not found', { field: 'eventId' });
  return e;
}

function view(ctx: Ctx, eventId: string): EventStaff {
  const staff = listEventStaff(ctx.db, eventId);
  // An installer sees an event's crew when they are on it (the hub gives them their own rows only).
  const visible = ctx.caller.role === 'installer' ? (staff.some((s) => s.userId === ctx.caller.userId) ? staff : []) : staff;
  return { eventId, staff: visible, candidates: ctx.caller.role === 'admin' ? staffCandidates(ctx.db, eventId) : [] };
}

export const staffingHandlers: Pick<HandlerMap, keyof typeof staffingChannels> = {
  'staffing.forEvent': ({ eventId }, ctx) => {
    mustEvent(ctx, eventId);
    return view(ctx, eventId);
  },
  'staffing.assign': ({ eventId, userId, siteRole }, ctx) =>
    ctx.db.transaction(() => {
      const event = mustEvent(ctx, eventId);
      if (event.status === 'archived') throw new AppError('conflict', 'This event is archived', { field: 'eventId' });
      const user = getUser(ctx.db, userId);
      if (!user || !user.active) throw new AppError('not_found', 'Profile not found', { field: 'userId' });
      if (!(ASSIGNABLE_ROLES as readonly string[]).includes(user.role))
        throw new AppError('invalid_input', 'Only installers and admins work on site', { field: 'userId', role: user.role });
      assignStaff(ctx.db, { eventId, userId, siteRole }, { now: ctx.clock.now(), device: ctx.deviceId });
      return view(ctx, eventId);
    })(),
  'staffing.remove': ({ eventId, userId }, ctx) =>
    ctx.db.transaction(() => {
      mustEvent(ctx, eventId);
      if (!removeStaff(ctx.db, eventId, userId, ctx.clock.now()))
        throw new AppError('not_found', 'This person is not on the event', { field: 'userId' });
      return view(ctx, eventId);
    })(),
};
