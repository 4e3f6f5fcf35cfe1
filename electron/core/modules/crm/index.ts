import { defineModule } from '@core/module.js';
import { crmHandlers } from './handlers.js';

/** Clients and contacts, the pipeline, quotes (booking their event), customer orders, event registrations (issue 18). */
export const crmModule = defineModule({ name: 'crm', handlers: crmHandlers });
