import { defineModule } from '@core/module.js';
import { crmHandlers } from './handlers.js';
import { expireQuotes } from './expiry.js';

const HOUR = 3_600_000;

/** Clients and contacts, the pipeline, quotes (booking their event), customer orders, event registrations (issue 18). */
export const crmModule = defineModule({
  name: 'crm',
  handlers: crmHandlers,
  start({ ctx }) {
    const sweep = () => {
      try {
        expireQuotes(ctx);
      } catch (e) {
        ctx.log.warn('quote expiry sweep failed', { error: String(e) });
      }
    };
    sweep();
    const timer = setInterval(sweep, HOUR);
    timer.unref?.();
    return () => clearInterval(timer);
  },
});

export { expireQuotes } from './expiry.js';
export { assertSeriesFree } from './numbering.js';
