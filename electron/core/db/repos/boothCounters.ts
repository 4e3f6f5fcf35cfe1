import type { CounterEvent } from '@shared/model/booth.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface CounterInput {
  boothId: string;
  eventId: string | null;
  kind: CounterEvent['kind'];
  count: number;
  correction?: boolean;
  printsDelta?: number;
  occurredAt: number;
  triggerType?: string | null;
  rawTrigger?: string | null;
  userId?: string | null;
}

interface Row {
  id: string;
  booth_id: string;
  event_id: string | null;
  kind: CounterEvent['kind'];
  count: number;
  correction: number;
  prints_delta: number;
  occurred_at: number;
  trigger_type: string | null;
}
const toCounter = (r: Row): CounterEvent => ({
  id: r.id,
  boothId: r.booth_id,
  eventId: r.event_id,
  kind: r.kind,
  count: r.count,
  correction: r.correction === 1,
  printsDelta: r.prints_delta,
  occurredAt: r.occurred_at,
  triggerType: r.trigger_type,
});

export function appendCounter(db: Db, c: CounterInput, stamp: { now: number; device: string }): CounterEvent {
  const id = newId();
  db.prepare(
    `INSERT INTO booth_counter_events (id, booth_id, event_id, kind, count, correction, prints_delta, occurred_at, trigger_type, raw_trigger, user_id, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    c.boothId,
    c.eventId,
    c.kind,
    c.count,
    c.correction ? 1 : 0,
    c.printsDelta ?? 0,
    c.occurredAt,
    c.triggerType ?? null,
    c.rawTrigger ? c.rawTrigger.slice(0, 4000) : null,
    c.userId ?? null,
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return toCounter(db.prepare('SELECT * FROM booth_counter_events WHERE id = ?').get(id) as Row);
}

export function listCounters(db: Db, boothId: string, limit: number): CounterEvent[] {
  return (
    db
      .prepare('SELECT * FROM booth_counter_events WHERE booth_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?')
      .all(boothId, limit) as Row[]
  ).map(toCounter);
}

/** Sheets used by print triggers since `since` (for the pace rule). */
export function sheetsPrintedSince(db: Db, boothId: string, since: number): number {
  const r = db
    .prepare(
      "SELECT coalesce(-sum(prints_delta), 0) AS s FROM booth_counter_events WHERE booth_id = ? AND kind = 'print' AND correction = 0 AND occurred_at >= ?",
    )
    .get(boothId, since) as { s: number };
  return r.s;
}

export function lastTriggerAt(db: Db, boothId: string): number | null {
  const r = db
    .prepare('SELECT max(occurred_at) AS t FROM booth_counter_events WHERE booth_id = ? AND trigger_type IS NOT NULL')
    .get(boothId) as { t: number | null };
  return r.t;
}

export function countCounters(db: Db, boothId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM booth_counter_events WHERE booth_id = ?').get(boothId) as { n: number }).n;
}

/**
 * The booth agent's purge of its counter ledger: rows of this booth older than `olderThan`, not
 * of the event still running (`keepEventId`), and confirmed by the hub (nothing queued in the
 * outbox, no push dead letter). The ledger refuses DELETE except through this path, which lifts
 * the guard (sync_flags.purging) only inside its own transaction. Derived values (remaining
 * prints, event totals) are running values and do not change. Returns how many went.
 */
export function purgeConfirmedCounters(db: Db, boothId: string, olderThan: number, keepEventId: string | null): number {
  return db.transaction(() => {
    db.prepare('UPDATE sync_flags SET purging = 1').run();
    const n = db
      .prepare(
        `DELETE FROM booth_counter_events WHERE booth_id = ? AND occurred_at < ? AND (@keep IS NULL OR event_id IS NOT @keep)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'booth_counter_events' AND o.row_id = booth_counter_events.id)
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.direction = 'push' AND d.table_name = 'booth_counter_events' AND d.row_id = booth_counter_events.id)`,
      )
      .run(boothId, olderThan, { keep: keepEventId }).changes;
    db.prepare('UPDATE sync_flags SET purging = 0').run();
    return n;
  })();
}
