import { defineModule, type ModuleHost, type Stop } from '@core/module.js';
import { readSettings } from '@core/settings.js';
import { demoAgentsHandlers } from './handlers.js';
import { DEMO_PULSE_MS, demoPulse } from './pulse.js';

/**
 * On a demo database, office and installer devices run the demo booths' agents (simulated, marked
 * "démo"); each beat checks, so a demo opened from the first-run screen comes alive at once.
 */
function start({ ctx }: ModuleHost): Stop | void {
  if (readSettings(ctx).mode === 'booth') return;
  const beat = () => {
    try {
      demoPulse(ctx);
    } catch (e) {
      ctx.log.warn('demo agents failed', { error: String(e) });
    }
  };
  beat();
  const t = setInterval(beat, DEMO_PULSE_MS);
  t.unref();
  return () => clearInterval(t);
}

export const demoAgentsModule = defineModule({ name: 'demoAgents', handlers: demoAgentsHandlers, start });

export { demoPulse, demoAgentBoothIds, DEMO_PULSE_MS } from './pulse.js';
