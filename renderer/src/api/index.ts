import { create } from 'zustand';
import { useToasts } from '../stores/toasts';
import i18n from '../i18n';
import { createClient } from './client';
import { ApiError } from './errors';
import { ipcTransport } from './transport.ipc';
import { httpTransport, takeBridgeToken, type ConnectionState } from './transport.http';
import { toastForError } from './errorToast';

export { ApiError };

/** Live state of the transport, for the title bar. */
export const useConnection = create<{ state: ConnectionState | 'ipc'; set(s: ConnectionState): void }>((set) => ({
  state: 'connecting',
  set: (s) => set({ state: s }),
}));

function reportError(e: ApiError) {
  // Signed out (here or in another window): the sign-in screen replaces the app, no toast for it.
  if (e.code === 'unauthorized' && (e.details as { signIn?: boolean } | undefined)?.signIn) return;
  useToasts.getState().push(toastForError(e, (key, opts) => i18n.t(key, opts)));
}

/** Chosen once at start-up: Electron's preload bridge when present, else the localhost bridge. */
function pickTransport() {
  if (typeof window !== 'undefined' && window.opsdeck) {
    useConnection.setState({ state: 'ipc' });
    return { kind: 'ipc' as const, transport: ipcTransport(window.opsdeck) };
  }
  const token = takeBridgeToken();
  if (!token) return { kind: 'missing-token' as const, transport: null };
  return { kind: 'http' as const, transport: httpTransport(token, (s) => useConnection.getState().set(s)) };
}

const picked = pickTransport();
export const transportKind = picked.kind;
export const api = createClient(
  picked.transport ?? {
    request: async () => ({ ok: false, error: { code: 'unauthorized', message: 'No access token' } }),
    subscribe: () => () => undefined,
  },
  reportError,
);
