import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { tokenMatches, newBridgeToken } from '../../electron/bridge/guard.js';

let core: TestCore;
let bridge: Bridge;
let staticDir: string;

beforeAll(async () => {
  core = createTestCore();
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>OpsDeck</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(os.tmpdir(), 'opsdeck-outside.txt'), 'secret');
  bridge = await startBridge({ core, port: 0, staticDir });
});
afterAll(async () => {
  await bridge.close();
  core.dispose();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** Raw HTTP so Host and Origin can be forged the way a DNS-rebinding page would. */
function raw(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${bridge.port}`, ...opts.headers },
        setHost: false,
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const rpcBody = JSON.stringify({ channel: 'settings.get', input: {} });
const auth = () => ({ authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' });

describe('bridge guard', () => {
  it('binds 127.0.0.1 only', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const nonLoopback = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!nonLoopback) return;
    return new Promise<void>((resolve) => {
      const s = net.connect({ host: nonLoopback.address, port: bridge.port });
      s.once('connect', () => {
        s.destroy();
        throw new Error('bridge reachable on a non-loopback address');
      });
      s.once('error', () => resolve());
    });
  });

  it('answers 401 without a token or with a wrong one', async () => {
    expect((await raw({ method: 'POST', path: '/rpc', body: rpcBody })).status).toBe(401);
    expect((await raw({ method: 'POST', path: '/rpc', body: rpcBody, headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await raw({ method: 'POST', path: '/rpc', body: rpcBody, headers: { authorization: `Bearer ${bridge.token}x` } })).status).toBe(
      401,
    );
  });

  it('answers 403 for a foreign Host or Origin, even with the token', async () => {
    expect(
      (await raw({ method: 'POST', path: '/rpc', body: rpcBody, headers: { ...auth(), host: `evil.example:${bridge.port}` } })).status,
    ).toBe(403);
    expect((await raw({ method: 'POST', path: '/rpc', body: rpcBody, headers: { ...auth(), host: `127.0.0.1:1` } })).status).toBe(403);
    expect((await raw({ method: 'POST', path: '/rpc', body: rpcBody, headers: { ...auth(), origin: 'http://evil.example' } })).status).toBe(
      403,
    );
    expect((await raw({ path: '/', headers: { host: 'attacker.test' } })).status).toBe(403);
  });

  it('serves the call with the token from an allowed origin', async () => {
    const r = await raw({ method: 'POST', path: '/rpc', body: rpcBody, headers: { ...auth(), origin: `http://localhost:${bridge.port}` } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { language: 'fr' } });
  });

  it('refuses non-JSON bodies and GET on /rpc', async () => {
    expect(JSON.parse((await raw({ method: 'POST', path: '/rpc', body: '{oops', headers: auth() })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await raw({ method: 'GET', path: '/rpc', headers: auth() })).status).toBe(405);
  });

  it('compares tokens correctly', () => {
    const t = newBridgeToken();
    expect(t.length).toBeGreaterThanOrEqual(43);
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t.slice(0, -1), t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
  });
});

describe('bridge static files', () => {
  it('serves the renderer with the CSP and no unsafe-eval', async () => {
    const r = await raw({ path: '/' });
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect((await raw({ path: '/assets/app.js' })).body).toBe('console.log(1)');
  });
  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../opsdeck-outside.txt', '/%2e%2e/opsdeck-outside.txt', '/assets/..%2f..%2fopsdeck-outside.txt']) {
      const r = await raw({ path: p });
      expect(r.body).not.toContain('secret');
    }
  });
});

describe('bridge event stream', () => {
  const wsUrl = () => `ws://127.0.0.1:${bridge.port}/events`;

  it('streams core events to a client that presents the token', async () => {
    const ws = new WebSocket(wsUrl(), [`opsdeck.${bridge.token}`]);
    await new Promise((res, rej) => {
      ws.once('open', res);
      ws.once('error', rej);
    });
    const got = new Promise<unknown>((res) => ws.once('message', (m) => res(JSON.parse(String(m)))));
    await fetch(`${bridge.url}/rpc`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ channel: 'settings.set', input: { deviceName: 'Stand 12' } }),
    });
    const ev = (await got) as { event: string };
    expect(['settings.changed', 'audit.appended']).toContain(ev.event);
    ws.close();
  });

  it('refuses the upgrade without the token (401) or from a foreign origin (403)', async () => {
    const status = (protocols: string[], headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl(), protocols, { headers });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('error', () => resolve(-1));
      });
    expect(await status(['opsdeck.wrong'])).toBe(401);
    expect(await status([])).toBe(401);
    expect(await status([`opsdeck.${bridge.token}`], { origin: 'http://evil.example' })).toBe(403);
  });
});
