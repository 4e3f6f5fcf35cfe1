import { afterEach, describe, expect, test } from 'vitest';
import { SYNCED_TABLES } from '@core/db/syncedTables.js';
import { applyPulledPage } from '@core/db/repos/syncStateApply.js';
import { insertBooth, getBooth } from '@core/db/repos/booths.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/** The local trigger that moves remaining prints for a pulled counter row clamps at 0, like a local one. */
let core: TestCore | null = null;
afterEach(() => {
  core?.dispose();
  core = null;
});

const counters = SYNCED_TABLES.find((t) => t.name === 'booth_counter_events')!;
const counter = (id: string, boothId: string, kind: string, count: number, printsDelta: number, seq: number) => ({
  id,
  booth_id: boothId,
  event_id: null,
  kind,
  count,
  correction: 0,
  prints_delta: printsDelta,
  occurred_at: 10 + seq,
  trigger_type: null,
  raw_trigger: null,
  user_id: null,
  created_at: 1,
  updated_at: 1,
  deleted_at: null,
  origin_device: 'other-device',
  sync_txid: 9,
  sync_seq: seq,
});

describe('pulled counter rows and remaining prints', () => {
  test('prints beyond the paper left stop at 0, a reload then counts from 0, never from below', () => {
    core = createTestCore();
    const db = core.ctx.db;
    const booth = insertBooth(db, { name: 'Cabine', remainingPrints: 5 }, { now: 1, device: core.ctx.deviceId });
    expect(booth.remainingPrints).toBe(5);
    const r = applyPulledPage(
      db,
      counters,
      [counter('c1', booth.id, 'print', 8, -8, 1)],
      { txid: 9, seq: 1 },
      { now: 2, device: core.ctx.deviceId },
    );
    expect(r).toMatchObject({ applied: 1, deadLetters: 0 });
    expect(getBooth(db, booth.id)!.remainingPrints).toBe(0);
    applyPulledPage(
      db,
      counters,
      [counter('c2', booth.id, 'paper_reload', 1, 700, 2)],
      { txid: 9, seq: 2 },
      { now: 3, device: core.ctx.deviceId },
    );
    expect(getBooth(db, booth.id)!.remainingPrints).toBe(700);
    applyPulledPage(db, counters, [counter('c3', booth.id, 'print', 3, -3, 3)], { txid: 9, seq: 3 }, { now: 4, device: core.ctx.deviceId });
    expect(getBooth(db, booth.id)!.remainingPrints).toBe(697);
  });
});
