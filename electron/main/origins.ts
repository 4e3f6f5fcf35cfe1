/** The packaged renderer's origin; served by protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ops';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * scheme://host[:port] of a URL, or null. Built by hand because WHATWG `URL.origin` is the
 * string "null" for non-special schemes such as app://.
 */
export function originOf(raw: string): string | null {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isTrustedUrl(raw: string, trustedOrigins: readonly string[]): boolean {
  const o = originOf(raw);
  return o !== null && trustedOrigins.includes(o);
}

/** The vite dev server is trusted only in unpackaged runs, and only on loopback over http. */
export function devServerOrigin(raw: string | undefined, packaged: boolean): string | null {
  if (packaged || !raw) return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(u.hostname)) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
