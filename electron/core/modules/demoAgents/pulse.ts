import type { CoreContext } from '@core/context.js';
import { getLocal } from '@core/db/repos/localState.js';
import { listBooths, setConnectivity } from '@core/db/repos/booths.js';
import { insertHealth, latestHealth } from '@core/db/repos/boothHealth.js';
import { DEMO_BOOTHS } from '@core/demo/booths.js';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events'>;

/** How often a simulated agent beats (the real one beats every 30 s; three missed beats is "offline"). */
export const DEMO_PULSE_MS = 30_000;
/** How often it reports a health sample (as the real agent does). */
export const DEMO_HEALTH_MS = 10 * 60_000;

/** The demo's booths that have a (simulated) agent running: those the demo shows online. */
const LIVE = new Set(DEMO_BOOTHS.filter((b) => b.status === 'online').map((b) => b.name));

export function isDemoDatabase(ctx: Pick<CoreContext, 'db'>): boolean {
  return getLocal(ctx.db, 'setup_choice') === 'demo';
}

export function demoAgentBoothIds(ctx: Pick<CoreContext, 'db'>): string[] {
  if (!isDemoDatabase(ctx)) return [];
  return listBooths(ctx.db)
    .filter((b) => LIVE.has(b.name))
    .map((b) => b.id);
}

/**
 * One beat of every simulated demo agent: the booth is seen now (PC and router reachable), and
 * every ten minutes it reports a health sample like its last one. Keeps a demo fleet alive for as
 * long as `opsdeck serve` runs; does nothing on a real database.
 */
export function demoPulse(ctx: Ctx): number {
  const ids = demoAgentBoothIds(ctx);
  const now = ctx.clock.now();
  for (const id of ids) {
    if (setConnectivity(ctx.db, id, { status: 'online', pcConnected: true, routerConnected: true, lastSeen: now }, now)) {
      ctx.events.emit('fleet.statusChanged', { boothId: id, status: 'online', pcConnected: true, routerConnected: true, lastSeen: now });
    }
    const last = latestHealth(ctx.db, id);
    if (last && now - last.sampledAt >= DEMO_HEALTH_MS) {
      insertHealth(
        ctx.db,
        id,
        { ...last, sampledAt: now, uptimeS: last.uptimeS === null ? null : last.uptimeS + Math.round((now - last.sampledAt) / 1000) },
        { now, device: ctx.deviceId },
      );
    }
  }
  return ids.length;
}
