import { z } from 'zod';

/** A business event (a booking on the calendar) — not a push event. */
export const EventStatus = z.enum(['active', 'completed', 'archived']);
/** What a user enters for an event (create, and partially for an update). */
export const BookingEventFields = {
  boothId: z.string().min(1).max(64).nullable().optional(),
  clientName: z.string().trim().min(1, 'Client is required').max(200, 'Client: 200 characters at most'),
  eventType: z.string().trim().max(100, 'Type: 100 characters at most').nullable().optional(),
  startsAt: z.number().int().positive(),
  endsAt: z.number().int().positive(),
  albumName: z.string().trim().max(200, 'Album: 200 characters at most').nullable().optional(),
  /** Where it takes place: the address the installer drives to (empty: not known yet). */
  place: z.string().trim().max(300, 'Place: 300 characters at most').nullable().optional(),
  /** The client on file it is for (its name and phone show on the installer's Today). */
  clientId: z.string().min(1).max(64).nullable().optional(),
};

export const BookingEvent = z.object({
  id: z.string(),
  notionPageId: z.string().nullable(),
  boothId: z.string().nullable(),
  boothName: z.string().nullable(),
  clientName: z.string(),
  eventType: z.string().nullable(),
  startsAt: z.number(),
  endsAt: z.number(),
  albumName: z.string().nullable(),
  status: EventStatus,
  /** The client it was booked for (from an accepted quote), where it takes place, seats for registrations. */
  clientId: z.string().nullable().default(null),
  place: z.string().nullable().default(null),
  capacity: z.number().nullable().default(null),
  totals: z.object({
    sessions: z.number(),
    captures: z.number(),
    prints: z.number(),
    digital: z.number(),
    gifs: z.number(),
    uploads: z.number(),
  }),
});
export type BookingEvent = z.infer<typeof BookingEvent>;
