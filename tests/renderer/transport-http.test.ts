import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '@shared/rpc';

/** Just enough of a browser for the bridge transport: location, history, sessionStorage, fetch, WebSocket. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.all.push(this);
  }
}

let replaced: string[];
let storage: Map<string, string>;

function stubBrowser(hash: string) {
  replaced = [];
  storage = new Map();
  FakeSocket.all = [];
  const location = { hash, pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:4321' };
  vi.stubGlobal('window', { location });
  vi.stubGlobal('history', { replaceState: (_s: unknown, _t: string, url: string) => (replaced.push(url), (location.hash = '')) });
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
  vi.stubGlobal('WebSocket', FakeSocket);
}

async function load() {
  vi.resetModules();
  return import('@renderer/api/transport.http');
}

beforeEach(() => stubBrowser(''));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('bridge token', () => {
  it('is taken from the #token= fragment, kept for the tab and removed from the address bar', async () => {
    stubBrowser('#token=Ab-9_xyz');
    const { takeBridgeToken } = await load();
    expect(takeBridgeToken()).toBe('Ab-9_xyz');
    expect(replaced).toEqual(['/']);
    // A reload has no fragment any more: the tab's sessionStorage still has it.
    expect(takeBridgeToken()).toBe('Ab-9_xyz');
  });

  it('is null when the page was opened without one', async () => {
    const { takeBridgeToken } = await load();
    expect(takeBridgeToken()).toBeNull();
  });

  it('is forgotten on request', async () => {
    stubBrowser('#token=abc');
    const { takeBridgeToken, forgetBridgeToken } = await load();
    takeBridgeToken();
    forgetBridgeToken();
    expect(takeBridgeToken()).toBeNull();
  });
});

describe('bridge transport requests', () => {
  it('POSTs {channel,input} to /rpc with the bearer token and returns the envelope', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, data: 42 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const { httpTransport } = await load();
    const res = await httpTransport('tok').request({ channel: 'system.info', input: {} });
    expect(res).toEqual({ ok: true, data: 42 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/rpc');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(init.body as string)).toEqual({ channel: 'system.info', input: {} });
  });

  it('says the bridge is unreachable when fetch fails', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const { httpTransport } = await load();
    const res = await httpTransport('tok').request({ channel: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('reports a non-JSON answer as internal with its HTTP status', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const { httpTransport } = await load();
    const res = await httpTransport('tok').request({ channel: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!res.ok && res.error.message).toContain('502');
  });

  it('maps 401 to unauthorized, forgets the stale token, says so once and stops reconnecting the event socket', async () => {
    vi.useFakeTimers();
    stubBrowser('#token=stale');
    vi.stubGlobal('fetch', async () => new Response('{"error":"unauthorized"}', { status: 401 }));
    const { httpTransport, takeBridgeToken } = await load();
    const states: string[] = [];
    const t = httpTransport(takeBridgeToken()!, (s) => states.push(s));
    t.subscribe(() => undefined);
    expect(FakeSocket.all).toHaveLength(1);
    const res = await t.request({ channel: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    FakeSocket.all[0]!.onclose?.();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(states).toEqual(['connecting', 'unauthorized']);
    expect(takeBridgeToken()).toBeNull();
  });
});

describe('bridge transport events', () => {
  it('opens /events with the opsdeck.<token> sub-protocol once and delivers {event,payload} messages', async () => {
    const { httpTransport } = await load();
    const states: string[] = [];
    const t = httpTransport('tok', (s) => states.push(s));
    const got: PushEvent[] = [];
    t.subscribe((ev) => got.push(ev));
    t.subscribe(() => undefined);
    expect(FakeSocket.all).toHaveLength(1);
    const ws = FakeSocket.all[0]!;
    expect(ws.url).toBe('ws://127.0.0.1:4321/events');
    expect(ws.protocols).toEqual(['opsdeck.tok']);
    ws.onopen?.();
    ws.onmessage?.({ data: JSON.stringify({ event: 'settings.changed', payload: { theme: 'dark' } }) });
    ws.onmessage?.({ data: 'not json' });
    expect(got).toEqual([{ event: 'settings.changed', payload: { theme: 'dark' } }]);
    expect(states).toEqual(['connecting', 'open']);
  });

  it('reconnects after a drop with a growing, capped delay, and resets it once connected', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1); // upper end of the jitter: delay = 500 ms × 2^attempt
    const { httpTransport } = await load();
    const states: string[] = [];
    httpTransport('tok', (s) => states.push(s)).subscribe(() => undefined);

    FakeSocket.all[0]!.onclose?.();
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);

    FakeSocket.all[1]!.onclose?.();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(3);

    // Many failures in a row never wait more than 30 s.
    for (let i = 0; i < 10; i++) {
      FakeSocket.all.at(-1)!.onclose?.();
      await vi.advanceTimersByTimeAsync(30_000);
    }
    expect(FakeSocket.all).toHaveLength(13);

    FakeSocket.all.at(-1)!.onopen?.();
    FakeSocket.all.at(-1)!.onclose?.();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(14);
    expect(states.at(-2)).toBe('closed');
    vi.mocked(Math.random).mockRestore();
  });
});
