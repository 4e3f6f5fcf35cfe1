import { describe, expect, it } from 'vitest';
import { createInflight, missingPages, withPage } from '@renderer/stores/pagedRows';

describe('paged rows of a virtual table', () => {
  it('asks only for the pages under the visible rows that are not loaded', () => {
    const rows = withPage<number>([], 25, 0, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(missingPages(rows, 25, 5, 24, 10)).toEqual([1, 2]);
    expect(missingPages(rows, 25, 0, 9, 10)).toEqual([]);
    // Past the end of the list: no page beyond the total.
    expect(missingPages(rows, 25, 20, 99, 10)).toEqual([2]);
  });

  it('merges later pages into the same list, and a first page (or new total) replaces it', () => {
    const first = withPage<string>([], 12, 0, 5, ['a', 'b', 'c', 'd', 'e']);
    const second = withPage(first, 12, 1, 5, ['f', 'g', 'h', 'i', 'j']);
    expect(second.slice(0, 10)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    expect(first[5]).toBeUndefined();
    const requery = withPage(second, 3, 0, 5, ['x', 'y', 'z']);
    expect(requery).toEqual(['x', 'y', 'z']);
  });

  it('loads a page once while the same request is running, again after it ends', async () => {
    const once = createInflight();
    let calls = 0;
    let release: () => void = () => undefined;
    const load = () =>
      new Promise<void>((r) => {
        calls++;
        release = r;
      });
    const a = once('1:0', load);
    void once('1:0', load);
    expect(calls).toBe(1);
    release();
    await a;
    await once('1:0', async () => void calls++);
    expect(calls).toBe(2);
  });
});
