import { perCore, type ModuleHost } from '@core/module.js';
import { emitDataChanged } from '@core/changes.js';
import { AppError } from '@shared/errors.js';
import { findBooth, getBooth, setConnectivity } from '@core/db/repos/booths.js';
import { insertHealth, insertSpeedTest, listSpeedTests, pruneHealth } from '@core/db/repos/boothHealth.js';
import { readSpeedConfig } from '@core/db/repos/speedConfig.js';
import { DEFAULT_SPEED_DOWNLOAD_URL, DEFAULT_SPEED_EVERY_MIN } from '@shared/model/speedtest.js';
import { purgeConfirmedCounters } from '@core/db/repos/boothCounters.js';
import { currentEventFor } from '@core/db/repos/bookings.js';
import { evaluateBoothAlerts } from '../alerts/index.js';
import { resolveWakes, runRelayQueue } from '../wol/index.js';
import { probeTcp } from '../booths/index.js';
import { startTriggerServer, type AgentServer } from './server.js';
import { createHealthReader } from './health.js';
import { toHealthSample } from './healthMap.js';
import { runSpeedTest } from './speedtest.js';
import { startIdleCheckpoints } from './checkpoint.js';

export interface AgentOptions {
  booth: string;
  listen: { host: string; port: number };
  healthEveryMs?: number;
  heartbeatEveryMs?: number;
  speedTestUrl?: string;
  speedTestUploadUrl?: string;
  speedTestEveryMs?: number;
  /** false: no speed tests at all (tests of other parts). */
  speedTests?: boolean;
  /** How often the schedule is checked (default every minute). */
  speedTestCheckMs?: number;
  /** Health samples older than this are pruned, once the hub has confirmed them. */
  keepHealthMs?: number;
  /** Counter events older than this are purged, once the hub has confirmed them (never the running event's). */
  keepCountersMs?: number;
  /** How often the purge runs (also once at start). */
  purgeEveryMs?: number;
  /** Off in tests that have no use for systeminformation. */
  health?: boolean;
}

export interface AgentHandle {
  boothId: string;
  port: number;
  listen: string;
  stop(): Promise<void>;
}

/** The agent this core runs, if any (one per core). */
const running = perCore<AgentHandle>();

export function runningAgent(ctx: Parameters<typeof running.peek>[0]): AgentHandle | undefined {
  return running.peek(ctx);
}

/**
 * The booth agent: trigger listener, heartbeat (also executes relay wakes for LAN peers),
 * health every 30 s, speed test every 30 min. Timers are unref'd; stop() ends them all.
 */
