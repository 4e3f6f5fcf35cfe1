import type { PushEvent, RpcResult, Transport } from '@shared/rpc';

const TOKEN_KEY = 'opsdeck.bridgeToken';

/** The bridge prints `…/#token=…`; keep it for this tab only and take it out of the address bar. */
export function takeBridgeToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetBridgeToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** 'unauthorized': the bridge refused our token (it restarted with a new one); only a fresh URL helps. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

/** Browser shell: POST /rpc with the bearer token; events over a WebSocket that reconnects with backoff. */
export function httpTransport(token: string, onConnection?: (s: ConnectionState) => void): Transport {
  const listeners = new Set<(ev: PushEvent) => void>();
  let socket: WebSocket | null = null;
  let attempt = 0;
  let unauthorized = false;

  const connect = () => {
    if (unauthorized) return;
    onConnection?.('connecting');
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${window.location.host}/events`, [`opsdeck.${token}`]);
    socket.onopen = () => {
      attempt = 0;
      onConnection?.('open');
    };
    socket.onmessage = (m) => {
      let ev: PushEvent;
      try {
        ev = JSON.parse(String(m.data)) as PushEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(ev);
    };
    socket.onclose = () => {
      if (unauthorized) return;
      onConnection?.('closed');
      const delay = Math.min(30_000, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      setTimeout(connect, delay);
    };
  };

  return {
    async request(req): Promise<RpcResult> {
      let res: Response;
      try {
        res = await fetch('/rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(req),
        });
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'OpsDeck is not reachable (is `opsdeck serve` still running?)' } };
      }
      if (res.status === 401) {
        unauthorized = true;
        forgetBridgeToken();
        onConnection?.('unauthorized');
        return { ok: false, error: { code: 'unauthorized', message: 'This page’s access token is no longer valid' } };
      }
      try {
        return (await res.json()) as RpcResult;
      } catch {
        return { ok: false, error: { code: 'internal', message: `Unexpected answer from the bridge (HTTP ${res.status})` } };
      }
    },
    async uploadCsv(file): Promise<RpcResult> {
      let res: Response;
      try {
        // The body streams from the file: a 64 MB sales history never sits in a JSON string.
        res = await fetch('/upload/csv', {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}` },
          body: file,
        });
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'OpsDeck is not reachable (is `opsdeck serve` still running?)' } };
      }
      try {
        return (await res.json()) as RpcResult;
      } catch {
        return { ok: false, error: { code: 'internal', message: `Unexpected answer from the bridge (HTTP ${res.status})` } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
  };
}
