import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { APP_CSP, createAppRequestHandler, installAppProtocol, registerAppScheme } = await import('../../electron/main/protocol.js');
const { DOCUMENTED_CSP } = await import('../../electron/bridge/static.js');

let root: string;
let outside: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-proto-'));
  root = path.join(base, 'dist');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>OpsDeck</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = path.join(base, 'secret.txt');
  fs.writeFileSync(outside, 'TOP SECRET');
  handler = createAppRequestHandler(root);
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));
beforeEach(() => double.resetElectronDouble());

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

/** ARCHITECTURE.md security item 3 (app:// with CSP, no unsafe-eval) and anchors (c)15 (405/404/403). */
describe('app:// protocol', () => {
  it('serves the renderer with the CSP header', async () => {
    const res = await get('app://ops/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await res.text()).toContain('<title>OpsDeck</title>');
    const js = await get('app://ops/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('the CSP is strict and has no unsafe-eval', () => {
    for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(APP_CSP).toContain(d);
    }
    expect(APP_CSP).not.toContain('unsafe-eval');
    // Issue 12: the same policy word for word as the bridge and ARCHITECTURE.md.
    expect(APP_CSP).toBe(DOCUMENTED_CSP);
    expect(APP_CSP).not.toContain('unsafe-inline');
    expect(APP_CSP).not.toMatch(/\*|https?:/);
  });

  it('client routes without a file extension fall back to index.html; missing assets are 404', async () => {
    const route = await get('app://ops/catalog/products');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('OpsDeck');
    expect((await get('app://ops/assets/missing.js')).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405 (and the CSP)', async (method) => {
    const res = await get('app://ops/index.html', method);
    expect(res.status).toBe(405);
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('answers 404 for any host but ops', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://ops.evil/index.html')).status).toBe(404);
  });

  it.each([
    'app://ops/..%2fsecret.txt',
    'app://ops/%2e%2e%2fsecret.txt',
    'app://ops/assets/..%2f..%2fsecret.txt',
    'app://ops/..%5csecret.txt',
  ])('refuses path traversal %s with 403 and never serves the file', async (url) => {
    const res = await get(url);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('an encoded ../ that resolves outside the root is 403 specifically', async () => {
    expect((await get('app://ops/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://ops/assets/..%2f..%2fsecret.txt')).status).toBe(403);
  });

  it('registers app as a secure standard scheme and installs the handler', async () => {
    registerAppScheme();
    expect(double.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    installAppProtocol(root);
    const h = double.protocol.handlers.get('app')!;
    expect((await h(new Request('app://ops/index.html'))).status).toBe(200);
  });
});
