import type { ModuleHost, Stop } from '@core/module.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { readSettings } from '@core/settings.js';
import type { Db } from '@core/db/connection.js';
import { startAgent, type AgentHandle } from './service.js';
import { parseListen } from './server.js';

/** Device-local: which booth this PC is, where the trigger listener binds, the speed-test file. */
export interface AgentConfig {
  booth: string;
  listen: string;
  speedTestUrl?: string;
}
const KEY = 'agent.config';

export function readAgentConfig(db: Db): AgentConfig | null {
  const raw = getLocal(db, KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as AgentConfig;
  } catch {
    return null;
  }
}

export function saveAgentConfig(db: Db, c: AgentConfig): void {
  parseListen(c.listen); // refuse a non-loopback address before storing it
  setLocal(db, KEY, JSON.stringify(c));
}

// On a booth-mode device (the kiosk PC) the app runs the agent itself once it is configured
// (`opsdeck agent --booth NAME --save`), so the Electron kiosk needs no second process.
export function startAgentAutostart(core: ModuleHost): Stop | void {
  if (process.env.OPSDECK_NO_AGENT_AUTOSTART === '1') return;
  const cfg = readAgentConfig(core.ctx.db);
  if (!cfg || readSettings(core.ctx).mode !== 'booth') return;
  let handle: AgentHandle | null = null;
  let stopped = false;
  startAgent(core, { booth: cfg.booth, listen: parseListen(cfg.listen), speedTestUrl: cfg.speedTestUrl })
    .then((h) => {
      if (stopped) void h.stop();
      else handle = h;
    })
    .catch((e) => core.ctx.log.error('booth agent did not start', { error: String(e) }));
  return () => {
    stopped = true;
    void handle?.stop();
  };
}
