import type { Db } from '@core/db/connection.js';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import { nextBatch, acknowledge, realignCounter, pendingCount } from '@core/db/repos/outbox.js';
import { recordDeadLetter, deadLetterCount } from '@core/db/repos/outboxDeadLetters.js';
import { getCursor, getOwnTxids, noteOwnPush, advanceCursor, END_OF_TXID, type PullCursor } from '@core/db/repos/syncState.js';
import { applyPulledPage, type PulledRow } from '@core/db/repos/syncStateApply.js';
import { HubCallError, classifyFailure } from './classify.js';
import type { HubConnection } from './hubClient.js';

/**
 * Mutations per push call. Small enough that a batch refused row by row stays far below Supabase's
 * 8 s statement timeout for `authenticated`; a batch that still times out is split (pushSplitting).
 */
export const PUSH_BATCH = 500;
/** Supabase's default "Max rows" is 1000; a page shorter than asked means the table is drained. */
export const PULL_PAGE = 1000;

export interface RoundSummary {
  ok: boolean;
  startedAt: number;
  finishedAt: number;
  pushed: number;
  pushSkipped: number;
  pulled: number;
  keptLocal: number;
  conflicts: number;
  deadLetters: number;
  pending: number;
  error: { kind: 'transient' | 'auth' | 'permanent'; message: string } | null;
}

export interface RoundDeps {
  db: Db;
  hub: HubConnection;
  deviceId: string;
  now(): number;
  /** Progress for the UI: phase and counts so far. */
  onProgress?(p: { phase: 'push' | 'pull'; table?: string; done: number }): void;
  /** After each pulled page is stored: which table and rows came in (the change feed). */
  onPulled?(table: string, ids: string[]): void;
  pushBatch?: number;
  pullPage?: number;
}

function fail(res: { error: { code?: string; message?: string } | null; status: number }): never {
  throw new HubCallError({ status: res.status, code: res.error?.code ?? '', message: res.error?.message ?? `HTTP ${res.status}` });
}

async function call<T>(
  fn: () => PromiseLike<{ data: T | null; error: { code?: string; message?: string } | null; status: number }>,
  hub: HubConnection,
): Promise<T> {
  let res = await fn();
  // A connection the server closed while idle fails before anything was sent, and an answer cut
  // on the way back (a success status whose body does not parse: HTTP/1.1 with `connection: close`
  // lets a chunked body end early) says nothing of what the hub did; every call here is safe to
  // repeat (reads, and pushes are idempotent), so try again once at once.
  if (res.error && (res.status === 0 || cutShort(res))) res = await fn();
  if (res.error && classifyFailure({ status: res.status, code: res.error.code ?? '', message: res.error.message ?? '' }) === 'auth') {
    await hub.forceRefresh();
    res = await fn();
  }
  if (res.error && cutShort(res)) {
    throw new HubCallError({ status: 0, code: 'cut_short', message: `The hub's answer arrived incomplete (HTTP ${res.status})` });
  }
  if (res.error) fail(res);
  return res.data as T;
}

/** A success status with an error: supabase-js could not parse the body (it arrived cut short). */
function cutShort(res: { error: unknown; status: number }): boolean {
  return res.error !== null && res.status >= 200 && res.status < 300;
}

interface PushReply {
  last: number;
  applied: number;
  skipped: number;
  conflicts: number;
  rejected: Array<{ m: number; code: string; message: string }>;
  /** The hub transaction that stored the batch (hubs from 20261207020001 on). */
  txid?: number | string | null;
  /** Every such transaction, when the batch went in halves (pushSplitting). */
  txids?: number[];
}

type Mutation = { m: number; t: string; r: Record<string, unknown> | null; b: number | null };

/** A failed push that may only be too big for the hub: a statement timeout, or a 5xx (PostgREST answers 500 on one). */
function mayBeTooBig(e: unknown): boolean {
  return e instanceof HubCallError && (e.failure.code === '57014' || e.failure.status >= 500);
}

/**
 * One push call; on a statement timeout or a 5xx, the first half then the second (each split again
 * as needed), so a batch the hub cannot take in one statement still goes through. Halves go in
 * mutation order, so the hub's counter only moves forward; if a later half fails, the whole batch
 * is sent again next round and the hub skips what it already has.
 */
