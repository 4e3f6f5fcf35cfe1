import { defineModule } from '@core/module.js';
import { systemHandlers } from './handlers.js';

/** Settings, users, audit, health, demo set-up. Device settings themselves live in electron/core/settings.ts. */
export const systemModule = defineModule({ name: 'system', handlers: systemHandlers });
