import type { HandlerContext } from '@core/context.js';
import { seriesTakenBy } from '@core/db/repos/quotes.js';
import { AppError } from '@shared/errors.js';

/** The year a document is numbered in: the calendar year on this device's clock (local time). */
export function yearOf(at: number): number {
  return new Date(at).getFullYear();
}

/** How a series is named in messages: the plain one has no code. */
const seriesLabel = (series: string) => (series ? `“${series}”` : 'plain');

/**
 * Refuses a quote numbering series another device already numbered quotes in (synced quotes
 * included): two devices in one series would take the same numbers offline and the hub would
 * refuse the second one's quote. The message names the series, the device and its last quote.
 */
export function assertSeriesFree(ctx: Pick<HandlerContext, 'db' | 'deviceId'>, series: string): void {
  const taken = seriesTakenBy(ctx.db, series, ctx.deviceId);
  if (!taken) return;
  const device = taken.deviceName ?? taken.deviceId;
  throw new AppError(
    'conflict',
    `The ${seriesLabel(series)} quote numbering series is already used by the device ${device} (quote ${taken.number}): pick another series in Settings`,
    { field: 'quoteSeries', reason: 'quote_series_taken', series, device, number: taken.number },
  );
}
