import { afterEach, describe, expect, it } from 'vitest';
import { recordTrigger, parseTrigger } from '@core/modules/booths/index.js';
import { afterPrint, remainingFromLedger, type PrintsPerCopy } from '@shared/model/paper.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * One table of cases for the paper rule, three owners that must agree: TypeScript afterPrint (a
 * local trigger), the SQL trigger booths_pulled_remaining (a booth row pulled after its counters)
 * and booth_counter_events_pulled (counter rows pulled after their booth).
 */
const CASES: Array<{ name: string; initial: number; ppc: PrintsPerCopy; copies: number[]; remaining: number }> = [
  { name: 'a few 6x4 prints', initial: 700, ppc: 1, copies: [1, 2, 3], remaining: 694 },
  { name: 'strips use half a sheet', initial: 100, ppc: 0.5, copies: [3, 1], remaining: 98 },
  { name: 'the roll runs out exactly', initial: 5, ppc: 1, copies: [2, 3], remaining: 0 },
  { name: 'more copies than paper: floored at 0', initial: 4, ppc: 1, copies: [3, 5, 2], remaining: 0 },
  { name: 'odd strip count on the last sheet', initial: 1, ppc: 0.5, copies: [3], remaining: 0 },
  { name: 'nothing printed', initial: 50, ppc: 1, copies: [], remaining: 50 },
];

const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.dispose();
});
function core(): TestCore {
  const c = createTestCore();
  cores.push(c);
  return c;
}

describe.each(CASES)('paper rule: $name', (c) => {
  it('afterPrint folded over the copies, and initial + Σ recorded deltas, give the expected remaining', () => {
    let remaining = c.initial;
    const deltas: number[] = [];
    for (const n of c.copies) {
      const r = afterPrint(remaining, n, c.ppc);
      remaining = r.remaining;
      deltas.push(r.delta);
    }
    expect(remaining).toBe(c.remaining);
    expect(remainingFromLedger(c.initial, deltas)).toBe(c.remaining);
  });

  it('the local trigger path, then both SQL pull triggers, agree on it', async () => {
    const local = core();
    const booth = await local.router.call('booths.create', { name: 'Borne P', printsPerCopy: c.ppc, remainingPrints: c.initial } as never);
    local.ctx.db.prepare('UPDATE booths SET initial_prints = ? WHERE id = ?').run(c.initial, booth.id);
    for (const n of c.copies) {
      const t = parseTrigger(`/dslrbooth?event_type=printing&param1=photo.jpg&param2=${n}`);
      if (!t.ok) throw new Error(t.error);
      recordTrigger(local.ctx, booth.id, t.trigger, 'raw');
    }
    const localRemaining = local.ctx.db.prepare('SELECT remaining_prints FROM booths WHERE id = ?').pluck().get(booth.id);
    expect(localRemaining).toBe(c.remaining);
    const boothRow = local.ctx.db.prepare('SELECT * FROM booths WHERE id = ?').get(booth.id) as Record<string, unknown>;
    const counters = local.ctx.db
      .prepare('SELECT * FROM booth_counter_events WHERE booth_id = ? ORDER BY occurred_at, id')
      .all(booth.id) as Array<Record<string, unknown>>;
    expect(
      remainingFromLedger(
        c.initial,
        counters.map((r) => r.prints_delta as number),
      ),
    ).toBe(c.remaining);

    const insert = (db: TestCore['ctx']['db'], table: string, row: Record<string, unknown>) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((k) => row[k]));
    };
    const pulled = (db: TestCore['ctx']['db'], f: () => void) => {
      db.prepare('UPDATE sync_flags SET applying = 1').run();
      try {
        f();
      } finally {
        db.prepare('UPDATE sync_flags SET applying = 0').run();
      }
    };

    // Counters first, then the booth row (a re-pull): booths_pulled_remaining recomputes from the ledger.
    const a = core();
    a.ctx.db.pragma('foreign_keys = OFF');
    pulled(a.ctx.db, () => {
      for (const r of counters) insert(a.ctx.db, 'booth_counter_events', r);
      insert(a.ctx.db, 'booths', { ...boothRow, remaining_prints: 12345 });
    });
    expect(a.ctx.db.prepare('SELECT remaining_prints FROM booths WHERE id = ?').pluck().get(booth.id)).toBe(c.remaining);

    // The booth first (full roll), then its counter rows one by one: booth_counter_events_pulled moves it.
    const b = core();
    pulled(b.ctx.db, () => {
      insert(b.ctx.db, 'booths', { ...boothRow, remaining_prints: c.initial });
      for (const r of counters) insert(b.ctx.db, 'booth_counter_events', r);
    });
    expect(b.ctx.db.prepare('SELECT remaining_prints FROM booths WHERE id = ?').pluck().get(booth.id)).toBe(c.remaining);
  });
});
