import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLocal } from '@core/db/repos/localState.js';
import { seedDemoBooths } from '@core/demo/booths.js';
import { seedDemoEvents } from '@core/demo/events.js';
import { DEMO_PULSE_MS, demoPulse } from '@core/modules/demoAgents/index.js';
import { monitorTick } from '@core/modules/booths/index.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 11, defect 4: on the demo every booth went "Hors ligne" within two minutes, with critical
// "offline during its event" alerts. The demo's booths now have simulated agents while serve runs.
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

const minutes = async (n: number, pulse: boolean) => {
  for (let t = 0; t < (n * 60_000) / DEMO_PULSE_MS; t++) {
    core.clock.advance(DEMO_PULSE_MS);
    if (pulse) demoPulse(core.ctx);
    await monitorTick(core.ctx, { probeTimeoutMs: 50 });
  }
};

describe('a living demo', () => {
  it('keeps the demo booths online for 10 minutes of an injected clock, with no offline-during-event alert for them', async () => {
    seedDemoBooths(core.ctx);
    seedDemoEvents(core.ctx);
    setLocal(core.ctx.db, 'setup_choice', 'demo');
    const live = (await core.router.call('demo.agents', {})).boothIds;
    expect(live).toHaveLength(5);
    await minutes(10, true);
    const booths = await core.router.call('booths.list', {});
    const status = Object.fromEntries(booths.map((b) => [b.name, b.status]));
    expect(status).toMatchObject({
      'Borne Aurore': 'online',
      'Borne Brume': 'online',
      'Borne Cèdre': 'online',
      'Borne Dune': 'online',
      'Borne Flocon': 'online',
    });
    for (const b of booths.filter((x) => live.includes(x.id)))
      expect([b.name, b.pcConnected, b.routerConnected]).toEqual([b.name, true, true]);
    const alerts = await core.router.call('alerts.list', { open: true });
    expect(alerts.filter((a) => a.kind === 'offline_during_event' && live.includes(a.boothId))).toEqual([]);
    // Health keeps coming: the disk and temperature alerts of the demo stay (they describe the booths), not flicker.
    expect(alerts.map((a) => `${a.boothName}:${a.kind}`)).toEqual(
      expect.arrayContaining(['Borne Flocon:disk_low', 'Borne Dune:high_temperature']),
    );
  }, 60_000);

  it('without the simulated agents the same fleet decays (the defect), and a real database has none', async () => {
    seedDemoBooths(core.ctx);
    await minutes(3, false);
    expect((await core.router.call('booths.list', {})).filter((b) => b.status === 'online')).toEqual([]);
    expect((await core.router.call('demo.agents', {})).boothIds).toEqual([]);
    expect(demoPulse(core.ctx)).toBe(0);
  }, 60_000);
});
