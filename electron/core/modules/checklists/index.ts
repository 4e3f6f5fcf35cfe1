import { defineModule } from '@core/module.js';
import { checklistsHandlers } from './handlers.js';

/** Event checklists: templates, their instances on events, ticks (issue 16). */
export const checklistsModule = defineModule({ name: 'checklists', handlers: checklistsHandlers });

/**
 * For other modules (bookings on create, quotes on acceptance): instantiate a template on an event
 * (default template unless named), idempotent, inside the caller's transaction when there is one.
 */
export { instantiateChecklist, eventChecklist } from './handlers.js';
export { BUILTIN_TEMPLATE_ID } from './builtin.js';
/** Required items still open on an event (completing it is refused while > 0 unless an admin overrides). */
export { progressFor as checklistProgress } from '@core/db/repos/checklists.js';
