import type { HandlerMap } from '@core/router.js';
import type { HandlerContext as Ctx } from '@core/context.js';
import type { bookingsChannels } from '@shared/contract/bookings.js';
import { getBooth } from '@core/db/repos/booths.js';
import { getClient } from '@core/db/repos/clients.js';
import { eventTypes, getEvent, insertEvent, listEvents, overlappingEvent, setEventStatus, updateEvent } from '@core/db/repos/bookings.js';
import { AppError } from '@shared/errors.js';
import { assertNotNotionOwned } from '../notion/index.js';
import { checklistProgress, instantiateChecklist } from '../checklists/index.js';
import { clientScope, inClientScope } from '../staffing/index.js';

function checkBooth(ctx: Ctx, boothId: string | null | undefined): void {
  if (boothId && !getBooth(ctx.db, boothId)) throw new AppError('not_found', 'Booth not found', { field: 'boothId' });
}

/** The client must exist — and, for an installer, be one they may read (the clients of the events they work). */
function checkClient(ctx: Ctx, clientId: string | null | undefined): void {
  if (!clientId) return;
  const c = getClient(ctx.db, clientId);
  if (!c || !inClientScope(clientScope(ctx), c.id, c.companyId)) throw new AppError('not_found', 'Client not found', { field: 'clientId' });
}

/** A booth is in one place at a time: an overlapping active booking of the same booth is refused, naming it. */
function checkFree(ctx: Ctx, boothId: string | null | undefined, startsAt: number, endsAt: number, exceptId?: string): void {
  if (!boothId) return;
  const other = overlappingEvent(ctx.db, boothId, startsAt, endsAt, exceptId);
  if (other) {
    throw new AppError('conflict', `${other.boothName ?? 'This booth'} is already booked for ${other.clientName} at that time`, {
      field: 'boothId',
      eventId: other.id,
      clientName: other.clientName,
      startsAt: other.startsAt,
      endsAt: other.endsAt,
    });
  }
}

/**
 * Books an event the way the calendar does (the booth must exist and be free), in the caller's
 * transaction, with its checklist: what accepting a quote calls. A clash throws `conflict` naming the other booking.
 */
export function bookEvent(
  ctx: Ctx,
  e: {
    boothId: string | null;
    clientName: string;
    clientId: string | null;
    place: string | null;
    eventType: string | null;
    startsAt: number;
    endsAt: number;
  },
) {
  checkBooth(ctx, e.boothId);
  checkFree(ctx, e.boothId, e.startsAt, e.endsAt);
  const created = insertEvent(ctx.db, e, { now: ctx.clock.now(), device: ctx.deviceId });
  // The event's checklist (issue 16) comes with it, as for an event created on the calendar.
  instantiateChecklist(ctx, created.id);
  return created;
}

export const bookingsHandlers: Pick<HandlerMap, keyof typeof bookingsChannels> = {
  'bookings.list': (i, ctx) => listEvents(ctx.db, i),
  'bookings.get': ({ id }, ctx) => {
    const e = getEvent(ctx.db, id);
    if (!e) throw new AppError('not_found', 'Event not found');
    return e;
  },
  'bookings.types': (_i, ctx) => eventTypes(ctx.db),
  'bookings.create': (i, ctx) => {
    checkBooth(ctx, i.boothId);
    checkClient(ctx, i.clientId);
    return ctx.db.transaction(() => {
      checkFree(ctx, i.boothId, i.startsAt, i.endsAt);
      const created = insertEvent(
        ctx.db,
        { ...i, boothId: i.boothId ?? null, place: i.place || null },
        { now: ctx.clock.now(), device: ctx.deviceId },
      );
      // Every event gets the default checklist (issue 16), in the same transaction.
      instantiateChecklist(ctx, created.id);
      return created;
    })();
  },
  'bookings.update': ({ id, patch }, ctx) =>
    ctx.db.transaction(() => {
      const before = getEvent(ctx.db, id);
      if (!before) throw new AppError('not_found', 'Event not found');
      assertNotNotionOwned(ctx.db, 'events', id, patch, before);
      checkBooth(ctx, patch.boothId);
      checkClient(ctx, patch.clientId);
      const next = { ...before, ...patch };
      if (next.endsAt < next.startsAt) throw new AppError('invalid_input', 'The event must end after it starts', { field: 'endsAt' });
      if (before.status === 'active') checkFree(ctx, next.boothId, next.startsAt, next.endsAt, id);
      return updateEvent(ctx.db, id, patch, ctx.clock.now())!;
    })(),
  'bookings.setStatus': (i, ctx) =>
    ctx.db.transaction(() => {
      const before = getEvent(ctx.db, i.id);
      if (!before) throw new AppError('not_found', 'Event not found');
      assertNotNotionOwned(ctx.db, 'events', i.id, { status: i.status }, before);
      // Re-activating a booking must not double-book its booth either.
      if (i.status === 'active' && before.status !== 'active') checkFree(ctx, before.boothId, before.startsAt, before.endsAt, i.id);
      if (i.status === 'completed' && before.status !== 'completed') {
        const open = checklistProgress(ctx.db, i.id).requiredOpen;
        if (open > 0 && !(i.override && ctx.caller.role === 'admin')) {
          throw new AppError(
            i.override ? 'forbidden' : 'conflict',
            i.override ? 'Only an admin can complete an event with its checklist open' : `${open} required checklist item(s) still open`,
            { count: open },
          );
        }
      }
      return setEventStatus(ctx.db, i.id, i.status, ctx.clock.now())!;
    })(),
};
