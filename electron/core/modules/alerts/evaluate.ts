import type { CoreContext } from '@core/context.js';
import { getBooth } from '@core/db/repos/booths.js';
import { latestHealth, listSpeedTests } from '@core/db/repos/boothHealth.js';
import { readSpeedConfig } from '@core/db/repos/speedConfig.js';
import { sheetsPrintedSince } from '@core/db/repos/boothCounters.js';
import { currentEventFor } from '@core/db/repos/bookings.js';
import { clearAlert, openAlertKinds, raiseAlert } from '@core/db/repos/alerts.js';
import { BURST_WINDOW_MIN, desiredAlerts, reconcile } from './rules.js';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events'>;

/** Samples older than this say nothing about the disk or temperature now. */
const HEALTH_FRESH_MS = 10 * 60_000;
/** A speed test older than this says nothing about the network now. */
const SPEED_FRESH_MS = 6 * 3_600_000;

/** Gathers the facts, applies the pure rules, writes raises/clears and pushes them. */
export function evaluateBoothAlerts(ctx: Ctx, boothId: string): void {
  const booth = getBooth(ctx.db, boothId);
  if (!booth) return;
  const now = ctx.clock.now();
  const open = openAlertKinds(ctx.db, boothId);
  const ev = currentEventFor(ctx.db, boothId, now, 0);
  const h = latestHealth(ctx.db, boothId);
  const fresh = h && now - h.sampledAt <= HEALTH_FRESH_MS ? h : null;
  const speed = listSpeedTests(ctx.db, boothId, 1)[0] ?? null;
  const desired = desiredAlerts({
    name: booth.name,
    now,
    remaining: booth.remainingPrints,
    warning: booth.warningThreshold,
    critical: booth.criticalThreshold,
    // Unknown (never probed) is not "offline": no alert until we know.
    online: booth.status !== 'offline',
    currentEvent: ev ? { id: ev.id, clientName: ev.clientName, endsAt: ev.endsAt } : null,
    diskFreePct: fresh?.diskFreePct ?? null,
    temperatureC: fresh?.temperatureC ?? null,
    speed: speed && now - speed.testedAt <= SPEED_FRESH_MS ? speed : null,
    speedWarn: readSpeedConfig(ctx.db),
    sheetsInWindow: sheetsPrintedSince(ctx.db, boothId, now - BURST_WINDOW_MIN * 60_000),
    open,
  });
  const { raise, clear } = reconcile(open, desired);
  for (const kind of clear) {
    const a = clearAlert(ctx.db, boothId, kind, now);
    if (a) ctx.events.emit('alert.cleared', a);
  }
  for (const d of raise) {
    const a = raiseAlert(ctx.db, boothId, d, { now, device: ctx.deviceId });
    if (a) ctx.events.emit('alert.raised', a);
  }
}
