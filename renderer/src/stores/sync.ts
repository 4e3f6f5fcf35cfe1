import { create } from 'zustand';
import type { SyncStatus, SyncConflict, SyncDeadLetter, SyncRoundSummary } from '@shared/model/sync';
import { api } from '../api';
import { followStatus } from './followStatus';

interface SyncState {
  status: SyncStatus | null;
  conflicts: SyncConflict[];
  deadLetters: SyncDeadLetter[];
  loadStatus(): Promise<void>;
  loadLists(): Promise<void>;
  syncNow(): Promise<SyncRoundSummary>;
  configure(c: { hubUrl: string; anonKey?: string; intervalMinutes: number; enabled: boolean }): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retry(id: string): Promise<void>;
  discard(id: string): Promise<void>;
  /** Live status through the core's sync.status event plus a slow poll; returns the stop function. */
  watch(): () => void;
}

/** After a write: the status and both lists again. */
const reloadAll = (s: SyncState) => Promise.all([s.loadStatus(), s.loadLists()]);

/** Sync status and lists; the core holds the session, this store only ever sees status. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  conflicts: [],
  deadLetters: [],
  async loadStatus() {
    set({ status: await api.call('sync.status', {}, { silent: true }) });
  },
  async loadLists() {
    const [c, d] = await Promise.all([
      api.call('sync.conflicts', { limit: 200 }, { silent: true }),
      api.call('sync.deadLetters', {}, { silent: true }),
    ]);
    set({ conflicts: c.items, deadLetters: d.items });
  },
  async syncNow() {
    const s = await api.call('sync.now', {});
    await reloadAll(get());
    return s;
  },
  async configure(c) {
    set({ status: await api.call('sync.configure', c) });
  },
  async signIn(email, password) {
    set({ status: await api.call('sync.signIn', { email, password }) });
  },
  async signOut() {
    set({ status: await api.call('sync.signOut', {}) });
  },
  async retry(id) {
    await api.call('sync.retryDeadLetter', { id });
    await reloadAll(get());
  },
  async discard(id) {
    await api.call('sync.discardDeadLetter', { id });
    await reloadAll(get());
  },
  watch() {
    return followStatus(
      () => api.subscribe('sync.status', (status) => set({ status })),
      () => get().loadStatus(),
    );
  },
}));
