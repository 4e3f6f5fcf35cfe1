import { z } from 'zod';
import { INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { WakeCommand } from '../model/alert.js';
import { WolRoute } from '../model/booth.js';
import { defineChannels } from './define.js';

export const wolChannels = defineChannels({
  // Audited by the router (every WoL is an audited action, SPEC §2).
  'wol.wake': {
    kind: 'mutation',
    input: z.strictObject({ booth: z.string().trim().min(1).max(64), via: WolRoute.optional() }),
    output: WakeCommand,
    roles: INSTALLER_WRITE,
  },
  'wol.list': {
    kind: 'query',
    input: z.strictObject({ boothId: z.string().optional(), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(WakeCommand),
    roles: STAFF_READ,
  },
});

export const wolEvents = {
  'wake.stateChanged': WakeCommand,
} as const;
