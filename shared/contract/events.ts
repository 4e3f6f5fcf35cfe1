import { z } from 'zod';
import { Settings } from '../model/settings.js';

export const DataChanged = z.object({ tables: z.array(z.string().min(1)).min(1), ids: z.array(z.string()).optional() });
export type DataChanged = z.infer<typeof DataChanged>;

/** Push events from the core: name → payload schema. Modules add their own maps here. */
export const systemEvents = {
  'settings.changed': Settings,
  'audit.appended': z.object({ action: z.string(), outcome: z.string() }),
  /**
   * The change feed: data was written (a router mutation, a CSV import, a sync pull, the booth
   * agent, a forecast run). `tables` are SQLite table names; `ids` the changed rows when few
   * (absent: many or unknown, reload the tables). Screens and schedulers refresh on it; no polling.
   */
  'data.changed': DataChanged,
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
  }),
} as const;
