import type { CoreContext } from '@core/context.js';
import { getAlert } from '@core/db/repos/alerts.js';
import { getProductAlert } from '@core/db/repos/productAlerts.js';
import type { Db } from '@core/db/connection.js';
import { appendAudit } from '@core/db/repos/audit.js';
import {
  deferDelivery,
  dueDeliveries,
  enqueueDelivery,
  getChannel,
  listChannels,
  markDelivery,
  unhandledClears,
  unhandledRaises,
  type ChannelRow,
  type DeliveryRow,
} from '@core/db/repos/notify.js';
import { EmailConfig, WebhookConfig, type SendFailure } from '@shared/model/notify.js';
import { alertMessage, testMessage, type Message, type Notifiable } from './templates.js';
import { backoffMs, MAX_ATTEMPTS, quietUntil, wants } from './rules.js';
import { classifySendError, sendEmail, sendErrorText, sendWebhook } from './senders.js';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'secrets' | 'deviceId' | 'log'>;

export const secretName = (channelId: string) => `notify.channel.${channelId}`;

interface Payload {
  event: 'alert.raised' | 'alert.cleared' | 'test';
  subject: string;
  text: string;
  alert: {
    id: string;
    kind: string;
    severity: string;
    /** The booth's name; null for a product's alert. */
    booth: string | null;
    /** The product a stock-out risk is about; null for a booth's alert. */
    product?: { id: string; sku: string; name: string } | null;
    message: string;
    details?: Record<string, unknown>;
    raisedAt: number;
    clearedAt: number | null;
  } | null;
}

/** A booth's alert or a product's, by id (ids are unique across both). */
export function notifiable(db: Db, id: string): Notifiable | null {
  const a = getAlert(db, id);
  if (a)
    return {
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      subject: a.boothName,
      booth: a.boothName,
      product: null,
      message: a.message,
      details: a.details,
      raisedAt: a.raisedAt,
      clearedAt: a.clearedAt,
    };
  const p = getProductAlert(db, id);
  if (!p) return null;
  return {
    id: p.id,
    kind: p.kind,
    severity: p.severity,
    subject: p.productName,
    booth: null,
    product: { id: p.productId, sku: p.details.sku, name: p.productName },
    message: p.message,
    details: p.details,
    raisedAt: p.raisedAt,
    clearedAt: p.clearedAt,
  };
}

/**
 * Queues what the channels owe: one delivery per alert raise their rules want (since the channel
 * exists) and one per clear of a raise they sent. Reads the alerts table, so alerts raised by
 * another process on the same database (the booth agent) are seen too.
 */
export function scanAlerts(ctx: Ctx): number {
  const now = ctx.clock.now();
  let queued = 0;
  for (const ch of listChannels(ctx.db).filter((c) => c.enabled)) {
    ctx.db.transaction(() => {
      for (const r of unhandledRaises(ctx.db, ch)) {
        const a = notifiable(ctx.db, r.id);
        if (!a) continue;
        const wanted = wants(ch.rules, a);
        if (
          enqueueDelivery(
            ctx.db,
            {
              channelId: ch.id,
              alertId: a.id,
              phase: 'raised',
              status: wanted ? 'pending' : 'skipped',
              nextAt: now,
              payload: payloadFor(ch, a.id, 'raised', ctx),
            },
            now,
          )
        )
          queued += wanted ? 1 : 0;
      }
      if (ch.rules.onClear) {
        for (const id of unhandledClears(ctx.db, ch)) {
          if (
            enqueueDelivery(
              ctx.db,
              {
                channelId: ch.id,
                alertId: id,
                phase: 'cleared',
                status: 'pending',
                nextAt: now,
                payload: payloadFor(ch, id, 'cleared', ctx),
              },
              now,
            )
          )
            queued++;
        }
      }
    })();
  }
  return queued;
}

function payloadFor(ch: ChannelRow, alertId: string, phase: 'raised' | 'cleared', ctx: Ctx): Payload {
  const a = notifiable(ctx.db, alertId)!;
  const msg = alertMessage(a, phase, ch.language);
  return {
    event: phase === 'raised' ? 'alert.raised' : 'alert.cleared',
    ...msg,
    alert: {
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      booth: a.booth,
      ...(a.product ? { product: a.product, details: a.details } : {}),
      message: a.message,
      raisedAt: a.raisedAt,
      clearedAt: a.clearedAt,
    },
  };
}

