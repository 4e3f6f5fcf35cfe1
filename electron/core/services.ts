import type { Core } from './entry.js';

/** Hooks modules register to start their schedulers once the core is up; each returns its stop function. */
export type CoreStartHook = (core: Core) => (() => void) | void;

const startHooks: CoreStartHook[] = [];

/** Kept free of imports so modules can register while entry.ts is still loading them. */
export function onCoreStart(hook: CoreStartHook): void {
  startHooks.push(hook);
}

export function coreStartHooks(): readonly CoreStartHook[] {
  return startHooks;
}
