import WebSocket from 'ws';
import { RealtimeClient, type RealtimeChannel } from '@supabase/supabase-js';
import type { Logger } from '@core/ports/log.js';

/**
 * Realtime `postgres_changes` (v2 API) as a hint to pull now, never as data: an incoming change
 * only asks for a sync round soon (the caller debounces and keeps one round at a time). The
 * payload is never applied; a missed event costs nothing more than waiting for the schedule.
 *
 * One channel, one `postgres_changes` binding per synced table. The socket's own reconnects and
 * channel rejoins are supabase-js's (realtime-js); a channel the hub closes (an expired token,
 * a refused join) is subscribed again here with backoff. The access token comes from a callback,
 * so realtime-js asks for a fresh one at every heartbeat and sends it to the hub when it changes.
 *
 * Why RealtimeClient (supabase-js re-exports it) rather than `client.channel()`: a client made
 * with `accessToken` sets the token it has at construction as a *manual* token that realtime-js
 * never refreshes, so a session older than its access token would lose Realtime after an hour.
 */
export type HintState = 'off' | 'connecting' | 'live' | 'error';

export interface RealtimeHintOptions {
  url: string;
  anonKey: string;
  /** The current access token, refreshed as needed; null when signed out. */
  accessToken(): Promise<string | null>;
  tables: readonly string[];
  /** Changes this device wrote itself (the hub's sync_writer) are not news. */
  deviceId: string;
  onChange(info: { table: string; type: string }): void;
  /** Called after a re-subscription, when events may have been missed. */
  onResubscribed?(): void;
  onState?(s: HintState, detail?: string): void;
  log: Logger;
  /** Test hooks. */
  heartbeatIntervalMs?: number;
  retryDelaysMs?: readonly number[];
}

export interface RealtimeHint {
  state(): HintState;
  stop(): Promise<void>;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

export function startRealtimeHint(o: RealtimeHintOptions): RealtimeHint {
  let state: HintState = 'connecting';
  let stopped = false;
  let channel: RealtimeChannel | null = null;
  let attempt = 0;
  let subscribedOnce = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let lastLogged = '';
  const setState = (s: HintState, detail?: string) => {
    if (stopped) return;
    const key = `${s}:${detail ?? ''}`;
    if (key !== lastLogged) {
      lastLogged = key;
      if (s === 'error') o.log.warn('sync: realtime hint unavailable, the schedule goes on', { detail });
      else o.log.info(`sync: realtime hint ${s}`);
    }
    state = s;
    o.onState?.(s, detail);
  };

  let client: RealtimeClient | null = null;
  try {
    const endpoint = new URL('realtime/v1', o.url.endsWith('/') ? o.url : `${o.url}/`);
    endpoint.protocol = endpoint.protocol.replace('http', 'ws');
    client = new RealtimeClient(endpoint.href, {
      params: { apikey: o.anonKey },
      transport: WebSocket as never,
      accessToken: o.accessToken,
      ...(o.heartbeatIntervalMs ? { heartbeatIntervalMs: o.heartbeatIntervalMs } : {}),
    });
  } catch (e) {
    // Never fatal: polling carries on without the hint.
    setState('error', (e as Error).message);
  }

  const subscribe = () => {
    if (stopped || !client) return;
    const ch = client.channel(`opsdeck-sync-${o.deviceId}-${Date.now().toString(36)}`);
    channel = ch;
    for (const table of o.tables) {
      ch.on(
        'postgres_changes',
        { event: '*', schema: 'public', table },
        (p: { table: string; eventType: string; new?: Record<string, unknown> }) => {
          if (stopped || channel !== ch) return;
          if (p.new && p.new.sync_writer === o.deviceId) return;
          o.onChange({ table: p.table, type: p.eventType });
        },
      );
    }
    ch.subscribe((status, err) => {
      if (stopped || channel !== ch) return;
      if (status === 'SUBSCRIBED') {
        attempt = 0;
        setState('live');
        if (subscribedOnce) o.onResubscribed?.();
        subscribedOnce = true;
      } else if (status === 'CLOSED') {
        // The hub closed the channel (an expired token, for one): join again, later.
        setState('error', 'channel closed by the hub');
        retry();
      } else {
        // CHANNEL_ERROR / TIMED_OUT: realtime-js rejoins by itself while the socket lives.
        setState('error', `${status}${err ? `: ${err.message}` : ''}`);
      }
    });
  };

  const retry = () => {
    if (stopped || retryTimer) return;
    const delays = o.retryDelaysMs ?? RETRY_DELAYS_MS;
    const delay = delays[Math.min(attempt++, delays.length - 1)]!;
    const old = channel;
    channel = null;
    if (old && client) void client.removeChannel(old).catch(() => undefined);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      subscribe();
    }, delay);
    retryTimer.unref?.();
  };

  // The token must be known before the join is sent (the join carries it; realtime-js only
  // pushes a *changed* token afterwards). setAuth() without an argument keeps callback mode.
  if (client) {
    client
      .setAuth()
      .catch((e: unknown) => o.log.warn('sync: realtime hint has no token yet', { error: String(e) }))
      .then(() => subscribe())
      .catch((e: unknown) => setState('error', (e as Error).message));
  }

  return {
    state: () => (stopped ? 'off' : state),
    async stop() {
      if (stopped) return;
      stopped = true;
      state = 'off';
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const ch = channel;
      channel = null;
      try {
        if (ch && client) await Promise.race([client.removeChannel(ch), new Promise((r) => setTimeout(r, 1_000).unref?.())]);
      } catch {
        // best effort
      }
      try {
        client?.disconnect();
      } catch {
        // best effort
      }
      o.onState?.('off');
    },
  };
}
