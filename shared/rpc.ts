import type { AppErrorShape } from './errors.js';

/** One request on any transport (Electron IPC, bridge HTTP, in-process). */
export interface RpcRequest {
  id?: string;
  channel: string;
  input: unknown;
}

export type RpcResult<T = unknown> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

/** A push event from the core to every subscribed renderer. */
export interface PushEvent<P = unknown> {
  event: string;
  payload: P;
}

/** What the renderer's api client needs from a transport. */
export interface Transport {
  request(req: RpcRequest): Promise<RpcResult>;
  subscribe(listener: (ev: PushEvent) => void): () => void;
  /**
   * Browser shell only: streams a CSV file to the bridge (POST /upload/csv), answering
   * `{ uploadId, size }` for the CSV channels' uploadId. Absent on IPC: files go inline there.
   */
  uploadCsv?(file: Blob): Promise<RpcResult>;
}
