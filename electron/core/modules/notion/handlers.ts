import type { HandlerMap } from '@core/router.js';
import type { notionChannels } from '@shared/contract/notion.js';
import { listSkipped } from '@core/db/repos/notion.js';
import { notionService } from './service.js';

export const notionHandlers: Pick<HandlerMap, keyof typeof notionChannels> = {
  'notion.status': (_i, ctx) => notionService(ctx).status(),
  'notion.connect': (i, ctx) => notionService(ctx).connect(i),
  'notion.disconnect': (_i, ctx) => notionService(ctx).disconnect(),
  'notion.dataSources': (_i, ctx) => notionService(ctx).dataSources(),
  'notion.propose': ({ entity, dataSourceId }, ctx) => notionService(ctx).propose(entity, dataSourceId),
  'notion.preview': (i, ctx) => notionService(ctx).preview(i),
  'notion.saveSource': (i, ctx) => notionService(ctx).saveSource(i),
  'notion.removeSource': ({ entity }, ctx) => notionService(ctx).removeSource(entity),
  'notion.syncNow': (_i, ctx) => notionService(ctx).syncNow('manual'),
  'notion.skipped': ({ limit }, ctx) => ({ items: listSkipped(ctx.db, limit) }),
};
