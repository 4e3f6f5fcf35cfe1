import http from 'node:http';
import crypto from 'node:crypto';
import type { CoreContext } from '@core/context.js';
import { getTriggerSecret, setTriggerSecret as storeTriggerSecret } from '@core/db/repos/boothTriggerSecrets.js';
import { AppError } from '@shared/errors.js';
import { triggerPathFor } from '@shared/model/booth.js';
import { recordTrigger, parseTrigger } from '../booths/index.js';
import type { AddressInfo } from 'node:net';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events' | 'log'>;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const ALLOWED_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '']);

/** "127.0.0.1:8787" → host/port; only loopback: the trigger URL must never be reachable from the LAN. */
export function parseListen(spec: string): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(spec.trim());
  if (!m) throw new AppError('invalid_input', `--listen "${spec}" is not HOST:PORT`, { field: 'listen' });
  const host = (m[1] ?? '127.0.0.1').replace(/^\[|\]$/g, '');
  const port = Number(m[2]);
  if (port > 65535) throw new AppError('invalid_input', `Port ${port} is out of range`, { field: 'listen' });
  if (!LOOPBACK.has(host))
    throw new AppError('invalid_input', `The agent only listens on loopback (127.0.0.1), not ${host}`, { field: 'listen' });
  return { host: host === 'localhost' ? '127.0.0.1' : host, port };
}

/**
 * The optional per-booth secret of the trigger URL. Synced (booth_trigger_secrets): the office sets
 * it in the booth form, the booth PC's listener checks the one it pulled.
 */
export function triggerSecret(db: CoreContext['db'], boothId: string): string | null {
  return getTriggerSecret(db, boothId);
}

/** Makes a new secret (or removes it with `off`); the dslrBooth trigger URL changes with it. */
export function setTriggerSecret(
  ctx: Pick<CoreContext, 'db' | 'clock' | 'deviceId'>,
  boothId: string,
  value: 'new' | 'off',
): string | null {
  return storeTriggerSecret(ctx.db, boothId, value, { now: ctx.clock.now(), device: ctx.deviceId });
}

/** The path to enter in dslrBooth (Settings › General › Triggers › URL). */
export const triggerPath = triggerPathFor;

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export interface AgentServer {
  port: number;
  host: string;
  close(): Promise<void>;
}

/**
 * dslrBooth's URL trigger target. Each trigger is committed to SQLite before the 200 goes out,
 * so a 200 always means "stored"; garbage gets a 400 and changes nothing.
 */
export function startTriggerServer(ctx: Ctx, boothId: string, listen: { host: string; port: number }): Promise<AgentServer> {
  const server = http.createServer((req, res) => {
    const send = (code: number, body: string) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'POST') return send(405, 'GET only\n');
    // dslrBooth sends neither Origin nor a foreign Host; a web page (or DNS rebinding) would.
    // Refusing those keeps a browser on the booth PC from inflating the counters.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (req.headers.origin !== undefined || !ALLOWED_HOSTS.has(host)) return send(403, 'Not from the booth software\n');
    // A browser says where the request comes from: any page's request (even a simple GET with
    // Sec-Fetch-Site: cross-site, or a Referer) is not dslrBooth's.
    const site = req.headers['sec-fetch-site'];
    if ((site !== undefined && site !== 'none') || req.headers.referer !== undefined) return send(403, 'Not from the booth software\n');
    const url = req.url ?? '/';
    if (url === '/health' || url === '/healthz') return send(200, 'ok\n');
    const secret = triggerSecret(ctx.db, boothId);
    if (secret !== null) {
      const pathPart = url.split('?')[0]!;
      const given = pathPart.split('/').filter(Boolean).pop() ?? '';
      if (!sameSecret(given, secret)) return send(403, 'Wrong or missing trigger secret in the URL path\n');
    }
    const parsed = parseTrigger(url);
    if (!parsed.ok) return send(400, `${parsed.error}\n`);
    try {
      recordTrigger(ctx, boothId, parsed.trigger, url);
      send(200, 'OK\n');
    } catch (e) {
      ctx.log.error('trigger not stored', { error: String(e) });
      send(503, 'Not stored, retry\n');
    }
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      const a = server.address() as AddressInfo;
      resolve({
        port: a.port,
        host: a.address,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
