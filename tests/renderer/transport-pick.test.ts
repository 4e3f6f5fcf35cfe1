import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '@shared/rpc';

function stubLocation(hash: string) {
  const storage = new Map<string, string>();
  vi.stubGlobal('history', { replaceState: () => undefined });
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
  return { location: { hash, pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:1' } };
}

async function loadApi() {
  vi.resetModules();
  return import('@renderer/api/index');
}

afterEach(() => vi.unstubAllGlobals());

describe('transport chosen once at start-up', () => {
  it('uses Electron’s preload bridge when window.opsdeck exists, and nothing else', async () => {
    const calls: Array<[string, unknown]> = [];
    const listeners: Array<(ev: PushEvent) => void> = [];
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    vi.stubGlobal('window', {
      ...stubLocation('#token=ignored'),
      opsdeck: {
        invoke: async (channel: string, input: unknown) => (calls.push([channel, input]), { ok: true, data: { deviceName: 'Borne 3' } }),
        subscribe: (event: string, cb: (ev: PushEvent) => void) => (expect(event).toBe('*'), listeners.push(cb), () => undefined),
      },
    });
    const { api, transportKind, useConnection } = await loadApi();
    expect(transportKind).toBe('ipc');
    expect(useConnection.getState().state).toBe('ipc');
    await expect(api.call('settings.get', {})).resolves.toEqual({ deviceName: 'Borne 3' });
    expect(calls).toEqual([['settings.get', {}]]);
    const got: unknown[] = [];
    api.subscribe('settings.changed', (p) => got.push(p));
    listeners.forEach((l) => l({ event: 'settings.changed', payload: { theme: 'dark' } }));
    expect(got).toEqual([{ theme: 'dark' }]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('uses the bridge with the token from the address in a browser', async () => {
    vi.stubGlobal('window', stubLocation('#token=abc'));
    vi.stubGlobal('WebSocket', class {});
    const fetchSpy = vi.fn(async () => new Response('{"ok":true,"data":1}'));
    vi.stubGlobal('fetch', fetchSpy);
    const { api, transportKind } = await loadApi();
    expect(transportKind).toBe('http');
    await api.call('system.health', {});
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('knows it has no token, and every call says so without touching the network', async () => {
    vi.stubGlobal('window', stubLocation(''));
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const { api, transportKind } = await loadApi();
    expect(transportKind).toBe('missing-token');
    await expect(api.call('system.info', {}, { silent: true })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
