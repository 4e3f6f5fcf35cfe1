import type { HandlerContext } from '@core/context.js';
import { seriesTakenBy } from '@core/db/repos/quotes.js';
import { AppError } from '@shared/errors.js';

/** The year a document is numbered in: the calendar year on this device's clock (local time). */
export function yearOf(at: number): number {
  return new Date(at).getFullYear();
}

/** How a series is named in messages: the plain one has no code. */
const seriesLabel = (series: string) => (series ? `“${series}”` : 'plain');

const KINDS = {
  quotes: { table: 'quotes', word: 'quote', reason: 'quote_series_taken' },
  orders: { table: 'customer_orders', word: 'order', reason: 'order_series_taken' },
} as const;
export type NumberedKind = keyof typeof KINDS;

/**
 * Refuses a numbering series another device already numbered quotes (or customer orders) in,
 * synced ones included: two devices in one series would take the same numbers offline and the hub
 * would refuse the second one's document. A device has one series (Settings) for both kinds, but
 * each kind is checked on its own: before orders had series, one device could quote and another
 * take orders, both in the plain series, without ever colliding. The message names the series,
 * the device and its last document of that kind.
 */
export function assertSeriesFree(
  ctx: Pick<HandlerContext, 'db' | 'deviceId'>,
  series: string,
  kinds: readonly NumberedKind[] = ['quotes', 'orders'],
): void {
  for (const kind of kinds) {
    const k = KINDS[kind];
    const taken = seriesTakenBy(ctx.db, series, ctx.deviceId, k.table);
    if (!taken) continue;
    const device = taken.deviceName ?? taken.deviceId;
    throw new AppError(
      'conflict',
      `The ${seriesLabel(series)} ${k.word} numbering series is already used by the device ${device} (${k.word} ${taken.number}): pick another series in Settings`,
      { field: 'quoteSeries', reason: k.reason, series, device, number: taken.number },
    );
  }
}
