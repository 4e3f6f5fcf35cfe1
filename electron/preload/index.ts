import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { OpsdeckBridgeApi } from '@shared/preloadApi.js';
import type { PushEvent, RpcResult } from '@shared/rpc.js';

// Kept in step with electron/main/ipc.ts; not imported, so this sandboxed bundle pulls in nothing else.
const RPC_CHANNEL = 'rpc';
const EVENT_CHANNEL = 'opsdeck:event';
const EVENT_NAME = /^(\*|[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*)$/;

/**
 * The whole surface the renderer gets: two functions. No ipcRenderer, no require, and the
 * IpcRendererEvent (which carries `sender`) never reaches page code.
 */
const api: OpsdeckBridgeApi = {
  invoke(channel: string, input?: unknown): Promise<RpcResult> {
    if (typeof channel !== 'string')
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: 'Channel must be a string' } });
    return ipcRenderer.invoke(RPC_CHANNEL, { channel, input });
  },
  subscribe(event: string, cb: (ev: PushEvent) => void): () => void {
    if (typeof event !== 'string' || event.length > 100 || !EVENT_NAME.test(event)) throw new TypeError('Unknown event name');
    if (typeof cb !== 'function') throw new TypeError('Callback must be a function');
    const listener = (_e: IpcRendererEvent, ev: PushEvent) => {
      if (event === '*' || ev.event === event) cb({ event: ev.event, payload: ev.payload });
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('opsdeck', api);
