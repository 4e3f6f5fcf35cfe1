/**
 * A long server-sorted list held as a sparse array: pages arrive as the virtual table reaches
 * them. Shared by the catalog and forecast stores.
 */

/** Pages under rows [from, to] not loaded yet. */
export function missingPages<T>(rows: ReadonlyArray<T | undefined>, total: number, from: number, to: number, size: number): number[] {
  const out: number[] = [];
  for (let page = Math.floor(from / size); page <= Math.floor(Math.min(to, total - 1) / size); page++) {
    if (rows[page * size] === undefined) out.push(page);
  }
  return out;
}

/**
 * Rows with one page merged in. The first page of a new query (or a changed total) starts a fresh
 * array, replacing the list at once: no empty flash, and an open inline editor survives.
 */
export function withPage<T>(
  rows: ReadonlyArray<T | undefined>,
  total: number,
  page: number,
  size: number,
  items: readonly T[],
): Array<T | undefined> {
  const next = page > 0 && rows.length === total ? rows.slice() : new Array<T | undefined>(total);
  items.forEach((r, i) => (next[page * size + i] = r));
  return next;
}

/** Runs `load` unless the same key is already loading (a page asked for twice while scrolling). */
export function createInflight(): (key: string, load: () => Promise<void>) => Promise<void> {
  const inflight = new Set<string>();
  return async (key, load) => {
    if (inflight.has(key)) return;
    inflight.add(key);
    try {
      await load();
    } finally {
      inflight.delete(key);
    }
  };
}
