import { defineModule } from '@core/module.js';
import { boothsHandlers } from './handlers.js';
import { startFleetMonitor } from './monitor.js';

/** Booths, their counters and paper, the fleet monitor (office and installer devices). */
export const boothsModule = defineModule({
  name: 'booths',
  handlers: boothsHandlers,
  start: startFleetMonitor,
});

export { monitorTick } from './monitor.js';
export { probeTcp } from './probe.js';
export { recordTrigger } from './counters.js';
export { counterFor, parseTrigger, TRIGGER_TYPES, type Trigger } from './trigger.js';
export { readPaperStock, setPaperStock, PAPER_STOCK_SETTING } from './paperStock.js';
