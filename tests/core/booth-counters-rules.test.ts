import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordTrigger } from '@core/modules/booths/counters.js';
import { parseTrigger, type Trigger } from '@core/modules/booths/trigger.js';
import type { PushEvent } from '@shared/rpc.js';
import { AppError } from '@shared/errors.js';
import { minutesOfPaperLeft, paperFraction } from '@shared/model/paper.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * What one booth trigger tells the rest of the app (issue 19, written from StrykerJS survivors):
 * the change feed names exactly what it wrote, the counters event carries the paper left, a
 * failure after the commit never loses the stored row, and an unknown booth writes nothing.
 */

let core: TestCore;
let pushed: PushEvent[];
beforeEach(() => {
  core = createTestCore();
  pushed = [];
  core.ctx.events.subscribe((e) => pushed.push(e));
});
afterEach(() => core.dispose());

const trigger = (url: string): Trigger => {
  const r = parseTrigger(url);
  if (!r.ok) throw new Error(r.error);
  return r.trigger;
};
const print = (copies: number) => trigger(`/dslrbooth?event_type=printing&param1=x.jpg&param2=${copies}`);
const counterRows = () => core.ctx.db.prepare('SELECT count(*) FROM booth_counter_events').pluck().get() as number;
const remaining = (id: string) => core.ctx.db.prepare('SELECT remaining_prints FROM booths WHERE id = ?').pluck().get(id) as number;
const of = (name: string) => pushed.filter((p) => p.event === name).map((p) => p.payload);

describe('a recorded trigger on the change feed and the counters event', () => {
  it('outside an event: the counter row and the booth, by id; the paper left after the print', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    pushed.length = 0;
    const c = recordTrigger(core.ctx, b.id, print(3), 'raw');
    expect(of('data.changed')).toEqual([{ tables: ['booth_counter_events', 'booths'], ids: [c.id, b.id] }]);
    expect(of('booth.countersChanged')).toEqual([{ boothId: b.id, remainingPrints: 697, eventId: null }]);
    expect(remaining(b.id)).toBe(697);
  });

  it('during an event: the event and its totals too', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1', printsPerCopy: 0.5 });
    const now = core.clock.now();
    const ev = await core.router.call('bookings.create', {
      boothId: b.id,
      clientName: 'Mariage',
      startsAt: now - 3_600_000,
      endsAt: now + 3_600_000,
    });
    pushed.length = 0;
    const c = recordTrigger(core.ctx, b.id, print(3), 'raw');
    expect(of('data.changed')).toEqual([{ tables: ['booth_counter_events', 'booths', 'events'], ids: [c.id, b.id, ev.id] }]);
    expect(of('booth.countersChanged')).toEqual([{ boothId: b.id, remainingPrints: 698.5, eventId: ev.id }]);
  });

  it('a print on an empty roll is recorded with no paper moved, and reports 0 left', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 1 });
    recordTrigger(core.ctx, b.id, print(3), 'raw');
    pushed.length = 0;
    const c = recordTrigger(core.ctx, b.id, print(2), 'raw');
    expect(c).toMatchObject({ kind: 'print', count: 2, printsDelta: 0 });
    expect(of('booth.countersChanged')).toEqual([{ boothId: b.id, remainingPrints: 0, eventId: null }]);
    expect(remaining(b.id)).toBe(0);
  });
});

describe('failures', () => {
  it('an unknown booth is not_found and writes nothing', () => {
    let e: unknown;
    try {
      recordTrigger(core.ctx, 'no-such-booth', print(1), 'raw');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('not_found');
    expect((e as AppError).message).toBe('Booth not found');
    expect(counterRows()).toBe(0);
    expect(of('data.changed')).toEqual([]);
  });

  it('a failure after the commit (the push of the counters) is logged; the stored row and the paper stay', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    const events = {
      ...core.ctx.events,
      emit: ((name: string, payload: never) => {
        if (name === 'booth.countersChanged') throw new Error('push stream closed');
        core.ctx.events.emit(name as never, payload);
      }) as typeof core.ctx.events.emit,
    };
    const c = recordTrigger({ ...core.ctx, events }, b.id, print(2), 'raw');
    expect(core.ctx.db.prepare('SELECT id FROM booth_counter_events').pluck().all()).toEqual([c.id]);
    expect(remaining(b.id)).toBe(698);
    expect(core.logs.lines.filter((l) => l.msg === 'after-counter work failed')).toEqual([
      { level: 'warn', msg: 'after-counter work failed', fields: { boothId: b.id, error: 'Error: push stream closed' } },
    ]);
  });
});

describe('paper gauge and pace guards', () => {
  it('no capacity gives an empty gauge, not a division', () => {
    expect(paperFraction(100, 0)).toBe(0);
    expect(paperFraction(0, 0)).toBe(0);
    expect(paperFraction(100, -5)).toBe(0);
  });
  it('no window gives no pace, whatever was printed', () => {
    expect(minutesOfPaperLeft(100, 5, 0)).toBeNull();
    expect(minutesOfPaperLeft(100, 5, -1)).toBeNull();
    expect(minutesOfPaperLeft(100, -2, 15)).toBeNull();
  });
});
