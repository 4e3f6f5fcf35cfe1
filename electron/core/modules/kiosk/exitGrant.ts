import type { CoreContext } from '../../context.js';

/** How long a correct PIN keeps the kiosk window closable. */
export const EXIT_GRANT_MS = 60_000;
const KEY = 'kiosk.exitGrantUntil';

export function grantExit(ctx: Pick<CoreContext, 'services' | 'clock'>): number {
  const until = ctx.clock.now() + EXIT_GRANT_MS;
  ctx.services.set(KEY, until);
  return until;
}

export function exitGrantUntil(ctx: Pick<CoreContext, 'services' | 'clock'>): number | null {
  const until = ctx.services.get(KEY);
  return typeof until === 'number' && until > ctx.clock.now() ? until : null;
}

/**
 * Asked synchronously by the Electron shell's close handler: true only inside a grant the core
 * gave after a correct PIN. In memory on purpose, so a restart always comes back locked.
 */
export function exitAllowed(ctx: Pick<CoreContext, 'services' | 'clock'>): boolean {
  return exitGrantUntil(ctx) !== null;
}
