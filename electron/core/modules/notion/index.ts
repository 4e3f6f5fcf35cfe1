/** The Notion module's public surface. */
export { notionHandlers } from './handlers.js';
export { notionService, NotionService, TOKEN_SECRET, OWNED_SETTING, DEFAULT_BASE_URL, type NotionServiceDeps } from './service.js';
export { NotionGateway, RateLimiter, realPacer, type Pacer } from './gateway.js';
export { assertNotNotionOwned } from './ownership.js';
