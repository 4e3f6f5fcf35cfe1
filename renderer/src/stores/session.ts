import { create } from 'zustand';
import type { SessionStatus, SignInResult } from '@shared/contract/identity';
import { api } from '../api';

interface SessionState {
  status: SessionStatus | null;
  error: string | null;
  load(): Promise<SessionStatus | null>;
  signIn(userId: string, secret: string): Promise<SignInResult>;
  createFirstAdmin(input: { displayName: string; email: string | null; password: string }): Promise<void>;
  enterDemo(userId?: string): Promise<void>;
  signOut(): Promise<void>;
}

/** Who is signed in on this device: the app shows the sign-in screen until someone is. */
export const useSession = create<SessionState>((set) => ({
  status: null,
  error: null,
  async load() {
    try {
      const status = await api.call('session.status', {}, { silent: true });
      set({ status, error: null });
      return status;
    } catch (e) {
      set({ error: (e as Error).message });
      return null;
    }
  },
  async signIn(userId, secret) {
    const r = await api.call('session.signIn', { userId, secret }, { silent: true });
    set({ status: r.status });
    return r;
  },
  async createFirstAdmin(input) {
    set({ status: await api.call('session.createFirstAdmin', input, { silent: true }) });
  },
  async enterDemo(userId) {
    set({ status: await api.call('session.enterDemo', userId ? { userId } : {}, { silent: true }) });
  },
  async signOut() {
    set({ status: await api.call('session.signOut', {}) });
  },
}));

api.subscribe('session.changed', () => void useSession.getState().load());
