import type { BoothPaperForecast } from './forecast.js';

/** What the paper on board means for what is booked: one booth, read off its event-driven forecast. */
export interface PaperOutlook {
  /** Sheets on board. */
  remaining: number;
  /** Sheets the booked events of the window should use (P50, P90). */
  p50: number;
  p90: number;
  /** When the paper should run out at the median pace (the start of the first event it may not cover), or null. */
  runsOutAt: number | null;
  /** Reload before this event starts (the P90 running total goes above what is on board), or null. */
  reloadBefore: { eventId: string; startsAt: number } | null;
}

export function paperOutlook(f: BoothPaperForecast): PaperOutlook {
  const out = f.events.find((e) => e.cumulativeP50 > f.remainingPrints);
  return { remaining: f.remainingPrints, p50: f.p50, p90: f.p90, runsOutAt: out?.startsAt ?? null, reloadBefore: f.reloadBefore };
}

/**
 * For one event: is the paper on board enough to get through it (P90 of the running total up to
 * and including it)? If not, how many whole rolls to bring.
 */
export function paperForEvent(
  f: BoothPaperForecast | undefined,
  eventId: string,
  rollCapacity: number,
): { expected: number; cumulativeP90: number; enough: boolean; rollsToBring: number } | null {
  const e = f?.events.find((x) => x.eventId === eventId);
  if (!f || !e) return null;
  const short = e.cumulativeP90 - f.remainingPrints;
  return {
    expected: e.expected,
    cumulativeP90: e.cumulativeP90,
    enough: short <= 0,
    rollsToBring: short <= 0 ? 0 : Math.ceil(short / Math.max(1, rollCapacity)),
  };
}
