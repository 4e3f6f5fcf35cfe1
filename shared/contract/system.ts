import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, STAFF_READ } from '../model/roles.js';
import { Settings, SettingsPatch, DisplayPatch, DeviceMode } from '../model/settings.js';
import { User } from '../model/user.js';
import { defineChannels } from './define.js';

const Empty = z.strictObject({});

export const SystemInfo = z.object({
  version: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  mode: DeviceMode,
  shell: z.enum(['electron', 'browser', 'headless']),
  platform: z.string(),
  nodeVersion: z.string(),
  dbPath: z.string(),
  schemaVersion: z.number().int(),
  firstRun: z.boolean(),
  user: User,
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const HealthCheck = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
export const SystemHealth = z.object({
  ok: z.boolean(),
  uptimeSeconds: z.number(),
  checks: z.array(HealthCheck),
});

export const AuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The target's name when it is something with one (product, booth, order…), for people to read. */
  targetName: z.string().nullable().default(null),
  outcome: z.enum(['ok', 'refused', 'failed']),
  details: z.unknown(),
  originDevice: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const systemChannels = defineChannels({
  'system.info': { kind: 'query', input: Empty, output: SystemInfo, roles: ANY_ROLE },
  'system.health': { kind: 'query', input: Empty, output: SystemHealth, roles: ANY_ROLE },
  'system.setup': {
    kind: 'mutation',
    /** demo data, an empty business, or a device that joined a team through the hub (already pulled). */
    input: z.strictObject({ choice: z.enum(['demo', 'empty', 'join']) }),
    output: z.object({ choice: z.enum(['demo', 'empty', 'join']), seeded: z.boolean() }),
    roles: ADMIN_ONLY,
  },
  'settings.get': { kind: 'query', input: Empty, output: Settings, roles: ANY_ROLE },
  'settings.set': { kind: 'mutation', input: SettingsPatch, output: Settings, roles: ADMIN_ONLY },
  'settings.setDisplay': { kind: 'mutation', input: DisplayPatch, output: Settings, roles: ANY_ROLE },
  'audit.list': {
    kind: 'query',
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).default(100),
      /** Cursor (at, id) from the previous page: entries sharing a millisecond are never skipped. */
      before: z.number().int().optional(),
      beforeId: z.string().max(64).optional(),
      action: z.string().max(100).optional(),
    }),
    output: z.object({ items: z.array(AuditEntry), nextBefore: z.number().nullable(), nextBeforeId: z.string().nullable() }),
    roles: STAFF_READ,
  },
  'users.list': { kind: 'query', input: Empty, output: z.array(User), roles: STAFF_READ },
});
