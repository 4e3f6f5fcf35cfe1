import { z } from 'zod';
import { ADMIN_ONLY } from '../model/roles.js';
import { defineChannels } from './define.js';

export const BackupInfo = z.object({
  file: z.string(),
  createdAt: z.number(),
  sizeBytes: z.number(),
  reason: z.enum(['daily', 'manual', 'pre-migration', 'pre-restore']),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

const BackupFileName = z.string().regex(/^opsdeck-[a-z-]+-\d{8}-\d{6}(-\d+)?\.db$/, 'Not a backup file of this app');

export const backupChannels = defineChannels({
  'backup.list': { kind: 'query', input: z.strictObject({}), output: z.array(BackupInfo), roles: ADMIN_ONLY },
  'backup.create': { kind: 'mutation', input: z.strictObject({}), output: BackupInfo, roles: ADMIN_ONLY },
  'backup.restore': {
    kind: 'mutation',
    input: z.strictObject({ file: BackupFileName }),
    output: z.object({ restored: z.string(), safetyBackup: z.string(), restartRequired: z.literal(true) }),
    roles: ADMIN_ONLY,
  },
});
