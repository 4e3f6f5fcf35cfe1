import { z } from 'zod';
import { Alert } from './alert.js';
import { BookingEvent } from './bookingEvent.js';
import { Booth, HealthSample, SpeedTest } from './booth.js';
import { ChecklistProgress } from './checklist.js';

export const TodayPaper = z.object({
  /** Sheets this event should use (P50) and the P90 running total of the booth's events up to it. */
  expected: z.number(),
  cumulativeP90: z.number(),
  enough: z.boolean(),
  rollsToBring: z.number().int(),
});
export type TodayPaper = z.infer<typeof TodayPaper>;

/** Who to call at the venue: the event's client on file and its contacts (what this device last synced). */
export const TodayPerson = z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() });
export const TodayClient = TodayPerson.extend({ id: z.string(), address: z.string().nullable(), contacts: z.array(TodayPerson) });
export type TodayClient = z.infer<typeof TodayClient>;

export const TodayEntry = z.object({
  day: z.enum(['today', 'tomorrow']),
  event: BookingEvent,
  booth: Booth.nullable(),
  paper: TodayPaper.nullable(),
  lastSpeedTest: SpeedTest.nullable(),
  health: HealthSample.nullable(),
  openAlerts: z.array(Alert),
  checklist: ChecklistProgress,
  client: TodayClient.nullable().default(null),
  /** The signed-in profile works this event (event_staff): an installer's own events come first. */
  mine: z.boolean().default(false),
  /** Who works it (display names, the lead first); an installer sees the crew of their own events only. */
  crew: z.array(z.string()).default([]),
});
export type TodayEntry = z.infer<typeof TodayEntry>;

export const TodayView = z.object({
  now: z.number(),
  /** Local midnight today and the end of tomorrow. */
  from: z.number(),
  to: z.number(),
  entries: z.array(TodayEntry),
  /** When this device last synced with the hub (null: never, or no hub): how old the data may be offline. */
  lastSyncAt: z.number().nullable(),
  hubConfigured: z.boolean(),
});
export type TodayView = z.infer<typeof TodayView>;
