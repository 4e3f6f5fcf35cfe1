import type { Db } from '@core/db/connection.js';
import { newId } from '@core/db/ids.js';
import { AppError } from '@shared/errors.js';
import type { Movement, MovementInput } from '@shared/model/stock.js';
import { getMovement, prepareMovementInsert } from '@core/db/repos/stockMovements.js';
import type { z } from 'zod';

type ParsedMovement = z.output<typeof MovementInput>;

/** Fixed directions; only adjustments carry their own sign. */
export function directionOf(m: Pick<ParsedMovement, 'type' | 'direction'>): 1 | -1 {
  if (m.type === 'in') return 1;
  if (m.type === 'adjust') return m.direction ?? 1;
  return -1;
}

export interface RecordContext {
  db: Db;
  now: number;
  device: string;
  userId: string | null;
  source: Movement['source'];
}

/**
 * Records ledger lines in ONE transaction: all or nothing. Unknown products or locations refuse
 * the whole batch with the index of the bad line; a repeated idempotency key is skipped, not doubled.
 */
export function recordMovements(rc: RecordContext, items: ParsedMovement[]): { recorded: string[]; duplicates: number } {
  const productOk = rc.db.prepare('SELECT 1 FROM products WHERE id = ? AND deleted_at IS NULL').pluck();
  const locationOk = rc.db.prepare('SELECT 1 FROM locations WHERE id = ? AND deleted_at IS NULL').pluck();
  const insert = prepareMovementInsert(rc.db);
  return rc.db.transaction(() => {
    const recorded: string[] = [];
    let duplicates = 0;
    items.forEach((m, i) => {
      const where = items.length > 1 ? ` (line ${i + 1})` : '';
      if (!productOk.get(m.productId)) throw new AppError('not_found', `Unknown product${where}`, { index: i, field: 'productId' });
      if (!locationOk.get(m.locationId)) throw new AppError('not_found', `Unknown location${where}`, { index: i, field: 'locationId' });
      if (m.toLocationId && !locationOk.get(m.toLocationId))
        throw new AppError('not_found', `Unknown destination${where}`, { index: i, field: 'toLocationId' });
      const id = newId();
      const ok = insert({
        id,
        productId: m.productId,
        locationId: m.locationId,
        toLocationId: m.toLocationId ?? null,
        type: m.type,
        quantity: m.quantity,
        direction: directionOf(m),
        reason: m.reason,
        occurredAt: m.occurredAt ?? rc.now,
        source: rc.source,
        userId: rc.userId,
        idempotencyKey: m.idempotencyKey ?? null,
        now: rc.now,
        device: rc.device,
      });
      if (ok) recorded.push(id);
      else duplicates++;
    });
    return { recorded, duplicates };
  })();
}

export function recordOne(rc: RecordContext, m: ParsedMovement): Movement {
  const { recorded } = recordMovements(rc, [m]);
  if (!recorded[0]) throw new AppError('conflict', 'This movement was already recorded (same idempotency key)');
  return getMovement(rc.db, recorded[0])!;
}
