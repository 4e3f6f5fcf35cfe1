import { AppError } from '@shared/errors.js';
import { contract, type Channel } from '@shared/contract/index.js';
import type { ActionKind, ProposedAction } from '@shared/model/assistant.js';
import { localDateTime, localDayStart, localIsoDay, parseLocalDateTime } from '@shared/days.js';
import { resolveProduct, type ToolDef, type ToolEnv } from './tools.js';
import { fold } from './text.js';

/**
 * Actions the model may PROPOSE (never run). A proposal becomes a card with the exact change; it
 * runs only when the person confirms, through the channel the screen uses (handlers.ts).
 */
export interface Proposal {
  kind: ActionKind;
  channel: Channel;
  input: Record<string, unknown>;
  summary: ProposedAction['summary'];
}

/**
 * What the person must have asked for in their own words for a proposal of that kind to be shown.
 * Text from the data (Notion, CSV, descriptions, client notes) never counts: only the question.
 */
const INTENT: Record<ActionKind, RegExp> = {
  purchase_order: /\b(command|commande|réapprovision|reapprovision|achet|order|reorder|buy|purchase)/,
  stock_movement:
    /\b(mouvement|movement|entree|sortie|ajust|adjust|enregistr|record|recu|receiv|perdu|lost|cass|broken|retir|remove|ajout|add)/,
  wake_booth: /\b(reveill|allum|demarr|wake|power on|turn on|switch on|start)/,
  paper_reload: /\b(recharg|reload|rouleau|roll|papier remis|remis du papier|refill)/,
  create_event: /\b(cree|creer|ajout|planifi|reserv|book|create|add|schedule|new event|nouvel)/,
};

export function userAsked(kind: ActionKind, question: string): boolean {
  return INTENT[kind].test(fold(question));
}

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : '');

async function booth(env: ToolEnv, ref: unknown) {
  const q = fold(str(ref));
  const all = await env.exec('booths.list', {});
  const b = all.find((x) => fold(x.name) === q || x.id === str(ref)) ?? all.find((x) => q.length > 1 && fold(x.name).includes(q));
  if (!b) throw new AppError('not_found', 'No such booth', { query: str(ref) });
  return b;
}

/** A date-time the person said ("2026-12-09 14:00"): that time where they are (this device's clock), as the events screens read and show it. */
function dateTimeArg(v: unknown): number {
  const t = parseLocalDateTime(str(v, 40));
  if (Number.isNaN(t)) throw new AppError('invalid_input', `Not a date: ${str(v, 40)} (use YYYY-MM-DD HH:MM)`);
  return t;
}

interface ActionDef extends Omit<ToolDef, 'run'> {
  kind: ActionKind;
  build(args: Record<string, unknown>, env: ToolEnv): Promise<Proposal>;
}

