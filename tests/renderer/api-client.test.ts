import { describe, expect, it, vi } from 'vitest';
import { createClient } from '@renderer/api/client';
import { ApiError } from '@renderer/api/errors';
import type { PushEvent, RpcRequest, RpcResult, Transport } from '@shared/rpc';

/** A transport that answers from a queue and lets the test push events. */
function fakeTransport(answers: Array<RpcResult | Error>) {
  const requests: RpcRequest[] = [];
  const listeners = new Set<(ev: PushEvent) => void>();
  let subscribeCalls = 0;
  const transport: Transport = {
    async request(req) {
      requests.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no answer queued');
      if (next instanceof Error) throw next;
      return next;
    },
    subscribe(listener) {
      subscribeCalls++;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    transport,
    requests,
    push: (ev: PushEvent) => listeners.forEach((l) => l(ev)),
    subscribeCalls: () => subscribeCalls,
  };
}

describe('api client', () => {
  it('sends {channel, input} and resolves with the data of an ok envelope', async () => {
    const t = fakeTransport([{ ok: true, data: { deviceName: 'Bureau' } }]);
    const api = createClient(t.transport);
    const out = await api.call('settings.get', {});
    expect(out).toEqual({ deviceName: 'Bureau' });
    expect(t.requests).toEqual([{ channel: 'settings.get', input: {} }]);
  });

  it('rejects with an ApiError carrying code, message, details and channel, and reports it once', async () => {
    const details = { issues: [{ path: ['deviceName'], message: 'Too long' }] };
    const t = fakeTransport([{ ok: false, error: { code: 'invalid_input', message: 'Device name too long', details } }]);
    const onError = vi.fn();
    const api = createClient(t.transport, onError);
    const err = await api.call('settings.set', { deviceName: 'x'.repeat(65) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Device name too long', details, channel: 'settings.set' });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(err);
  });

  it('does not report silent calls (the caller shows the error inline) but still rejects', async () => {
    const t = fakeTransport([{ ok: false, error: { code: 'forbidden', message: 'Admins only' } }]);
    const onError = vi.fn();
    const api = createClient(t.transport, onError);
    await expect(api.call('settings.set', { theme: 'dark' }, { silent: true })).rejects.toMatchObject({ code: 'forbidden' });
    expect(onError).not.toHaveBeenCalled();
  });

  it('turns a transport failure into an ApiError with code "transport"', async () => {
    const t = fakeTransport([new Error('socket hang up')]);
    const onError = vi.fn();
    const api = createClient(t.transport, onError);
    await expect(api.call('system.health', {})).rejects.toMatchObject({
      code: 'transport',
      message: 'socket hang up',
      channel: 'system.health',
    });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('opens one transport subscription and routes each event to its own listeners until they unsubscribe', () => {
    const t = fakeTransport([]);
    const api = createClient(t.transport);
    const changed: unknown[] = [];
    const audited: unknown[] = [];
    const off = api.subscribe('settings.changed', (p) => changed.push(p));
    api.subscribe('audit.appended', (p) => audited.push(p));
    expect(t.subscribeCalls()).toBe(1);

    t.push({ event: 'settings.changed', payload: { theme: 'dark' } });
    t.push({ event: 'audit.appended', payload: { action: 'settings.set', outcome: 'ok' } });
    t.push({ event: 'job.progress', payload: { jobId: 'j', kind: 'k', done: 1, total: 2 } });
    expect(changed).toEqual([{ theme: 'dark' }]);
    expect(audited).toEqual([{ action: 'settings.set', outcome: 'ok' }]);

    off();
    t.push({ event: 'settings.changed', payload: { theme: 'light' } });
    expect(changed).toHaveLength(1);
  });
});
