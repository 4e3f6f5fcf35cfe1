import { defineModule } from '@core/module.js';
import { alertsHandlers } from './handlers.js';

/** Booth alerts: pure rules (rules.ts) and their evaluation against the database. */
export const alertsModule = defineModule({ name: 'alerts', handlers: alertsHandlers });

export { evaluateBoothAlerts } from './evaluate.js';
