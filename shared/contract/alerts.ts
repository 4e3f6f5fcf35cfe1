import { z } from 'zod';
import { defineChannels } from './define.js';
import { STAFF_READ } from '../model/roles.js';
import { Alert } from '../model/alert.js';

export const alertsChannels = defineChannels({
  'alerts.list': {
    kind: 'query',
    input: z.strictObject({ open: z.boolean().optional(), boothId: z.string().optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(Alert),
    roles: STAFF_READ,
  },
});

export const alertsEvents = {
  'alert.raised': Alert,
  'alert.cleared': Alert,
} as const;
