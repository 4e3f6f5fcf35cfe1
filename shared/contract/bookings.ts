import { z } from 'zod';
import { defineChannels } from './define.js';
import { INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { BookingEvent, EventStatus } from '../model/bookingEvent.js';

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
  'bookings.create': {
    kind: 'mutation',
    input: z
      .strictObject({
        boothId: z.string().nullable().optional(),
        clientName: z.string().trim().min(1).max(200),
        eventType: z.string().trim().max(100).nullable().optional(),
        startsAt: z.number().int(),
        endsAt: z.number().int(),
        albumName: z.string().trim().max(200).nullable().optional(),
      })
      .refine((v) => v.endsAt >= v.startsAt, { message: 'The event must end after it starts', path: ['endsAt'] }),
    output: BookingEvent,
    roles: INSTALLER_WRITE,
  },
  'bookings.setStatus': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1), status: EventStatus }),
    output: BookingEvent,
    roles: INSTALLER_WRITE,
  },
});
