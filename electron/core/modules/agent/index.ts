import { defineModule } from '@core/module.js';
import { agentHandlers } from './handlers.js';
import { startAgentAutostart } from './autostart.js';

/** The booth agent (trigger listener, heartbeat, health, speed test); starts itself on a configured booth PC. */
export const agentModule = defineModule({
  name: 'agent',
  handlers: agentHandlers,
  start: startAgentAutostart,
});

export { startAgent, runningAgent, type AgentHandle, type AgentOptions } from './service.js';
export { parseListen, triggerSecret, setTriggerSecret, triggerPath } from './server.js';
export { readAgentConfig, saveAgentConfig, type AgentConfig } from './autostart.js';
export { runSpeedTest } from './speedtest.js';
