import { boothsChannels, boothsEvents } from './booths.js';
import { agentChannels } from './agent.js';
import { wolChannels, wolEvents } from './wol.js';
import { alertsChannels, alertsEvents } from './alerts.js';
import { bookingsChannels } from './bookings.js';

/** The fleet's channels and push events (booths, agent, wol, alerts, bookings), gathered so index.ts registers them in one line each. */
export const fleetChannels = { ...boothsChannels, ...agentChannels, ...wolChannels, ...alertsChannels, ...bookingsChannels } as const;
export const fleetEvents = { ...boothsEvents, ...wolEvents, ...alertsEvents } as const;
