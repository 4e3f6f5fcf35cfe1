import { z } from 'zod';

export const SyncFailure = z.object({ kind: z.enum(['transient', 'auth', 'permanent']), message: z.string() });

export const SyncRoundSummary = z.object({
  ok: z.boolean(),
  startedAt: z.number(),
  finishedAt: z.number(),
  pushed: z.number().int(),
  pushSkipped: z.number().int(),
  pulled: z.number().int(),
  keptLocal: z.number().int(),
  conflicts: z.number().int(),
  deadLetters: z.number().int(),
  pending: z.number().int(),
  error: SyncFailure.nullable(),
});
export type SyncRoundSummary = z.infer<typeof SyncRoundSummary>;

export const SyncProgress = z.object({ phase: z.enum(['push', 'pull']), table: z.string().optional(), done: z.number().int() });

/** What the title bar and the sync page show. Never carries a token. */
export const SyncStatus = z.object({
  configured: z.boolean(),
  hubUrl: z.string().nullable(),
  anonKeySet: z.boolean(),
  enabled: z.boolean(),
  intervalMinutes: z.number().int(),
  account: z.object({ email: z.string(), role: z.string(), boothId: z.string().nullable() }).nullable(),
  secretStore: z.enum(['safeStorage', 'os-keystore', 'file-store-not-os-protected', 'memory']),
  running: z.boolean(),
  progress: SyncProgress.nullable(),
  lastRound: SyncRoundSummary.nullable(),
  lastSuccessAt: z.number().nullable(),
  nextRunAt: z.number().nullable(),
  pending: z.number().int(),
  deadLetters: z.number().int(),
  conflicts: z.number().int(),
  /** The Realtime "pull now" hint: off, connecting, live, or error (rounds still run on the schedule). */
  realtime: z.enum(['off', 'connecting', 'live', 'error']),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncConflict = z.object({
  id: z.string(),
  tableName: z.string(),
  rowId: z.string(),
  winner: z.unknown(),
  loser: z.unknown(),
  winnerDevice: z.string().nullable(),
  loserDevice: z.string().nullable(),
  detectedAt: z.number(),
  originDevice: z.string(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const SyncDeadLetter = z.object({
  id: z.string(),
  direction: z.enum(['push', 'pull']),
  tableName: z.string(),
  rowId: z.string(),
  mutationId: z.number().nullable(),
  code: z.string(),
  message: z.string(),
  row: z.unknown(),
  failedAt: z.number(),
});
export type SyncDeadLetter = z.infer<typeof SyncDeadLetter>;
