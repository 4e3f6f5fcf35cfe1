import { defineModule } from '../../module.js';
import { kioskHandlers } from './handlers.js';

/** The booth PC's kiosk lock: PIN, throttling, the short exit grant. */
export const kioskModule = defineModule({ name: 'kiosk', handlers: kioskHandlers });

export { exitAllowed, exitGrantUntil, EXIT_GRANT_MS } from './exitGrant.js';
