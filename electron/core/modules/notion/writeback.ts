import type { Db } from '@core/db/connection.js';
import type { Logger } from '@core/ports/log.js';
import type { NotionMapping } from '@shared/model/notion.js';
import { recordWriteBack, writeBackCandidates } from '@core/db/repos/notion.js';
import { NotionFailure, type NotionGateway } from './gateway.js';

/**
 * Event totals (sessions, prints, digital, GIFs, derived from the booth counters) → the mapped
 * number properties of the event's Notion page. It reads the events table on its own schedule,
 * so the booth path never waits for it; each page is written at most once a minute, failures
 * back off, and a page deleted or trashed in Notion is reported and left alone.
 */

export const WRITE_BACK_MIN_INTERVAL_MS = 60_000;
const TOTALS = ['sessions', 'prints', 'digital', 'gifs'] as const;

export async function writeBackTotals(
  d: { db: Db; gw: NotionGateway; now: () => number; log: Logger },
  mapping: NotionMapping,
): Promise<{ written: number }> {
  const props = TOTALS.filter((k) => mapping[k]);
  if (!props.length) return { written: 0 };
  let written = 0;
  for (const row of writeBackCandidates(d.db)) {
    if (row.gaveUp) continue;
    const values = Object.fromEntries(props.map((k) => [mapping[k]!, row.totals[k]]));
    const json = JSON.stringify(values);
    if (row.sent === json) continue;
    if (row.sent === null && props.every((k) => row.totals[k] === 0)) continue;
    const now = d.now();
    if (row.sentAt !== null && now - row.sentAt < WRITE_BACK_MIN_INTERVAL_MS) continue;
    if (row.nextTryAt !== null && now < row.nextTryAt) continue;
    try {
      await d.gw.updateNumbers(row.pageId, values);
      recordWriteBack(d.db, {
        eventId: row.eventId,
        pageId: row.pageId,
        sent: json,
        sentAt: d.now(),
        attempts: 0,
        nextTryAt: null,
        error: null,
        gaveUp: false,
      });
      written++;
    } catch (e) {
      if (!(e instanceof NotionFailure) || e.kind === 'auth') throw e;
      const gaveUp = e.kind === 'not_found' || e.kind === 'invalid';
      const attempts = row.attempts + 1;
      const msg = e.kind === 'not_found' ? 'The Notion page no longer exists' : e.message;
      recordWriteBack(d.db, {
        eventId: row.eventId,
        pageId: row.pageId,
        attempts,
        nextTryAt: gaveUp ? null : d.now() + Math.min(3_600_000, 60_000 * 2 ** attempts),
        error: msg,
        gaveUp,
      });
      d.log.warn('notion write-back failed', { event: row.eventId, kind: e.kind, gaveUp });
    }
  }
  return { written };
}
