import type { HandlerMap } from '@core/router.js';
import type { demoAgentsChannels } from '@shared/contract/demoAgents.js';
import { demoAgentBoothIds } from './pulse.js';

export const demoAgentsHandlers: Pick<HandlerMap, keyof typeof demoAgentsChannels> = {
  'demo.agents': (_i, ctx) => ({ boothIds: demoAgentBoothIds(ctx) }),
};
