import { defineModule, perCore } from '@core/module.js';
import type { CoreContext } from '@core/context.js';
import { notifyHandlers } from './handlers.js';
import { flushDeliveries, scanAlerts } from './dispatcher.js';

/** How often the queue is looked at even without an alert event here (alerts raised by another process on this database). */
const TICK_MS = 5_000;

const running = perCore<{ busy: boolean; again: boolean }>(() => ({ busy: false, again: false }));

/** One pass: queue what the channels owe, send what is due. Never two passes at once. */
export async function notifyTick(ctx: CoreContext): Promise<void> {
  const s = running.get(ctx);
  if (s.busy) {
    s.again = true;
    return;
  }
  s.busy = true;
  try {
    do {
      s.again = false;
      scanAlerts(ctx);
      await flushDeliveries(ctx);
    } while (s.again);
  } catch (e) {
    ctx.log.warn('notifications: pass failed', { error: (e as Error).message });
  } finally {
    s.busy = false;
  }
}

/** Alerts that reach people: SMTP e-mail and webhooks, per rules, retried, audited (issue 16). */
export const notifyModule = defineModule({
  name: 'notify',
  handlers: notifyHandlers,
  start: ({ ctx }) => {
    if (ctx.shell === 'headless' && process.env.OPSDECK_NOTIFY !== '1') return;
    const tick = () => void notifyTick(ctx);
    const off = ctx.events.subscribe((ev) => {
      if (ev.event === 'alert.raised' || ev.event === 'alert.cleared') setTimeout(tick, 0);
      // Products' alerts (stock-out risk) are announced through the change feed.
      else if (ev.event === 'data.changed' && (ev.payload as { tables: string[] }).tables.includes('product_alerts')) setTimeout(tick, 0);
    });
    const timer = setInterval(tick, TICK_MS);
    timer.unref?.();
    return () => {
      off();
      clearInterval(timer);
    };
  },
});

export { scanAlerts, flushDeliveries } from './dispatcher.js';
