import type { HandlerMap } from '@core/router.js';
import type { notifyChannels } from '@shared/contract/notify.js';
import type { CoreContext } from '@core/context.js';
import { getChannel, lastDelivery, listChannels, removeChannel, saveChannel, type ChannelRow } from '@core/db/repos/notify.js';
import { AppError } from '@shared/errors.js';
import type { NotifyChannel } from '@shared/model/notify.js';
import { secretName, sendTest } from './dispatcher.js';

function view(ctx: Pick<CoreContext, 'db' | 'secrets'>, c: ChannelRow): NotifyChannel {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    enabled: c.enabled,
    language: c.language,
    config: c.config,
    rules: c.rules,
    hasSecret: ctx.secrets.get(secretName(c.id)) !== null,
    lastDelivery: lastDelivery(ctx.db, c.id),
  };
}

export const notifyHandlers: Pick<HandlerMap, keyof typeof notifyChannels> = {
  'notify.channels.list': (_i, ctx) => listChannels(ctx.db).map((c) => view(ctx, c)),
  'notify.channels.save': (i, ctx) => {
    if (i.id && !getChannel(ctx.db, i.id)) throw new AppError('not_found', 'No such notification channel');
    const id = saveChannel(ctx.db, i, ctx.clock.now());
    if (i.secret === null || i.secret === '') ctx.secrets.delete(secretName(id));
    else if (i.secret !== undefined) ctx.secrets.set(secretName(id), i.secret);
    return view(ctx, getChannel(ctx.db, id)!);
  },
  'notify.channels.remove': ({ id }, ctx) => {
    if (!removeChannel(ctx.db, id, ctx.clock.now())) throw new AppError('not_found', 'No such notification channel');
    ctx.secrets.delete(secretName(id));
    return { removed: true as const };
  },
  'notify.channels.test': async ({ id }, ctx) => {
    const ch = getChannel(ctx.db, id);
    if (!ch) throw new AppError('not_found', 'No such notification channel');
    return sendTest(ctx, ch);
  },
};
