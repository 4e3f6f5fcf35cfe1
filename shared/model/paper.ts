/**
 * Paper arithmetic. remaining_prints counts 6x4 sheets on the roll (700 on a DNP roll). A 2x6
 * strip layout puts two strips on one sheet, so each strip copy uses prints_per_copy = 0.5.
 */
export type PrintsPerCopy = 1 | 0.5;
export type PaperLevel = 'ok' | 'warning' | 'critical' | 'empty';

export function sheetsFor(copies: number, printsPerCopy: PrintsPerCopy): number {
  return copies * printsPerCopy;
}

/** Remaining never goes below 0: the printer stopped, the extra copies did not come out of paper we had. */
export function afterPrint(
  remaining: number,
  copies: number,
  printsPerCopy: PrintsPerCopy,
): { remaining: number; delta: number; shortfall: number } {
  const used = sheetsFor(copies, printsPerCopy);
  const next = Math.max(0, remaining - used);
  return { remaining: next, delta: next - remaining, shortfall: used - (remaining - next) };
}

/** Copies still printable at this layout (two strips per remaining sheet). */
export function copiesLeft(remaining: number, printsPerCopy: PrintsPerCopy): number {
  return Math.floor(remaining / printsPerCopy + 1e-9);
}

export function paperLevel(remaining: number, warning: number, critical: number): PaperLevel {
  if (remaining <= 0) return 'empty';
  if (remaining <= critical) return 'critical';
  if (remaining <= warning) return 'warning';
  return 'ok';
}

/** Share of a full roll left, 0–1, for the gauge. */
export function paperFraction(remaining: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return Math.min(1, Math.max(0, remaining / capacity));
}

/**
 * Minutes of printing left at the recent pace, or null when nothing printed in the window.
 * `sheetsInWindow` are the sheets used over the last `windowMin` minutes.
 */
export function minutesOfPaperLeft(remaining: number, sheetsInWindow: number, windowMin: number): number | null {
  if (sheetsInWindow <= 0 || windowMin <= 0) return null;
  return remaining / (sheetsInWindow / windowMin);
}

/**
 * "remaining = initial + Σ deltas", floored at 0: what a booth's paper is from its ledger. The local
 * path keeps remaining_prints by afterPrint (each recorded delta already clamped); a pulled booth
 * or counter row gets it from the SQL triggers of migration 0041 (booths_pulled_remaining,
 * booth_counter_events_pulled). tests/core/paper-rule.test.ts drives all three with one case table.
 */
export function remainingFromLedger(initial: number, deltas: readonly number[]): number {
  return Math.max(
    0,
    deltas.reduce((s, d) => s + d, initial),
  );
}
