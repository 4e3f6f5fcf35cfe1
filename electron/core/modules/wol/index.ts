import { defineModule } from '@core/module.js';
import { wolHandlers } from './handlers.js';

/** Wake-on-LAN: local broadcast, router, relay through a LAN peer; wake state tracking. */
export const wolModule = defineModule({ name: 'wol', handlers: wolHandlers });

export { resolveWakes, runRelayQueue, wakeBooth, WAKE_TIMEOUT_MS, type WolDeps } from './wake.js';
