import type { HandlerMap } from '@core/router.js';
import type { agentChannels } from '@shared/contract/agent.js';
import { findBooth, getBooth, listBooths } from '@core/db/repos/booths.js';
import { lastTriggerAt } from '@core/db/repos/boothCounters.js';
import { currentEventFor } from '@core/db/repos/bookings.js';
import { readLastRound } from '@core/db/repos/syncState.js';
import { copiesLeft } from '@shared/model/paper.js';
import { runningAgent } from './service.js';

/** The sync service stores its last round with `lastSuccessAt`; a failed round is not a sync. */
function lastSyncAt(round: unknown): number | null {
  if (!round || typeof round !== 'object') return null;
  const r = round as Record<string, unknown>;
  if (typeof r.lastSuccessAt === 'number') return r.lastSuccessAt;
  return r.ok === true && typeof r.finishedAt === 'number' ? r.finishedAt : null;
}

export const agentHandlers: Pick<HandlerMap, keyof typeof agentChannels> = {
  'agent.kioskView': (i, ctx) => {
    const agent = runningAgent(ctx);
    // The kiosk shows the booth this agent serves, else the one asked for, else the only one.
    const all = agent || i.booth ? [] : listBooths(ctx.db);
    const booth = agent ? getBooth(ctx.db, agent.boothId) : i.booth ? findBooth(ctx.db, i.booth) : all.length === 1 ? all[0]! : null;
    const now = ctx.clock.now();
    return {
      booth,
      currentEvent: booth ? currentEventFor(ctx.db, booth.id, now) : null,
      copiesLeft: booth ? copiesLeft(booth.remainingPrints, booth.printsPerCopy) : null,
      lastTriggerAt: booth ? lastTriggerAt(ctx.db, booth.id) : null,
      lastSyncAt: lastSyncAt(readLastRound(ctx.db)),
      agent: { running: !!agent, listen: agent?.listen ?? null },
    };
  },
};
