import { systemChannels } from './system.js';
import { demoAgentsChannels } from './demoAgents.js';
import { systemEvents } from './events.js';
import { backupChannels } from './backup.js';
import { catalogChannels } from './catalog.js';
import { stockChannels } from './stock.js';
import { csvChannels } from './csv.js';
import { kioskChannels, kioskEvents } from './kiosk.js';
import { syncChannels, syncEvents } from './sync.js';
import { fleetChannels, fleetEvents } from './fleet.js';
import { forecastChannels, forecastEvents } from './forecast.js';
import { notionChannels, notionEvents } from './notion.js';
import { identityChannels, identityEvents } from './identity.js';
import { setupChannels } from './setup.js';
import { assistantChannels, assistantEvents } from './assistant.js';
import { checklistsChannels } from './checklists.js';
import { todayChannels } from './today.js';
import { notifyChannels } from './notify.js';
import { speedtestChannels } from './speedtest.js';
import { reportsChannels } from './reports.js';
import { crmChannels } from './crm.js';
import { receivingChannels } from './receiving.js';
import { staffingChannels } from './staffing.js';
import type { z } from 'zod';

/** The one map of every channel. Each module adds its file here. */
export const contract = {
  ...systemChannels,
  ...demoAgentsChannels,
  ...backupChannels,
  ...catalogChannels,
  ...stockChannels,
  ...csvChannels,
  ...kioskChannels,
  ...syncChannels,
  ...fleetChannels,
  ...forecastChannels,
  ...notionChannels,
  ...identityChannels,
  ...setupChannels,
  ...assistantChannels,
  ...checklistsChannels,
  ...todayChannels,
  ...notifyChannels,
  ...speedtestChannels,
  ...reportsChannels,
  ...crmChannels,
  ...receivingChannels,
  ...staffingChannels,
} as const;

/** The one map of every push event. */
export const events = {
  ...systemEvents,
  ...kioskEvents,
  ...syncEvents,
  ...fleetEvents,
  ...forecastEvents,
  ...notionEvents,
  ...identityEvents,
  ...assistantEvents,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
