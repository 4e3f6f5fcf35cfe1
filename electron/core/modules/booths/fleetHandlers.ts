import type { HandlerMap } from '../../router.js';
import type { fleetChannels } from '../../../../shared/contract/fleet.js';
import { boothsHandlers } from './handlers.js';
import { agentHandlers } from '../agent/handlers.js';
import { wolHandlers } from '../wol/handlers.js';
import { alertsHandlers } from '../alerts/handlers.js';
import { bookingsHandlers } from '../bookings/handlers.js';
// Register the fleet monitor and the booth agent's onCoreStart hooks.
import './monitor.js';
import '../agent/autostart.js';

export const fleetHandlers: Pick<HandlerMap, keyof typeof fleetChannels> = {
  ...boothsHandlers,
  ...agentHandlers,
  ...wolHandlers,
  ...alertsHandlers,
  ...bookingsHandlers,
};
