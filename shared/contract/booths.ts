import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, BOOTH_AGENT, INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { PaperStock, PaperStockInput, ReloadBooking } from '../model/paperStock.js';
import { Booth, BoothCreate, BoothPatch, BoothStatus, CounterEvent, HealthSample, SpeedTest, TriggerSecretView } from '../model/booth.js';
import { BookingEvent } from '../model/bookingEvent.js';
import { defineChannels } from './define.js';

const Ref = z.strictObject({ id: z.string().min(1).max(64) });
/** A booth named by id or by name (CLI and kiosk use names). */
const BoothRef = z.strictObject({ booth: z.string().trim().min(1).max(64) });

export const BoothDetail = z.object({
  booth: Booth,
  currentEvent: BookingEvent.nullable(),
  events: z.array(BookingEvent),
  health: z.array(HealthSample),
  speedTests: z.array(SpeedTest),
  counters: z.array(CounterEvent),
});
export type BoothDetail = z.infer<typeof BoothDetail>;

export const boothsChannels = defineChannels({
  'booths.list': { kind: 'query', input: z.strictObject({}), output: z.array(Booth), roles: ANY_ROLE },
  'booths.get': {
    kind: 'query',
    input: Ref.extend({
      healthHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
    }),
    output: BoothDetail,
    roles: STAFF_READ,
  },
  'booths.create': { kind: 'mutation', input: BoothCreate, output: Booth, roles: INSTALLER_WRITE },
  'booths.update': { kind: 'mutation', input: BoothPatch, output: Booth, roles: INSTALLER_WRITE },
  'booths.remove': { kind: 'mutation', input: Ref, output: z.object({ removed: z.literal(true) }), roles: INSTALLER_WRITE },
  // The secret in the booth's dslrBooth trigger URL (issue 12): shown and changed by staff who set
  // booths up; synced, so the booth PC's listener checks the same one.
  'booths.triggerSecret': { kind: 'query', input: Ref, output: TriggerSecretView, roles: INSTALLER_WRITE },
  'booths.setTriggerSecret': {
    kind: 'mutation',
    input: Ref.extend({ action: z.enum(['new', 'off']) }),
    output: TriggerSecretView,
    roles: INSTALLER_WRITE,
  },
  // Operator actions: staff (installer/admin) directly; at a booth (booth role or booth-mode
  // device) only inside a kiosk PIN grant. Audited by the router like every mutation.
  'booths.reloadPaper': {
    kind: 'mutation',
    input: BoothRef.extend({
      remaining: z.number().min(0).max(10000).optional(),
      /** Rolls taken out of the paper product's stock (default 1) and where from (default: the main warehouse). */
      rolls: z.number().int('Rolls: a whole number').min(1, 'Rolls: 1 or more').max(20).optional(),
      fromLocationId: z.string().min(1).max(64).optional(),
    }),
    output: Booth.extend({ booked: ReloadBooking.nullable() }),
    roles: BOOTH_AGENT,
  },
  /** The paper product (a global setting): what reloads take out of stock. */
  'booths.paperStock.get': { kind: 'query', input: z.strictObject({}), output: PaperStock, roles: ANY_ROLE },
  'booths.paperStock.set': { kind: 'mutation', input: PaperStockInput, output: PaperStock, roles: ADMIN_ONLY },
  'booths.correctCounter': {
    kind: 'mutation',
    input: BoothRef.extend({
      kind: z.enum(['session', 'capture', 'print', 'digital', 'gif', 'upload']),
      delta: z
        .number()
        .int()
        .min(-10000)
        .max(10000)
        .refine((n) => n !== 0, 'Correction must not be 0'),
      reason: z.string().trim().min(3, 'Say why').max(300),
    }),
    output: CounterEvent,
    roles: BOOTH_AGENT,
  },
});

export const boothsEvents = {
  'fleet.statusChanged': z.object({
    boothId: z.string(),
    status: BoothStatus,
    pcConnected: z.boolean().nullable(),
    routerConnected: z.boolean().nullable(),
    lastSeen: z.number().nullable(),
  }),
  'booth.countersChanged': z.object({ boothId: z.string(), remainingPrints: z.number(), eventId: z.string().nullable() }),
} as const;
