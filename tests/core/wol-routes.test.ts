import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWakes, RELAY_PICKUP_MS } from '@core/modules/wol/wake.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import type { AddressInfo } from 'node:net';

// Issue 11, defect 3: with sync off the card waited 9 minutes on a relay, then failed without a
// reason; the configured fallback was never tried; the error was English; the audit did not name
// the booth. Routes are now tried in the booth's order, each with its time-out.
const MAC = '00:1A:2B:3C:4D:5E';
let core: TestCore;
let relayOn = false;
const sockets: dgram.Socket[] = [];

async function receiver(): Promise<{ port: number; packets: Buffer[] }> {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  const packets: Buffer[] = [];
  s.on('message', (m) => packets.push(m));
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  return { port: (s.address() as AddressInfo).port, packets };
}
const until = async (f: () => boolean) => {
  for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 20));
  return f();
};

beforeEach(() => {
  core = createTestCore();
  relayOn = false;
  core.ctx.ports.lan = { localTargets: () => ['127.0.0.1'], onBoothLan: () => false, timeoutMs: 120_000 };
  core.ctx.ports.sync = { requestRound: () => undefined, relayAvailable: () => relayOn };
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
  core.dispose();
});

describe('Wake-on-LAN routes in the booth order', () => {
  it('sync off: the relay fails at once with a reason, the local broadcast is tried, the audit names the booth and each route', async () => {
    const rx = await receiver();
    await core.router.call('booths.create', { name: 'Borne Écume', mac: MAC, wolPort: rx.port, wolRoutes: ['relay', 'local'] });
    const w = await core.router.call('wol.wake', { booth: 'Borne Écume' });
    expect(w).toMatchObject({
      route: 'local',
      state: 'waiting',
      chain: { step: 1, routes: ['relay', 'local'], previous: { route: 'relay', error: 'wol.relayUnavailable' } },
    });
    expect(await until(() => rx.packets.length > 0)).toBe(true);
    const list = await core.router.call('wol.list', {});
    expect(list.map((x) => `${x.route}:${x.state}`)).toEqual(['local:waiting', 'relay:failed']);
    const audit = (await core.router.call('audit.list', { action: 'wol.attempt' })).items;
    expect(audit.map((a) => [a.target, (a.details as { route: string }).route])).toEqual([
      ['Borne Écume', 'local'],
      ['Borne Écume', 'relay'],
    ]);
    expect((await core.router.call('audit.list', { action: 'wol.wake' })).items[0]!.target).toBe('Borne Écume');
  });

  it('sync on: a relay nobody picks up fails after its pick-up time, then the next route is tried', async () => {
    relayOn = true;
    const rx = await receiver();
    await core.router.call('booths.create', { name: 'Borne Houle', mac: MAC, wolPort: rx.port, wolRoutes: ['relay', 'local'] });
    const w = await core.router.call('wol.wake', { booth: 'Borne Houle' });
    expect(w).toMatchObject({ route: 'relay', state: 'queued', chain: { step: 0, previous: null } });
    core.clock.advance(RELAY_PICKUP_MS - 1000);
    expect(await resolveWakes(core.ctx)).toEqual([]);
    core.clock.advance(2000);
    const changed = await resolveWakes(core.ctx);
    expect(changed.map((x) => `${x.route}:${x.state}:${x.error ?? ''}`)).toEqual(['relay:failed:wol.relayNotPicked', 'local:waiting:']);
    expect(await until(() => rx.packets.length > 0)).toBe(true);
  });

  it('local then router: a booth that does not answer in time gets the router route; the last failure ends the chain', async () => {
    const rx = await receiver();
    await core.router.call('booths.create', {
      name: 'Borne Sable',
      mac: MAC,
      wolPort: rx.port,
      routerAddress: '127.0.0.1',
      routerWolPort: rx.port,
      wolRoutes: ['local', 'router'],
    });
    const w = await core.router.call('wol.wake', { booth: 'Borne Sable' });
    expect(w.route).toBe('local');
    core.clock.advance(121_000);
    const changed = await resolveWakes(core.ctx);
    expect(changed.map((x) => `${x.route}:${x.state}`)).toEqual(['local:failed', 'router:waiting']);
    expect(changed[1]!.chain!.previous).toEqual({ route: 'local', error: 'wol.noAnswer' });
    core.clock.advance(121_000);
    expect((await resolveWakes(core.ctx)).map((x) => `${x.route}:${x.state}`)).toEqual(['router:failed']);
    core.clock.advance(121_000);
    expect(await resolveWakes(core.ctx)).toEqual([]);
  });

  it('an explicit route is the only one tried', async () => {
    await core.router.call('booths.create', { name: 'Borne Vague', mac: MAC, wolRoutes: ['relay', 'local'] });
    const w = await core.router.call('wol.wake', { booth: 'Borne Vague', via: 'relay' });
    expect(w).toMatchObject({ route: 'relay', state: 'failed', error: 'wol.relayUnavailable', chain: { routes: ['relay'] } });
    expect(await core.router.call('wol.list', {})).toHaveLength(1);
  });
});
