import type { HandlerMap } from './router.js';
import { systemHandlers } from './modules/system/handlers.js';

/** Every channel of the contract has exactly one handler; the compiler checks it. */
export const handlers = {
  ...systemHandlers,
} satisfies HandlerMap;
