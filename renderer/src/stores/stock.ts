import { create } from 'zustand';
import { api } from '../api';
import { onDataChanged } from './dataFeed';
import type { Location } from '../../../shared/model/stock';
import type { z } from 'zod';
import type { StockAlertRow, StockSummary } from '../../../shared/contract/stock';

interface StockState {
  locations: Location[];
  lowStock: Array<z.infer<typeof StockAlertRow>>;
  stockOuts: Array<z.infer<typeof StockAlertRow>>;
  summary: z.infer<typeof StockSummary> | null;
  load(): Promise<void>;
  /** Loads, then reloads whenever the stock ledger, locations, orders or products change; returns the stop. */
  watch(): () => void;
}

/** What the stock screens show is computed from these tables. */
const STOCK_TABLES = ['stock_movements', 'stock_balances', 'locations', 'purchase_orders', 'products', 'settings', 'forecasts'];

export const useStock = create<StockState>((set, get) => ({
  locations: [],
  lowStock: [],
  stockOuts: [],
  summary: null,
  async load() {
    const [locations, lowStock, stockOuts, summary] = await Promise.all([
      api.call('stock.locations.list', {}, { silent: true }),
      api.call('stock.lowStock', {}, { silent: true }),
      api.call('stock.stockOuts', {}, { silent: true }),
      api.call('stock.summary', {}, { silent: true }),
    ]);
    set({ locations, lowStock, stockOuts, summary });
  },
  watch() {
    void get().load().catch(() => undefined);
    return onDataChanged(STOCK_TABLES, () => get().load());
  },
}));
