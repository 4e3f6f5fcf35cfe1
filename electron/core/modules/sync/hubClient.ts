import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { SecretStore } from '@core/ports/secrets.js';
import { AppError } from '@shared/errors.js';
import { HubCallError } from './classify.js';

export const SESSION_SECRET = 'hub.session';

export interface HubSession {
  accessToken: string;
  refreshToken: string;
  /** Seconds since epoch, as GoTrue sends it. */
  expiresAt: number;
  userId: string;
  email: string;
  role: string;
  boothId: string | null;
}

export interface HubConnection {
  url: string;
  data: SupabaseClient;
  session(): HubSession | null;
  signIn(email: string, password: string): Promise<HubSession>;
  signOut(): Promise<void>;
  /** A valid access token, refreshed when it expires within a minute. */
  accessToken(): Promise<string>;
  /** After a 401: refresh once, whatever the expiry says. */
  forceRefresh(): Promise<void>;
}

const CALL_TIMEOUT_MS = 30_000;

/** Every request gets a deadline, so a stalled connection becomes a retryable failure. */
function timedFetch(inner: typeof fetch): typeof fetch {
  return (input, init) => {
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(CALL_TIMEOUT_MS)])
      : AbortSignal.timeout(CALL_TIMEOUT_MS);
    return inner(input, { ...init, signal });
  };
}

export function validateHubUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', `"${url}" is not a URL (expected e.g. https://xyz.supabase.co)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new AppError('invalid_input', 'The hub URL must start with https:// (or http:// for a local hub)');
  if (u.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
    throw new AppError('invalid_input', 'Plain http:// is only allowed for a hub on this computer; use https://');
  }
  return u.origin;
}

// Expiry is kept on this device's clock (receipt time + lifetime): kiosk clocks drift by days.
function toSession(
  s: {
    access_token: string;
    refresh_token: string;
    expires_in?: number;
    user: { id: string; email?: string; app_metadata?: Record<string, unknown> };
  },
  nowMs: number,
): HubSession {
  const meta = s.user.app_metadata ?? {};
  return {
    accessToken: s.access_token,
    refreshToken: s.refresh_token,
    expiresAt: Math.floor(nowMs / 1000) + (s.expires_in ?? 3600),
    userId: s.user.id,
    email: s.user.email ?? '',
    role: typeof meta.role === 'string' ? meta.role : '',
    boothId: typeof meta.booth_id === 'string' ? meta.booth_id : null,
  };
}

/**
 * supabase-js clients for one hub. The session lives only here and in the secret store; the
 * auth client never persists or auto-refreshes on its own (the core decides when).
 */
export function connectHub(opts: {
  url: string;
  anonKey: string;
  secrets: SecretStore;
  fetch?: typeof fetch;
  now?: () => number;
}): HubConnection {
  const url = validateHubUrl(opts.url);
  const fetchImpl = timedFetch(opts.fetch ?? fetch);
  const now = opts.now ?? Date.now;
  const common = { realtime: { transport: WebSocket as never }, global: { fetch: fetchImpl } };
  // auth-js must not keep a session of its own: holding one that is about to expire, it refreshes
  // it by itself inside refreshSession() and then refreshes ours with the same, now spent, token
  // (GoTrue rotates them), which ended the session whenever a call fell in its last 90 seconds.
  // A storage that forgets everything leaves the session to this module alone.
  const forgetful = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  const auth = createClient(url, opts.anonKey, {
    ...common,
    auth: { persistSession: true, storage: forgetful, autoRefreshToken: false, detectSessionInUrl: false },
  });
  let current: HubSession | null = null;
  const stored = opts.secrets.get(SESSION_SECRET);
  if (stored) {
    try {
      const s = JSON.parse(stored) as HubSession & { hubUrl?: string };
      if (s.hubUrl === url) current = s;
    } catch {
      opts.secrets.delete(SESSION_SECRET);
    }
  }
  const save = (s: HubSession | null) => {
    current = s;
    if (s) opts.secrets.set(SESSION_SECRET, JSON.stringify({ ...s, hubUrl: url }));
    else opts.secrets.delete(SESSION_SECRET);
  };
  let refreshing: Promise<void> | null = null;
  const refresh = async () => {
    if (!current) throw new HubCallError({ status: 401, code: 'not_signed_in', message: 'Not signed in to the hub' }, 'auth');
    const { data, error } = await auth.auth.refreshSession({ refresh_token: current.refreshToken });
    if (error || !data.session) {
      const status = (error as { status?: number } | null)?.status ?? 0;
      // A refused refresh token means signing in again; a network failure is just transient.
      if (status >= 400 && status < 500) {
        save(null);
        throw new HubCallError({ status: 401, code: 'session_expired', message: 'The hub session has ended; sign in again' }, 'auth');
      }
      throw new HubCallError({ status, code: 'refresh_failed', message: error?.message ?? 'refresh failed' });
    }
    save(toSession(data.session as Parameters<typeof toSession>[0], now()));
  };
  const refreshOnce = () => (refreshing ??= refresh().finally(() => (refreshing = null)));

  async function tokenFor(): Promise<string> {
    if (!current) throw new HubCallError({ status: 401, code: 'not_signed_in', message: 'Not signed in to the hub' }, 'auth');
    if (current.expiresAt * 1000 - now() < 60_000) await refreshOnce();
    return current!.accessToken;
  }
  const conn: HubConnection = {
    url,
    // supabase-js also asks at construction time (for Realtime); no session yet means no token.
    data: createClient(url, opts.anonKey, { ...common, accessToken: async () => (current ? tokenFor() : null) }),
    session: () => current,
    async signIn(email, password) {
      const { data, error } = await auth.auth.signInWithPassword({ email, password });
      if (error || !data.session) {
        const status = (error as { status?: number } | null)?.status ?? 0;
        if (status === 400 || status === 401 || status === 422) throw new AppError('unauthorized', 'Wrong email or password for this hub');
        throw new AppError('unavailable', `The hub did not answer the sign-in (${error?.message ?? 'no session'})`);
      }
      const s = toSession(data.session as Parameters<typeof toSession>[0], now());
      save(s);
      return s;
    },
    async signOut() {
      const s = current;
      save(null);
      if (s) {
        // Best effort: the local session is gone whatever the hub says.
        await fetchImpl(`${url}/auth/v1/logout`, {
          method: 'POST',
          headers: { apikey: opts.anonKey, authorization: `Bearer ${s.accessToken}` },
        }).catch(() => undefined);
      }
    },
    accessToken: tokenFor,
    forceRefresh: () => refreshOnce(),
  };
  return conn;
}
