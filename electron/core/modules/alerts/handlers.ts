import type { HandlerMap } from '@core/router.js';
import type { alertsChannels } from '@shared/contract/alerts.js';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '@core/db/repos/alerts.js';
import { listProductAlerts } from '@core/db/repos/productAlerts.js';
import { AppError } from '@shared/errors.js';

export const alertsHandlers: Pick<HandlerMap, keyof typeof alertsChannels> = {
  'alerts.list': (i, ctx) => listAlerts(ctx.db, i),
  'alerts.products': (i, ctx) => listProductAlerts(ctx.db, { open: i.open, limit: i.limit }),
  'alerts.acknowledge': ({ id }, ctx) => {
    if (!getAlert(ctx.db, id)) throw new AppError('not_found', 'No such alert');
    acknowledgeAlert(ctx.db, id, ctx.caller.userId, ctx.clock.now());
    return getAlert(ctx.db, id)!;
  },
  'alerts.resolve': ({ id }, ctx) => {
    const before = getAlert(ctx.db, id);
    if (!before) throw new AppError('not_found', 'No such alert');
    if (before.clearedAt !== null) throw new AppError('conflict', 'This alert is already resolved');
    resolveAlert(ctx.db, id, ctx.caller.userId, ctx.clock.now());
    const a = getAlert(ctx.db, id)!;
    ctx.events.emit('alert.cleared', a);
    return a;
  },
};
