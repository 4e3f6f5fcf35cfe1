import { z } from 'zod';

export const AlertKind = z.enum([
  'paper_warning',
  'paper_critical',
  'offline_during_event',
  'disk_low',
  'high_temperature',
  'print_burst',
  'slow_network',
]);
export const Alert = z.object({
  id: z.string(),
  boothId: z.string(),
  boothName: z.string(),
  kind: AlertKind,
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  raisedAt: z.number(),
  clearedAt: z.number().nullable(),
  /** Someone said "I am on it". */
  acknowledgedAt: z.number().nullable().default(null),
  acknowledgedBy: z.string().nullable().default(null),
  /** Who resolved it by hand; null when the rules cleared it (the cause went away). */
  resolvedBy: z.string().nullable().default(null),
});
export type Alert = z.infer<typeof Alert>;
export type AlertKind = z.infer<typeof AlertKind>;
export const ALERT_KINDS = AlertKind.options;
export type AlertSeverity = Alert['severity'];

/** An alert the rules want open for a booth (electron/core/modules/alerts/rules.ts decides). */
export interface DesiredAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
}

export const WakeState = z.enum(['queued', 'sent', 'waiting', 'online', 'failed']);
export type WakeState = z.infer<typeof WakeState>;
export const WakeCommand = z.object({
  id: z.string(),
  boothId: z.string(),
  route: z.enum(['local', 'router', 'relay']),
  state: WakeState,
  reason: z.enum(['manual', 'before_event']),
  requestedAt: z.number(),
  sentAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  deadlineAt: z.number(),
  targets: z.array(z.string()),
  /** Why it failed: a code the screens translate ("wol.relayNotPicked", "wol.sendFailed: …"). */
  error: z.string().nullable(),
  /** When routes are tried one after the other: this attempt's place, the order, and the attempt before it. */
  chain: z
    .object({
      step: z.number().int(),
      routes: z.array(z.enum(['local', 'router', 'relay'])),
      previous: z.object({ route: z.enum(['local', 'router', 'relay']), error: z.string().nullable() }).nullable(),
    })
    .nullable()
    .optional(),
});
export type WakeCommand = z.infer<typeof WakeCommand>;
