import { defineModule } from '@core/module.js';
import { syncHandlers } from './handlers.js';
import { syncService } from './service.js';

/** Outbox push, cursor pull, conflicts and dead letters against the Supabase hub; its schedule and Realtime hint. */
export const syncModule = defineModule({
  name: 'sync',
  handlers: syncHandlers,
  start: ({ ctx }) => syncService(ctx).start(),
});

export { requestSyncRound, syncRelayAvailable, installSyncService, syncService, SyncService, type SyncServiceDeps } from './service.js';
