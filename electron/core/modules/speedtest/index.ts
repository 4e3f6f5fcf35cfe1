import { defineModule } from '@core/module.js';
import type { HandlerMap } from '@core/router.js';
import type { speedtestChannels } from '@shared/contract/speedtest.js';
import { getBooth } from '@core/db/repos/booths.js';
import { insertSpeedTest, speedTestsSince } from '@core/db/repos/boothHealth.js';
import { readSpeedConfig, writeSpeedConfig } from '@core/db/repos/speedConfig.js';
import { emitDataChanged } from '@core/changes.js';
import { AppError } from '@shared/errors.js';
import { DEFAULT_SPEED_DOWNLOAD_URL } from '@shared/model/speedtest.js';
import { evaluateBoothAlerts } from '../alerts/index.js';
import { runSpeedTest } from '../agent/index.js';

const handlers: Pick<HandlerMap, keyof typeof speedtestChannels> = {
  'speedtest.config.get': (_i, ctx) => readSpeedConfig(ctx.db),
  'speedtest.config.set': (i, ctx) => {
    const next = { ...readSpeedConfig(ctx.db), ...i };
    writeSpeedConfig(ctx.db, next, { now: ctx.clock.now(), device: ctx.deviceId });
    return readSpeedConfig(ctx.db);
  },
  'speedtest.schedule.set': ({ boothId, everyMin }, ctx) => {
    if (!getBooth(ctx.db, boothId)) throw new AppError('not_found', 'Booth not found');
    const c = readSpeedConfig(ctx.db);
    writeSpeedConfig(ctx.db, { ...c, everyMin: { ...c.everyMin, [boothId]: everyMin } }, { now: ctx.clock.now(), device: ctx.deviceId });
    return readSpeedConfig(ctx.db);
  },
  'speedtest.run': async ({ boothId }, ctx) => {
    const booth = getBooth(ctx.db, boothId);
    if (!booth) throw new AppError('not_found', 'Booth not found');
    const cfg = readSpeedConfig(ctx.db);
    if (cfg.downloadUrl === DEFAULT_SPEED_DOWNLOAD_URL && process.env.OPSDECK_NO_DEFAULT_SPEEDTEST === '1')
      throw new AppError('unavailable', 'The public speed-test target is off here: set a test address in Settings');
    const r = await runSpeedTest(cfg.downloadUrl, { uploadUrl: cfg.uploadUrl ?? undefined });
    const now = ctx.clock.now();
    const row = { ...r, testedAt: now };
    insertSpeedTest(ctx.db, booth.id, row, { now, device: ctx.deviceId });
    emitDataChanged(ctx, { tables: ['speed_tests'], ids: [booth.id] });
    evaluateBoothAlerts(ctx, booth.id);
    return row;
  },
  'speedtest.history': ({ boothId, days }, ctx) => speedTestsSince(ctx.db, boothId, ctx.clock.now() - days * 86_400_000),
};

/** Speed tests: settings, "Test now" from this device, history (the booth agent runs the schedule). */
export const speedtestModule = defineModule({ name: 'speedtest', handlers });
