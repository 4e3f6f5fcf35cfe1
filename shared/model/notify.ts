import { z } from 'zod';
import { AlertKind } from './alert.js';
import { ProductAlertKind } from './productAlert.js';

/** What a channel can be told about: the booths' alerts and the products' (stock-out risk). */
export const NotifyKind = z.enum([...AlertKind.options, ...ProductAlertKind.options]);
export type NotifyKind = z.infer<typeof NotifyKind>;
export const NOTIFY_KINDS = NotifyKind.options;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time as HH:MM');

export const NotifyRules = z.strictObject({
  /** Alert kinds this channel sends (empty: none). */
  kinds: z.array(NotifyKind).max(NotifyKind.options.length),
  minSeverity: z.enum(['warning', 'critical']).default('warning'),
  /** Messages that fall in quiet hours wait for their end (a clear that follows its raise in them replaces nothing: both go then). */
  quietHours: z.strictObject({ start: HHMM, end: HHMM }).nullable().default(null),
  /** Also tell when the alert clears. */
  onClear: z.boolean().default(true),
});
export type NotifyRules = z.infer<typeof NotifyRules>;

export const EmailConfig = z.strictObject({
  host: z.string().trim().min(1, 'SMTP server is required').max(253),
  port: z.number().int().min(1).max(65535),
  /** tls: TLS from the first byte (465) · starttls: upgrade required (587) · none: plain (local relays only). */
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().max(200).nullable(),
  from: z.string().trim().email('Sender: an e-mail address'),
  to: z.array(z.string().trim().email('Recipients: e-mail addresses')).min(1, 'At least one recipient').max(20),
  /**
   * A certificate to trust for this server (PEM): its own self-signed certificate or the private CA
   * that signed it. Empty: the system's public authorities only. Checks stay on (never "accept any").
   */
  trustedCert: z
    .string()
    .trim()
    .max(20_000)
    .refine(
      (v) => v === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(v),
      'Certificate: paste it in PEM form (-----BEGIN CERTIFICATE-----…)',
    )
    .nullable()
    .optional(),
});

/** Why a send failed, in words the screens translate; the transport's own text follows for the technician. */
export const SEND_FAILURES = [
  'tls_untrusted',
  'tls_hostname',
  'tls_expired',
  'tls_unavailable',
  'tls_required',
  'tls_mismatch',
  'auth_failed',
  'refused',
  'not_found',
  'timeout',
  'rejected',
  'http',
  'other',
] as const;
export type SendFailure = (typeof SEND_FAILURES)[number];

/** A stored send error is "[reason] transport text"; older rows (no reason) read as 'other'. */
export function parseSendError(s: string | null | undefined): { reason: SendFailure; detail: string } | null {
  if (!s) return null;
  const m = /^\[([a-z_]+)\] ?([\s\S]*)$/.exec(s);
  const reason = m && (SEND_FAILURES as readonly string[]).includes(m[1]!) ? (m[1] as SendFailure) : null;
  return reason ? { reason, detail: m![2]! } : { reason: 'other', detail: s };
}
export const WebhookConfig = z.strictObject({
  url: z
    .string()
    .trim()
    .url('Not a URL')
    .refine((u) => /^https?:\/\//.test(u), 'The URL must start with https:// (or http://)'),
  /** Header that carries the secret (e.g. X-OpsDeck-Secret; ntfy: Authorization). */
  secretHeader: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'Header name: letters, digits and dashes')
    .default('X-OpsDeck-Secret'),
});

export const NotifyChannelInput = z.discriminatedUnion('kind', [
  z.strictObject({
    id: z.string().min(1).max(64).optional(),
    kind: z.literal('email'),
    name: z.string().trim().min(1, 'Name is required').max(100),
    enabled: z.boolean().default(true),
    language: z.enum(['fr', 'en']).default('fr'),
    config: EmailConfig,
    rules: NotifyRules,
    /** SMTP password: kept in the secret store; omitted = unchanged, null = none. */
    secret: z.string().max(500).nullable().optional(),
  }),
  z.strictObject({
    id: z.string().min(1).max(64).optional(),
    kind: z.literal('webhook'),
    name: z.string().trim().min(1, 'Name is required').max(100),
    enabled: z.boolean().default(true),
    language: z.enum(['fr', 'en']).default('fr'),
    config: WebhookConfig,
    rules: NotifyRules,
    /** Webhook secret sent in its header: kept in the secret store; omitted = unchanged, null = none. */
    secret: z.string().max(500).nullable().optional(),
  }),
]);
export type NotifyChannelInput = z.input<typeof NotifyChannelInput>;

export const NotifyChannel = z.object({
  id: z.string(),
  kind: z.enum(['email', 'webhook']),
  name: z.string(),
  enabled: z.boolean(),
  language: z.enum(['fr', 'en']),
  config: z.record(z.string(), z.unknown()),
  rules: NotifyRules,
  hasSecret: z.boolean(),
  /** Last delivery outcome, for the settings screen. */
  lastDelivery: z
    .object({ at: z.number(), status: z.enum(['pending', 'sent', 'failed', 'skipped']), error: z.string().nullable() })
    .nullable(),
});
export type NotifyChannel = z.infer<typeof NotifyChannel>;
