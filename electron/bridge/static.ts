import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

/** Content types of the built renderer's files; also used by Electron's app:// handler. */
export const RENDERER_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The renderer's CSP, word for word the one in ../shared/ARCHITECTURE.md (security item 3), for
 * app:// and for the bridge. No inline styles: React and recharts set styles through the CSSOM
 * (element.style), which CSP does not govern, and the built CSS is a file. No connect-src: 'self'
 * covers the bridge's own ws:// origin. tests/security/csp.test.ts holds the two together.
 */
export const DOCUMENTED_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function rendererCsp(): string {
  return DOCUMENTED_CSP;
}

export function contentSecurityPolicy(_port: number): string {
  return DOCUMENTED_CSP;
}

/**
 * The one path-containment check of the shells (app:// and the bridge): `rel` (a decoded URL path)
 * resolved under `root`, or null when it escapes. Separator-aware: `C:\\app\\dist-old` is NOT inside
 * `C:\\app\\dist` (a bare startsWith said it was). `pathApi` lets tests check Windows rules anywhere.
 */
export function resolveInside(root: string, rel: string, pathApi: typeof path = path): string | null {
  if (rel.includes('\0')) return null;
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, '.' + pathApi.sep + rel.replace(/^[/\\]+/, ''));
  if (file === base) return file;
  const prefix = base.endsWith(pathApi.sep) ? base : base + pathApi.sep;
  const inside =
    pathApi === path.win32 || process.platform === 'win32' ? file.toLowerCase().startsWith(prefix.toLowerCase()) : file.startsWith(prefix);
  return inside ? file : null;
}

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, csp: string): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  const file = resolveInside(root, rel);
  if (file === null) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  let target = file;
  if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) target = path.join(root, 'index.html');
  if (!fs.existsSync(target)) {
    res.writeHead(404).end('Not found');
    return;
  }
  const ext = path.extname(target);
  res.writeHead(200, {
    'Content-Type': RENDERER_CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(target).pipe(res);
}
