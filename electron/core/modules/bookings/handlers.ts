import type { HandlerMap } from '../../router.js';
import type { bookingsChannels } from '../../../../shared/contract/bookings.js';
import { getBooth } from '../../db/repos/booths.js';
import { insertEvent, listEvents, setEventStatus } from '../../db/repos/bookings.js';
import { AppError } from '../../../../shared/errors.js';

export const bookingsHandlers: Pick<HandlerMap, keyof typeof bookingsChannels> = {
  'bookings.list': (i, ctx) => listEvents(ctx.db, i),
  'bookings.create': (i, ctx) => {
    if (i.boothId && !getBooth(ctx.db, i.boothId)) throw new AppError('not_found', 'Booth not found');
    return insertEvent(ctx.db, { ...i, boothId: i.boothId ?? null }, { now: ctx.clock.now(), device: ctx.deviceId });
  },
  'bookings.setStatus': (i, ctx) => {
    const e = setEventStatus(ctx.db, i.id, i.status, ctx.clock.now());
    if (!e) throw new AppError('not_found', 'Event not found');
    return e;
  },
};
