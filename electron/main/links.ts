import { shell } from 'electron';

/**
 * Hosts the app may hand to the system browser: the services OpsDeck works with and their docs.
 * A subdomain of an entry written with a leading dot is accepted (e.g. a Supabase project host).
 */
export const EXTERNAL_HOSTS: readonly string[] = Object.freeze([
  'www.notion.so',
  'notion.so',
  '.notion.site',
  'supabase.com',
  '.supabase.co',
  'ollama.com',
  'github.com',
]);

/** The parsed URL if it is https on the allow-list, else null (file:, smb:, http:, custom schemes…). */
export function allowedExternalUrl(raw: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): URL | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return null;
  const host = u.hostname.toLowerCase();
  const ok = hosts.some((h) => (h.startsWith('.') ? host.endsWith(h) && host.length > h.length : host === h));
  return ok ? u : null;
}

/** The only caller of shell.openExternal. */
export async function openExternalSafe(raw: unknown): Promise<boolean> {
  const u = allowedExternalUrl(raw);
  if (!u) return false;
  await shell.openExternal(u.href);
  return true;
}
