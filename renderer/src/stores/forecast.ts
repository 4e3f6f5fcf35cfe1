import { create } from 'zustand';
import type { ForecastRow, ForecastRunResult, ReorderStatus } from '@shared/model/forecast';
import type { FORECAST_SORT_FIELDS } from '@shared/contract/forecast';
import { api, ApiError } from '../api';
import { localizeCoreMessage } from '../i18n/coreMessages';
import { onDataChanged } from './dataFeed';
import { useJobs } from './jobs';
import { createInflight, missingPages, withPage } from './pagedRows';

export type ForecastSort = (typeof FORECAST_SORT_FIELDS)[number];
const PAGE = 500;

interface ForecastState {
  q: string;
  status: ReorderStatus | '';
  sort: ForecastSort;
  dir: 'asc' | 'desc';
  total: number;
  rows: Array<ForecastRow | undefined>;
  version: number;
  /** The first page of the current query has arrived. */
  loaded: boolean;
  error: string | null;
  computedAt: number | null;
  stale: number;
  /** A run started from this window (its jobId drives the progress bar and Cancel). */
  jobId: string | null;
  runMode: 'incremental' | 'full' | null;
  cancelling: boolean;
  lastRun: ForecastRunResult | null;
  runError: string | null;
  /** Recompute was refused because a run (background, another window) is already going; its progress shows instead. */
  runConflict: boolean;
  setQuery(p: Partial<Pick<ForecastState, 'q' | 'status' | 'sort' | 'dir'>>): void;
  reload(): Promise<void>;
  /** Reloads whenever forecasts or their inputs change (the change feed); returns the stop. */
  watch(): () => void;
  ensure(from: number, to: number): void;
  run(mode: 'incremental' | 'full'): Promise<ForecastRunResult | null>;
  /** Stops our run, or the given one (a run started elsewhere). */
  cancel(jobId?: string): Promise<void>;
}

const once = createInflight();
let debounce: ReturnType<typeof setTimeout> | null = null;

export const useForecast = create<ForecastState>((set, get) => {
  function fetchPage(page: number, version: number) {
    return once(`${version}:${page}`, async () => {
      const s = get();
      try {
        const res = await api.call(
          'forecast.list',
          { q: s.q, ...(s.status ? { status: s.status } : {}), sort: s.sort, dir: s.dir, offset: page * PAGE, limit: PAGE },
          { silent: true },
        );
        if (get().version !== version) return;
        set((st) => ({
          rows: withPage(st.rows, res.total, page, PAGE, res.items),
          total: res.total,
          computedAt: res.computedAt,
          stale: res.stale,
          loaded: true,
          error: null,
        }));
      } catch (e) {
        if (get().version === version) set({ error: (e as Error).message, loaded: true });
        throw e;
      }
    });
  }
  return {
    q: '',
    status: '',
    sort: 'urgency',
    dir: 'asc',
    total: 0,
    rows: [],
    version: 0,
    loaded: false,
    error: null,
    computedAt: null,
    stale: 0,
    jobId: null,
    runMode: null,
    cancelling: false,
    lastRun: null,
    runError: null,
    runConflict: false,
    setQuery(p) {
      set(p);
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(
        () =>
          void get()
            .reload()
            .catch(() => undefined),
        p.q !== undefined ? 150 : 0,
      );
    },
    watch() {
      // supplier_order_days: the advice reads them at once (the review period), pulled ones included.
      return onDataChanged(
        ['forecasts', 'product_demand_drivers', 'supplier_order_days', 'purchase_orders', 'stock_movements', 'products'],
        () => get().reload(),
      );
    },
    async reload() {
      const version = get().version + 1;
      set({ version });
      await fetchPage(0, version);
    },
    ensure(from, to) {
      const { rows, version, total } = get();
      for (const page of missingPages(rows, total, from, to, PAGE)) void fetchPage(page, version).catch(() => undefined);
    },
    async run(mode) {
      if (get().jobId) return null;
      const jobId = `forecast-${mode}-${Date.now().toString(36)}`;
      set({ jobId, runMode: mode, cancelling: false, runError: null, runConflict: false, lastRun: null });
      let cancelled = false;
      try {
        const res = await api.call('forecast.run', { mode, jobId }, { silent: true });
        cancelled = res.cancelled;
        set({ lastRun: res });
        return res;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'conflict') set({ runConflict: true });
        else set({ runError: localizeCoreMessage((e as Error).message) });
        return null;
      } finally {
        // A run that did nothing (or failed) may never report done = total: close its title-bar chip here.
        const job = useJobs.getState().jobs.find((j) => j.jobId === jobId);
        if (job && !job.finished) {
          const total = Math.max(1, job.total);
          useJobs
            .getState()
            .progress({ jobId, kind: job.kind, done: cancelled ? job.done : total, total, ...(cancelled ? { message: 'cancelled' } : {}) });
        }
        set({ jobId: null, runMode: null, cancelling: false });
        // forecast.updated reloads too; a cancelled or empty run may not send it.
        void get()
          .reload()
          .catch(() => undefined);
      }
    },
    async cancel(other) {
      const jobId = other ?? get().jobId;
      if (!jobId) return;
      if (!other) set({ cancelling: true });
      try {
        await api.call('forecast.cancel', { jobId });
      } catch {
        set({ cancelling: false });
      }
    },
  };
});
