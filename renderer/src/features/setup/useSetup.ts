import { create } from 'zustand';
import { api } from '@renderer/api';
import { setCurrency } from '@renderer/i18n/format';
import type { BusinessProfile, SetupStatus } from '@shared/model/business';

interface SetupState {
  status: SetupStatus | null;
  business: BusinessProfile | null;
  load(): Promise<void>;
  skip(step: SetupStatus['steps'][number]['id'], skipped?: boolean): Promise<void>;
}

/** The set-up checklist and the business profile, shared by the wizard, the dashboard tile and Settings. */
export const useSetup = create<SetupState>((set) => ({
  status: null,
  business: null,
  async load() {
    const [status, business] = await Promise.all([
      api.call('setup.status', {}, { silent: true }),
      api.call('setup.business.get', {}, { silent: true }),
    ]);
    if (business) setCurrency(business.currency);
    set({ status, business });
  },
  async skip(step, skipped = true) {
    set({ status: await api.call('setup.skip', { step, skipped }, { silent: true }) });
  },
}));
