import { defineModule } from '@core/module.js';
import { staffingHandlers } from './handlers.js';

/** Who works which event (issue 18, item 6): admins assign installers; installers read the clients of their events only. */
export const staffingModule = defineModule({ name: 'staffing', handlers: staffingHandlers });

/** For the client readers of other modules (crm, today): what an installer may read on this device. */
export { clientScope, inClientScope, eventScope } from './handlers.js';
