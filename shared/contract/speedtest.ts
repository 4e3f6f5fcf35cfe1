import { z } from 'zod';
import { ADMIN_ONLY, INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { SpeedTest } from '../model/booth.js';
import { SpeedConfig } from '../model/speedtest.js';
import { defineChannels } from './define.js';

const BoothId = z.string().min(1).max(64);

/** Speed tests that work out of the box (issue 16): the target and thresholds, each booth's schedule, "Test now", history. */
export const speedtestChannels = defineChannels({
  'speedtest.config.get': { kind: 'query', input: z.strictObject({}), output: SpeedConfig, roles: STAFF_READ },
  'speedtest.config.set': { kind: 'mutation', input: SpeedConfig.omit({ everyMin: true }), output: SpeedConfig, roles: ADMIN_ONLY },
  /** Minutes between a booth agent's tests (0: off). */
  'speedtest.schedule.set': {
    kind: 'mutation',
    input: z.strictObject({ boothId: BoothId, everyMin: z.number().int().min(0).max(1440) }),
    output: SpeedConfig,
    roles: ADMIN_ONLY,
  },
  /** Runs a test now from this device (at the venue, on the booth's network) and records it for the booth; a failure is a recorded result that says why. */
  'speedtest.run': { kind: 'mutation', input: z.strictObject({ boothId: BoothId }), output: SpeedTest, roles: INSTALLER_WRITE },
  'speedtest.history': {
    kind: 'query',
    input: z.strictObject({ boothId: BoothId, days: z.number().int().min(1).max(90).default(14) }),
    output: z.array(SpeedTest),
    roles: STAFF_READ,
  },
});
