import { gridDay, gridDayStart } from '@shared/days.js';
import type { Db } from '@core/db/connection.js';
import type { BoothPaperForecast } from '@shared/model/forecast.js';
import { boothEventsAhead, boothsWithPaper, pastEvents, type BoothEventRow } from '@core/db/repos/demandHistory.js';
import { cumulativeEventPrints, expectedPrints, learnPrintsPerEvent } from './eventDemand.js';
import { HISTORY_DAYS } from './inputs.js';
import { DAY } from './replenishment.js';

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Paper per booth: the sheets each booked event should use (learned by booth × event type), the
 * running total's P50/P90 against what is on board, and the first event to reload before. An event
 * under way counts for the part still to come.
 */
export function boothPaperForecast(db: Db, now: number, days: number): BoothPaperForecast[] {
  const today = gridDay(now);
  const model = learnPrintsPerEvent(pastEvents(db, now, gridDayStart(today - HISTORY_DAYS * DAY)));
  const byBooth = new Map<string, BoothEventRow[]>();
  for (const e of boothEventsAhead(db, now, gridDayStart(today + days * DAY))) {
    const list = byBooth.get(e.boothId) ?? [];
    list.push(e);
    byBooth.set(e.boothId, list);
  }
  return boothsWithPaper(db).map((b, i) => {
    const events = (byBooth.get(b.id) ?? []).map((e) => ({
      row: e,
      boothId: b.id,
      eventType: e.eventType,
      day: gridDay(e.startsAt),
      weight: e.startsAt >= now ? 1 : Math.min(1, Math.max(0, (e.endsAt - now) / Math.max(1, e.endsAt - e.startsAt))),
    }));
    const cum = cumulativeEventPrints(model, events, { seed: i + 1 });
    const last = cum[cum.length - 1] ?? { p10: 0, p50: 0, p90: 0 };
    const risky = cum.findIndex((c) => c.p90 > b.remainingPrints);
    return {
      boothId: b.id,
      name: b.name,
      remainingPrints: b.remainingPrints,
      events: events.map((e, k) => ({
        eventId: e.row.id,
        clientName: e.row.clientName,
        eventType: e.row.eventType,
        startsAt: e.row.startsAt,
        expected: round1(expectedPrints(model, b.id, e.eventType) * e.weight),
        cumulativeP50: round1(cum[k]!.p50),
        cumulativeP90: round1(cum[k]!.p90),
      })),
      p10: round1(last.p10),
      p50: round1(last.p50),
      p90: round1(last.p90),
      reloadBefore: risky < 0 ? null : { eventId: events[risky]!.row.id, startsAt: events[risky]!.row.startsAt },
    };
  });
}