async function pushSplitting(d: RoundDeps, mutations: Mutation[]): Promise<PushReply> {
  try {
    const reply = await call<PushReply>(() => d.hub.data.rpc('opsdeck_push', { p_device: d.deviceId, p_mutations: mutations }), d.hub);
    const txid = Number(reply.txid);
    return { ...reply, txids: reply.txid !== undefined && reply.txid !== null && Number.isSafeInteger(txid) && txid > 0 ? [txid] : [] };
  } catch (e) {
    if (mutations.length < 2 || !mayBeTooBig(e)) throw e;
    const half = Math.ceil(mutations.length / 2);
    const a = await pushSplitting(d, mutations.slice(0, half));
    const b = await pushSplitting(d, mutations.slice(half));
    return {
      last: b.last,
      applied: a.applied + b.applied,
      skipped: Number(a.skipped) + Number(b.skipped),
      conflicts: a.conflicts + b.conflicts,
      rejected: [...a.rejected, ...b.rejected],
      txids: [...(a.txids ?? []), ...(b.txids ?? [])],
    };
  }
}

/** Sends the outbox in batches until it is empty; each batch is acknowledged in one local transaction. */
export async function pushAll(d: RoundDeps, s: RoundSummary): Promise<void> {
  // Nothing queued: no claim round trip (keeps an idle round cheap).
  if (pendingCount(d.db) === 0) return;
  const hubLast = await call<number>(() => d.hub.data.rpc('opsdeck_claim_device', { p_device: d.deviceId }), d.hub);
  realignCounter(d.db, Number(hubLast));
  for (;;) {
    const batch = nextBatch(d.db, d.pushBatch ?? PUSH_BATCH);
    if (!batch) return;
    const sendable = batch.rows.filter((r) => r.row !== null);
    let reply: PushReply | null = null;
    if (sendable.length) {
      const mutations = sendable.map((r) => ({ m: r.mutationId, t: r.table, r: r.row, b: r.baseSeq }));
      try {
        reply = await pushSplitting(d, mutations);
      } catch (e) {
        if (!(e instanceof HubCallError) || e.kind !== 'permanent') throw e;
        // The hub refuses the whole call (not one row): set the batch aside so the queue moves on.
        const now = d.now();
        d.db.transaction(() => {
          for (const r of sendable) {
            recordDeadLetter(d.db, {
              direction: 'push',
              tableName: r.table,
              rowId: r.rowId,
              mutationId: r.mutationId,
              code: e.failure.code || String(e.failure.status),
              message: e.message,
              row: r.row,
              failedAt: now,
            });
          }
          acknowledge(d.db, batch.windowEnd);
        })();
        s.deadLetters += sendable.length;
        continue;
      }
    }
    const byM = new Map(sendable.map((r) => [r.mutationId, r]));
    const now = d.now();
    // The ledger tables this batch stored rows of: the next pull skips them (own rows, below).
    const ownLedgers = new Set(sendable.filter((r) => ownRowsSkippable(r.table)).map((r) => r.table));
    d.db.transaction(() => {
      for (const txid of reply?.txids ?? []) noteOwnPush(d.db, ownLedgers, txid);
      for (const rej of reply?.rejected ?? []) {
        const r = byM.get(Number(rej.m));
        if (!r) continue;
        recordDeadLetter(d.db, {
          direction: 'push',
          tableName: r.table,
          rowId: r.rowId,
          mutationId: r.mutationId,
          code: rej.code,
          message: rej.message,
          row: r.row,
          failedAt: now,
        });
      }
      acknowledge(d.db, batch.windowEnd);
    })();
    s.pushed += reply?.applied ?? 0;
    s.pushSkipped += Number(reply?.skipped ?? 0);
    s.deadLetters += reply?.rejected.length ?? 0;
    d.onProgress?.({ phase: 'push', done: s.pushed });
  }
}

/**
 * Own rows: the tables whose rows a push stores on the hub exactly as the device sent them, so the
 * device need not download them again. Ledgers only: no hub trigger changes a ledger row, while a
 * mutable row can come back different (columns an installer may not change are put back, a booth
 * brings its location) and must be pulled.
 */
function ownRowsSkippable(table: string): boolean {
  const t = SYNCED_TABLES.find((x) => x.name === table);
  return !!t && t.kind === 'ledger' && !t.hubOnly;
}

/**
 * Pulls every table below the hub's watermark, page by page; each page is applied durably before
 * the cursor moves. A page shorter than asked means everything below the watermark has been seen
 * (every transaction below it has ended, so no row can appear there later): the cursor then moves
 * to the end of the watermark's last transaction, past the rows the filter left out.
 */
