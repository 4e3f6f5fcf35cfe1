import type { Channel, EventName, EventPayload, Input, Output } from '@shared/contract/index';
import type { PushEvent, Transport } from '@shared/rpc';
import type { AppErrorShape } from '@shared/errors';
import { ApiError } from './errors';

export interface CallOptions {
  /** The caller shows the error itself (inline form errors); no toast. */
  silent?: boolean;
}

export interface ApiClient {
  /** One typed call of the contract; rejects with ApiError carrying the core's error code. */
  call<C extends Channel>(channel: C, input: Input<C>, opts?: CallOptions): Promise<Output<C>>;
  /** Typed push events; returns the unsubscribe function. */
  subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** Whether files go to the core as uploads (browser shell) rather than inline. */
  readonly uploads: boolean;
  /** Streams a CSV file to the bridge; its id stands for the file in the CSV channels. Browser shell only. */
  uploadCsv(file: Blob, opts?: CallOptions): Promise<{ uploadId: string; size: number }>;
}

export function createClient(transport: Transport, onError?: (e: ApiError) => void): ApiClient {
  const byEvent = new Map<string, Set<(p: unknown) => void>>();
  let unsubscribeTransport: (() => void) | null = null;
  const dispatch = (ev: PushEvent) => {
    for (const cb of byEvent.get(ev.event) ?? []) cb(ev.payload);
  };
  return {
    async call(channel, input, opts) {
      let result;
      try {
        result = await transport.request({ channel, input });
      } catch (e) {
        const err = new ApiError(channel, { code: 'transport', message: e instanceof Error ? e.message : String(e) });
        if (!opts?.silent) onError?.(err);
        throw err;
      }
      if (result.ok) return result.data as never;
      const err = new ApiError(channel, result.error);
      if (!opts?.silent) onError?.(err);
      throw err;
    },
    uploads: typeof transport.uploadCsv === 'function',
    async uploadCsv(file, opts) {
      const fail = (error: AppErrorShape | { code: 'transport'; message: string }) => {
        const err = new ApiError('upload.csv', error);
        if (!opts?.silent) onError?.(err);
        return err;
      };
      if (!transport.uploadCsv) throw fail({ code: 'unavailable', message: 'Uploads go through the browser shell only' });
      let result;
      try {
        result = await transport.uploadCsv(file);
      } catch (e) {
        throw fail({ code: 'transport', message: e instanceof Error ? e.message : String(e) });
      }
      if (!result.ok) throw fail(result.error);
      return result.data as { uploadId: string; size: number };
    },
    subscribe(event, cb) {
      if (!unsubscribeTransport) unsubscribeTransport = transport.subscribe(dispatch);
      let set = byEvent.get(event);
      if (!set) byEvent.set(event, (set = new Set()));
      set.add(cb as (p: unknown) => void);
      return () => set!.delete(cb as (p: unknown) => void);
    },
  };
}
