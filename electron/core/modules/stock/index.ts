import { defineModule } from '@core/module.js';
import { stockHandlers } from './handlers.js';

/** Locations, the movement ledger, balances, purchase orders. */
export const stockModule = defineModule({ name: 'stock', handlers: stockHandlers });

export { defaultMainWarehouse, readMainWarehouse, setMainWarehouse, type MainWarehouse } from './mainWarehouse.js';
export { recordMovements } from './record.js';
