import { create } from 'zustand';
import type { Booth } from '@shared/model/booth';
import type { Alert, WakeCommand } from '@shared/model/alert';
import { api } from '../api';
import { onDataChanged } from './dataFeed';

interface FleetState {
  booths: Booth[];
  alerts: Alert[];
  wakes: Record<string, WakeCommand>;
  /** Booths whose agent is simulated (demo database): shown with a "démo" mark. */
  simulated: string[];
  loaded: boolean;
  load(): Promise<void>;
  wake(boothId: string): Promise<WakeCommand>;
  /** Starts push subscriptions: status, counters, alerts, wakes, and the change feed (pulled or another process's rows); no polling. */
  watch(): () => void;
}

/** The fleet grid shows these tables (booth rows, their counters and health, alerts, wakes, events). */
const FLEET_TABLES = ['booths', 'booth_counter_events', 'booth_health', 'alerts', 'wake_commands', 'events'];

let reloadTimer: ReturnType<typeof setTimeout> | null = null;

export const useFleet = create<FleetState>((set, get) => ({
  booths: [],
  alerts: [],
  wakes: {},
  simulated: [],
  loaded: false,
  async load() {
    const [booths, alerts, wakes, demo] = await Promise.all([
      api.call('booths.list', {}, { silent: true }),
      api.call('alerts.list', { open: true }, { silent: true }),
      api.call('wol.list', { limit: 50 }, { silent: true }),
      api.call('demo.agents', {}, { silent: true }).catch(() => ({ boothIds: [] as string[] })),
    ]);
    // Latest wake per booth, for the Power on button's state.
    const latest: Record<string, WakeCommand> = {};
    for (const w of wakes) if (!latest[w.boothId] || latest[w.boothId]!.requestedAt < w.requestedAt) latest[w.boothId] = w;
    set({ booths, alerts, wakes: latest, simulated: demo.boothIds, loaded: true });
  },
  async wake(boothId) {
    const w = await api.call('wol.wake', { booth: boothId });
    set((s) => ({ wakes: { ...s.wakes, [boothId]: w } }));
    return w;
  },
  watch() {
    const soon = () => {
      if (reloadTimer) return;
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void get()
          .load()
          .catch(() => undefined);
      }, 250);
    };
    const offs = [
      api.subscribe('fleet.statusChanged', soon),
      api.subscribe('booth.countersChanged', soon),
      api.subscribe('alert.raised', soon),
      api.subscribe('alert.cleared', soon),
      api.subscribe('wake.stateChanged', (w) => set((s) => ({ wakes: { ...s.wakes, [w.boothId]: w } }))),
      onDataChanged(FLEET_TABLES, soon, 0),
    ];
    void get()
      .load()
      .catch(() => undefined);
    return () => offs.forEach((o) => o());
  },
}));
