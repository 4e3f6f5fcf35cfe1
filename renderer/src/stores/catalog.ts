import { create } from 'zustand';
import type { Product } from '@shared/model/product';
import type { PRODUCT_SORT_FIELDS } from '@shared/contract/catalog';
import { api } from '../api';
import { onDataChanged } from './dataFeed';
import { createInflight, missingPages, withPage } from './pagedRows';

export type SortField = (typeof PRODUCT_SORT_FIELDS)[number];
const PAGE = 500;

interface CatalogState {
  q: string;
  /** '' = every category. */
  category: string;
  status: 'active' | 'archived' | 'all';
  sort: SortField;
  dir: 'asc' | 'desc';
  total: number;
  /** Rows by index; pages are fetched as the virtual list reaches them (the server searches and sorts). */
  rows: Array<Product | undefined>;
  version: number;
  setQuery(p: Partial<Pick<CatalogState, 'q' | 'category' | 'status' | 'sort' | 'dir'>>): void;
  reload(): Promise<void>;
  /** Loads, then reloads whenever products or services change (the change feed); returns the stop. */
  watch(): () => void;
  ensure(from: number, to: number): void;
  replace(p: Product): void;
}

const once = createInflight();
let debounce: ReturnType<typeof setTimeout> | null = null;

export const useCatalog = create<CatalogState>((set, get) => {
  function fetchPage(page: number, version: number) {
    return once(`${version}:${page}`, async () => {
      const s = get();
      const res = await api.call(
        'catalog.products.list',
        {
          q: s.q,
          ...(s.category ? { category: s.category } : {}),
          status: s.status,
          sort: s.sort,
          dir: s.dir,
          offset: page * PAGE,
          limit: PAGE,
        },
        { silent: page > 0 },
      );
      // A newer query started meanwhile: drop this stale page.
      if (get().version !== version) return;
      set((st) => ({ rows: withPage(st.rows, res.total, page, PAGE, res.items), total: res.total }));
    });
  }
  return {
    q: '',
    category: '',
    status: 'active',
    sort: 'name',
    dir: 'asc',
    total: 0,
    rows: [],
    version: 0,
    setQuery(p) {
      set(p);
      if (debounce) clearTimeout(debounce);
      // Search as you type without one request per keystroke.
      debounce = setTimeout(() => void get().reload(), p.q !== undefined ? 150 : 0);
    },
    watch() {
      void get()
        .reload()
        .catch(() => undefined);
      return onDataChanged(['products', 'services', 'stock_balances'], () => get().reload());
    },
    async reload() {
      const version = get().version + 1;
      set({ version });
      await fetchPage(0, version);
    },
    ensure(from, to) {
      const { rows, version, total } = get();
      for (const page of missingPages(rows, total, from, to, PAGE)) void fetchPage(page, version);
    },
    replace(p) {
      set((st) => ({ rows: st.rows.map((r) => (r?.id === p.id ? p : r)) }));
    },
  };
});
