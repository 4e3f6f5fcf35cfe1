import { defineModule } from '@core/module.js';
import { setupHandlers } from './handlers.js';

/** First start of a real business: its profile (name, address, VAT number, logo, currency, language) and the set-up checklist. */
export const setupModule = defineModule({ name: 'setup', handlers: setupHandlers });

export { readBusiness, setupStatus } from './handlers.js';
