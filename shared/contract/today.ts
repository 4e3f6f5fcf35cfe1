import { z } from 'zod';
import { STAFF_READ } from '../model/roles.js';
import { TodayView } from '../model/today.js';
import { defineChannels } from './define.js';

/** The installer's home (issue 16): today's and tomorrow's events with their booths, from local data only. */
export const todayChannels = defineChannels({
  'today.get': { kind: 'query', input: z.strictObject({}), output: TodayView, roles: STAFF_READ },
});
