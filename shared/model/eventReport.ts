import { z } from 'zod';

/** Everything the client's one-page report shows (issue 16): built by the core, printed by a pure view. */
export const EventReportData = z.object({
  event: z.object({
    id: z.string(),
    clientName: z.string(),
    eventType: z.string().nullable(),
    startsAt: z.number(),
    endsAt: z.number(),
    albumName: z.string().nullable(),
    boothName: z.string().nullable(),
  }),
  totals: z.object({ sessions: z.number(), photos: z.number(), prints: z.number(), digital: z.number(), gifs: z.number() }),
  /** Per hour of the event (local time): start of the hour, sessions and prints. */
  hours: z.array(z.object({ at: z.number(), sessions: z.number(), prints: z.number() })),
  business: z.object({ name: z.string() }).nullable(),
  generatedAt: z.number(),
});
export type EventReportData = z.infer<typeof EventReportData>;
