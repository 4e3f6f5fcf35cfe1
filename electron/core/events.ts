import { events, isEventName, type EventName, type EventPayload } from '@shared/contract/index.js';
import type { PushEvent } from '@shared/rpc.js';
import { AppError } from '@shared/errors.js';

export type EventListener = (ev: PushEvent) => void;

/** The core's typed push stream; Electron IPC and the bridge's WebSocket both subscribe here. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(onListenerError?: (e: unknown) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      if (!isEventName(name)) throw new AppError('internal', `Unknown event ${String(name)}`);
      const parsed = events[name].parse(payload);
      for (const l of listeners) {
        try {
          l({ event: name, payload: parsed });
        } catch (e) {
          onListenerError?.(e);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
