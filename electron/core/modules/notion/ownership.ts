import type { Db } from '@core/db/connection.js';
import { AppError } from '@shared/errors.js';
import { readGlobalSetting } from '@core/db/repos/settings.js';
import { notionPageOf } from '@core/db/repos/notionRows.js';

/**
 * Who owns what: on a row fed by Notion, the fields the mapping imports belong to Notion and a
 * local edit of them is refused ("edit it in Notion"), on every device (the owned-field list is a
 * synced global setting). Everything else (stock, counters, forecasts, booth state, cost, lead
 * time…) stays OpsDeck's.
 */
const FIELD_ALIASES: Record<string, string[]> = {
  // mapping field → the patch keys it covers
  date: ['startsAt', 'endsAt'],
  booth: ['boothId'],
  status: ['status'],
  active: ['active', 'archived'],
};

/**
 * Refuses a change of a Notion-owned field on a Notion row. `patch` holds the new values, `current`
 * the row as it is: a form that sends every field unchanged is not an edit of them.
 */
export function assertNotNotionOwned(
  db: Db,
  table: 'events' | 'products' | 'services',
  id: string,
  patch: Record<string, unknown>,
  current: Record<string, unknown> = {},
): void {
  const keys = Object.keys(patch).filter(
    (k) => patch[k] !== undefined && (!(k in current) || JSON.stringify(patch[k]) !== JSON.stringify(current[k])),
  );
  if (!keys.length) return;
  const pageId = notionPageOf(db, table, id);
  if (!pageId) return;
  const owned = (readGlobalSetting(db, 'notion.owned') as Record<string, string[]> | undefined)?.[table] ?? [];
  const covered = new Set(owned.flatMap((f) => FIELD_ALIASES[f] ?? [f]));
  const hit = keys.filter((k) => covered.has(k));
  if (hit.length) {
    throw new AppError(
      'invalid_input',
      hit.length > 1 ? 'Edit it in Notion: these fields come from Notion' : 'Edit it in Notion: this field comes from Notion',
      { notionOwned: hit, field: hit[0], notionPageId: pageId },
    );
  }
}
