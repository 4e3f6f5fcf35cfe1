import type { HandlerMap } from '@core/router.js';
import type { syncChannels } from '@shared/contract/sync.js';
import { listConflicts } from '@core/db/repos/conflicts.js';
import { listDeadLetters } from '@core/db/repos/outboxDeadLetters.js';
import { syncService } from './service.js';

export const syncHandlers: Pick<HandlerMap, keyof typeof syncChannels> = {
  'sync.status': (_i, ctx) => syncService(ctx).status(),
  'sync.configure': (input, ctx) => syncService(ctx).configure(input),
  'sync.signIn': ({ email, password }, ctx) => syncService(ctx).signIn(email, password),
  'sync.signOut': (_i, ctx) => syncService(ctx).signOut(),
  'sync.now': (_i, ctx) => syncService(ctx).syncNow(),
  'sync.conflicts': (q, ctx) => ({ items: listConflicts(ctx.db, q) }),
  'sync.deadLetters': (_i, ctx) => ({ items: listDeadLetters(ctx.db) }),
  'sync.retryDeadLetter': ({ id }, ctx) => ({ requeued: syncService(ctx).retryDeadLetter(id) }),
  'sync.discardDeadLetter': ({ id }, ctx) => ({ discarded: syncService(ctx).discardDeadLetter(id) }),
};
