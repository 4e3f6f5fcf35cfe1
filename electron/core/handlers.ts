import type { HandlerMap } from './router.js';
import { systemHandlers } from './modules/system/handlers.js';
import { backupHandlers } from './modules/backup/handlers.js';
import { catalogHandlers } from './modules/catalog/handlers.js';
import { stockHandlers } from './modules/stock/handlers.js';
import { csvHandlers } from './modules/csv/handlers.js';
import { kioskHandlers } from './modules/kiosk/handlers.js';
import { syncHandlers } from './modules/sync/handlers.js';
import { fleetHandlers } from './modules/booths/fleetHandlers.js';
import { forecastHandlers } from './modules/forecast/handlers.js';
import { notionHandlers } from './modules/notion/index.js';

/** Every channel of the contract has exactly one handler; the compiler checks it. */
export const handlers = {
  ...systemHandlers,
  ...backupHandlers,
  ...catalogHandlers,
  ...stockHandlers,
  ...csvHandlers,
  ...kioskHandlers,
  ...syncHandlers,
  ...fleetHandlers,
  ...forecastHandlers,
  ...notionHandlers,
} satisfies HandlerMap;
