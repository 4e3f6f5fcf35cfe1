import type { HandlerMap } from '@core/router.js';
import type { wolChannels } from '@shared/contract/wol.js';
import { listWakes } from '@core/db/repos/wakeCommands.js';
import { wakeBooth } from './wake.js';

export const wolHandlers: Pick<HandlerMap, keyof typeof wolChannels> = {
  'wol.wake': (i, ctx) => wakeBooth(ctx, i.booth, { via: i.via, userId: ctx.caller.userId }),
  'wol.list': (i, ctx) => listWakes(ctx.db, i),
};
