import nodemailer from 'nodemailer';
import type { EmailConfig, SendFailure, WebhookConfig } from '@shared/model/notify.js';
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
    // A certificate the admin chose to trust (self-signed, private CA): verification stays on, against it.
    tls: cfg.trustedCert ? { ca: cfg.trustedCert, minVersion: 'TLSv1.2' } : { minVersion: 'TLSv1.2' },
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

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Why a send failed, from the transport's error (Node's TLS and socket codes, nodemailer's codes and texts). */
export function classifySendError(e: unknown): SendFailure {
  const err = e as { code?: string; responseCode?: number; message?: string; cause?: { code?: string; message?: string } };
  const codes = [err.code, err.cause?.code].filter(Boolean) as string[];
  const text = `${err.message ?? ''} ${err.cause?.message ?? ''}`;
  if (
    codes.some((c) => UNTRUSTED.has(c)) ||
    /self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer/i.test(text)
  )
    return 'tls_untrusted';
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID') || /Hostname\/IP does not match/i.test(text)) return 'tls_hostname';
  if (codes.includes('CERT_HAS_EXPIRED') || codes.includes('CERT_NOT_YET_VALID') || /certificate has expired/i.test(text))
    return 'tls_expired';
  if (/Must issue a STARTTLS|STARTTLS (command )?first|530 5\.7\.0|Encryption required/i.test(text)) return 'tls_required';
  if (/STARTTLS/i.test(text) && /(not|no|fail|unsupported|upgrad)/i.test(text)) return 'tls_unavailable';
  if (
    /wrong version number|packet length too long|unknown protocol|ssl3_get_record|ERR_SSL_/i.test(text) ||
    codes.some((c) => c.startsWith('ERR_SSL_'))
  )
    return 'tls_mismatch';
  if (codes.includes('EAUTH') || err.responseCode === 535) return 'auth_failed';
  if (codes.includes('ECONNREFUSED') || /ECONNREFUSED/.test(text)) return 'refused';
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN') || /ENOTFOUND|EAI_AGAIN/.test(text)) return 'not_found';
  if (
    codes.some((c) => c === 'ETIMEDOUT' || c === 'ECONNRESET' || c === 'TimeoutError') ||
    /timeout|timed out|Greeting never received/i.test(text)
  )
    return 'timeout';
  if (codes.includes('EENVELOPE') || codes.includes('EMESSAGE')) return 'rejected';
  if (/^HTTP \d{3}/.test(err.message ?? '')) return 'http';
  return 'other';
}

/** The text stored with a failed delivery and audited: "[reason] the transport's own words". */
export function sendErrorText(e: unknown): string {
  const message = (e as Error)?.message || String(e);
  return `[${classifySendError(e)}] ${message}`.slice(0, 500);
}
