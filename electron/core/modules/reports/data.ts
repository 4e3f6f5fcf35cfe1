import type { CoreContext } from '@core/context.js';
import { getEvent } from '@core/db/repos/bookings.js';
import { AppError } from '@shared/errors.js';
import type { EventReportData } from '@shared/model/eventReport.js';
import { readBusiness } from '../setup/index.js';

const HOUR = 3_600_000;

/** The report's data: the event, its totals (captures are the photos taken) and its counters per hour. */
export function eventReportData(ctx: Pick<CoreContext, 'db' | 'clock'>, eventId: string): EventReportData {
  const e = getEvent(ctx.db, eventId);
  if (!e) throw new AppError('not_found', 'Event not found');
  const rows = ctx.db
    .prepare(
      `SELECT (occurred_at / ${HOUR}) * ${HOUR} AS at, kind, sum(count) AS n FROM booth_counter_events
       WHERE event_id = ? AND kind IN ('session', 'print') GROUP BY 1, 2 ORDER BY 1`,
    )
    .all(eventId) as Array<{ at: number; kind: 'session' | 'print'; n: number }>;
  const byHour = new Map<number, { at: number; sessions: number; prints: number }>();
  for (let h = Math.floor(e.startsAt / HOUR) * HOUR; h < e.endsAt; h += HOUR) byHour.set(h, { at: h, sessions: 0, prints: 0 });
  for (const r of rows) {
    const slot = byHour.get(r.at) ?? { at: r.at, sessions: 0, prints: 0 };
    if (r.kind === 'session') slot.sessions += r.n;
    else slot.prints += r.n;
    byHour.set(r.at, slot);
  }
  const business = readBusiness(ctx);
  return {
    event: {
      id: e.id,
      clientName: e.clientName,
      eventType: e.eventType,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      albumName: e.albumName,
      boothName: e.boothName,
    },
    totals: {
      sessions: e.totals.sessions,
      photos: e.totals.captures,
      prints: e.totals.prints,
      digital: e.totals.digital,
      gifs: e.totals.gifs,
    },
    hours: [...byHour.values()].sort((a, b) => a.at - b.at),
    business: business ? { name: business.name } : null,
    generatedAt: ctx.clock.now(),
  };
}
