import { z } from 'zod';
import { Settings } from '../model/settings.js';

/** Push events from the core: name → payload schema. Modules add their own maps here. */
export const systemEvents = {
  'settings.changed': Settings,
  'audit.appended': z.object({ action: z.string(), outcome: z.string() }),
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
  }),
} as const;
