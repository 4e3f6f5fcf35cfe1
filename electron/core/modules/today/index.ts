import { defineModule } from '@core/module.js';
import { todayHandlers } from './handlers.js';

/** The installer's day (issue 16): today's and tomorrow's events with their booths, offline. */
export const todayModule = defineModule({ name: 'today', handlers: todayHandlers });
