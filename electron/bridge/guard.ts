import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, URL-safe; a new one every run. */
export function newBridgeToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time comparison: hash both sides so lengths match and timing reveals nothing. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export interface GuardConfig {
  port: number;
  token: string;
  /** Extra origins allowed to call (e.g. the Vite dev server). */
  extraOrigins?: string[];
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(cfg: GuardConfig): Set<string> {
  return new Set([`http://127.0.0.1:${cfg.port}`, `http://localhost:${cfg.port}`, ...(cfg.extraOrigins ?? [])]);
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** DNS-rebinding safe: the Host must be loopback with our port, and any Origin must be ours. */
export function checkHostAndOrigin(req: IncomingMessage, cfg: GuardConfig): GuardVerdict {
  const host = req.headers.host;
  if (!host || !allowedHosts(cfg.port).has(host.toLowerCase())) return { ok: false, status: 403, reason: 'Host not allowed' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(cfg).has(origin.toLowerCase()))
    return { ok: false, status: 403, reason: 'Origin not allowed' };
  return { ok: true };
}

export function bearerFrom(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string' && h.startsWith('Bearer ')) return h.slice(7).trim();
  return null;
}

/** Browsers cannot set headers on a WebSocket, so the token rides in a sub-protocol: `opsdeck.<token>`. */
export function tokenFromWebSocketProtocols(req: IncomingMessage): string | null {
  const raw = req.headers['sec-websocket-protocol'];
  if (typeof raw !== 'string') return null;
  for (const p of raw.split(',').map((s) => s.trim())) if (p.startsWith('opsdeck.')) return p.slice('opsdeck.'.length);
  return null;
}
