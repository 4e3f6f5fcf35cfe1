import type { HandlerContext } from '@core/context.js';
import { findBooth, getBooth, setRemaining } from '@core/db/repos/booths.js';
import { appendCounter } from '@core/db/repos/boothCounters.js';
import { addToTotals, currentEventFor } from '@core/db/repos/bookings.js';
import { readSettings } from '@core/settings.js';
import { AppError } from '@shared/errors.js';
import type { Booth, CounterEvent } from '@shared/model/booth.js';
import { emitDataChanged } from '@core/changes.js';
import type { ReloadBooking } from '@shared/model/paperStock.js';
import { exitGrantUntil } from '../kiosk/index.js';
import { afterCounterChange } from './counters.js';
import { bookReloadRolls } from './paperStock.js';

/**
 * Operator actions at a booth need the kiosk PIN: on a booth-mode device, or for the booth role,
 * only inside the grant a correct PIN opened (kiosk.unlock). Office staff (admin/installer on an
 * office or installer device) act directly; the router audits either way.
 */
export function requireOperator(ctx: HandlerContext): void {
  const atBooth = ctx.caller.role === 'booth' || readSettings(ctx).mode === 'booth';
  if (atBooth && exitGrantUntil(ctx) === null) {
    throw new AppError('forbidden', 'Enter the operator PIN first');
  }
}

export function boothOrThrow(ctx: HandlerContext, ref: string): Booth {
  const b = findBooth(ctx.db, ref);
  if (!b) throw new AppError('not_found', `No booth "${ref.slice(0, 64)}"`);
  return b;
}

/**
 * A paper reload resets remaining prints to a full roll (or the count the operator typed) and, when
 * a paper product is set, books the rolls out of its stock at the chosen location (default: the
 * main warehouse) in the same transaction: the paper product's on-hand and forecast follow.
 */
export function reloadPaper(
  ctx: HandlerContext,
  ref: string,
  remaining?: number,
  stock: { rolls?: number; fromLocationId?: string } = {},
): Booth & { booked: ReloadBooking | null } {
  requireOperator(ctx);
  const booth = boothOrThrow(ctx, ref);
  const next = remaining ?? booth.rollCapacity;
  const now = ctx.clock.now();
  const booked = ctx.db
    .transaction(() => {
      setRemaining(ctx.db, booth.id, next, now);
      appendCounter(
        ctx.db,
        {
          boothId: booth.id,
          eventId: currentEventFor(ctx.db, booth.id, now)?.id ?? null,
          kind: 'paper_reload',
          count: 1,
          printsDelta: next - booth.remainingPrints,
          occurredAt: now,
          userId: ctx.caller.userId,
        },
        { now, device: ctx.deviceId },
      );
      return bookReloadRolls(ctx, booth, stock.rolls ?? 1, stock.fromLocationId, now);
    })
    .immediate();
  afterCounterChange(ctx, booth.id, next, null);
  if (booked) emitDataChanged(ctx, { tables: ['stock_movements', 'stock_balances'] });
  return { ...getBooth(ctx.db, booth.id)!, booked };
}

/** Counter corrections are ledger rows flagged `correction`, never edits of earlier rows. */
export function correctCounter(ctx: HandlerContext, ref: string, kind: CounterEvent['kind'], delta: number, reason: string): CounterEvent {
  requireOperator(ctx);
  const booth = boothOrThrow(ctx, ref);
  const now = ctx.clock.now();
  // Prints that did not happen (a doubled trigger) give their paper back, and the other way round.
  // Never above a full roll: paper "given back" after a reload is not on the new roll.
  const ceiling = Math.max(booth.rollCapacity, booth.remainingPrints);
  const remaining =
    kind === 'print' ? Math.min(ceiling, Math.max(0, booth.remainingPrints - delta * booth.printsPerCopy)) : booth.remainingPrints;
  const c = ctx.db
    .transaction(() => {
      const event = currentEventFor(ctx.db, booth.id, now);
      const row = appendCounter(
        ctx.db,
        {
          boothId: booth.id,
          eventId: event?.id ?? null,
          kind,
          count: delta,
          correction: true,
          printsDelta: remaining - booth.remainingPrints,
          occurredAt: now,
          rawTrigger: `correction: ${reason}`,
          userId: ctx.caller.userId,
        },
        { now, device: ctx.deviceId },
      );
      if (remaining !== booth.remainingPrints) setRemaining(ctx.db, booth.id, remaining, now);
      if (event) addToTotals(ctx.db, event.id, kind, delta, now);
      return row;
    })
    .immediate();
  afterCounterChange(ctx, booth.id, remaining, c.eventId);
  return c;
}
