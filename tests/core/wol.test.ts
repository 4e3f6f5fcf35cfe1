import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { magicPacket } from '@core/modules/wol/packet.js';
import { resolveWakes, runRelayQueue, type WolDeps } from '@core/modules/wol/wake.js';
import { monitorTick, statusFrom } from '@core/modules/booths/monitor.js';
import { probeTcp } from '@core/modules/booths/probe.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import type { AddressInfo } from 'node:net';

const MAC = '00:1A:2B:3C:4D:5E';
let core: TestCore;
let pushed: PushEvent[];
const sockets: dgram.Socket[] = [];

/** A loopback UDP socket standing in for the sleeping NIC (tests never broadcast on a real LAN). */
async function receiver(): Promise<{ port: number; packets: Buffer[]; next(): Promise<Buffer> }> {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  const packets: Buffer[] = [];
  const waiters: Array<(b: Buffer) => void> = [];
  s.on('message', (m) => {
    packets.push(m);
    waiters.shift()?.(m);
  });
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  return {
    port: (s.address() as AddressInfo).port,
    packets,
    next: () => (packets.length ? Promise.resolve(packets[0]!) : new Promise((r) => waiters.push(r))),
  };
}

beforeEach(() => {
  core = createTestCore();
  pushed = [];
  core.ctx.events.subscribe((e) => pushed.push(e));
  core.ctx.ports.lan = {
    localTargets: () => ['127.0.0.1'],
    onBoothLan: (b) => b.name !== 'Elsewhere',
    timeoutMs: 120_000,
  } satisfies WolDeps;
  // A hub is configured and sync is on: relay rows can reach a peer (tests/core/wol-routes.test.ts covers sync off).
  core.ctx.ports.sync = { requestRound: () => undefined, relayAvailable: () => true };
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
  core.dispose();
});
const count = (sql: string) => core.ctx.db.prepare(sql).pluck().get() as number;
const states = () => pushed.filter((p) => p.event === 'wake.stateChanged').map((p) => (p.payload as { state: string }).state);

