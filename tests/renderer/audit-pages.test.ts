import { describe, expect, it } from 'vitest';
import { appendOlder, refreshNewest } from '@renderer/features/settings/auditPages';
import type { AuditEntry } from '@shared/contract/system';

const entry = (n: number): AuditEntry => ({
  id: `a${n}`,
  at: n * 1000,
  userId: null,
  userName: null,
  action: 'settings.set',
  target: null,
  targetName: null,
  outcome: 'ok',
  details: null,
  originDevice: 'd',
});
const newestFirst = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => entry(from - i));
const ids = (items: AuditEntry[]) => items.map((i) => i.id);

describe('audit log pages', () => {
  it('"load more" appends the older page and moves the cursor', () => {
    const view = appendOlder({ items: newestFirst(10, 6), next: 6000 }, { items: newestFirst(5, 1), nextBefore: null });
    expect(ids(view.items)).toEqual(ids(newestFirst(10, 1)));
    expect(view.next).toBeNull();
  });

  it('a new entry comes on top and the older pages already loaded stay, with their cursor', () => {
    const loaded = { items: newestFirst(10, 1), next: 1000 }; // two pages of 5 shown, more exist
    const view = refreshNewest(loaded, { items: newestFirst(12, 8), nextBefore: 8000 });
    expect(ids(view.items)).toEqual(ids(newestFirst(12, 1)));
    expect(view.next).toBe(1000);
  });

  it('starts over from the top when the fresh page does not reach what was shown', () => {
    const view = refreshNewest({ items: newestFirst(10, 6), next: 6000 }, { items: newestFirst(30, 26), nextBefore: 26000 });
    expect(ids(view.items)).toEqual(ids(newestFirst(30, 26)));
    expect(view.next).toBe(26000);
  });

  it('the first load is just the first page', () => {
    const view = refreshNewest({ items: [], next: null }, { items: newestFirst(5, 1), nextBefore: 1000 });
    expect(ids(view.items)).toEqual(ids(newestFirst(5, 1)));
    expect(view.next).toBe(1000);
  });
});
