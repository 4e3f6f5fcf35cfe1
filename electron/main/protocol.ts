import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { RENDERER_CONTENT_TYPES as TYPES, rendererCsp, resolveInside } from '../bridge/static.js';
import { APP_HOST, APP_SCHEME } from './origins.js';

/** Same policy as the renderer's meta tag and the bridge; no unsafe-eval. */
export const APP_CSP = rendererCsp();

const BASE_HEADERS = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function reply(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Must run before app 'ready': makes app:// a secure standard origin that fetch and CSP understand. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * app://ops/… → files under `root` (renderer/dist). GET/HEAD only (405), host `ops` only (404),
 * nothing outside root (403); paths without a file extension fall back to index.html (client routes).
 */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  const base = path.resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return reply(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return reply(404, 'Not found');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return reply(400, 'Bad path');
    }
    if (rel.includes('\0')) return reply(400, 'Bad path');
    const file = resolveInside(base, rel);
    if (file === null) return reply(403, 'Forbidden');
    let target = file;
    const stat = await fs.stat(target).catch(() => null);
    if (!stat || stat.isDirectory()) {
      if (path.extname(rel)) return reply(404, 'Not found');
      target = path.join(base, 'index.html');
    }
    const body = await fs.readFile(target).catch(() => null);
    if (!body) return reply(404, 'Not found');
    const ext = path.extname(target);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...BASE_HEADERS,
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      },
    });
  };
}

export function installAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}