describe('Wake-on-LAN', () => {
  it('local route: the 102-byte magic packet reaches the booth port, state sent → waiting, audited', async () => {
    const rx = await receiver();
    await core.router.call('booths.create', { name: 'Borne 1', mac: '00-1a-2b-3c-4d-5e', wolPort: rx.port, wolRoutes: ['local'] });
    const w = await core.router.call('wol.wake', { booth: 'Borne 1' });
    expect(w).toMatchObject({ route: 'local', state: 'waiting', targets: [`127.0.0.1:${rx.port}`] });
    const p = await rx.next();
    expect(p.length).toBe(102);
    expect(p.equals(magicPacket(MAC))).toBe(true);
    expect(states()).toEqual(['queued', 'sent', 'waiting']);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'wol.wake' AND outcome = 'ok'")).toBe(1);
    expect((await core.router.call('booths.list', {}))[0]!.status).toBe('waking');
  });

  it('router route: directed send to the router address and port', async () => {
    const rx = await receiver();
    await core.router.call('booths.create', { name: 'Borne 2', mac: MAC, routerAddress: '127.0.0.1', routerWolPort: rx.port });
    const w = await core.router.call('wol.wake', { booth: 'Borne 2', via: 'router' });
    expect(w.targets).toEqual([`127.0.0.1:${rx.port}`]);
    expect((await rx.next()).equals(magicPacket(MAC))).toBe(true);
  });

  it('relay route: queued, nothing sent until a peer agent claims it and broadcasts on its LAN', async () => {
    const rx = await receiver();
    await core.router.call('booths.create', { name: 'Borne 3', mac: MAC, wolPort: rx.port });
    const w = await core.router.call('wol.wake', { booth: 'Borne 3', via: 'relay' });
    expect(w.state).toBe('queued');
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.packets).toHaveLength(0);
    expect(await runRelayQueue(core.ctx)).toBe(1);
    expect((await rx.next()).equals(magicPacket(MAC))).toBe(true);
    expect(await runRelayQueue(core.ctx)).toBe(0); // claimed once, never twice
    expect(count(`SELECT count(*) FROM wake_commands WHERE claimed_by = '${core.ctx.deviceId}' AND state = 'waiting'`)).toBe(1);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'wol.relay'")).toBe(1);
  });

  it('relay: a peer on another LAN leaves the row queued for the right one', async () => {
    const rx = await receiver();
    await core.router.call('booths.create', { name: 'Elsewhere', mac: MAC, wolPort: rx.port });
    await core.router.call('wol.wake', { booth: 'Elsewhere', via: 'relay' });
    expect(await runRelayQueue(core.ctx)).toBe(0);
    expect(count("SELECT count(*) FROM wake_commands WHERE state = 'queued' AND claimed_by IS NULL")).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.packets).toHaveLength(0);
  });

  it('waiting → online when the heartbeat comes back; → failed after the timeout', async () => {
    const rx = await receiver();
    const a = await core.router.call('booths.create', { name: 'A', mac: MAC, wolPort: rx.port, wolRoutes: ['local'] });
    await core.router.call('booths.create', { name: 'B', mac: '00:1A:2B:3C:4D:5F', wolPort: rx.port, wolRoutes: ['local'] });
    const wa = await core.router.call('wol.wake', { booth: 'A' });
    const wb = await core.router.call('wol.wake', { booth: 'B' });
    core.clock.advance(20_000);
    core.ctx.db.prepare('UPDATE booths SET last_seen = ? WHERE id = ?').run(core.clock.now(), a.id); // A's heartbeat
    await resolveWakes(core.ctx);
    const list = await core.router.call('wol.list', {});
    expect(list.find((w) => w.id === wa.id)!.state).toBe('online');
    expect(list.find((w) => w.id === wb.id)!.state).toBe('waiting');
    core.clock.advance(120_000);
    await resolveWakes(core.ctx);
    const b = (await core.router.call('wol.list', {})).find((w) => w.id === wb.id)!;
    expect(b).toMatchObject({ state: 'failed', error: 'wol.noAnswer' });
    expect((await core.router.call('booths.list', {})).find((x) => x.name === 'B')!.status).toBe('offline');
  });

  it('refuses a booth without MAC, a router wake without router, an unknown booth: nothing queued', async () => {
    await core.router.call('booths.create', { name: 'NoMac' });
    await core.router.call('booths.create', { name: 'NoRouter', mac: MAC });
    await expect(core.router.call('wol.wake', { booth: 'NoMac' })).rejects.toThrow(/no MAC/);
    await expect(core.router.call('wol.wake', { booth: 'NoRouter', via: 'router' })).rejects.toThrow(/no router address/);
    await expect(core.router.call('wol.wake', { booth: 'Ghost' })).rejects.toThrow(/No booth/);
    await expect(core.router.call('wol.wake', { booth: 'NoRouter', via: 'carrier-pigeon' as 'local' })).rejects.toThrow();
    expect(count('SELECT count(*) FROM wake_commands')).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'wol.wake' AND outcome = 'failed'")).toBe(3);
  });

  it('wakes once before an event, within the booth lead time', async () => {
    const rx = await receiver();
    const b = await core.router.call('booths.create', {
      name: 'Early',
      mac: MAC,
      wolPort: rx.port,
      wolRoutes: ['local'],
      wakeBeforeEventMin: 30,
    });
    const now = core.clock.now();
    await core.router.call('bookings.create', {
      boothId: b.id,
      clientName: 'Gala',
      startsAt: now + 45 * 60_000,
      endsAt: now + 5 * 3_600_000,
    });
    await monitorTick(core.ctx);
    expect(count('SELECT count(*) FROM wake_commands')).toBe(0);
    core.clock.advance(20 * 60_000);
    await monitorTick(core.ctx);
    await monitorTick(core.ctx);
    expect(count("SELECT count(*) FROM wake_commands WHERE reason = 'before_event'")).toBe(1);
    expect((await rx.next()).length).toBe(102);
  });
});

describe('fleet reachability', () => {
  it('TCP probe: a listening or refusing loopback port proves the host is up', async () => {
    const srv = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    expect(await probeTcp('127.0.0.1', port, 1000)).not.toBeNull();
    srv.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await probeTcp('127.0.0.1', port, 1000)).not.toBeNull(); // refused = host up
  });

  it('monitor marks a probed booth online and pushes fleet.statusChanged once', async () => {
    const srv = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    await core.router.call('booths.create', { name: 'Probed', pcAddress: '127.0.0.1', pcProbePort: (srv.address() as AddressInfo).port });
    await monitorTick(core.ctx, { probeTimeoutMs: 1000 });
    await monitorTick(core.ctx, { probeTimeoutMs: 1000 });
    srv.close();
    expect((await core.router.call('booths.list', {}))[0]).toMatchObject({ status: 'online', pcConnected: true });
    expect(pushed.filter((p) => p.event === 'fleet.statusChanged')).toHaveLength(1);
  });

  it('status rules: heartbeat freshness, probes, waking kept until resolved', () => {
    const b = { status: 'unknown' as const, pcAddress: '10.0.0.2', routerAddress: null };
    const now = 1_000_000;
    expect(statusFrom(b, null, null, null, now)).toBe('unknown');
    expect(statusFrom(b, null, null, now - 60_000, now)).toBe('online');
    expect(statusFrom(b, null, null, now - 91_000, now)).toBe('offline');
    expect(statusFrom(b, false, true, null, now)).toBe('offline');
    expect(statusFrom(b, true, null, null, now)).toBe('online');
    expect(statusFrom({ ...b, status: 'waking' }, false, null, null, now)).toBe('waking');
  });
});
