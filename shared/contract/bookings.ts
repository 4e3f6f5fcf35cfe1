import { z } from 'zod';
import { INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { BookingEvent, BookingEventFields, EventStatus } from '../model/bookingEvent.js';
import { defineChannels } from './define.js';

/** The business-events calendar (bookings). Named "bookings" so it never clashes with push events. */
export const bookingsChannels = defineChannels({
  'bookings.list': {
    kind: 'query',
    input: z.strictObject({
      from: z.number().optional(),
      to: z.number().optional(),
      boothId: z.string().optional(),
      status: EventStatus.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.array(BookingEvent),
    roles: STAFF_READ,
  },
  'bookings.get': { kind: 'query', input: z.strictObject({ id: z.string().min(1).max(64) }), output: BookingEvent, roles: STAFF_READ },
  /** Event types already used, most used first: the form suggests them so the learned prints per type stay comparable. */
  'bookings.types': { kind: 'query', input: z.strictObject({}), output: z.array(z.string()), roles: STAFF_READ },
  'bookings.create': {
    kind: 'mutation',
    input: z
      .strictObject(BookingEventFields)
      .refine((v) => v.endsAt >= v.startsAt, { message: 'The event must end after it starts', path: ['endsAt'] }),
    output: BookingEvent,
    roles: INSTALLER_WRITE,
  },
  /** Changes only the fields named; a booth cannot be booked for two events at overlapping times. */
  'bookings.update': {
    kind: 'mutation',
    input: z.strictObject({
      id: z.string().min(1).max(64),
      patch: z
        .strictObject({
          boothId: BookingEventFields.boothId.unwrap(),
          clientName: BookingEventFields.clientName.optional(),
          eventType: BookingEventFields.eventType.unwrap(),
          startsAt: BookingEventFields.startsAt.optional(),
          endsAt: BookingEventFields.endsAt.optional(),
          albumName: BookingEventFields.albumName.unwrap(),
          place: BookingEventFields.place.unwrap(),
          clientId: BookingEventFields.clientId.unwrap(),
        })
        .partial()
        .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' })
        .refine((v) => v.startsAt === undefined || v.endsAt === undefined || v.endsAt >= v.startsAt, {
          message: 'The event must end after it starts',
          path: ['endsAt'],
        }),
    }),
    output: BookingEvent,
    roles: INSTALLER_WRITE,
  },
  'bookings.setStatus': {
    kind: 'mutation',
    /** Completing an event with a required checklist item open is refused unless an admin sets `override` (audited). */
    input: z.strictObject({ id: z.string().min(1), status: EventStatus, override: z.boolean().optional() }),
    output: BookingEvent,
    roles: INSTALLER_WRITE,
  },
});
