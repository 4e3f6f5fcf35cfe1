import { defineModule } from '@core/module.js';
import { backupHandlers } from './handlers.js';
import { startDailyBackups } from './daily.js';

/** Backups on demand and a daily one (14 kept). */
export const backupModule = defineModule({
  name: 'backup',
  handlers: backupHandlers,
  start: ({ ctx }) => startDailyBackups(ctx),
});