export async function pullAll(d: RoundDeps, s: RoundSummary): Promise<void> {
  // One call for the watermark and the tables with something to pull (an idle round is this
  // request alone); a hub without opsdeck_pull_plan gets the watermark call and every table.
  const cursors = Object.fromEntries(
    SYNCED_TABLES.map((t) => {
      const c = getCursor(d.db, t.name);
      return [t.name, [c.txid, c.seq]];
    }),
  );
  let watermark: number;
  let tables = SYNCED_TABLES;
  try {
    const plan = await call<{ watermark: number; tables: string[] }>(
      () => d.hub.data.rpc('opsdeck_pull_plan', { p_cursors: cursors }),
      d.hub,
    );
    watermark = Number(plan.watermark);
    const want = new Set(plan.tables);
    tables = SYNCED_TABLES.filter((t) => want.has(t.name));
  } catch (e) {
    if (!(e instanceof HubCallError) || e.failure.code !== 'PGRST202') throw e;
    watermark = Number(await call<number>(() => d.hub.data.rpc('opsdeck_watermark'), d.hub));
  }
  const page = d.pullPage ?? PULL_PAGE;
  for (const t of tables) {
    const select = [...t.columns, 'sync_txid', 'sync_seq'].join(',');
    for (;;) {
      const c = getCursor(d.db, t.name);
      // This device's own ledger rows, stored by its pushes in these hub transactions, stay on the hub.
      const own = getOwnTxids(d.db, t.name);
      const rows = await call<PulledRow[]>(() => {
        let q = d.hub.data
          .from(t.name)
          .select(select)
          .lt('sync_txid', watermark)
          // Redundant with the or() below, but gives the planner an index range to scan.
          .gte('sync_txid', c.txid)
          .or(`sync_txid.gt.${c.txid},and(sync_txid.eq.${c.txid},sync_seq.gt.${c.seq})`);
        if (own) q = q.or(`sync_writer.is.null,sync_writer.neq.${d.deviceId},sync_txid.lt.${own.min},sync_txid.gt.${own.max}`);
        return q.order('sync_txid').order('sync_seq').limit(page) as unknown as PromiseLike<{
          data: PulledRow[] | null;
          error: { code?: string; message?: string } | null;
          status: number;
        }>;
      }, d.hub);
      // An empty body with a success status (cut before its first byte) parses as null.
      if (!Array.isArray(rows)) {
        throw new HubCallError({ status: 0, code: 'cut_short', message: `The hub's answer for ${t.name} arrived incomplete` });
      }
      const drained = rows.length < page;
      const end: PullCursor = { txid: watermark - 1, seq: END_OF_TXID };
      if (!rows.length) {
        if (end.txid > c.txid || (end.txid === c.txid && end.seq > c.seq)) advanceCursor(d.db, t.name, end, 0, d.now());
        break;
      }
      const last = rows[rows.length - 1]!;
      const r = applyPulledPage(d.db, t, rows, drained ? end : { txid: Number(last.sync_txid), seq: Number(last.sync_seq) }, {
        now: d.now(),
        device: d.deviceId,
      });
      s.pulled += r.applied;
      s.keptLocal += r.keptLocal;
      s.deadLetters += r.deadLetters;
      s.conflicts += r.localConflicts + (t.name === 'conflicts' ? r.applied : 0);
      if (r.applied + r.keptLocal > 0)
        d.onPulled?.(
          t.name,
          rows.map((row) => String(row.id)),
        );
      d.onProgress?.({ phase: 'pull', table: t.name, done: s.pulled });
      if (drained) break;
    }
  }
}

/** One full round: push everything, then pull everything. Never throws; the summary says what happened. */
export async function syncRound(d: RoundDeps): Promise<RoundSummary> {
  const s: RoundSummary = {
    ok: false,
    startedAt: d.now(),
    finishedAt: 0,
    pushed: 0,
    pushSkipped: 0,
    pulled: 0,
    keptLocal: 0,
    conflicts: 0,
    deadLetters: 0,
    pending: 0,
    error: null,
  };
  try {
    await d.hub.accessToken();
    await pushAll(d, s);
    await pullAll(d, s);
    s.ok = true;
  } catch (e) {
    const kind = e instanceof HubCallError ? e.kind : 'transient';
    s.error = { kind, message: e instanceof Error ? e.message : String(e) };
  }
  s.finishedAt = d.now();
  s.pending = pendingCount(d.db);
  void deadLetterCount;
  return s;
}
