import { create } from 'zustand';
import type { Output } from '@shared/contract/index';
import type { Settings } from '@shared/model/settings';
import { api, useConnection } from '../api';

type Info = Output<'system.info'>;

interface SystemState {
  info: Info | null;
  settings: Settings | null;
  loading: boolean;
  /** Bumped when the database content changes wholesale (demo loaded, user switched): views reload. */
  dataVersion: number;
  error: string | null;
  load(): Promise<void>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  setup(choice: 'demo' | 'empty'): Promise<void>;
  /** After a sign-in or profile switch: read everything again for the new profile. */
  reloadForUser(): Promise<void>;
}

/** Device info, current user and settings: read once at start, kept fresh by settings.changed. */
export const useSystem = create<SystemState>((set, get) => ({
  info: null,
  settings: null,
  loading: false,
  error: null,
  dataVersion: 0,
  async load() {
    set({ loading: true, error: null });
    try {
      const [info, settings] = await Promise.all([api.call('system.info', {}), api.call('settings.get', {})]);
      set({ info, settings, loading: false });
    } catch (e) {
      set({ loading: false, error: (e as Error).message });
    }
  },
  async saveSettings(patch) {
    // Language and theme are display preferences anyone may change; the rest needs an admin.
    const displayOnly = Object.keys(patch).every((k) => k === 'language' || k === 'theme');
    const settings = displayOnly
      ? await api.call('settings.setDisplay', patch as { language?: Settings['language']; theme?: Settings['theme'] }, { silent: true })
      : await api.call('settings.set', patch, { silent: true });
    set({ settings });
    const info = get().info;
    if (info) set({ info: { ...info, deviceName: settings.deviceName, mode: settings.mode } });
    return settings;
  },
  async setup(choice) {
    await api.call('system.setup', { choice });
    await get().load();
    set((s) => ({ dataVersion: s.dataVersion + 1 }));
  },
  async reloadForUser() {
    await get().load();
    set((s) => ({ dataVersion: s.dataVersion + 1 }));
  },
}));

api.subscribe('settings.changed', (settings) => {
  const s = useSystem.getState();
  useSystem.setState({ settings, info: s.info ? { ...s.info, deviceName: settings.deviceName, mode: settings.mode } : s.info });
});

// Events sent while the bridge's socket was down are lost: read the state again once it is back.
let missedEvents = false;
useConnection.subscribe(({ state }) => {
  if (state === 'closed') missedEvents = true;
  else if (state === 'open' && missedEvents) {
    missedEvents = false;
    if (useSystem.getState().info) void useSystem.getState().load();
  }
});