export const ACTION_TOOLS: ActionDef[] = [
  {
    name: 'propose_purchase_order',
    kind: 'purchase_order',
    description: 'Propose a purchase order (the person confirms). Quantity defaults to the advised quantity.',
    parameters: {
      type: 'object',
      properties: { product: { type: 'string', description: 'SKU or name' }, quantity: { type: 'number', description: 'optional' } },
      required: ['product'],
    },
    async build(args, env) {
      const p = await resolveProduct(env, args.product);
      let quantity = Number(args.quantity);
      if (!(quantity > 0)) {
        const line = (await env.exec('forecast.replenishment', { withinDays: 30 })).find((l) => l.productId === p.id);
        quantity = line?.quantity ?? (await env.exec('forecast.product', { productId: p.id })).row.suggestedQty;
      }
      if (!(quantity > 0)) throw new AppError('invalid_input', 'No advised quantity for this product: say how many');
      // The start of the day the lead time lands on, where the person is: the orders screen shows it as that day.
      const expectedAt = localDayStart(env.now, p.leadTimeDays);
      return {
        kind: 'purchase_order',
        channel: 'purchaseOrders.create',
        input: { productId: p.id, quantity, expectedAt, ...(p.supplier ? { supplier: p.supplier } : {}) },
        summary: [
          { label: 'product', value: `${p.name} (${p.sku})` },
          { label: 'quantity', value: `${quantity} ${p.unit}` },
          ...(p.supplier ? [{ label: 'supplier', value: p.supplier }] : []),
          { label: 'expectedAt', value: localIsoDay(expectedAt) },
        ],
      };
    },
  },
  {
    name: 'propose_stock_movement',
    kind: 'stock_movement',
    description: 'Propose a stock movement: in, out, or adjust (direction 1 found / -1 lost).',
    parameters: {
      type: 'object',
      properties: {
        product: { type: 'string', description: 'SKU or name' },
        type: { type: 'string', description: 'in, out or adjust', enum: ['in', 'out', 'adjust'] },
        quantity: { type: 'number', description: 'units' },
        direction: { type: 'number', description: 'adjust only: 1 or -1' },
        location: { type: 'string', description: 'location name (default: main warehouse)' },
        reason: { type: 'string', description: 'why' },
      },
      required: ['product', 'type', 'quantity'],
    },
    async build(args, env) {
      const p = await resolveProduct(env, args.product);
      const type = str(args.type) as 'in' | 'out' | 'adjust';
      if (!['in', 'out', 'adjust'].includes(type)) throw new AppError('invalid_input', 'Movement type: in, out or adjust');
      const locs = await env.exec('stock.locations.list', {});
      const mainId = args.location ? null : ((await env.exec('stock.mainWarehouse.get', {}))?.locationId ?? null);
      const loc = args.location ? locs.find((l) => fold(l.name) === fold(str(args.location))) : locs.find((l) => l.id === mainId);
      if (!loc) throw new AppError('not_found', 'No such location', { query: str(args.location) });
      const direction = type === 'adjust' ? (Number(args.direction) < 0 ? -1 : 1) : undefined;
      const quantity = Number(args.quantity);
      return {
        kind: 'stock_movement',
        channel: 'stock.record',
        input: { productId: p.id, locationId: loc.id, type, quantity, ...(direction ? { direction } : {}), reason: str(args.reason, 500) },
        summary: [
          { label: 'product', value: `${p.name} (${p.sku})` },
          { label: 'movement', value: type === 'adjust' ? `adjust ${direction! > 0 ? '+' : '−'}` : type },
          { label: 'quantity', value: `${quantity} ${p.unit}` },
          { label: 'location', value: loc.name },
          ...(str(args.reason) ? [{ label: 'reason', value: str(args.reason) }] : []),
        ],
      };
    },
  },
  {
    name: 'propose_wake_booth',
    kind: 'wake_booth',
    description: 'Propose waking a booth PC (Wake-on-LAN); the person confirms.',
    parameters: { type: 'object', properties: { booth: { type: 'string', description: 'booth name' } }, required: ['booth'] },
    async build(args, env) {
      const b = await booth(env, args.booth);
      return { kind: 'wake_booth', channel: 'wol.wake', input: { booth: b.id }, summary: [{ label: 'booth', value: b.name }] };
    },
  },
  {
    name: 'propose_paper_reload',
    kind: 'paper_reload',
    description: 'Propose logging a paper reload on a booth (remaining prints optional).',
    parameters: {
      type: 'object',
      properties: {
        booth: { type: 'string', description: 'booth name' },
        remaining: { type: 'number', description: 'prints left after reload' },
      },
      required: ['booth'],
    },
    async build(args, env) {
      const b = await booth(env, args.booth);
      const remaining = Number(args.remaining);
      const has = Number.isFinite(remaining) && args.remaining !== undefined;
      return {
        kind: 'paper_reload',
        channel: 'booths.reloadPaper',
        input: { booth: b.id, ...(has ? { remaining } : {}) },
        summary: [
          { label: 'booth', value: b.name },
          { label: 'remaining', value: has ? remaining : b.rollCapacity },
        ],
      };
    },
  },
  {
    name: 'propose_create_event',
    kind: 'create_event',
    description: 'Propose creating an event (booking).',
    parameters: {
      type: 'object',
      properties: {
        client: { type: 'string', description: 'client name' },
        start: { type: 'string', description: 'YYYY-MM-DD HH:MM, local time as the person says it' },
        end: { type: 'string', description: 'YYYY-MM-DD HH:MM, local time as the person says it' },
        booth: { type: 'string', description: 'booth name (optional)' },
        type: { type: 'string', description: 'event type (optional)' },
      },
      required: ['client', 'start', 'end'],
    },
    async build(args, env) {
      const startsAt = dateTimeArg(args.start);
      const endsAt = args.end ? dateTimeArg(args.end) : startsAt + 4 * 3_600_000;
      const b = args.booth ? await booth(env, args.booth) : null;
      return {
        kind: 'create_event',
        channel: 'bookings.create',
        input: {
          clientName: str(args.client),
          startsAt,
          endsAt,
          ...(b ? { boothId: b.id } : {}),
          ...(str(args.type) ? { eventType: str(args.type, 100) } : {}),
        },
        summary: [
          { label: 'client', value: str(args.client) },
          { label: 'start', value: localDateTime(startsAt) },
          { label: 'end', value: localDateTime(endsAt) },
          ...(b ? [{ label: 'booth', value: b.name }] : []),
          ...(str(args.type) ? [{ label: 'type', value: str(args.type) }] : []),
        ],
      };
    },
  },
];

export const ACTION_BY_NAME = new Map(ACTION_TOOLS.map((a) => [a.name, a]));

/** The proposal's input must pass the target channel's own validation before it is shown. */
export function checkProposal(p: Proposal): void {
  const parsed = contract[p.channel].input.safeParse(p.input);
  if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues.map((i) => i.message).join('; '));
}
