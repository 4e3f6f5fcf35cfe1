import os from 'node:os';
import type { CoreContext } from '@core/context.js';
import type { LanPort } from '@core/ports/lan.js';
import { findBooth, getBooth, setConnectivity } from '@core/db/repos/booths.js';
import {
  getWake,
  insertWake,
  openWakes,
  setWakeState,
  claimRelay,
  listWakes,
  insertChainLink,
  chainLinkOf,
} from '@core/db/repos/wakeCommands.js';
import { newId } from '@core/db/ids.js';
import { appendAudit } from '@core/db/repos/audit.js';
import type { Booth, WolRoute } from '@shared/model/booth.js';
import type { WakeCommand } from '@shared/model/alert.js';
import { AppError } from '@shared/errors.js';
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
    const env = process.env.OPSDECK_WOL_LOCAL_TARGETS?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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
    if (via === 'router' && !booth.routerAddress)
      throw new AppError('invalid_input', `${booth.name} has no router address for a directed wake`);
    return via;
  }
  for (const r of booth.wolRoutes) if (r !== 'router' || booth.routerAddress) return r;
  throw new AppError('invalid_input', `${booth.name} has no usable Wake-on-LAN route`);
}

/** The booth's routes in its configured order, without those it lacks what they need for. */
export function usableRoutes(booth: Booth): WolRoute[] {
  return booth.wolRoutes.filter((r) => r !== 'router' || booth.routerAddress);
}

/** Failure codes stored on a wake (synced, so never in one language); the screens translate them. */
export const WAKE_ERRORS = {
  relayUnavailable: 'wol.relayUnavailable',
  relayNotPicked: 'wol.relayNotPicked',
  noAnswer: 'wol.noAnswer',
  sendFailed: 'wol.sendFailed',
} as const;

function targetsFor(ctx: Ctx, booth: Booth, route: WolRoute): SendTarget[] {
  if (route === 'router') return [{ host: booth.routerAddress!, port: booth.routerWolPort }];
  return depsOf(ctx)
    .localTargets()
    .map((host) => ({ host, port: booth.wolPort }));
}

async function transmit(ctx: Ctx, booth: Booth, cmd: WakeCommand, route: WolRoute): Promise<WakeCommand> {
  const targets = targetsFor(ctx, booth, route);
  const names = targets.map((t) => `${t.host}:${t.port}`);
  const failures = await sendUdp(magicPacket(booth.mac!), targets);
  const now = ctx.clock.now();
  if (failures.length === targets.length) {
    const failed = setWakeState(ctx.db, cmd.id, 'failed', now, {
      error: `${WAKE_ERRORS.sendFailed}: ${failures[0]?.error ?? 'no target'}`.slice(0, 500),
      targets: names,
    });
    emit(ctx, failed);
    return failed ?? cmd;
  }
  const sent = setWakeState(ctx.db, cmd.id, 'sent', now, { sentAt: now, targets: names });
  emit(ctx, sent);
  const waiting = setWakeState(ctx.db, cmd.id, 'waiting', now);
  emit(ctx, waiting);
  setConnectivity(
    ctx.db,
    booth.id,
    { status: 'waking', pcConnected: booth.pcConnected, routerConnected: booth.routerConnected, lastSeen: booth.lastSeen },
    now,
  );
  return waiting ?? cmd;
}

interface Attempt {
  booth: Booth;
  routes: WolRoute[];
  step: number;
  chainId: string;
  previousWakeId: string | null;
  reason: WakeCommand['reason'];
  userId: string | null;
}

/** One route of a wake: a row, an audit entry naming the booth and the route, then the send (or the relay queue). */
async function attempt(ctx: Ctx, a: Attempt): Promise<WakeCommand> {
  const route = a.routes[a.step]!;
  const now = ctx.clock.now();
  const deps = depsOf(ctx);
  const cmd = ctx.db.transaction(() => {
    const w = insertWake(
      ctx.db,
      {
        boothId: a.booth.id,
        route,
        state: 'queued',
        reason: a.reason,
        requestedBy: a.userId,
        deadlineAt: now + (deps.timeoutMs ?? WAKE_TIMEOUT_MS) + (route === 'relay' ? (deps.relayPickupMs ?? RELAY_PICKUP_MS) : 0),
        targets: [],
        sentAt: null,
      },
      { now, device: ctx.deviceId },
    );
    insertChainLink(ctx.db, { wakeId: w.id, chainId: a.chainId, step: a.step, routes: a.routes, previousWakeId: a.previousWakeId });
    const prev = a.previousWakeId ? getWake(ctx.db, a.previousWakeId) : null;
    appendAudit(ctx.db, {
      at: now,
      userId: a.userId,
      action: 'wol.attempt',
      target: a.booth.name,
      outcome: 'ok',
      details: {
        boothId: a.booth.id,
        route,
        step: a.step + 1,
        of: a.routes.length,
        wakeId: w.id,
        ...(prev ? { previousRoute: prev.route, previousError: prev.error } : {}),
      },
      originDevice: ctx.deviceId,
    });
    return getWake(ctx.db, w.id)!;
  })();
  emit(ctx, cmd);
  if (route === 'relay') {
    // Without sync the row can never reach a peer: fail at once and try the next route.
    if (!ctx.ports.sync.relayAvailable()) return fail(ctx, cmd, WAKE_ERRORS.relayUnavailable, a);
    // The peer that sends it is on another device: hand the row to the hub now.
    ctx.ports.sync.requestRound('relay wake queued');
    return cmd;
  }
  const res = await transmit(ctx, a.booth, cmd, route);
  return res.state === 'failed' ? next(ctx, res, a) : res;
}

