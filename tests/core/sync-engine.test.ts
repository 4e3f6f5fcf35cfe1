import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullAll, pushAll, syncRound, type RoundDeps, type RoundSummary } from '@core/modules/sync/engine.js';
import { HubCallError } from '@core/modules/sync/classify.js';
import { advanceCursor, getCursor, getOwnTxids, END_OF_TXID } from '@core/db/repos/syncState.js';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import { newId } from '@core/db/ids.js';
import type { Db } from '@core/db/connection.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { scriptedHubDouble, type HubRow, type ScriptedHub } from '../fixtures/scripted-hub-double.js';

/**
 * The sync engine's own rules (modules/sync/engine.ts) against scripted-hub-double, an in-memory
 * hub: fast enough for StrykerJS. The hub's SQL is tested against the real functions elsewhere
 * (sync-guards, sync-convergence, sync-rls); the seven issue-19 survivors are in tests/core/sync-guards.test.ts.
 */

const T0 = Date.UTC(2026, 10, 23, 9);
let core: TestCore;
let db: Db;
let h: ScriptedHub;

beforeEach(() => {
  core = createTestCore({ start: T0 });
  db = core.ctx.db;
  db.prepare('DELETE FROM outbox').run();
  h = scriptedHubDouble();
});
afterEach(() => core.dispose());

function deps(o: Partial<RoundDeps> = {}): RoundDeps {
  return { db, hub: h.hub, deviceId: core.ctx.deviceId, now: core.clock.now, ...o };
}
const round = (o: Partial<RoundDeps> = {}) => syncRound(deps(o));

