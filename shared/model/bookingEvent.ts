import { z } from 'zod';

/** A business event (a booking on the calendar) — not a push event. */
export const EventStatus = z.enum(['active', 'completed', 'archived']);
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
  totals: z.object({ sessions: z.number(), captures: z.number(), prints: z.number(), digital: z.number(), gifs: z.number(), uploads: z.number() }),
});
export type BookingEvent = z.infer<typeof BookingEvent>;