function fail(ctx: Ctx, cmd: WakeCommand, error: string, a: Attempt): Promise<WakeCommand> {
  const failed = setWakeState(ctx.db, cmd.id, 'failed', ctx.clock.now(), { error });
  emit(ctx, failed);
  return next(ctx, failed ?? cmd, a);
}

/** After a failed attempt: the next route of the chain, if any is left. */
async function next(ctx: Ctx, failed: WakeCommand, a: Attempt): Promise<WakeCommand> {
  if (a.step + 1 >= a.routes.length) return getWake(ctx.db, failed.id) ?? failed;
  const booth = getBooth(ctx.db, a.booth.id) ?? a.booth;
  return attempt(ctx, { ...a, booth, step: a.step + 1, previousWakeId: failed.id });
}

/**
 * Wakes a booth. With `via`, that one route; otherwise the booth's routes in its configured order,
 * each with its own time-out, the next one tried as soon as the previous fails. Returns the attempt
 * in progress (or the last one, failed). Send errors end as a 'failed' row, never a throw.
 */
export async function wakeBooth(
  ctx: Ctx,
  ref: string,
  opts: { via?: WolRoute; reason?: WakeCommand['reason']; userId?: string | null } = {},
): Promise<WakeCommand> {
  const booth = findBooth(ctx.db, ref);
  if (!booth) throw new AppError('not_found', `No booth "${ref.slice(0, 64)}"`);
  if (!booth.mac) throw new AppError('invalid_input', `${booth.name} has no MAC address`);
  const routes = opts.via ? [chooseRoute(booth, opts.via)] : usableRoutes(booth);
  if (!routes.length) throw new AppError('invalid_input', `${booth.name} has no usable Wake-on-LAN route`);
  return attempt(ctx, {
    booth,
    routes,
    step: 0,
    chainId: newId(),
    previousWakeId: null,
    reason: opts.reason ?? 'manual',
    userId: opts.userId ?? null,
  });
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
    appendAudit(ctx.db, {
      at: ctx.clock.now(),
      userId: null,
      action: 'wol.relay',
      target: booth.id,
      outcome: res.state === 'failed' ? 'failed' : 'ok',
      details: { wakeId: w.id, targets: res.targets },
      originDevice: ctx.deviceId,
    });
    done++;
  }
  // The requester learns the outcome (sent → waiting) from the hub: report it now.
  if (done) ctx.ports.sync.requestRound('relay wakes sent');
  return done;
}

/**
 * sent/waiting → online when the booth was seen after the packet left; → failed past the attempt's
 * time-out (a relay nobody picked up, or a booth that did not answer), and then the next route of
 * its chain is tried. Only the device that requested a wake resolves it (the relay peer only sends
 * and reports), so two devices never race to different outcomes of one synced row.
 */
export async function resolveWakes(ctx: Ctx): Promise<WakeCommand[]> {
  const now = ctx.clock.now();
  const pickup = depsOf(ctx).relayPickupMs ?? RELAY_PICKUP_MS;
  const changed: WakeCommand[] = [];
  for (const w of openWakes(ctx.db, ctx.deviceId)) {
    const booth = getBooth(ctx.db, w.boothId);
    const since = w.sentAt ?? w.requestedAt;
    let next: WakeCommand | null = null;
    if (booth && booth.lastSeen !== null && booth.lastSeen >= since && w.state !== 'queued')
      next = setWakeState(ctx.db, w.id, 'online', now);
    // A relay nobody picked up fails after the pick-up time; a sent packet after the wake time-out.
    else if (now > w.deadlineAt || (w.state === 'queued' && now > w.requestedAt + pickup)) {
      next = setWakeState(ctx.db, w.id, 'failed', now, { error: w.state === 'queued' ? WAKE_ERRORS.relayNotPicked : WAKE_ERRORS.noAnswer });
      if (booth?.status === 'waking')
        setConnectivity(
          ctx.db,
          booth.id,
          { status: 'offline', pcConnected: booth.pcConnected, routerConnected: booth.routerConnected, lastSeen: booth.lastSeen },
          now,
        );
    }
    if (next) {
      emit(ctx, next);
      changed.push(next);
      const link = next.state === 'failed' && booth ? chainLinkOf(ctx.db, next.id) : null;
      if (link && booth && link.step + 1 < link.routes.length) {
        changed.push(
          await attempt(ctx, {
            booth,
            routes: link.routes as WolRoute[],
            step: link.step + 1,
            chainId: link.chainId,
            previousWakeId: next.id,
            reason: next.reason,
            userId: null,
          }),
        );
      }
    }
  }
  return changed;
}

export { getWake, listWakes };
