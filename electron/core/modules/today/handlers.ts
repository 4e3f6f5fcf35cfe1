import type { HandlerMap } from '@core/router.js';
import type { todayChannels } from '@shared/contract/today.js';
import { listEvents } from '@core/db/repos/bookings.js';
import { getBooth } from '@core/db/repos/booths.js';
import { latestHealth, listSpeedTests } from '@core/db/repos/boothHealth.js';
import { listAlerts } from '@core/db/repos/alerts.js';
import { contactsOf, getClient } from '@core/db/repos/clients.js';
import { readLastRound, readSyncConfig } from '@core/db/repos/syncState.js';
import { paperForEvent } from '@shared/model/paperOutlook.js';
import type { TodayClient, TodayEntry } from '@shared/model/today.js';
import type { Db } from '@core/db/connection.js';
import { listEventStaff } from '@core/db/repos/eventStaff.js';
import { boothPaperForecast } from '../forecast/index.js';
import { checklistProgress } from '../checklists/index.js';
import { eventScope } from '../staffing/index.js';
import { localDayBounds } from './days.js';

const person = (c: { name: string; phone: string | null; email: string | null }) => ({ name: c.name, phone: c.phone, email: c.email });

/** The event's client as this device holds it, with its contacts (an installer's: only on the events they work). */
function clientOf(db: Db, clientId: string | null): TodayClient | null {
  const c = clientId ? getClient(db, clientId) : null;
  if (!c) return null;
  return { id: c.id, ...person(c), address: c.address, contacts: contactsOf(db, c.id).slice(0, 5).map(person) };
}

export const todayHandlers: Pick<HandlerMap, keyof typeof todayChannels> = {
  'today.get': (_i, ctx) => {
    const now = ctx.clock.now();
    const { today, tomorrow, end } = localDayBounds(now);
    const events = listEvents(ctx.db, { from: today + 1, to: end - 1, limit: 200 })
      .filter((e) => e.status !== 'archived')
      .sort((a, b) => a.startsAt - b.startsAt);
    const forecasts = new Map(boothPaperForecast(ctx.db, now, 3).map((f) => [f.boothId, f]));
    // An installer reads the client of the events they are assigned to only (the hub's rule).
    const scope = eventScope(ctx);
    const entries: TodayEntry[] = events.map((event) => {
      const booth = event.boothId ? getBooth(ctx.db, event.boothId) : null;
      const staff = listEventStaff(ctx.db, event.id);
      const mine = staff.some((s) => s.userId === ctx.caller.userId);
      return {
        day: event.startsAt < tomorrow ? 'today' : 'tomorrow',
        event,
        booth,
        paper: booth ? paperForEvent(forecasts.get(booth.id), event.id, booth.rollCapacity) : null,
        lastSpeedTest: booth ? (listSpeedTests(ctx.db, booth.id, 1)[0] ?? null) : null,
        health: booth ? latestHealth(ctx.db, booth.id) : null,
        openAlerts: booth ? listAlerts(ctx.db, { open: true, boothId: booth.id, limit: 20 }) : [],
        checklist: checklistProgress(ctx.db, event.id),
        client: scope === null || scope.has(event.id) ? clientOf(ctx.db, event.clientId) : null,
        mine,
        crew: scope === null || mine ? staff.map((s) => s.displayName) : [],
      };
    });
    // Today before tomorrow; within a day, my events first (stable: by start time within each group).
    entries.sort((a, b) => (a.day === b.day ? Number(b.mine) - Number(a.mine) : a.day === 'today' ? -1 : 1));
    const last = readLastRound(ctx.db) as { lastSuccessAt?: number | null } | null;
    const cfg = readSyncConfig(ctx.db, { hubUrl: null, anonKey: null, intervalMinutes: 5, enabled: true });
    return { now, from: today, to: end, entries, lastSyncAt: last?.lastSuccessAt ?? null, hubConfigured: Boolean(cfg.hubUrl) };
  },
};
