import { create } from 'zustand';
import type { NotionDataSource, NotionRun, NotionSkippedPage, NotionStatus } from '@shared/model/notion';
import { api } from '../api';
import { followStatus } from './followStatus';

interface NotionState {
  status: NotionStatus | null;
  skipped: NotionSkippedPage[];
  dataSources: NotionDataSource[];
  loadStatus(): Promise<void>;
  loadSkipped(): Promise<void>;
  loadDataSources(): Promise<void>;
  connect(c: { token?: string; baseUrl?: string }): Promise<void>;
  disconnect(): Promise<void>;
  syncNow(): Promise<NotionRun>;
  /** Live status through the core's notion.status event plus a slow poll; returns the stop function. */
  watch(): () => void;
}

/** Notion link status; the token stays in the core (this store never sees it). */
export const useNotion = create<NotionState>((set, get) => ({
  status: null,
  skipped: [],
  dataSources: [],
  async loadStatus() {
    set({ status: await api.call('notion.status', {}, { silent: true }) });
  },
  async loadSkipped() {
    set({ skipped: (await api.call('notion.skipped', { limit: 200 }, { silent: true })).items });
  },
  async loadDataSources() {
    set({ dataSources: await api.call('notion.dataSources', {}) });
  },
  async connect(c) {
    set({ status: await api.call('notion.connect', c) });
  },
  async disconnect() {
    set({ status: await api.call('notion.disconnect', {}), dataSources: [] });
  },
  async syncNow() {
    const r = await api.call('notion.syncNow', {});
    await Promise.all([get().loadStatus(), get().loadSkipped()]);
    return r;
  },
  watch() {
    let wasRunning = false;
    const loadSkipped = () =>
      void get()
        .loadSkipped()
        .catch(() => undefined);
    loadSkipped();
    return followStatus(
      () =>
        api.subscribe('notion.status', (status) => {
          set({ status });
          // A run just ended: its skipped pages are new.
          if (wasRunning && !status.running) loadSkipped();
          wasRunning = status.running;
        }),
      () => get().loadStatus(),
    );
  },
}));
