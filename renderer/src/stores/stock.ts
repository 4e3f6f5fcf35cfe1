import { create } from 'zustand';
import type { Location } from '@shared/model/stock';
import type { StockAlertRow, StockSummary } from '@shared/contract/stock';
import { api } from '../api';
import { sortLocations } from '../features/stock/locationOrder';
import { onDataChanged } from './dataFeed';
import type { z } from 'zod';

interface StockState {
  /** Warehouses first, then booths; each in the UI language's alphabetical order. */
  locations: Location[];
  /** The business's main warehouse (Settings), where orders and entries go by default. */
  mainWarehouseId: string | null;
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
  mainWarehouseId: null,
  lowStock: [],
  stockOuts: [],
  summary: null,
  async load() {
    const [locations, main, lowStock, stockOuts, summary] = await Promise.all([
      api.call('stock.locations.list', {}, { silent: true }),
      api.call('stock.mainWarehouse.get', {}, { silent: true }),
      api.call('stock.lowStock', {}, { silent: true }),
      api.call('stock.stockOuts', {}, { silent: true }),
      api.call('stock.summary', {}, { silent: true }),
    ]);
    set({ locations: sortLocations(locations), mainWarehouseId: main?.locationId ?? null, lowStock, stockOuts, summary });
  },
  watch() {
    void get()
      .load()
      .catch(() => undefined);
    return onDataChanged(STOCK_TABLES, () => get().load());
  },
}));
