import { defineModule } from '@core/module.js';
import { identityHandlers } from './handlers.js';

/** Who is who on this device: profiles' passwords and PINs, sign-in, the first admin, the hub role cap. */
export const identityModule = defineModule({ name: 'identity', handlers: identityHandlers });

export { createSession, capRole, KIOSK_CALLER } from './session.js';
