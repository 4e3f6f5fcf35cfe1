import type { Transport } from '@shared/rpc';
import type { OpsdeckBridgeApi } from '@shared/preloadApi';

declare global {
  interface Window {
    opsdeck?: OpsdeckBridgeApi;
  }
}

/** Electron: the preload's window.opsdeck is the whole surface we get. */
export function ipcTransport(bridge: OpsdeckBridgeApi): Transport {
  return {
    request: (req) => bridge.invoke(req.channel, req.input),
    subscribe: (listener) => bridge.subscribe('*', listener),
  };
}
