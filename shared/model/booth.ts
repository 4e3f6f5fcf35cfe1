import { z } from 'zod';
import { parseMac } from './mac.js';

export const BoothStatus = z.enum(['unknown', 'online', 'offline', 'waking']);
export type BoothStatus = z.infer<typeof BoothStatus>;
export const PaperLevel = z.enum(['ok', 'warning', 'critical', 'empty']);
export type PaperLevel = z.infer<typeof PaperLevel>;
export const WolRoute = z.enum(['local', 'router', 'relay']);
export type WolRoute = z.infer<typeof WolRoute>;

/** Accepts every common notation, stores the canonical AA:BB:CC:DD:EE:FF. */
export const MacAddress = z.string().transform((s, ctx) => {
  const r = parseMac(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.canonical;
});

/** Hostname or IPv4/IPv6 literal; no scheme, no port, no spaces. */
export const HostAddress = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/,
    'Not a host name or IP address',
  );

export const Port = z.number().int().min(1).max(65535);

export const Booth = z.object({
  id: z.string(),
  name: z.string(),
  hostname: z.string().nullable(),
  mac: z.string().nullable(),
  pcAddress: z.string().nullable(),
  tailscaleAddress: z.string().nullable(),
  routerAddress: z.string().nullable(),
  routerWolPort: z.number().int(),
  pcProbePort: z.number().int(),
  routerProbePort: z.number().int(),
  wolPort: z.number().int(),
  wolRoutes: z.array(WolRoute),
  wakeBeforeEventMin: z.number().int().nullable(),
  remainingPrints: z.number(),
  rollCapacity: z.number().int(),
  warningThreshold: z.number().int(),
  criticalThreshold: z.number().int(),
  printsPerCopy: z.union([z.literal(1), z.literal(0.5)]),
  routerConnected: z.boolean().nullable(),
  pcConnected: z.boolean().nullable(),
  lastSeen: z.number().nullable(),
  status: BoothStatus,
  paperLevel: PaperLevel,
  updatedAt: z.number(),
});
export type Booth = z.infer<typeof Booth>;

const thresholds = (v: { warningThreshold?: number; criticalThreshold?: number }) =>
  v.warningThreshold === undefined || v.criticalThreshold === undefined || v.warningThreshold >= v.criticalThreshold;

const BoothFields = {
  name: z.string().trim().min(1, 'Name is required').max(64),
  hostname: HostAddress.nullable().optional(),
  mac: MacAddress.nullable().optional(),
  pcAddress: HostAddress.nullable().optional(),
  tailscaleAddress: HostAddress.nullable().optional(),
  routerAddress: HostAddress.nullable().optional(),
  routerWolPort: Port.optional(),
  pcProbePort: Port.optional(),
  routerProbePort: Port.optional(),
  wolPort: Port.optional(),
  wolRoutes: z.array(WolRoute).max(3).optional(),
  wakeBeforeEventMin: z.number().int().min(1).max(1440).nullable().optional(),
  remainingPrints: z.number().min(0).max(10000).optional(),
  rollCapacity: z.number().int().min(1).max(10000).optional(),
  warningThreshold: z.number().int().min(0).max(10000).optional(),
  criticalThreshold: z.number().int().min(0).max(10000).optional(),
  printsPerCopy: z.union([z.literal(1), z.literal(0.5)]).optional(),
};

/**
 * The pair's rule is told in the same round as the other fields' errors: zod runs an object's
 * refinements only once every field passed, so a warning below the critical threshold used to come
 * back only after the MAC address (or any other field) had been corrected and saved again.
 */
const ThresholdPair = z.object({ warningThreshold: BoothFields.warningThreshold, criticalThreshold: BoothFields.criticalThreshold });
const thresholdRule = {
  message: 'Warning threshold must be ≥ critical threshold',
  path: ['warningThreshold'],
  when: (payload: { value: unknown }) => ThresholdPair.safeParse(payload.value).success,
};

export const BoothCreate = z.strictObject(BoothFields).refine(thresholds, thresholdRule);
export type BoothCreate = z.input<typeof BoothCreate>;
export const BoothPatch = z
  .strictObject({ id: z.string().min(1), ...BoothFields, name: BoothFields.name.optional() })
  .refine(thresholds, thresholdRule);
export type BoothPatch = z.input<typeof BoothPatch>;

export const HealthSample = z.object({
  sampledAt: z.number(),
  cpuPct: z.number().nullable(),
  memUsedPct: z.number().nullable(),
  diskFreeBytes: z.number().nullable(),
  diskFreePct: z.number().nullable(),
  temperatureC: z.number().nullable(),
  batteryPct: z.number().nullable(),
  uptimeS: z.number().nullable(),
  latencyMs: z.number().nullable(),
});
export type HealthSample = z.infer<typeof HealthSample>;

export const SpeedTest = z.object({
  testedAt: z.number(),
  url: z.string(),
  downMbps: z.number().nullable(),
  upMbps: z.number().nullable(),
  pingMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type SpeedTest = z.infer<typeof SpeedTest>;

export const COUNTER_KINDS = ['session', 'capture', 'print', 'digital', 'gif', 'upload', 'paper_reload', 'signal'] as const;
export const CounterKind = z.enum(COUNTER_KINDS);
export const CounterEvent = z.object({
  id: z.string(),
  boothId: z.string(),
  eventId: z.string().nullable(),
  kind: CounterKind,
  count: z.number().int(),
  correction: z.boolean(),
  printsDelta: z.number(),
  occurredAt: z.number(),
  triggerType: z.string().nullable(),
});
export type CounterEvent = z.infer<typeof CounterEvent>;

/** The path to enter in dslrBooth (Settings › General › Triggers › URL), with the booth's secret if it has one. */
export function triggerPathFor(secret: string | null): string {
  return secret ? `/dslrbooth/${secret}` : '/dslrbooth';
}

/** A booth's trigger secret as the booth form shows it (admins and installers only). */
export const TriggerSecretView = z.object({
  boothId: z.string(),
  /** null: the trigger URL has no secret (any request with valid fields counts). */
  secret: z.string().nullable(),
  /** The path for dslrBooth, e.g. /dslrbooth/<secret>. */
  path: z.string(),
  updatedAt: z.number().nullable(),
});
export type TriggerSecretView = z.infer<typeof TriggerSecretView>;
