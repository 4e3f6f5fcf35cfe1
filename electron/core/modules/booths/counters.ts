import type { CoreContext } from '@core/context.js';
import { emitDataChanged } from '@core/changes.js';
import { getBooth, setRemaining } from '@core/db/repos/booths.js';
import { appendCounter } from '@core/db/repos/boothCounters.js';
import { addToTotals, currentEventFor } from '@core/db/repos/bookings.js';
import type { CounterEvent } from '@shared/model/booth.js';
import { AppError } from '@shared/errors.js';
import { afterPrint } from '@shared/model/paper.js';
import { evaluateBoothAlerts } from '../alerts/index.js';
import { counterFor, type Trigger } from './trigger.js';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events' | 'log'>;

/**
 * Stores one trigger as a ledger row, moves remaining prints and the current event's totals, all
 * in one SQLite transaction (WAL + synchronous commit): when this returns, the trigger survives a
 * crash, so the agent may answer 200.
 */
export function recordTrigger(ctx: Ctx, boothId: string, trigger: Trigger, raw: string, at = ctx.clock.now()): CounterEvent {
  const row = ctx.db
    .transaction(() => {
      const booth = getBooth(ctx.db, boothId);
      if (!booth) throw new AppError('not_found', 'Booth not found');
      const event = currentEventFor(ctx.db, boothId, at);
      const { kind, count } = counterFor(trigger);
      let printsDelta = 0;
      if (kind === 'print') {
        const r = afterPrint(booth.remainingPrints, count, booth.printsPerCopy);
        printsDelta = r.delta;
        if (r.delta !== 0) setRemaining(ctx.db, boothId, r.remaining, at);
      }
      const c = appendCounter(
        ctx.db,
        { boothId, eventId: event?.id ?? null, kind, count, printsDelta, occurredAt: at, triggerType: trigger.type, rawTrigger: raw },
        { now: at, device: ctx.deviceId },
      );
      if (event) addToTotals(ctx.db, event.id, kind, count, at);
      return { c, remaining: booth.remainingPrints + printsDelta };
      // IMMEDIATE: take the write lock before reading the booth. A deferred transaction that reads
      // first fails at once (SQLITE_BUSY_SNAPSHOT, no busy wait) if another process wrote meanwhile.
    })
    .immediate();
  // The agent's listener is a write path of its own (not the router): tell the change feed.
  emitDataChanged(ctx, {
    tables: row.c.eventId ? ['booth_counter_events', 'booths', 'events'] : ['booth_counter_events', 'booths'],
    ids: [row.c.id, boothId, ...(row.c.eventId ? [row.c.eventId] : [])],
  });
  // Only prints move paper (the one thing alerts can learn from a trigger); skip the rest.
  afterCounterChange(ctx, boothId, row.remaining, row.c.eventId, row.c.kind === 'print');
  return row.c;
}

/** Push + alert evaluation happen after the commit; a failure here never loses the stored row. */
export function afterCounterChange(ctx: Ctx, boothId: string, remaining: number, eventId: string | null, evaluate = true): void {
  try {
    ctx.events.emit('booth.countersChanged', { boothId, remainingPrints: remaining, eventId });
    if (evaluate) evaluateBoothAlerts(ctx, boothId);
  } catch (e) {
    ctx.log.warn('after-counter work failed', { boothId, error: String(e) });
  }
}
