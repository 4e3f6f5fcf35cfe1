import type { HandlerMap } from '../../router.js';
import type { alertsChannels } from '../../../../shared/contract/alerts.js';
import { listAlerts } from '../../db/repos/alerts.js';

export const alertsHandlers: Pick<HandlerMap, keyof typeof alertsChannels> = {
  'alerts.list': (i, ctx) => listAlerts(ctx.db, i),
};