/** A local audit row: one outbox entry. Returns its id. */
function localAudit(action: string): string {
  const id = newId();
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, action, target, outcome, details, created_at, updated_at, origin_device)
     VALUES (?, ?, NULL, ?, NULL, 'ok', '{}', ?, ?, ?)`,
  ).run(id, T0, action, T0, T0, core.ctx.deviceId);
  return id;
}
const outbox = () =>
  db.prepare('SELECT mutation_id AS m, row_id AS id FROM outbox ORDER BY mutation_id').all() as Array<{ m: number; id: string }>;
const pending = () => db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
const deadLetters = () =>
  db
    .prepare('SELECT direction, table_name AS t, row_id AS id, mutation_id AS m, code, message FROM dead_letters ORDER BY mutation_id')
    .all() as Array<{
    direction: string;
    t: string;
    id: string;
    m: number | null;
    code: string;
    message: string;
  }>;
const pushSizes = () => h.calls.filter((c) => c.startsWith('rpc:opsdeck_push')).map((c) => Number(c.split(':')[2]));

/** Hub audit rows, all in hub transaction `txid`, seq 1…n. */
function hubAudit(n: number, txid: number, prefix = 'hub'): HubRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: newId(),
    at: T0,
    user_id: null,
    action: `${prefix}-${i}`,
    target: null,
    outcome: 'ok',
    details: {},
    created_at: T0,
    updated_at: T0,
    deleted_at: null,
    origin_device: 'another-device',
    sync_txid: txid,
    sync_seq: i + 1,
  }));
}
const localCount = (prefix: string) =>
  db.prepare('SELECT COUNT(*) FROM audit_log WHERE action LIKE ?').pluck().get(`${prefix}-%`) as number;

describe('push', () => {
  test('nothing queued: no claim and no push, only the pull plan', async () => {
    const s = await round();
    expect(s).toMatchObject({ ok: true, pushed: 0, pulled: 0, pending: 0, error: null });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
  });

  test('claims once, then sends the outbox in batches, in mutation order, each row once; the outbox empties', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => localAudit(`local-${i}`));
    const queued = outbox();
    expect(queued.map((q) => q.id)).toEqual(ids);
    const progress: Array<{ phase: string; done: number }> = [];
    const s = await round({ pushBatch: 2, onProgress: (p) => p.phase === 'push' && progress.push({ phase: p.phase, done: p.done }) });
    expect(s).toMatchObject({ ok: true, pushed: 5, pushSkipped: 0, deadLetters: 0, pending: 0 });
    expect(h.calls).toEqual([
      'rpc:opsdeck_claim_device',
      'rpc:opsdeck_push:2',
      'rpc:opsdeck_push:2',
      'rpc:opsdeck_push:1',
      'rpc:opsdeck_pull_plan',
    ]);
    expect(h.claimedBy).toBe(core.ctx.deviceId);
    expect(h.applied.map((m) => m.m)).toEqual(queued.map((q) => q.m));
    expect(h.applied.map((m) => [m.t, m.r?.id, m.b])).toEqual(ids.map((id) => ['audit_log', id, null]));
    expect(h.applied[0]!.r).toMatchObject({ action: 'local-0', outcome: 'ok', origin_device: core.ctx.deviceId });
    expect(progress).toEqual([
      { phase: 'push', done: 2 },
      { phase: 'push', done: 4 },
      { phase: 'push', done: 5 },
    ]);
    expect(pending()).toBe(0);
    // A second round has nothing to send.
    h.calls.length = 0;
    expect(await round()).toMatchObject({ ok: true, pushed: 0 });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
  });

  test('a queued row that no longer exists here is not sent, and leaves the queue', async () => {
    db.prepare("INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('audit_log', 'gone-row', ?)").run(T0);
    const s = await round();
    expect(s).toMatchObject({ ok: true, pushed: 0, deadLetters: 0, pending: 0 });
    expect(h.calls).toEqual(['rpc:opsdeck_claim_device', 'rpc:opsdeck_pull_plan']);
  });

  test('a replay: what the hub already has is counted as skipped (sent as text), the rest applied', async () => {
    for (let i = 0; i < 4; i++) localAudit(`local-${i}`);
    const q = outbox();
    h.last = q[1]!.m;
    const s = await round();
    expect(s).toMatchObject({ ok: true, pushed: 2, pushSkipped: 2, pending: 0 });
    expect(h.applied.map((m) => m.m)).toEqual([q[2]!.m, q[3]!.m]);
  });

  test('a batch the hub cannot take in one statement is split in halves, in order, down to single rows; totals add up', async () => {
    for (let i = 0; i < 5; i++) localAudit(`local-${i}`);
    const q = outbox();
    h.maxPushBatch = 1;
    h.last = q[3]!.m; // the first four were applied before a crash: skipped in both halves
    h.reject = (m) => (m.m === q[4]!.m ? { code: '42501', message: 'not yours' } : null);
    const s = await round();
    expect(pushSizes()).toEqual([5, 3, 2, 1, 1, 1, 2, 1, 1]);
    expect(s).toMatchObject({ ok: true, pushed: 0, pushSkipped: 4, deadLetters: 1, pending: 0 });
    expect(deadLetters()).toEqual([{ direction: 'push', t: 'audit_log', id: q[4]!.id, m: q[4]!.m, code: '42501', message: 'not yours' }]);
  });

  test('split halves: applied and refused rows of both halves all count', async () => {
    for (let i = 0; i < 4; i++) localAudit(`local-${i}`);
    const q = outbox();
    h.maxPushBatch = 2;
    h.reject = (m) => (m.m === q[0]!.m || m.m === q[3]!.m ? { code: 'P0001', message: `refused ${m.m}` } : null);
    const s = await round();
    expect(pushSizes()).toEqual([4, 2, 2]);
    expect(s).toMatchObject({ ok: true, pushed: 2, pushSkipped: 0, deadLetters: 2 });
    expect(deadLetters().map((d) => [d.id, d.code, d.message])).toEqual([
      [q[0]!.id, 'P0001', `refused ${q[0]!.m}`],
      [q[3]!.id, 'P0001', `refused ${q[3]!.m}`],
    ]);
  });

  test('a 5xx without a code is split too; a single row that still fails ends the round, nothing acknowledged', async () => {
    for (let i = 0; i < 2; i++) localAudit(`local-${i}`);
    h.failNext.push({ call: 'rpc:opsdeck_push:2', status: 502 });
    const s = await round();
    expect(pushSizes()).toEqual([2, 1, 1]);
    expect(s).toMatchObject({ ok: true, pushed: 2 });

    localAudit('again-0');
    h.failNext.push({ call: 'rpc:opsdeck_push:1', status: 503, message: 'upstream down' });
    h.failNext.push({ call: 'rpc:opsdeck_push:1', status: 503, message: 'upstream down' });
    const f = await round();
    expect(f).toMatchObject({ ok: false, pushed: 0, pending: 1, error: { kind: 'transient', message: 'upstream down' } });
    expect(h.calls.at(-1)).toBe('rpc:opsdeck_push:1');
  });

  test('a plain 500 (no code) is split like a timeout; a failure with no message says its HTTP status', async () => {
    for (let i = 0; i < 2; i++) localAudit(`local-${i}`);
    h.failNext.push({ call: 'rpc:opsdeck_push:2', status: 500 });
    expect(await round()).toMatchObject({ ok: true, pushed: 2 });
    expect(pushSizes()).toEqual([2, 1, 1]);
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 503 });
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 503 });
    expect(await round()).toMatchObject({ ok: false, error: { kind: 'transient', message: 'HTTP 503' } });
  });

  test('a whole call the hub refuses for good: every row of the batch becomes a dead letter and the queue moves on', async () => {
    const ids = [localAudit('local-0'), localAudit('local-1'), localAudit('local-2')];
    const q = outbox();
    h.failNext.push({ call: 'rpc:opsdeck_push:2', status: 403, code: '42501', message: 'permission denied for table audit_log' });
    const s = await round({ pushBatch: 2 });
    expect(s).toMatchObject({ ok: true, pushed: 1, deadLetters: 2, pending: 0 });
    expect(deadLetters()).toEqual([
      { direction: 'push', t: 'audit_log', id: ids[0], m: q[0]!.m, code: '42501', message: 'permission denied for table audit_log' },
      { direction: 'push', t: 'audit_log', id: ids[1], m: q[1]!.m, code: '42501', message: 'permission denied for table audit_log' },
    ]);
    expect(h.applied.map((m) => m.r?.id)).toEqual([ids[2]]);
  });

  test('a refusal without an error code is filed under its HTTP status', async () => {
    const id = localAudit('local-0');
    h.failNext.push({ call: 'rpc:opsdeck_push', status: 400, message: 'bad request' });
    expect(await round()).toMatchObject({ ok: true, deadLetters: 1 });
    expect(deadLetters().map((d) => [d.id, d.code, d.message])).toEqual([[id, '400', 'bad request']]);
  });

  test('a refusal naming a mutation that is not in the batch is ignored', async () => {
    localAudit('local-0');
    h.reject = () => null;
    const push = h.hub.data.rpc.bind(h.hub.data);
    (h.hub.data as unknown as { rpc: unknown }).rpc = async (name: string, args: unknown) => {
      const r = (await push(name, args as never)) as unknown as { data: { rejected: unknown[] } | null };
      if (name === 'opsdeck_push' && r.data) r.data.rejected = [{ m: 999_999, code: 'X', message: 'stray' }];
      return r;
    };
    expect(await round()).toMatchObject({ ok: true, pushed: 1, deadLetters: 1, pending: 0 });
    expect(deadLetters()).toEqual([]);
  });
});

describe('retries inside one call', () => {
  test('a connection closed before sending (status 0) is tried again at once', async () => {
    localAudit('local-0');
    h.failNext.push({ call: 'rpc:opsdeck_claim_device', status: 0, message: 'socket hang up' });
    expect(await round()).toMatchObject({ ok: true, pushed: 1 });
    expect(h.calls.slice(0, 2)).toEqual(['rpc:opsdeck_claim_device', 'rpc:opsdeck_claim_device']);
    expect(h.refreshes).toBe(0);
  });

  test('an expired token (401) refreshes the session once and tries again', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 401, code: 'PGRST301', message: 'JWT expired' });
    expect(await round()).toMatchObject({ ok: true });
    expect(h.refreshes).toBe(1);
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan', 'rpc:opsdeck_pull_plan']);
  });

  test('status 0 then 401: both retries, in that order', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 0 });
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 401 });
    expect(await round()).toMatchObject({ ok: true });
    expect(h.refreshes).toBe(1);
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan', 'rpc:opsdeck_pull_plan', 'rpc:opsdeck_pull_plan']);
  });

  test('a token that stays refused fails the round as auth', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 401, message: 'JWT expired' });
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 401, message: 'JWT expired' });
    expect(await round()).toMatchObject({ ok: false, error: { kind: 'auth', message: 'JWT expired' } });
  });

  test('a permanent error is not retried', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 400, code: '22P02', message: 'bad cursor' });
    expect(await round()).toMatchObject({ ok: false, error: { kind: 'permanent', message: 'bad cursor' } });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
    expect(h.refreshes).toBe(0);
  });
});

describe('answers cut short on the way (a success status whose body did not parse)', () => {
  test('tried again at once, without a token refresh', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 200, message: 'Unexpected end of JSON input' });
    expect(await round()).toMatchObject({ ok: true });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan', 'rpc:opsdeck_pull_plan']);
    expect(h.refreshes).toBe(0);
  });

  test('cut short twice: the round fails as transient, the push batch is not set aside', async () => {
    localAudit('local-0');
    h.failNext.push({ call: 'rpc:opsdeck_push', status: 200, message: '{"last":' });
    h.failNext.push({ call: 'rpc:opsdeck_push', status: 299, message: '{"last":' });
    const s = await round();
    expect(s).toMatchObject({
      ok: false,
      pending: 1,
      deadLetters: 0,
      error: { kind: 'transient', message: "The hub's answer arrived incomplete (HTTP 299)" },
    });
    expect(pushSizes()).toEqual([1, 1]);
    expect(deadLetters()).toEqual([]);
    expect(await round()).toMatchObject({ ok: true, pushed: 1, pending: 0 });
  });

  test('a connection closed twice (status 0) is not a cut answer: the round fails with what the connection said', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 0, message: 'socket hang up' });
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 0, message: 'socket hang up' });
    expect(await round()).toMatchObject({ ok: false, error: { kind: 'transient', message: 'socket hang up' } });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan', 'rpc:opsdeck_pull_plan']);
  });

  test('a 3xx with an error is not a cut answer: not retried', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 300, code: 'PGRST000', message: 'multiple choices' });
    expect(await round()).toMatchObject({ ok: false, error: { kind: 'permanent', message: 'multiple choices' } });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
  });

  test('a page with an empty body ends the round as transient; the cursor stays and the next round reads it', async () => {
    h.addRows('audit_log', hubAudit(3, 10, 'cut'));
    h.watermark = 11;
    h.failNext.push({ call: 'from:audit_log', status: 200, bodyless: true });
    const s = await round();
    expect(s).toMatchObject({
      ok: false,
      pulled: 0,
      error: { kind: 'transient', message: "The hub's answer for audit_log arrived incomplete" },
    });
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 0, seq: 0 });
    expect(await round()).toMatchObject({ ok: true, pulled: 3 });
  });
});

describe('pull', () => {
  test('25 rows of one hub transaction, page 4: 7 reads, 25 pulled, cursor past the drained transaction', async () => {
    h.addRows('audit_log', hubAudit(25, 10, 'p4'));
    h.watermark = 11;
    const s = await round({ pullPage: 4 });
    expect(s).toMatchObject({ ok: true, pulled: 25, conflicts: 0, deadLetters: 0, keptLocal: 0 });
    expect(h.calls.filter((c) => c === 'from:audit_log')).toHaveLength(7);
    expect(localCount('p4')).toBe(25);
    // The last page was short: everything below the watermark (11) is in, so the cursor moves to
    // the end of transaction 10 (issue 12, own rows: past rows the pull filtered out).
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 10, seq: END_OF_TXID });
  });

  test('page size 1 terminates: 25 pulled in 26 reads; a later round reads nothing', async () => {
    h.addRows('audit_log', hubAudit(25, 10, 'p1'));
    h.watermark = 11;
    const s = await round({ pullPage: 1 });
    expect(s).toMatchObject({ ok: true, pulled: 25 });
    expect(h.calls.filter((c) => c === 'from:audit_log')).toHaveLength(26);
    h.calls.length = 0;
    expect(await round({ pullPage: 1 })).toMatchObject({ ok: true, pulled: 0 });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
  });

  test('rows at or above the watermark wait (a transaction still open on the hub)', async () => {
    h.addRows('audit_log', [...hubAudit(3, 10, 'old'), ...hubAudit(2, 12, 'new')]);
    h.watermark = 12;
    expect(await round()).toMatchObject({ ok: true, pulled: 3 });
    expect([localCount('old'), localCount('new')]).toEqual([3, 0]);
    h.watermark = 13;
    expect(await round()).toMatchObject({ ok: true, pulled: 2 });
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 12, seq: END_OF_TXID });
  });

  test('rows across transactions come in hub order, and the cursor resumes strictly after it', async () => {
    h.addRows('audit_log', [...hubAudit(3, 20, 'b'), ...hubAudit(3, 10, 'a')]);
    h.watermark = 30;
    const seen: string[][] = [];
    const s = await round({ pullPage: 2, onPulled: (t, ids) => seen.push([t, ...ids]) });
    expect(s.pulled).toBe(6);
    const order = (h.tables.get('audit_log') ?? []).slice().sort((x, y) => x.sync_txid - y.sync_txid || x.sync_seq - y.sync_seq);
    expect(seen).toEqual([
      ['audit_log', order[0]!.id, order[1]!.id],
      ['audit_log', order[2]!.id, order[3]!.id],
      ['audit_log', order[4]!.id, order[5]!.id],
    ]);
  });

  test('only the tables the plan names are read', async () => {
    h.addRows('audit_log', hubAudit(2, 10));
    h.watermark = 11;
    await round();
    expect(h.calls.filter((c) => c.startsWith('from:'))).toEqual(['from:audit_log']);
  });

  test('a hub without a pull plan: the watermark call, then every table in registry order', async () => {
    h.noPlan = true;
    h.addRows('audit_log', hubAudit(2, 10));
    h.watermark = 11;
    const s = await round();
    expect(s).toMatchObject({ ok: true, pulled: 2 });
    expect(h.calls.slice(0, 2)).toEqual(['rpc:opsdeck_pull_plan', 'rpc:opsdeck_watermark']);
    expect(h.calls.filter((c) => c.startsWith('from:'))).toEqual(SYNCED_TABLES.map((t) => `from:${t.name}`));
  });

  test('any other pull-plan failure ends the round (no fallback)', async () => {
    h.failNext.push({ call: 'rpc:opsdeck_pull_plan', status: 404, code: 'PGRST205', message: 'no such table' });
    expect(await round()).toMatchObject({ ok: false, error: { kind: 'permanent', message: 'no such table' } });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
  });

  test('a failed read ends the round; the pages already stored stay, and the next round resumes', async () => {
    h.addRows('audit_log', hubAudit(6, 10, 'r'));
    h.watermark = 11;
    let n = 0;
    const from = h.hub.data.from.bind(h.hub.data);
    (h.hub.data as unknown as { from: unknown }).from = (t: string) => {
      if (t === 'audit_log' && ++n === 2) h.failNext.push({ call: 'from:audit_log', status: 400, code: 'XX', message: 'read failed' });
      return from(t);
    };
    const s = await round({ pullPage: 2 });
    expect(s).toMatchObject({ ok: false, pulled: 2, error: { kind: 'permanent', message: 'read failed' } });
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 10, seq: 2 });
    expect(await round({ pullPage: 2 })).toMatchObject({ ok: true, pulled: 4 });
    expect(localCount('r')).toBe(6);
  });

  test('pull progress names the table and the running total', async () => {
    h.addRows('audit_log', hubAudit(3, 10));
    h.watermark = 11;
    const progress: unknown[] = [];
    await round({ pullPage: 2, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { phase: 'pull', table: 'audit_log', done: 2 },
      { phase: 'pull', table: 'audit_log', done: 3 },
    ]);
  });

  test('a pulled row that cannot be stored becomes a dead letter: counted, not announced, the cursor moves on', async () => {
    const [bad] = hubAudit(1, 10, 'bad');
    h.addRows('audit_log', [{ ...bad!, action: null }]);
    h.watermark = 11;
    const announced: string[] = [];
    const s = await round({ onPulled: (t) => announced.push(t) });
    expect(s).toMatchObject({ ok: true, pulled: 0, deadLetters: 1 });
    expect(announced).toEqual([]);
    expect(deadLetters()).toEqual([expect.objectContaining({ direction: 'pull', t: 'audit_log', id: bad!.id })]);
    // The cursor moved past it: the next round reads nothing again.
    expect(await round()).toMatchObject({ ok: true, pulled: 0, deadLetters: 0 });
    expect(deadLetters()).toHaveLength(1);
  });

  test('conflict rows the hub logged count as conflicts', async () => {
    const conflict = (i: number): HubRow => ({
      id: newId(),
      table_name: 'products',
      row_id: `p-${i}`,
      winner: { name: 'A' },
      loser: { name: 'B' },
      winner_device: 'dev-a',
      loser_device: 'dev-b',
      detected_at: T0,
      created_at: T0,
      updated_at: T0,
      deleted_at: null,
      origin_device: 'hub',
      sync_txid: 10,
      sync_seq: i + 1,
    });
    h.addRows('conflicts', [conflict(0), conflict(1)]);
    h.watermark = 11;
    expect(await round()).toMatchObject({ ok: true, pulled: 2, conflicts: 2 });
  });

  test('a pulled row over a local change not yet pushed keeps the local one (kept, announced, not counted as pulled)', async () => {
    const id = newId();
    db.prepare(
      `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES (?, 'global', '', 'x.test', '"local"', ?, ?, ?)`,
    ).run(id, T0, T0, core.ctx.deviceId);
    expect(pending()).toBe(1);
    h.addRows('settings', [
      {
        id,
        scope: 'global',
        device_id: '',
        key: 'x.test',
        value: 'hub',
        created_at: T0,
        updated_at: T0,
        deleted_at: null,
        origin_device: 'dev-b',
        sync_txid: 10,
        sync_seq: 1,
      },
    ]);
    h.watermark = 11;
    const s: RoundSummary = {
      ok: false,
      startedAt: 0,
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
    const announced: string[][] = [];
    await pullAll(deps({ onPulled: (t, ids) => announced.push([t, ...ids]) }), s);
    expect(s).toMatchObject({ pulled: 0, keptLocal: 1, conflicts: 0 });
    expect(announced).toEqual([['settings', id]]);
    expect(db.prepare('SELECT value FROM settings WHERE id = ?').pluck().get(id)).toBe('"local"');
  });
});

const emptySummary = (): RoundSummary => ({
  ok: false,
  startedAt: 0,
  finishedAt: 0,
  pushed: 0,
  pushSkipped: 0,
  pulled: 0,
  keptLocal: 0,
  conflicts: 0,
  deadLetters: 0,
  pending: 0,
  error: null,
});

/** A local settings row (mutable table): one outbox entry. */
function localSetting(key: string, value: string): string {
  const id = newId();
  db.prepare(
    `INSERT INTO settings (id, scope, device_id, key, value, created_at, updated_at, origin_device) VALUES (?, 'global', '', ?, ?, ?, ?, ?)`,
  ).run(id, key, JSON.stringify(value), T0, T0, core.ctx.deviceId);
  return id;
}

describe('own rows (issue 12): what a push stored is not downloaded again, for ledgers only', () => {
  beforeEach(() => {
    h.storePushes = true;
    h.pushTxid = (x) => x;
  });

  test("ledger rows this device pushed stay on the hub; another device's row in the same transactions is pulled", async () => {
    for (let i = 0; i < 3; i++) localAudit(`mine-${i}`);
    h.maxPushBatch = 2; // 3 → halves of 2 and 1: two hub transactions, 100 and 101
    h.watermark = 200;
    h.addRows(
      'audit_log',
      hubAudit(1, 100, 'theirs').map((r) => ({ ...r, sync_seq: 50, sync_writer: 'another-device' })),
    );
    const s = await round();
    expect(pushSizes()).toEqual([3, 2, 1]);
    expect(
      h.tables
        .get('audit_log')!
        .map((r) => r.sync_txid)
        .sort(),
    ).toEqual([100, 100, 100, 101]);
    expect(s).toMatchObject({ ok: true, pushed: 3, pulled: 1 });
    expect(h.calls.filter((c) => c === 'from:audit_log')).toHaveLength(1);
    expect([localCount('mine'), localCount('theirs')]).toEqual([3, 1]);
    // Drained below the watermark: the cursor passed both own transactions, and the range is forgotten.
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 199, seq: END_OF_TXID });
    expect(getOwnTxids(db, 'audit_log')).toBeNull();
  });

  test('only own rows to read: the cursor still moves to the watermark, no progress or change is announced', async () => {
    localAudit('mine-0');
    localAudit('mine-1');
    h.watermark = 200;
    const progress: unknown[] = [];
    const announced: string[] = [];
    const s = await round({ onProgress: (p) => p.phase === 'pull' && progress.push(p), onPulled: (t) => announced.push(t) });
    expect(s).toMatchObject({ ok: true, pushed: 2, pulled: 0 });
    expect(h.calls).toEqual(['rpc:opsdeck_claim_device', 'rpc:opsdeck_push:2', 'rpc:opsdeck_pull_plan', 'from:audit_log']);
    expect([progress, announced]).toEqual([[], []]);
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 199, seq: END_OF_TXID });
    h.calls.length = 0;
    expect(await round()).toMatchObject({ ok: true, pulled: 0 });
    expect(h.calls).toEqual(['rpc:opsdeck_pull_plan']);
  });

  test('a mutable row this device pushed is pulled back: the hub may have changed it (same batch as a ledger row)', async () => {
    localAudit('mine-0');
    const id = localSetting('x.own', 'as sent');
    h.storeAs = (t, row) => (t === 'settings' ? { ...row, value: JSON.stringify('as the hub keeps it') } : row);
    h.watermark = 200;
    const s = await round();
    expect(s).toMatchObject({ ok: true, pushed: 2, pulled: 1 });
    expect(db.prepare('SELECT value FROM settings WHERE id = ?').pluck().get(id)).toBe(JSON.stringify('as the hub keeps it'));
    expect(getOwnTxids(db, 'settings')).toBeNull();
  });

  test.each([
    ['a number', 150, { min: 150, max: 150 }],
    ['text (a bigint as PostgREST may send it)', '150', { min: 150, max: 150 }],
    ['no txid (a hub before 20261207020001)', undefined, null],
    ['null', null, null],
    ['0', 0, null],
    ['negative', -5, null],
    ['not a whole number', '12.5', null],
    ['not a number', 'abc', null],
    ['beyond the safe integers', String(2 ** 60), null],
  ])('a push reply whose txid is %s (%j): own transactions noted: %j', async (_what, txid, expected) => {
    localAudit('mine-0');
    h.pushTxid = txid === undefined ? null : () => txid;
    await pushAll(deps(), emptySummary());
    expect(getOwnTxids(db, 'audit_log')).toEqual(expected);
  });
});

describe('the pull cursor when a read comes back empty', () => {
  test('a full last page: the next, empty, read still moves the cursor to the end of the drained transaction', async () => {
    h.addRows('audit_log', hubAudit(4, 10, 'full'));
    h.watermark = 11;
    expect(await round({ pullPage: 4 })).toMatchObject({ ok: true, pulled: 4 });
    expect(h.calls.filter((c) => c === 'from:audit_log')).toHaveLength(2);
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 10, seq: END_OF_TXID });
  });

  test('never backwards: a hub whose watermark is below the cursor (restored from a backup) leaves it where it is', async () => {
    advanceCursor(db, 'audit_log', { txid: 20, seq: 5 }, 0, T0);
    h.noPlan = true; // every table is read
    h.watermark = 15;
    const progress: unknown[] = [];
    expect(await round({ onProgress: (p) => progress.push(p) })).toMatchObject({ ok: true, pulled: 0 });
    expect(getCursor(db, 'audit_log')).toEqual({ txid: 20, seq: 5 });
    expect(getCursor(db, 'settings')).toEqual({ txid: 14, seq: END_OF_TXID });
    expect(progress).toEqual([]);
  });
});

describe('the round', () => {
  test('no token: the round fails before any call, with its reason; times and pending are set', async () => {
    localAudit('local-0');
    h.tokenError = new Error('no session');
    core.clock.set(T0 + 5000);
    const s = await round();
    expect(s).toEqual({
      ok: false,
      startedAt: T0 + 5000,
      finishedAt: T0 + 5000,
      pushed: 0,
      pushSkipped: 0,
      pulled: 0,
      keptLocal: 0,
      conflicts: 0,
      deadLetters: 0,
      pending: 1,
      error: { kind: 'transient', message: 'no session' },
    });
    expect(h.calls).toEqual([]);
  });

  test('a hub error keeps its kind; anything else thrown is transient, with its text', async () => {
    h.tokenError = new HubCallError({ status: 401, code: '', message: 'refresh token revoked' });
    expect((await round()).error).toEqual({ kind: 'auth', message: 'refresh token revoked' });
    h.tokenError = 'offline' as unknown as Error;
    expect((await round()).error).toEqual({ kind: 'transient', message: 'offline' });
  });

  test('a successful round: ok, no error, started and finished on the clock', async () => {
    const s = await round();
    expect(s).toEqual({
      ok: true,
      startedAt: T0,
      finishedAt: T0,
      pushed: 0,
      pushSkipped: 0,
      pulled: 0,
      keptLocal: 0,
      conflicts: 0,
      deadLetters: 0,
      pending: 0,
      error: null,
    });
  });
});
