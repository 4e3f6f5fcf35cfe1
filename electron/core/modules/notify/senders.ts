import nodemailer from 'nodemailer';
import type { EmailConfig, WebhookConfig } from '@shared/model/notify.js';
import type { z } from 'zod';
import type { Message } from './templates.js';

const TIMEOUT_MS = 15_000;

/** One e-mail through the channel's SMTP server (TLS, STARTTLS required, or plain for a local relay; auth when a user is set). */
export async function sendEmail(cfg: z.infer<typeof EmailConfig>, password: string | null, msg: Message): Promise<void> {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.security === 'tls',
    requireTLS: cfg.security === 'starttls',
    ignoreTLS: cfg.security === 'none',
    auth: cfg.user ? { user: cfg.user, pass: password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: cfg.from, to: cfg.to.join(', '), subject: msg.subject, text: msg.text });
  } finally {
    transport.close();
  }
}

/** One JSON POST to the webhook, the secret in its header; anything but a 2xx is a failure (retried). */
export async function sendWebhook(cfg: z.infer<typeof WebhookConfig>, secret: string | null, body: unknown): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'OpsDeck' };
  if (secret) headers[cfg.secretHeader] = secret;
  const r = await fetch(cfg.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!r.ok) throw new Error(`HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`);
}
