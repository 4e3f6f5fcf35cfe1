import { defineModule } from '@core/module.js';
import { kioskHandlers } from './handlers.js';

/** The booth PC's kiosk lock: PIN, throttling, the short exit grant. */
export const kioskModule = defineModule({ name: 'kiosk', handlers: kioskHandlers });

export { exitAllowed, exitGrantUntil, EXIT_GRANT_MS } from './exitGrant.js';
export { kioskPinSet } from './handlers.js';
// Shared with the identity module: the same scrypt hash and the same attempt limit for profiles.
export { hashPin, verifyPin, type StoredPin } from './pinHash.js';
export { attemptsLeft, lockRemaining, NO_FAILURES, reserveAttempt, FREE_ATTEMPTS } from './throttle.js';