/** Sends through one channel; throws the transport's error. */
export async function deliver(ctx: Ctx, ch: ChannelRow, payload: Payload): Promise<void> {
  const secret = ctx.secrets.get(secretName(ch.id));
  const msg: Message = { subject: payload.subject, text: payload.text };
  if (ch.kind === 'email') await sendEmail(EmailConfig.parse(ch.config), secret, msg);
  else await sendWebhook(WebhookConfig.parse(ch.config), secret, payload);
}

function audit(
  ctx: Ctx,
  ch: ChannelRow,
  d: Pick<DeliveryRow, 'phase' | 'alert_id'>,
  p: Payload,
  attempt: number,
  error: string | null,
): void {
  appendAudit(ctx.db, {
    at: ctx.clock.now(),
    userId: null,
    action: 'notify.send',
    target: ch.id,
    outcome: error ? 'failed' : 'ok',
    details: {
      channel: ch.name,
      via: ch.kind,
      phase: d.phase,
      alertKind: p.alert?.kind ?? null,
      booth: p.alert?.booth ?? null,
      attempt,
      error,
    },
    originDevice: ctx.deviceId,
  });
}

/** Sends every due delivery once (quiet hours defer it; failures retry with backoff, then give up). */
export async function flushDeliveries(ctx: Ctx): Promise<{ sent: number; failed: number }> {
  const out = { sent: 0, failed: 0 };
  for (const d of dueDeliveries(ctx.db, ctx.clock.now())) {
    const ch = getChannel(ctx.db, d.channel_id);
    if (!ch || !ch.enabled) {
      markDelivery(ctx.db, d.id, {
        status: 'failed',
        attempts: d.attempts,
        nextAt: d.next_at,
        error: 'channel removed or disabled',
        sentAt: null,
      });
      continue;
    }
    const quiet = d.phase === 'test' ? null : quietUntil(ctx.clock.now(), ch.rules.quietHours);
    if (quiet) {
      deferDelivery(ctx.db, d.id, quiet);
      continue;
    }
    const payload = JSON.parse(d.payload) as Payload;
    const attempt = d.attempts + 1;
    try {
      await deliver(ctx, ch, payload);
      markDelivery(ctx.db, d.id, { status: 'sent', attempts: attempt, nextAt: d.next_at, error: null, sentAt: ctx.clock.now() });
      audit(ctx, ch, d, payload, attempt, null);
      out.sent++;
    } catch (e) {
      const error = sendErrorText(e);
      const giveUp = attempt >= MAX_ATTEMPTS;
      markDelivery(ctx.db, d.id, {
        status: giveUp ? 'failed' : 'pending',
        attempts: attempt,
        nextAt: ctx.clock.now() + backoffMs(attempt),
        error,
        sentAt: null,
      });
      audit(ctx, ch, d, payload, attempt, error);
      ctx.log.warn('notification not sent', { channel: ch.name, attempt, error });
      out.failed++;
    }
  }
  return out;
}

/** The test-send button: one message now, recorded and audited like the others, never retried. */
export async function sendTest(ctx: Ctx, ch: ChannelRow): Promise<{ ok: boolean; error: string | null; reason: SendFailure | null }> {
  const msg = testMessage(ch.name, ch.language);
  const payload: Payload = { event: 'test', ...msg, alert: null };
  const now = ctx.clock.now();
  const id = enqueueDelivery(
    ctx.db,
    { channelId: ch.id, alertId: `test-${now}`, phase: 'test', status: 'pending', nextAt: Number.MAX_SAFE_INTEGER, payload },
    now,
  )!;
  try {
    await deliver(ctx, ch, payload);
    markDelivery(ctx.db, id, { status: 'sent', attempts: 1, nextAt: now, error: null, sentAt: ctx.clock.now() });
    audit(ctx, ch, { phase: 'test', alert_id: id }, payload, 1, null);
    return { ok: true, error: null, reason: null };
  } catch (e) {
    const error = sendErrorText(e);
    markDelivery(ctx.db, id, { status: 'failed', attempts: 1, nextAt: now, error, sentAt: null });
    audit(ctx, ch, { phase: 'test', alert_id: id }, payload, 1, error);
    return { ok: false, error, reason: classifySendError(e) };
  }
}
