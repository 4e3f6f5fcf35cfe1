import { z } from 'zod';
import { ANY_ROLE } from '../model/roles.js';
import { defineChannels } from './define.js';

export const demoAgentsChannels = defineChannels({
  /** Booths whose agent is simulated on a demo database (the screens mark them "démo"); empty elsewhere. */
  'demo.agents': { kind: 'query', input: z.strictObject({}), output: z.object({ boothIds: z.array(z.string()) }), roles: ANY_ROLE },
});
