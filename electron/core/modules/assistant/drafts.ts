import { AppError } from '@shared/errors.js';
import type { DataCard, DraftKind } from '@shared/model/assistant.js';
import { localDateTime } from '@shared/days.js';
import { fenceData } from './text.js';
import { READ_TOOL_BY_NAME, type ToolEnv } from './tools.js';

/**
 * The data a draft is written from, read through the router like any tool: the event (client
 * follow-up, recap) or the to-order list (supplier e-mail, one supplier when named).
 */
export async function draftContext(
  env: ToolEnv,
  draft: { kind: DraftKind; eventId?: string; supplier?: string },
  fence: string,
): Promise<{ cards: DataCard[]; context: string }> {
  if (draft.kind === 'supplier_order') {
    const { card } = await READ_TOOL_BY_NAME.get('to_order_this_week')!.run({}, env);
    if (draft.supplier) {
      card.rows = card.rows.filter((r) => r.supplier === draft.supplier);
      card.total = card.rows.length;
      card.args = { ...card.args, supplier: draft.supplier };
    }
    return { cards: [card], context: fenceData('to_order_this_week', { rows: card.rows }, fence) };
  }
  if (!draft.eventId) throw new AppError('invalid_input', 'Choose the event to write about');
  const e = await env.exec('bookings.get', { id: draft.eventId });
  const row = {
    client: e.clientName,
    type: e.eventType,
    start: localDateTime(e.startsAt),
    end: localDateTime(e.endsAt),
    booth: e.boothName,
    sessions: e.totals.sessions,
    prints: e.totals.prints,
    digital: e.totals.digital,
    gifs: e.totals.gifs,
  };
  const card: DataCard = {
    tool: 'event',
    // The event's client: the draft card offers to save the message in that client's history.
    args: { eventId: e.id, clientId: e.clientId },
    columns: Object.keys(row),
    rows: [row],
    total: 1,
    link: '#/events',
    error: null,
  };
  return { cards: [card], context: fenceData('event', row, fence) };
}
