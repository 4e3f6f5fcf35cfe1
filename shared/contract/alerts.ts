import { z } from 'zod';
import { INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { Alert } from '../model/alert.js';
import { ProductAlert } from '../model/productAlert.js';
import { defineChannels } from './define.js';

export const alertsChannels = defineChannels({
  'alerts.list': {
    kind: 'query',
    input: z.strictObject({
      open: z.boolean().optional(),
      boothId: z.string().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(Alert),
    roles: STAFF_READ,
  },
  /** Products' alerts (issue 16): stock-out risk before the next possible delivery, open first then recently cleared. */
  'alerts.products': {
    kind: 'query',
    input: z.strictObject({ open: z.boolean().optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(ProductAlert),
    roles: STAFF_READ,
  },
  /** "I am on it": records who and when; the alert stays open until resolved. */
  'alerts.acknowledge': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    output: Alert,
    roles: INSTALLER_WRITE,
  },
  /** Closes the alert by hand (who); if its cause is still there the rules raise it again. */
  'alerts.resolve': { kind: 'mutation', input: z.strictObject({ id: z.string().min(1).max(64) }), output: Alert, roles: INSTALLER_WRITE },
});

export const alertsEvents = {
  'alert.raised': Alert,
  'alert.cleared': Alert,
} as const;