export async function startAgent(core: ModuleHost, o: AgentOptions): Promise<AgentHandle> {
  const { ctx } = core;
  const booth = findBooth(ctx.db, o.booth);
  if (!booth)
    throw new AppError(
      'not_found',
      `No booth "${o.booth}" in this database (add it with: opsdeck booths add --name ${JSON.stringify(o.booth)} --mac …)`,
      { booth: o.booth },
    );
  // A 200 must survive a power cut too, not only a crash: fsync each commit on this connection.
  ctx.db.pragma('synchronous = FULL');
  const stopCheckpoints = startIdleCheckpoints(ctx.db);
  const server: AgentServer = await startTriggerServer(ctx, booth.id, o.listen);
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, f: () => Promise<void> | void) => {
    const t = setInterval(
      () =>
        void Promise.resolve()
          .then(f)
          .catch((e) => ctx.log.warn('agent task failed', { error: String(e) })),
      ms,
    );
    t.unref();
    timers.push(t);
  };

  const heartbeat = async () => {
    const now = ctx.clock.now();
    const b = getBooth(ctx.db, booth.id);
    if (!b) return;
    if (
      setConnectivity(ctx.db, booth.id, { status: 'online', pcConnected: true, routerConnected: b.routerConnected, lastSeen: now }, now)
    ) {
      ctx.events.emit('fleet.statusChanged', {
        boothId: booth.id,
        status: 'online',
        pcConnected: true,
        routerConnected: b.routerConnected,
        lastSeen: now,
      });
    }
    await resolveWakes(ctx);
    await runRelayQueue(ctx);
  };
  await heartbeat();
  every(o.heartbeatEveryMs ?? 30_000, heartbeat);

  let reader: ReturnType<typeof createHealthReader> | null = null;
  if (o.health !== false) {
    reader = createHealthReader();
    const sample = async () => {
      const b = getBooth(ctx.db, booth.id);
      const latency = b?.routerAddress ? await probeTcp(b.routerAddress, b.routerProbePort, 2000) : null;
      const raw = await reader!.read(latency);
      const now = ctx.clock.now();
      insertHealth(ctx.db, booth.id, toHealthSample(raw, now), { now, device: ctx.deviceId });
      emitDataChanged(ctx, { tables: ['booth_health'], ids: [booth.id] });
      pruneHealth(ctx.db, now - (o.keepHealthMs ?? 14 * 86_400_000));
      evaluateBoothAlerts(ctx, booth.id);
    };
    every(o.healthEveryMs ?? 30_000, sample);
    // currentLoad's first call is the average since boot; the sample 30 s later is the real one.
    void sample().catch(() => undefined);
  }

  // Local copies of the booth ledgers go only after the hub confirmed them (outbox entry
  // acknowledged, no refusal) and past their retention. Sync itself runs on the core's schedule
  // (every 5 minutes by default, backing off while offline).
  const purge = () => {
    const now = ctx.clock.now();
    const current = currentEventFor(ctx.db, booth.id, now);
    purgeConfirmedCounters(ctx.db, booth.id, now - (o.keepCountersMs ?? 7 * 86_400_000), current?.id ?? null);
    pruneHealth(ctx.db, now - (o.keepHealthMs ?? 14 * 86_400_000));
  };
  purge();
  every(o.purgeEveryMs ?? 10 * 60_000, purge);

  // Speed tests work out of the box: the configured target (Settings, synced; a sensible default
  // otherwise) unless --speed-test-url names one; each booth's schedule is read at every check, so
  // changing it in Settings needs no restart (0 = off). --speed-test-minutes overrides the schedule.
  if (o.speedTests !== false) {
    let last = listSpeedTests(ctx.db, booth.id, 1)[0]?.testedAt ?? 0;
    const test = async () => {
      const cfg = readSpeedConfig(ctx.db);
      const everyMin = o.speedTestEveryMs !== undefined ? o.speedTestEveryMs / 60_000 : (cfg.everyMin[booth.id] ?? DEFAULT_SPEED_EVERY_MIN);
      if (everyMin <= 0 || ctx.clock.now() - last < everyMin * 60_000) return;
      const url = o.speedTestUrl ?? cfg.downloadUrl;
      if (!o.speedTestUrl && url === DEFAULT_SPEED_DOWNLOAD_URL && process.env.OPSDECK_NO_DEFAULT_SPEEDTEST === '1') return;
      last = ctx.clock.now();
      const r = await runSpeedTest(url, {
        uploadUrl: o.speedTestUploadUrl ?? (o.speedTestUrl ? undefined : (cfg.uploadUrl ?? undefined)),
      });
      const now = ctx.clock.now();
      insertSpeedTest(ctx.db, booth.id, { ...r, testedAt: now }, { now, device: ctx.deviceId });
      emitDataChanged(ctx, { tables: ['speed_tests'], ids: [booth.id] });
      evaluateBoothAlerts(ctx, booth.id);
    };
    every(o.speedTestCheckMs ?? Math.min(60_000, o.speedTestEveryMs ?? 60_000), test);
  }

  const handle: AgentHandle = {
    boothId: booth.id,
    port: server.port,
    listen: `${server.host}:${server.port}`,
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      reader?.stop();
      await server.close();
      stopCheckpoints();
      running.delete(ctx);
    },
  };
  running.set(ctx, handle);
  return handle;
}
