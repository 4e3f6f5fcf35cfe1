import type { CoreContext } from '@core/context.js';
import type { ModuleHost, Stop } from '@core/module.js';
import { getBooth, listBooths, setConnectivity } from '@core/db/repos/booths.js';
import { nextEventFor } from '@core/db/repos/bookings.js';
import { listWakes } from '@core/db/repos/wakeCommands.js';
import { readSettings } from '@core/settings.js';
import type { Booth, BoothStatus } from '@shared/model/booth.js';
import { evaluateBoothAlerts } from '../alerts/index.js';
import { resolveWakes, wakeBooth } from '../wol/index.js';
import { probeTcp } from './probe.js';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events' | 'log' | 'ports'>;

/** Three missed 30 s heartbeats. */
export const HEARTBEAT_STALE_MS = 90_000;

/** Pure: status from probes and the last heartbeat. */
export function statusFrom(
  b: Pick<Booth, 'status' | 'pcAddress' | 'routerAddress'>,
  pc: boolean | null,
  router: boolean | null,
  lastSeen: number | null,
  now: number,
): BoothStatus {
  const fresh = lastSeen !== null && now - lastSeen <= HEARTBEAT_STALE_MS;
  if (fresh || pc === true) return 'online';
  // A wake in progress keeps "waking" until it resolves (resolveWakes sets offline on failure).
  if (b.status === 'waking') return 'waking';
  if (pc === false || (pc === null && lastSeen !== null)) return 'offline';
  return 'unknown';
}

/** One monitoring pass over the fleet: probes, status, wakes, alerts, scheduled wakes. */
export async function monitorTick(ctx: Ctx, opts: { probeTimeoutMs?: number } = {}): Promise<void> {
  const booths = listBooths(ctx.db);
  const probed = await Promise.all(
    booths.map(async (b) => {
      const pcHost = b.pcAddress ?? b.tailscaleAddress;
      const [pc, router] = await Promise.all([
        pcHost ? probeTcp(pcHost, b.pcProbePort, opts.probeTimeoutMs).then((ms) => ms !== null) : Promise.resolve(null),
        b.routerAddress
          ? probeTcp(b.routerAddress, b.routerProbePort, opts.probeTimeoutMs).then((ms) => ms !== null)
          : Promise.resolve(null),
      ]);
      return { b, pc, router };
    }),
  );
  const now = ctx.clock.now();
  for (const { b, pc, router } of probed) {
    const current = getBooth(ctx.db, b.id);
    if (!current) continue;
    // A successful probe counts as "seen": that is how a wake without an agent heartbeat completes.
    const lastSeen = pc ? now : current.lastSeen;
    // Nothing to probe (no address): a fresh heartbeat is the agent saying its PC is up, and the
    // router reachability it reported stands, rather than falling back to "unknown" every tick.
    const heartbeat = lastSeen !== null && now - lastSeen <= HEARTBEAT_STALE_MS;
    const pcNow = pc ?? (heartbeat ? true : null);
    const routerNow = router ?? (heartbeat ? current.routerConnected : null);
    const status = statusFrom(current, pc, router, lastSeen, now);
    if (setConnectivity(ctx.db, b.id, { status, pcConnected: pcNow, routerConnected: routerNow, lastSeen }, now)) {
      ctx.events.emit('fleet.statusChanged', { boothId: b.id, status, pcConnected: pcNow, routerConnected: routerNow, lastSeen });
    }
  }
  await resolveWakes(ctx);
  for (const b of booths) evaluateBoothAlerts(ctx, b.id);
  await wakeBeforeEvents(ctx, booths, now);
}

/** "Wake before event": once per event, when its start is within the booth's lead time. */
async function wakeBeforeEvents(ctx: Ctx, booths: Booth[], now: number): Promise<void> {
  for (const b of booths) {
    if (!b.wakeBeforeEventMin || !b.mac || b.status === 'online') continue;
    const ev = nextEventFor(ctx.db, b.id, now);
    if (!ev || ev.startsAt - now > b.wakeBeforeEventMin * 60_000) continue;
    const already = listWakes(ctx.db, { boothId: b.id, limit: 5 }).some(
      (w) => w.reason === 'before_event' && w.requestedAt >= ev.startsAt - b.wakeBeforeEventMin! * 60_000,
    );
    if (already) continue;
    try {
      await wakeBooth(ctx, b.id, { reason: 'before_event' });
    } catch (e) {
      ctx.log.warn('scheduled wake failed', { booth: b.name, error: String(e) });
    }
  }
}

// Office and installer devices watch the fleet; a booth PC only reports about itself.
export function startFleetMonitor(core: ModuleHost): Stop | void {
  if (readSettings(core.ctx).mode === 'booth') return;
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    monitorTick(core.ctx)
      .catch((e) => core.ctx.log.warn('fleet monitor failed', { error: String(e) }))
      .finally(() => (running = false));
  }, 30_000);
  t.unref();
  return () => clearInterval(t);
}
