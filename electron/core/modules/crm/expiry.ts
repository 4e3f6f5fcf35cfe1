import type { CoreContext } from '@core/context.js';
import { emitDataChanged } from '@core/changes.js';
import { expiredQuoteIds, setQuoteStatus } from '@core/db/repos/quotes.js';

/** Sent quotes past their validity date become `expired` (a draft never expires: it was never sent). */
export function expireQuotes(ctx: Pick<CoreContext, 'db' | 'clock' | 'events' | 'log'>): string[] {
  const now = ctx.clock.now();
  const ids = ctx.db.transaction(() => {
    const found = expiredQuoteIds(ctx.db, now);
    for (const id of found) setQuoteStatus(ctx.db, id, 'expired', { decidedAt: now }, now);
    return found;
  })();
  if (ids.length) emitDataChanged(ctx, { tables: ['quotes'], ids });
  return ids;
}
