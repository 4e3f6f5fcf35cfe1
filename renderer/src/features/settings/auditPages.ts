import type { AuditEntry } from '@shared/contract/system';

export interface AuditView {
  items: AuditEntry[];
  /** Cursor for "load more"; null when the oldest entry is shown. */
  next: number | null;
  /** Second half of the cursor: entries written in the same millisecond are told apart by id. */
  nextId?: string | null;
}

type AuditPage = { items: AuditEntry[]; nextBefore: number | null; nextBeforeId?: string | null };

/** "Load more": the older page goes below what is shown. */
export function appendOlder(view: AuditView, page: AuditPage): AuditView {
  const ids = new Set(view.items.map((i) => i.id));
  return { items: [...view.items, ...page.items.filter((i) => !ids.has(i.id))], next: page.nextBefore, nextId: page.nextBeforeId ?? null };
}

/**
 * A new entry was written: show the fresh first page on top without throwing away the older pages
 * the user already loaded. If nothing overlaps (a burst bigger than a page), start over from the top.
 */
export function refreshNewest(view: AuditView, page: AuditPage): AuditView {
  const fresh = new Set(page.items.map((i) => i.id));
  const older = view.items.filter((i) => !fresh.has(i.id));
  const overlaps = older.length < view.items.length;
  if (!overlaps || older.length === 0) return { items: page.items, next: page.nextBefore, nextId: page.nextBeforeId ?? null };
  return { items: [...page.items, ...older], next: view.next, nextId: view.nextId ?? null };
}
