import os from 'node:os';
import type { CoreContext } from '../../context.js';
import type { LanPort } from '../../ports/lan.js';
import { findBooth, getBooth, setConnectivity } from '../../db/repos/booths.js';
import { getWake, insertWake, openWakes, setWakeState, claimRelay, listWakes } from '../../db/repos/wakeCommands.js';
import { appendAudit } from '../../db/repos/audit.js';
import type { Booth, WolRoute } from '../../../../shared/model/booth.js';
import type { WakeCommand } from '../../../../shared/model/alert.js';
import { AppError } from '../../../../shared/errors.js';
import { magicPacket } from './packet.js';
import { localBroadcastTargets, onLocalSubnet } from './broadcast.js';
import { sendUdp, type SendTarget } from './send.js';

type Ctx = Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events' | 'log' | 'ports'>;

/** How long a wake waits for the booth's heartbeat or reachability before it is "failed". */
export const WAKE_TIMEOUT_MS = 4 * 60_000;
/**
 * A relay wake travels through the hub: pushed at once by the requester, picked up by a LAN peer
 * agent at its next pull (at once with the Realtime hint, else within one sync interval).
 */
export const RELAY_PICKUP_MS = 5 * 60_000;


/** Which addresses "local broadcast" means: the core's LAN port (ports/lan.ts) or the machine's interfaces. */
export type WolDeps = LanPort;
/**
 * OPSDECK_WOL_LOCAL_TARGETS (comma-separated addresses) replaces the automatic list: for a PC with
 * interfaces that must not be broadcast on, and for end-to-end runs that stay on loopback.
 */
const defaultDeps: WolDeps = {
  localTargets: () => {
    const env = process.env.OPSDECK_WOL_LOCAL_TARGETS?.split(',').map((s) => s.trim()).filter(Boolean);
    return env?.length ? env : localBroadcastTargets(os.networkInterfaces());
  },
  onBoothLan: (booth) => onLocalSubnet(booth.pcAddress, os.networkInterfaces()),
};
const depsOf = (ctx: Ctx): WolDeps => ctx.ports.lan ?? defaultDeps;

function emit(ctx: Ctx, w: WakeCommand | null): void {
  if (w) ctx.events.emit('wake.stateChanged', w);
}

/** The first route this booth allows and has what it needs for (router needs its address). */
export function chooseRoute(booth: Booth, via?: WolRoute): WolRoute {
  if (via) {
    if (via === 'router' && !booth.routerAddress) throw new AppError('invalid_input', `${booth.name} has no router address for a directed wake`);
    return via;
  }
  for (const r of booth.wolRoutes) if (r !== 'router' || booth.routerAddress) return r;
  throw new AppError('invalid_input', `${booth.name} has no usable Wake-on-LAN route`);
}

function targetsFor(ctx: Ctx, booth: Booth, route: WolRoute): SendTarget[] {
  if (route === 'router') return [{ host: booth.routerAddress!, port: booth.routerWolPort }];
  return depsOf(ctx).localTargets().map((host) => ({ host, port: booth.wolPort }));
}

async function transmit(ctx: Ctx, booth: Booth, cmd: WakeCommand, route: WolRoute): Promise<WakeCommand> {
  const targets = targetsFor(ctx, booth, route);
  const names = targets.map((t) => `${t.host}:${t.port}`);
  const failures = await sendUdp(magicPacket(booth.mac!), targets);
  const now = ctx.clock.now();
  if (failures.length === targets.length) {
    const failed = setWakeState(ctx.db, cmd.id, 'failed', now, { error: `Could not send: ${failures[0]?.error ?? 'no target'}`.slice(0, 500), targets: names });
    emit(ctx, failed);
    return failed ?? cmd;
  }
  const sent = setWakeState(ctx.db, cmd.id, 'sent', now, { sentAt: now, targets: names });
  emit(ctx, sent);
  const waiting = setWakeState(ctx.db, cmd.id, 'waiting', now);
  emit(ctx, waiting);
  setConnectivity(ctx.db, booth.id, { status: 'waking', pcConnected: booth.pcConnected, routerConnected: booth.routerConnected, lastSeen: booth.lastSeen }, now);
  return waiting ?? cmd;
}

