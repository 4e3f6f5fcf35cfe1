import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startBridge, MAX_BODY_BYTES, type Bridge } from '../../electron/bridge/server.js';
import { DOCUMENTED_CSP, resolveInside } from '../../electron/bridge/static.js';

// Issue 12: the bridge read 64 MB bodies and reset larger ones; its static check used a bare
// startsWith(root); the served CSP allowed inline styles while ARCHITECTURE's does not.
let core: TestCore;
let bridge: Bridge;
let staticDir: string;

beforeAll(async () => {
  core = createTestCore();
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>OpsDeck</title>');
  bridge = await startBridge({ core, port: 0, staticDir });
});
afterAll(async () => {
  await bridge.close();
  core.dispose();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

function post(body: Buffer, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${bridge.token}`,
      origin: bridge.url,
    };
    if (!chunked) headers['content-length'] = String(body.length);
    const req = http.request({ host: '127.0.0.1', port: bridge.port, method: 'POST', path: '/rpc', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    if (chunked) {
      // Written in pieces without a length, as a streaming client would.
      for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.subarray(i, i + 256 * 1024));
      req.end();
    } else req.end(body);
  });
}

describe('bridge body cap', () => {
  it('is 5 MiB', () => expect(MAX_BODY_BYTES).toBe(5 * 1024 * 1024));

  it.each([false, true])('answers 413 (not a connection reset) to a 6 MiB body (chunked: %s), and the next call works', async (chunked) => {
    const big = Buffer.from(JSON.stringify({ channel: 'system.health', input: { pad: 'x'.repeat(6 * 1024 * 1024) } }));
    const r = await post(big, chunked);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const ok = await post(Buffer.from(JSON.stringify({ channel: 'system.health', input: {} })), false);
    expect(ok.status).toBe(200);
  });

  it('still reads a body just under the cap', async () => {
    const r = await post(Buffer.from(JSON.stringify({ channel: 'system.health', input: { pad: 'x'.repeat(4 * 1024 * 1024) } })), false);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } }); // the strict input refuses pad
  });
});

describe('one separator-aware path check for app:// and the bridge', () => {
  it('refuses a sibling folder sharing the prefix (Windows and POSIX rules)', () => {
    expect(resolveInside('C:\\app\\dist', '..\\dist-old\\secret.js', path.win32)).toBeNull();
    expect(resolveInside('C:\\app\\dist', '/../dist-old/secret.js', path.win32)).toBeNull();
    expect(resolveInside('C:\\app\\dist', 'ASSETS\\a.js', path.win32)).toBe('C:\\app\\dist\\ASSETS\\a.js');
    expect(resolveInside('/srv/app/dist', '../dist-old/secret.js', path.posix)).toBeNull();
    expect(resolveInside('/srv/app/dist', '/assets/a.js', path.posix)).toBe('/srv/app/dist/assets/a.js');
    expect(resolveInside('/srv/app/dist', '/', path.posix)).toBe('/srv/app/dist');
    expect(resolveInside('/srv/app/dist', 'a\0b', path.posix)).toBeNull();
  });

  it('the bridge serves nothing from a sibling dist-* folder', async () => {
    const sibling = `${staticDir}-old`;
    fs.mkdirSync(sibling, { recursive: true });
    fs.writeFileSync(path.join(sibling, 'leak.txt'), 'leaked');
    try {
      const name = path.basename(sibling);
      for (const p of [`/../${name}/leak.txt`, `/%2e%2e/${name}/leak.txt`, `/..%2f${name}%2fleak.txt`]) {
        const r = await fetch(`${bridge.url}${p}`);
        expect(await r.text(), p).not.toContain('leaked');
      }
    } finally {
      fs.rmSync(sibling, { recursive: true, force: true });
    }
  });
});

describe('the CSP served is the one ARCHITECTURE.md documents', () => {
  it('word for word, on the bridge and on app://, without inline styles', async () => {
    const doc = fs.readFileSync(path.resolve('../shared/ARCHITECTURE.md'), 'utf8').replace(/\s+/g, ' ');
    const documented = /`(default-src[^`]+)`/.exec(doc)![1]!.trim();
    expect(DOCUMENTED_CSP).toBe(documented);
    const served = (await fetch(`${bridge.url}/`)).headers.get('content-security-policy');
    expect(served).toBe(documented);
    // app:// uses the same function (tests/security/protocol.test.ts checks APP_CSP under the Electron double).
    expect(served).not.toContain('unsafe-inline');
    // The renderer's own meta tag (Vite dev, and a second line of defence) is no looser.
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(fs.readFileSync('renderer/index.html', 'utf8'))![1]!;
    expect(meta).not.toContain('unsafe-inline');
    expect(documented.startsWith(meta.replace(/;?\s*$/, ''))).toBe(true);
  });
});
