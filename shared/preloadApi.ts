import type { PushEvent, RpcResult } from './rpc.js';

/**
 * What the Electron preload exposes as `window.opsdeck` (and nothing more). The renderer's IPC
 * transport wraps it; its absence means the app runs in the browser shell.
 */
export interface OpsdeckBridgeApi {
  /** One call of a contract channel; resolves with the core's result envelope, never rejects on app errors. */
  invoke(channel: string, input?: unknown): Promise<RpcResult>;
  /** Push events named `event` (or every event with '*'); returns the unsubscribe function. */
  subscribe(event: string, cb: (ev: PushEvent) => void): () => void;
}
