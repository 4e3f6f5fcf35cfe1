import { defineModule } from '@core/module.js';
import { notionHandlers } from './handlers.js';
import { notionService } from './service.js';

/** Notion: events, products and services imported from the staff's data sources; event totals written back. Every 5 minutes and on demand. */
export const notionModule = defineModule({
  name: 'notion',
  handlers: notionHandlers,
  start: ({ ctx }) => notionService(ctx).start(),
});

export {
  notionService,
  installNotionService,
  NotionService,
  TOKEN_SECRET,
  OWNED_SETTING,
  DEFAULT_BASE_URL,
  type NotionServiceDeps,
} from './service.js';
export { NotionGateway, RateLimiter, realPacer, type Pacer } from './gateway.js';
export { assertNotNotionOwned } from './ownership.js';
