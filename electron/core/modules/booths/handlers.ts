import type { HandlerMap } from '@core/router.js';
import type { boothsChannels } from '@shared/contract/booths.js';
import { getBooth, insertBooth, listBooths, softDeleteBooth, updateBooth } from '@core/db/repos/booths.js';
import { appendCounter, listCounters } from '@core/db/repos/boothCounters.js';
import { listHealth, listSpeedTests } from '@core/db/repos/boothHealth.js';
import { currentEventFor, listEvents } from '@core/db/repos/bookings.js';
import { AppError } from '@shared/errors.js';
import { triggerPathFor, type TriggerSecretView } from '@shared/model/booth.js';
import { getTriggerSecret, setTriggerSecret, triggerSecretUpdatedAt } from '@core/db/repos/boothTriggerSecrets.js';
import type { Db } from '@core/db/connection.js';
import { evaluateBoothAlerts } from '../alerts/index.js';
import { correctCounter, reloadPaper } from './operator.js';
import { readPaperStock, setPaperStock } from './paperStock.js';

function secretView(db: Db, boothId: string): TriggerSecretView {
  const secret = getTriggerSecret(db, boothId);
  return { boothId, secret, path: triggerPathFor(secret), updatedAt: triggerSecretUpdatedAt(db, boothId) };
}

export const boothsHandlers: Pick<HandlerMap, keyof typeof boothsChannels> = {
  'booths.list': (_i, ctx) => listBooths(ctx.db),
  'booths.triggerSecret': (i, ctx) => {
    if (!getBooth(ctx.db, i.id)) throw new AppError('not_found', 'Booth not found');
    return secretView(ctx.db, i.id);
  },
  'booths.setTriggerSecret': (i, ctx) => {
    if (!getBooth(ctx.db, i.id)) throw new AppError('not_found', 'Booth not found');
    setTriggerSecret(ctx.db, i.id, i.action, { now: ctx.clock.now(), device: ctx.deviceId });
    return secretView(ctx.db, i.id);
  },
  'booths.get': (i, ctx) => {
    const booth = getBooth(ctx.db, i.id);
    if (!booth) throw new AppError('not_found', 'Booth not found');
    const now = ctx.clock.now();
    return {
      booth,
      currentEvent: currentEventFor(ctx.db, booth.id, now),
      events: listEvents(ctx.db, { boothId: booth.id, limit: 50 }),
      health: listHealth(ctx.db, booth.id, now - i.healthHours * 3_600_000),
      speedTests: listSpeedTests(ctx.db, booth.id, 20),
      counters: listCounters(ctx.db, booth.id, 50),
    };
  },
  'booths.create': (i, ctx) => {
    const b = insertBooth(ctx.db, i, { now: ctx.clock.now(), device: ctx.deviceId });
    evaluateBoothAlerts(ctx, b.id);
    return b;
  },
  'booths.update': (i, ctx) => {
    const { id, ...fields } = i;
    const current = getBooth(ctx.db, id);
    if (!current) throw new AppError('not_found', 'Booth not found');
    // Thresholds are checked as a pair against what is stored, so changing one alone is safe.
    const w = fields.warningThreshold ?? current.warningThreshold;
    const c = fields.criticalThreshold ?? current.criticalThreshold;
    if (w < c) throw new AppError('invalid_input', 'Warning threshold must be ≥ critical threshold');
    const now = ctx.clock.now();
    const b = ctx.db
      .transaction(() => {
        // Typing a new paper count is a paper event too: keep it in the ledger, like a reload.
        if (fields.remainingPrints !== undefined && fields.remainingPrints !== current.remainingPrints) {
          appendCounter(
            ctx.db,
            {
              boothId: id,
              eventId: null,
              kind: 'paper_reload',
              count: 1,
              printsDelta: fields.remainingPrints - current.remainingPrints,
              occurredAt: now,
              rawTrigger: 'edited in booth settings',
              userId: ctx.caller.userId,
            },
            { now, device: ctx.deviceId },
          );
        }
        return updateBooth(ctx.db, id, fields, now)!;
      })
      .immediate();
    evaluateBoothAlerts(ctx, b.id);
    return b;
  },
  'booths.remove': (i, ctx) => {
    if (!softDeleteBooth(ctx.db, i.id, ctx.clock.now())) throw new AppError('not_found', 'Booth not found');
    return { removed: true as const };
  },
  'booths.reloadPaper': (i, ctx) => reloadPaper(ctx, i.booth, i.remaining, { rolls: i.rolls, fromLocationId: i.fromLocationId }),
  'booths.paperStock.get': (_i, ctx) => readPaperStock(ctx.db),
  'booths.paperStock.set': (i, ctx) => setPaperStock(ctx.db, i, { now: ctx.clock.now(), device: ctx.deviceId }),
  'booths.correctCounter': (i, ctx) => correctCounter(ctx, i.booth, i.kind, i.delta, i.reason),
};
