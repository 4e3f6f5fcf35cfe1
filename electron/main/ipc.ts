import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import type { RpcRequest, RpcResult } from '@shared/rpc.js';
import { isTrustedUrl } from './origins.js';
import type { Router } from '../core/router.js';
import type { EventBus } from '../core/events.js';
import type { Logger } from '../core/ports/log.js';

/** The one invoke channel; every contract channel travels inside it as {channel, input}. */
export const RPC_CHANNEL = 'rpc';
/** The one main → renderer channel, carrying the core's push events. */
export const EVENT_CHANNEL = 'opsdeck:event';

export class UntrustedSenderError extends Error {
  constructor(reason: string) {
    super(`IPC refused: ${reason}`);
    this.name = 'UntrustedSenderError';
  }
}

/** Only the top frame of our own page may call the core (Vesktop's validateSender). */
export function assertTrustedSender(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined,
  trustedOrigins: readonly string[],
): void {
  if (!frame) throw new UntrustedSenderError('no sender frame');
  if (frame.parent !== null) throw new UntrustedSenderError('sub-frame');
  if (!isTrustedUrl(frame.url, trustedOrigins)) throw new UntrustedSenderError('foreign origin');
}

export interface IpcCore {
  router: Pick<Router, 'request'>;
  events: Pick<EventBus, 'subscribe'>;
  log: Logger;
}

/** Registers the RPC handler and the event fan-out; returns the function that removes both. */
export function registerIpc(core: IpcCore, trustedOrigins: readonly string[], targets: () => WebContents[]): () => void {
  ipcMain.handle(RPC_CHANNEL, async (event, raw: unknown): Promise<RpcResult> => {
    try {
      assertTrustedSender(event.senderFrame, trustedOrigins);
    } catch (e) {
      core.log.warn('untrusted IPC sender', { reason: (e as Error).message, url: event.senderFrame?.url ?? null });
      return { ok: false, error: { code: 'forbidden', message: 'This page may not call OpsDeck' } };
    }
    if (typeof raw !== 'object' || raw === null) return core.router.request(raw as RpcRequest);
    // Copy only the envelope's known keys; anything else the renderer attached stays behind.
    const r = raw as Record<string, unknown>;
    return core.router.request({ id: typeof r.id === 'string' ? r.id : undefined, channel: r.channel as string, input: r.input });
  });
  const unsubscribe = core.events.subscribe((ev) => {
    for (const wc of targets()) {
      if (!wc.isDestroyed() && isTrustedUrl(wc.getURL(), trustedOrigins)) wc.send(EVENT_CHANNEL, ev);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(RPC_CHANNEL);
  };
}
