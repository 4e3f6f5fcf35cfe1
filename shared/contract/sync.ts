import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { SyncConflict, SyncDeadLetter, SyncRoundSummary, SyncStatus } from '../model/sync.js';
import { defineChannels } from './define.js';

const Empty = z.strictObject({});
const Id = z.strictObject({ id: z.string().min(1).max(64) });

export const syncChannels = defineChannels({
  'sync.status': { kind: 'query', input: Empty, output: SyncStatus, roles: ANY_ROLE },
  'sync.configure': {
    kind: 'mutation',
    input: z.strictObject({
      hubUrl: z.string().trim().min(1, 'Enter the hub URL').max(300),
      /** Omitted: keep the key already saved. */
      anonKey: z.string().trim().min(20, 'The anon key looks too short').max(4000).optional(),
      intervalMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(5),
      enabled: z.boolean().default(true),
    }),
    output: SyncStatus,
    roles: ADMIN_ONLY,
    redact: ['anonKey'],
  },
  'sync.signIn': {
    kind: 'mutation',
    input: z.strictObject({
      email: z.string().trim().email('Enter a valid email address').max(254),
      password: z.string().min(1, 'Enter the password').max(200),
    }),
    output: SyncStatus,
    roles: INSTALLER_WRITE,
    redact: ['password'],
  },
  'sync.signOut': { kind: 'mutation', input: Empty, output: SyncStatus, roles: INSTALLER_WRITE },
  'sync.now': { kind: 'mutation', input: Empty, output: SyncRoundSummary, roles: ANY_ROLE },
  'sync.conflicts': {
    kind: 'query',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100), before: z.number().int().optional() }),
    output: z.object({ items: z.array(SyncConflict) }),
    roles: STAFF_READ,
  },
  'sync.deadLetters': { kind: 'query', input: Empty, output: z.object({ items: z.array(SyncDeadLetter) }), roles: STAFF_READ },
  'sync.retryDeadLetter': { kind: 'mutation', input: Id, output: z.object({ requeued: z.boolean() }), roles: INSTALLER_WRITE },
  'sync.discardDeadLetter': { kind: 'mutation', input: Id, output: z.object({ discarded: z.boolean() }), roles: INSTALLER_WRITE },
});

export const syncEvents = {
  'sync.status': SyncStatus,
} as const;
