import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { INSTALLER_WRITE } from '@shared/model/roles.js';
import { MAX_UPLOAD_BYTES } from '../core/uploads.js';
import { bearerFrom, checkHostAndOrigin, newBridgeToken, tokenFromWebSocketProtocols, tokenMatches, type GuardConfig } from './guard.js';
import { contentSecurityPolicy, serveStatic } from './static.js';
import type { Core } from '../core/entry.js';
import type { AddressInfo } from 'node:net';

export interface BridgeOptions {
  core: Core;
  /** 0 picks a free port. */
  port?: number;
  /** Built renderer to serve; omit for an API-only bridge (headless agents). */
  staticDir?: string;
  token?: string;
  extraOrigins?: string[];
  maxBodyBytes?: number;
  /** The largest CSV upload (POST /upload/csv); the CSV contract's 64 MB unless told. */
  maxUploadBytes?: number;
}

export interface Bridge {
  url: string;
  /** The URL to open in a browser: the token travels in the fragment, never to the server logs. */
  appUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** The largest RPC body the bridge reads (a CSV import travels as base64 inside it). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

class TooLarge extends Error {
  readonly status = 413;
}

/**
 * Reads the body up to `limit` bytes. Beyond it the rest is read and dropped (not a socket reset)
 * so the client receives the 413 answer; a Content-Length over the limit is refused before reading.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return readBytes(req, limit).then((b) => b.toString('utf8'));
}

function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new TooLarge('Request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(new TooLarge('Request body too large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

/**
 * The browser shell: the same router and event stream as Electron IPC, over HTTP + WebSocket on
 * 127.0.0.1 only, guarded by a per-run bearer token and Host/Origin allow-lists.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? newBridgeToken();
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const uploadLimit = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const cfg: GuardConfig = { port: 0, token, extraOrigins: opts.extraOrigins?.map((o) => o.toLowerCase()) };
  const sockets = new Set<WebSocket>();

  const server = http.createServer(async (req, res) => {
    const verdict = checkHostAndOrigin(req, cfg);
    if (!verdict.ok) return sendJson(res, verdict.status, { ok: false, error: { code: 'forbidden', message: verdict.reason } });
    const url = req.url ?? '/';
    if (url === '/rpc' || url.startsWith('/rpc?')) {
      if (!tokenMatches(bearerFrom(req), token)) {
        return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong bridge token' } });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST' } });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, limit));
      } catch (e) {
        if (e instanceof TooLarge) {
          res.setHeader('Connection', 'close');
          return sendJson(res, 413, {
            ok: false,
            error: { code: 'invalid_input', message: `Request too large (${limit / 1024 / 1024} MiB at most)` },
          });
        }
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Body is not JSON' } });
      }
      const result = await opts.core.router.request(body as never);
      return sendJson(res, 200, result);
    }
    if (url === '/upload/csv') {
      // A CSV file too big for an RPC body, streamed as raw bytes; the CSV channels then name it by
      // id. Same token as /rpc, and only a signed-in profile that may import (admin, installer).
      if (!tokenMatches(bearerFrom(req), token)) {
        return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong bridge token' } });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST' } });
      const caller = opts.core.ctx.session.current();
      if (!caller || !INSTALLER_WRITE.includes(caller.role)) {
        req.resume();
        res.setHeader('Connection', 'close');
        return sendJson(res, caller ? 403 : 401, {
          ok: false,
          error: caller
            ? { code: 'forbidden', message: `Role "${caller.role}" may not import files` }
            : { code: 'unauthorized', message: 'Sign in first', details: { signIn: true } },
        });
      }
      let bytes: Buffer;
      try {
        bytes = await readBytes(req, uploadLimit);
      } catch (e) {
        if (e instanceof TooLarge) {
          res.setHeader('Connection', 'close');
          return sendJson(res, 413, {
            ok: false,
            error: { code: 'invalid_input', message: `The file is too large (${uploadLimit / 1024 / 1024} MB at most)` },
          });
        }
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The upload was interrupted' } });
      }
      if (bytes.length === 0) return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The file is empty' } });
      return sendJson(res, 200, { ok: true, data: opts.core.ctx.uploads.put(bytes, caller.userId) });
    }
    if (url === '/events' || url.startsWith('/events?')) {
      return sendJson(res, 426, { ok: false, error: { code: 'invalid_input', message: 'Upgrade to WebSocket' } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Method not allowed' } });
    if (!opts.staticDir) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No renderer served here' } });
    serveStatic(opts.staticDir, url, res, contentSecurityPolicy(cfg.port));
  });

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      for (const p of protocols) if (p.startsWith('opsdeck.')) return p;
      return false;
    },
  });
  server.on('upgrade', (req, socket, head) => {
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const verdict = checkHostAndOrigin(req, cfg);
    if (!verdict.ok) return reject(verdict.status, 'Forbidden');
    if (!(req.url ?? '').startsWith('/events')) return reject(404, 'Not Found');
    if (!tokenMatches(tokenFromWebSocketProtocols(req), token)) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const unsubscribe = opts.core.ctx.events.subscribe((ev) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(ev));
      });
      ws.on('close', () => {
        unsubscribe();
        sockets.delete(ws);
      });
      ws.on('message', () => ws.close(1003, 'The event stream is one-way'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  cfg.port = port;
  const url = `http://${HOST}:${port}`;
  return {
    url,
    appUrl: `${url}/#token=${token}`,
    port,
    token,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}
