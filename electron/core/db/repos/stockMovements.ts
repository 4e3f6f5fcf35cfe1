import { gridDayStart } from '@shared/days.js';
import { AppError } from '@shared/errors.js';
import { MAX_MOVEMENT_MESSAGE, MAX_MOVEMENT_QUANTITY } from '@shared/model/stock.js';
import type { Movement, MovementType } from '@shared/model/stock.js';
import type { Db } from '../connection.js';

export interface MovementRow {
  id: string;
  productId: string;
  locationId: string;
  toLocationId: string | null;
  type: MovementType;
  quantity: number;
  direction: 1 | -1;
  reason: string;
  occurredAt: number;
  source: Movement['source'];
  userId: string | null;
  idempotencyKey: string | null;
  now: number;
  device: string;
}

/** The one insert of the ledger; balances follow through the table's trigger, in the same transaction. */
export function prepareMovementInsert(db: Db): (m: MovementRow) => boolean {
  const stmt = db.prepare(
    `INSERT INTO stock_movements (id, product_id, location_id, to_location_id, type, quantity, direction, delta, reason,
       occurred_at, source, user_id, idempotency_key, created_at, updated_at, origin_device)
     VALUES (@id, @productId, @locationId, @toLocationId, @type, @quantity, @direction, @direction * @quantity, @reason,
       @occurredAt, @source, @userId, @idempotencyKey, @now, @now, @device)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  return (m) => {
    // The absolute bound holds for every channel that writes the ledger (screen, CLI, CSV, orders).
    if (!(m.quantity <= MAX_MOVEMENT_QUANTITY))
      throw new AppError('invalid_input', MAX_MOVEMENT_MESSAGE, { field: 'quantity', max: MAX_MOVEMENT_QUANTITY });
    return stmt.run(m).changes === 1;
  };
}

/** The largest quantity a product ever moved in one line (0 when it never moved). */
export function largestMovement(db: Db, productId: string): number {
  return db
    .prepare('SELECT COALESCE(MAX(quantity), 0) FROM stock_movements WHERE product_id = ? AND deleted_at IS NULL')
    .pluck()
    .get(productId) as number;
}

interface Row {
  id: string;
  product_id: string;
  sku: string;
  product_name: string;
  location_id: string;
  location_name: string;
  to_location_id: string | null;
  to_location_name: string | null;
  type: MovementType;
  quantity: number;
  delta: number;
  reason: string;
  occurred_at: number;
  source: Movement['source'];
  user_id: string | null;
  user_name: string | null;
}

const SELECT = `SELECT m.id, m.product_id, p.sku, p.name AS product_name, m.location_id, l.name AS location_name,
    m.to_location_id, tl.name AS to_location_name, m.type, m.quantity, m.delta, m.reason, m.occurred_at, m.source,
    m.user_id, u.display_name AS user_name
  FROM stock_movements m
  JOIN products p ON p.id = m.product_id
  JOIN locations l ON l.id = m.location_id
  LEFT JOIN locations tl ON tl.id = m.to_location_id
  LEFT JOIN users u ON u.id = m.user_id`;

const toMovement = (r: Row): Movement => ({
  id: r.id,
  productId: r.product_id,
  productSku: r.sku,
  productName: r.product_name,
  locationId: r.location_id,
  locationName: r.location_name,
  toLocationId: r.to_location_id,
  toLocationName: r.to_location_name,
  type: r.type,
  quantity: r.quantity,
  delta: r.delta,
  reason: r.reason,
  occurredAt: r.occurred_at,
  source: r.source,
  userId: r.user_id,
  userName: r.user_name,
});

export function getMovement(db: Db, id: string): Movement | null {
  const r = db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as Row | undefined;
  return r ? toMovement(r) : null;
}

/** Newest first, keyset-paged on (occurred_at, id) so a page boundary never skips or repeats a row. */
export function listMovements(
  db: Db,
  q: { productId?: string; locationId?: string; before?: { occurredAt: number; id: string }; limit: number },
): { items: Movement[]; next: { occurredAt: number; id: string } | null } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit + 1 };
  if (q.productId) {
    where.push('m.product_id = @productId');
    params.productId = q.productId;
  }
  if (q.locationId) {
    where.push('(m.location_id = @locationId OR m.to_location_id = @locationId)');
    params.locationId = q.locationId;
  }
  if (q.before) {
    where.push('(m.occurred_at < @bAt OR (m.occurred_at = @bAt AND m.id < @bId))');
    params.bAt = q.before.occurredAt;
    params.bId = q.before.id;
  }
  const rows = db
    .prepare(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.occurred_at DESC, m.id DESC LIMIT @limit`)
    .all(params) as Row[];
  const page = rows.slice(0, q.limit).map(toMovement);
  const last = page[page.length - 1];
  return { items: page, next: rows.length > q.limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
}

/** Daily net change of one product over all locations from grid day `from` (local dates, shared/days.ts; transfers cancel out). */
export function dailyDeltas(db: Db, productId: string, from: number): Array<{ day: number; delta: number }> {
  return db
    .prepare(
      `SELECT grid_day(occurred_at) * 86400000 AS day,
              SUM(CASE WHEN type = 'transfer' THEN 0 ELSE delta END) AS delta
       FROM stock_movements WHERE product_id = ? AND occurred_at >= ? GROUP BY day ORDER BY day`,
    )
    .all(productId, gridDayStart(from)) as Array<{ day: number; delta: number }>;
}

export function netChangeSince(db: Db, productId: string, from: number): number {
  return db
    .prepare(
      "SELECT COALESCE(SUM(CASE WHEN type = 'transfer' THEN 0 ELSE delta END), 0) FROM stock_movements WHERE product_id = ? AND occurred_at >= ?",
    )
    .pluck()
    .get(productId, from) as number;
}

/** How many of these idempotency keys are already in the ledger (a re-imported file's rows). */
export function countExistingKeys(db: Db, keys: string[]): number {
  const stmt = db.prepare('SELECT 1 FROM stock_movements WHERE idempotency_key = ?').pluck();
  let n = 0;
  for (const k of keys) if (stmt.get(k)) n++;
  return n;
}

/** Which of these idempotency keys the ledger already has. */
export function existingKeys(db: Db, keys: Iterable<string>): Set<string> {
  const stmt = db.prepare('SELECT 1 FROM stock_movements WHERE idempotency_key = ?').pluck();
  const out = new Set<string>();
  for (const k of keys) if (stmt.get(k)) out.add(k);
  return out;
}

/** The whole ledger oldest first (or only `out` lines for sales), iterated so a million rows stay cheap on memory. */
export function iterateMovements(db: Db, opts: { onlyOut?: boolean } = {}): IterableIterator<Movement> {
  const it = db
    .prepare(`${SELECT} ${opts.onlyOut ? "WHERE m.type = 'out'" : ''} ORDER BY m.occurred_at, m.id`)
    .iterate() as IterableIterator<Row>;
  return (function* () {
    for (const r of it) yield toMovement(r);
  })();
}

/** Whether a ledger row has this id: an exported ledger re-imported on the same device adds nothing. */
export function movementExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM stock_movements WHERE id = ?').get(id) !== undefined;
}
