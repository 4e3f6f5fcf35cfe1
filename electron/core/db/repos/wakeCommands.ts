import type { WakeCommand, WakeState } from '@shared/model/alert.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  booth_id: string;
  route: WakeCommand['route'];
  state: WakeState;
  reason: WakeCommand['reason'];
  requested_at: number;
  sent_at: number | null;
  resolved_at: number | null;
  deadline_at: number;
  targets: string;
  error: string | null;
  chain_step?: number | null;
  chain_routes?: string | null;
  previous_route?: WakeCommand['route'] | null;
  previous_error?: string | null;
}
const toWake = (r: Row): WakeCommand => ({
  id: r.id,
  boothId: r.booth_id,
  route: r.route,
  state: r.state,
  reason: r.reason,
  requestedAt: r.requested_at,
  sentAt: r.sent_at,
  resolvedAt: r.resolved_at,
  deadlineAt: r.deadline_at,
  targets: JSON.parse(r.targets) as string[],
  error: r.error,
  chain:
    r.chain_step === null || r.chain_step === undefined
      ? null
      : {
          step: r.chain_step,
          routes: JSON.parse(r.chain_routes ?? '[]') as WakeCommand['route'][],
          previous: r.previous_route ? { route: r.previous_route, error: r.previous_error ?? null } : null,
        },
});
/** Every read joins the attempt's chain (local table) and the attempt before it. */
const SELECT = `SELECT w.*, c.step AS chain_step, c.routes AS chain_routes, p.route AS previous_route, p.error AS previous_error
  FROM wake_commands w LEFT JOIN wake_chains c ON c.wake_id = w.id LEFT JOIN wake_commands p ON p.id = c.previous_wake_id`;

export function getWake(db: Db, id: string): WakeCommand | null {
  const r = db.prepare(`${SELECT} WHERE w.id = ?`).get(id) as Row | undefined;
  return r ? toWake(r) : null;
}

export function insertWake(
  db: Db,
  w: {
    boothId: string;
    route: WakeCommand['route'];
    state: WakeState;
    reason: WakeCommand['reason'];
    requestedBy: string | null;
    deadlineAt: number;
    targets: string[];
    sentAt: number | null;
    error?: string | null;
  },
  stamp: { now: number; device: string },
): WakeCommand {
  const id = newId();
  const resolved = w.state === 'failed' || w.state === 'online' ? stamp.now : null;
  db.prepare(
    `INSERT INTO wake_commands (id, booth_id, route, state, reason, requested_by, requested_at, sent_at, resolved_at, deadline_at, targets, error, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    w.boothId,
    w.route,
    w.state,
    w.reason,
    w.requestedBy,
    stamp.now,
    w.sentAt,
    resolved,
    w.deadlineAt,
    JSON.stringify(w.targets),
    w.error ?? null,
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return getWake(db, id)!;
}

export function setWakeState(
  db: Db,
  id: string,
  state: WakeState,
  now: number,
  extra: { error?: string | null; sentAt?: number; claimedBy?: string; targets?: string[] } = {},
): WakeCommand | null {
  const resolved = state === 'online' || state === 'failed' ? now : null;
  const n = db
    .prepare(
      `UPDATE wake_commands SET state = ?, resolved_at = ?, error = coalesce(?, error), sent_at = coalesce(?, sent_at), claimed_by = coalesce(?, claimed_by),
         targets = coalesce(?, targets), updated_at = max(updated_at, ?) WHERE id = ? AND state <> ?`,
    )
    .run(
      state,
      resolved,
      extra.error ?? null,
      extra.sentAt ?? null,
      extra.claimedBy ?? null,
      extra.targets ? JSON.stringify(extra.targets) : null,
      now,
      id,
      state,
    ).changes;
  return n ? getWake(db, id) : null;
}

export function listWakes(db: Db, q: { boothId?: string; limit: number }): WakeCommand[] {
  const rows = q.boothId
    ? db
        .prepare(`${SELECT} WHERE w.booth_id = ? AND w.deleted_at IS NULL ORDER BY w.requested_at DESC, w.id DESC LIMIT ?`)
        .all(q.boothId, q.limit)
    : db.prepare(`${SELECT} WHERE w.deleted_at IS NULL ORDER BY w.requested_at DESC, w.id DESC LIMIT ?`).all(q.limit);
  return (rows as Row[]).map(toWake);
}

/** Open wakes; with `requestedOn`, only those this device requested (the ones it resolves). */
export function openWakes(db: Db, requestedOn?: string): WakeCommand[] {
  const sql = `${SELECT} WHERE w.state IN ('queued', 'sent', 'waiting') AND w.deleted_at IS NULL${requestedOn ? ' AND w.origin_device = ?' : ''} ORDER BY w.requested_at`;
  return (db.prepare(sql).all(...(requestedOn ? [requestedOn] : [])) as Row[]).map(toWake);
}

/** Relay rows for booths this agent shares a LAN with; claimed atomically so two peers never both send. */
export function claimRelay(db: Db, id: string, device: string, now: number): boolean {
  return (
    db
      .prepare(
        "UPDATE wake_commands SET claimed_by = ?, updated_at = max(updated_at, ?) WHERE id = ? AND state = 'queued' AND claimed_by IS NULL",
      )
      .run(device, now, id).changes > 0
  );
}

export function insertChainLink(
  db: Db,
  link: { wakeId: string; chainId: string; step: number; routes: string[]; previousWakeId: string | null },
): void {
  db.prepare('INSERT INTO wake_chains (wake_id, chain_id, step, routes, previous_wake_id) VALUES (?, ?, ?, ?, ?)').run(
    link.wakeId,
    link.chainId,
    link.step,
    JSON.stringify(link.routes),
    link.previousWakeId,
  );
}

export function chainLinkOf(db: Db, wakeId: string): { chainId: string; step: number; routes: string[] } | null {
  const r = db.prepare('SELECT chain_id, step, routes FROM wake_chains WHERE wake_id = ?').get(wakeId) as
    { chain_id: string; step: number; routes: string } | undefined;
  return r ? { chainId: r.chain_id, step: r.step, routes: JSON.parse(r.routes) as string[] } : null;
}
