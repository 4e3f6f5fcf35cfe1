import { seedDemoUsers } from './users.js';
import { seedDemoBooths } from './booths.js';
import { seedDemoEvents } from './events.js';
import { seedDemoEventStaff } from './eventStaff.js';
import { seedDemoCatalog } from './catalog.js';
import { seedDemoStock } from './stock.js';
import { seedDemoDrivers } from './forecastDrivers.js';
import { seedDemoPurchaseOrders } from './purchaseOrders.js';
import { seedDemoChecklists } from './checklists.js';
import { seedDemoPaperStock } from './paperStock.js';
import type { CoreContext } from '../context.js';

/**
 * Demo seeders, in dependency order. Each module appends its own (catalog, stock, booths, events…);
 * each must be deterministic (seeded random) and safe to run on an otherwise empty database.
 */
export const DEMO_SEEDERS: Array<{ name: string; run: (ctx: CoreContext) => void }> = [
  { name: 'users', run: seedDemoUsers },
  { name: 'catalog', run: seedDemoCatalog },
  { name: 'booths', run: seedDemoBooths },
  { name: 'stock', run: seedDemoStock },
  { name: 'purchase orders', run: seedDemoPurchaseOrders },
  { name: 'events', run: seedDemoEvents },
  { name: 'event staff', run: seedDemoEventStaff },
  { name: 'forecast drivers', run: seedDemoDrivers },
  { name: 'checklists', run: seedDemoChecklists },
  { name: 'paper stock', run: seedDemoPaperStock },
];

export function seedDemo(ctx: CoreContext): void {
  for (const s of DEMO_SEEDERS) {
    ctx.log.info('demo seed', { step: s.name });
    s.run(ctx);
  }
}