/** Sends (local/router) or queues (relay) a wake. Unexpected send errors end as a 'failed' row, not a throw. */
export async function wakeBooth(ctx: Ctx, ref: string, opts: { via?: WolRoute; reason?: WakeCommand['reason']; userId?: string | null } = {}): Promise<WakeCommand> {
  const booth = findBooth(ctx.db, ref);
  if (!booth) throw new AppError('not_found', `No booth "${ref.slice(0, 64)}"`);
  if (!booth.mac) throw new AppError('invalid_input', `${booth.name} has no MAC address`);
  const route = chooseRoute(booth, opts.via);
  const now = ctx.clock.now();
  const cmd = insertWake(
    ctx.db,
    {
      boothId: booth.id,
      route,
      state: 'queued',
      reason: opts.reason ?? 'manual',
      requestedBy: opts.userId ?? null,
      deadlineAt: now + (depsOf(ctx).timeoutMs ?? WAKE_TIMEOUT_MS) + (route === 'relay' ? (depsOf(ctx).relayPickupMs ?? RELAY_PICKUP_MS) : 0),
      targets: [],
      sentAt: null,
    },
    { now, device: ctx.deviceId },
  );
  emit(ctx, cmd);
  if (route === 'relay') {
    // The peer that sends it is on another device: hand the row to the hub now.
    ctx.ports.sync.requestRound('relay wake queued');
    return cmd;
  }
  return transmit(ctx, booth, cmd, route);
}

/**
 * A peer agent on the booth's LAN executes queued relay rows (synced from the hub): claim it,
 * broadcast locally, record who sent it. Audited because it is a WoL.
 */
export async function runRelayQueue(ctx: Ctx): Promise<number> {
  let done = 0;
  for (const w of openWakes(ctx.db)) {
    if (w.route !== 'relay' || w.state !== 'queued') continue;
    const booth = getBooth(ctx.db, w.boothId);
    if (!booth?.mac) continue;
    // A peer on another LAN would broadcast into the wrong network: leave the row for the right one.
    const deps = depsOf(ctx);
    if (!(deps.onBoothLan ?? defaultDeps.onBoothLan!)(booth)) continue;
    if (!claimRelay(ctx.db, w.id, ctx.deviceId, ctx.clock.now())) continue;
    const res = await transmit(ctx, booth, w, 'relay');
    appendAudit(ctx.db, { at: ctx.clock.now(), userId: null, action: 'wol.relay', target: booth.id, outcome: res.state === 'failed' ? 'failed' : 'ok', details: { wakeId: w.id, targets: res.targets }, originDevice: ctx.deviceId });
    done++;
  }
  // The requester learns the outcome (sent → waiting) from the hub: report it now.
  if (done) ctx.ports.sync.requestRound('relay wakes sent');
  return done;
}

/**
 * sent/waiting → online when the booth was seen after the packet left; → failed past the deadline.
 * Only the device that requested a wake resolves it (the relay peer only sends and reports), so
 * two devices never race to different outcomes of one synced row.
 */
export function resolveWakes(ctx: Ctx): WakeCommand[] {
  const now = ctx.clock.now();
  const changed: WakeCommand[] = [];
  for (const w of openWakes(ctx.db, ctx.deviceId)) {
    const booth = getBooth(ctx.db, w.boothId);
    const since = w.sentAt ?? w.requestedAt;
    let next: WakeCommand | null = null;
    if (booth && booth.lastSeen !== null && booth.lastSeen >= since && w.state !== 'queued') next = setWakeState(ctx.db, w.id, 'online', now);
    else if (now > w.deadlineAt) {
      next = setWakeState(ctx.db, w.id, 'failed', now, { error: w.state === 'queued' ? 'No relay agent picked the wake up in time' : 'The booth did not come back before the timeout' });
      if (booth?.status === 'waking') setConnectivity(ctx.db, booth.id, { status: 'offline', pcConnected: booth.pcConnected, routerConnected: booth.routerConnected, lastSeen: booth.lastSeen }, now);
    }
    if (next) {
      emit(ctx, next);
      changed.push(next);
    }
  }
  return changed;
}

export { getWake, listWakes };
