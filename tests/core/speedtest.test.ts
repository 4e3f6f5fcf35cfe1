import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SPEED_DOWNLOAD_URL } from '@shared/model/speedtest.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startSpeedTargetDouble, type SpeedTargetDouble } from '../fixtures/speed-target-double.js';

let core: TestCore;
let target: SpeedTargetDouble;
let boothId: string;

beforeAll(async () => {
  target = await startSpeedTargetDouble();
});
afterAll(async () => {
  await target.close();
});
beforeEach(async () => {
  core = createTestCore();
  boothId = (await core.router.call('booths.create', { name: 'Borne 1' })).id;
  target.set({ delayMs: 0, status: 200 });
});
afterEach(() => core.dispose());

const local = () =>
  core.router.call('speedtest.config.set', {
    downloadUrl: target.downloadUrl,
    uploadUrl: target.uploadUrl,
    warnDownMbps: 0.001,
    warnUpMbps: 0.001,
    warnPingMs: 1000,
  });
const openKinds = async () => (await core.router.call('alerts.list', { open: true, limit: 50 })).map((a) => a.kind);

describe('speed tests', () => {
  it('work out of the box: a default target with no setting (kept off the internet in tests, saying so)', async () => {
    expect(await core.router.call('speedtest.config.get', {})).toMatchObject({
      downloadUrl: DEFAULT_SPEED_DOWNLOAD_URL,
      warnDownMbps: 10,
      everyMin: {},
    });
    const r = await core.router.request({ channel: 'speedtest.run', input: { boothId } });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('"Test now" measures download, upload and latency against the target and keeps the history', async () => {
    await local();
    const r = await core.router.call('speedtest.run', { boothId });
    expect(r.error).toBeNull();
    expect(r.downMbps).toBeGreaterThan(0);
    expect(r.upMbps).toBeGreaterThan(0);
    expect(r.pingMs).toBeGreaterThanOrEqual(0);
    core.clock.advance(60_000);
    await core.router.call('speedtest.run', { boothId });
    const h = await core.router.call('speedtest.history', { boothId, days: 1 });
    expect(h).toHaveLength(2);
    expect(h[0]!.testedAt).toBeLessThan(h[1]!.testedAt);
    expect(await openKinds()).not.toContain('slow_network');
  });

  it('a failing or slow test raises "slow network" with the reason; a good one clears it', async () => {
    await local();
    target.set({ status: 503 });
    const failed = await core.router.call('speedtest.run', { boothId });
    expect(failed).toMatchObject({ downMbps: null, error: 'HTTP 503' });
    expect(await openKinds()).toContain('slow_network');
    target.set({ status: 200 });
    await core.router.call('speedtest.run', { boothId });
    expect(await openKinds()).not.toContain('slow_network');
    // Latency over the threshold.
    await core.router.call('speedtest.config.set', {
      downloadUrl: target.downloadUrl,
      uploadUrl: null,
      warnDownMbps: 0.001,
      warnUpMbps: 0,
      warnPingMs: 50,
    });
    target.set({ delayMs: 120 });
    await core.router.call('speedtest.run', { boothId });
    const alert = (await core.router.call('alerts.list', { open: true, limit: 50 })).find((a) => a.kind === 'slow_network');
    expect(alert?.details).toMatchObject({ reason: 'ping' });
  });

  it('a schedule per booth (admins): 0 turns the booth agent’s tests off', async () => {
    expect((await core.router.call('speedtest.schedule.set', { boothId, everyMin: 0 })).everyMin).toEqual({ [boothId]: 0 });
    expect((await core.router.call('speedtest.schedule.set', { boothId, everyMin: 60 })).everyMin).toEqual({ [boothId]: 60 });
    expect(await core.router.request({ channel: 'speedtest.schedule.set', input: { boothId: 'ghost', everyMin: 5 } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
