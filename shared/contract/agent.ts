import { z } from 'zod';
import { ANY_ROLE } from '../model/roles.js';
import { Booth } from '../model/booth.js';
import { BookingEvent } from '../model/bookingEvent.js';
import { defineChannels } from './define.js';

/** What the kiosk screen shows; read from the local database, so it works offline. */
export const KioskView = z.object({
  booth: Booth.nullable(),
  currentEvent: BookingEvent.nullable(),
  copiesLeft: z.number().int().nullable(),
  lastTriggerAt: z.number().nullable(),
  /** Last successful sync with the hub, if the sync module recorded one. */
  lastSyncAt: z.number().nullable(),
  agent: z.object({ running: z.boolean(), listen: z.string().nullable() }),
});
export type KioskView = z.infer<typeof KioskView>;

export const agentChannels = defineChannels({
  'agent.kioskView': { kind: 'query', input: z.strictObject({ booth: z.string().max(64).optional() }), output: KioskView, roles: ANY_ROLE },
});
