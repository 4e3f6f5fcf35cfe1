import type { CoreContext } from '@core/context.js';
import { perCore } from '@core/module.js';

/** How long a correct PIN keeps the kiosk window closable. */
export const EXIT_GRANT_MS = 60_000;
/** Per core, in memory on purpose (a restart always comes back locked). */
const grantUntil = perCore<number>();

export function grantExit(ctx: Pick<CoreContext, 'db' | 'clock'>): number {
  const until = ctx.clock.now() + EXIT_GRANT_MS;
  grantUntil.set(ctx, until);
  return until;
}

export function exitGrantUntil(ctx: Pick<CoreContext, 'db' | 'clock'>): number | null {
  const until = grantUntil.peek(ctx);
  return typeof until === 'number' && until > ctx.clock.now() ? until : null;
}

/**
 * Asked synchronously by the Electron shell's close handler: true only inside a grant the core
 * gave after a correct PIN. In memory on purpose, so a restart always comes back locked.
 */
export function exitAllowed(ctx: Pick<CoreContext, 'db' | 'clock'>): boolean {
  return exitGrantUntil(ctx) !== null;
}
