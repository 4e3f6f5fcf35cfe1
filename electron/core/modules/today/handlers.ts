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
import { boothPaperForecast } from '../forecast/index.js';
import { checklistProgress } from '../checklists/index.js';
import { localDayBounds } from './days.js';

const person = (c: { name: string; phone: string | null; email: string | null }) => ({ name: c.name, phone: c.phone, email: c.email });

/** The event's client as this device holds it (an installer's device holds the clients its events point at), with its contacts. */
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
    const entries: TodayEntry[] = events.map((event) => {
      const booth = event.boothId ? getBooth(ctx.db, event.boothId) : null;
      return {
        day: event.startsAt < tomorrow ? 'today' : 'tomorrow',
        event,
        booth,
        paper: booth ? paperForEvent(forecasts.get(booth.id), event.id, booth.rollCapacity) : null,
        lastSpeedTest: booth ? (listSpeedTests(ctx.db, booth.id, 1)[0] ?? null) : null,
        health: booth ? latestHealth(ctx.db, booth.id) : null,
        openAlerts: booth ? listAlerts(ctx.db, { open: true, boothId: booth.id, limit: 20 }) : [],
        checklist: checklistProgress(ctx.db, event.id),
        client: clientOf(ctx.db, event.clientId),
      };
    });
    const last = readLastRound(ctx.db) as { lastSuccessAt?: number | null } | null;
    const cfg = readSyncConfig(ctx.db, { hubUrl: null, anonKey: null, intervalMinutes: 5, enabled: true });
    return { now, from: today, to: end, entries, lastSyncAt: last?.lastSuccessAt ?? null, hubConfigured: Boolean(cfg.hubUrl) };
  },
};
