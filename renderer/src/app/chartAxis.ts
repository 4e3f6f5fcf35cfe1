/**
 * Value axes of the renderer's charts. recharts draws a Y axis at a fixed width and clips longer
 * tick labels ("100 000" showed as "00 000"), so the width follows the labels the axis will show.
 */

/**
 * A value axis from 0 that reads in round steps: 1, 2, 2.5 or 5 × 10^k (whole steps once the axis
 * reaches 4), 3 to 6 intervals, the lowest top at or above `v` (on a tie, the larger step).
 * 50 gives 0/10/…/50 and 48 too — never 13/25/38 from quarters of 50.
 */
export function niceAxis(v: number): { top: number; ticks: number[] } {
  const max = v > 0 && Number.isFinite(v) ? v : 1;
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  const k0 = Math.floor(Math.log10(max));
  let best: { step: number; n: number; top: number } | null = null;
  for (let k = k0 - 2; k <= k0 + 1; k++) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = round(m * 10 ** k);
      if (max >= 4 && !Number.isInteger(step)) continue;
      const n = Math.ceil(max / step - 1e-9);
      if (n < 3 || n > 6) continue;
      const top = round(n * step);
      if (!best || top < best.top - 1e-12 || (Math.abs(top - best.top) <= 1e-12 && step > best.step)) best = { step, n, top };
    }
  }
  const { step, n, top } = best ?? { step: max, n: 1, top: max };
  return { top, ticks: Array.from({ length: n + 1 }, (_, i) => round(i * step)) };
}

/**
 * The fraction digits an axis's tick labels need to tell its ticks apart: 0 for whole steps, 2 for
 * quarters. A slow mover's axis (0 / 0.25 / 0.5 / 0.75 / 1) printed at one digit read 0 / 0,3 /
 * 0,5 / 0,8 / 1 — labels off the gridlines they name.
 */
export function axisDecimals(ticks: readonly number[]): number {
  let digits = 0;
  for (const t of ticks) while (digits < 3 && Math.abs(t * 10 ** digits - Math.round(t * 10 ** digits)) > 1e-9) digits++;
  return digits;
}

// Advance widths in em of the chart font (DejaVu Sans / system sans): digits are tabular, the
// grouping spaces of fr-FR (U+202F, U+00A0) and separators narrower; anything else counted wide.
const NARROW = new Set(['\u202f', '\u2009', ',', '.', ' ']);
const EM_DIGIT = 0.64;
const EM_NARROW = 0.32;
const EM_OTHER = 0.7;
/** Room for the tick mark (6 px) and its gap (2 px) beside the label, plus 4 px of air. */
const TICK_ROOM = 12;
const MIN_WIDTH = 48;

/** Width in px a Y axis needs so that none of these tick labels (at fontSize px) is cut. */
export function yAxisWidth(labels: readonly string[], fontSize = 12): number {
  let longest = 0;
  for (const label of labels) {
    let em = 0;
    for (const ch of label) em += ch >= '0' && ch <= '9' ? EM_DIGIT : NARROW.has(ch) ? EM_NARROW : EM_OTHER;
    longest = Math.max(longest, em);
  }
  return Math.max(MIN_WIDTH, Math.ceil(longest * fontSize) + TICK_ROOM);
}

/** Share of the axis a label line needs to clear another label or the X axis (12 px text on a ~180 px plot). */
const LABEL_ROOM = 0.1;

/**
 * Where the safety-stock line's label goes on a stock chart whose reorder-point label sits above
 * its own line at the right: below its line when there is room above the X axis, else above it
 * when the reorder point is far enough up, else at the left — two lines close to 0 (a large stock)
 * printed both labels over each other and over the dates.
 */
export function safetyLabelPosition(
  safety: number,
  reorderPoint: number | null,
  top: number,
): 'insideTopRight' | 'insideBottomRight' | 'insideBottomLeft' {
  if (!(top > 0)) return 'insideBottomLeft';
  if (safety / top >= LABEL_ROOM) return 'insideTopRight';
  if (reorderPoint === null || (reorderPoint - safety) / top >= LABEL_ROOM) return 'insideBottomRight';
  return 'insideBottomLeft';
}

/** Width in px of a line of chart text (the same em estimate as yAxisWidth). */
export function textWidth(text: string, fontSize = 12): number {
  let em = 0;
  for (const ch of text) em += ch >= '0' && ch <= '9' ? EM_DIGIT : NARROW.has(ch) ? EM_NARROW : EM_OTHER;
  return em * fontSize;
}

/**
 * A vertical marker line's label at the top of a chart: which side of its line, which row (rows of
 * 16 px from the top), and the recharts label props that put it there (`position` as an offset
 * from the line's top, text bottom at `y`; `textAnchor`).
 */
export interface TopLabel {
  side: 'left' | 'right';
  row: number;
  position: { x: number; y: number };
  textAnchor: 'start' | 'end';
}

/** recharts' default gap between a reference line and its inside label. */
const LABEL_GAP = 5;
const LABEL_ROW = 16;
/** From a label row's top to its text's baseline (12 px text: its ascent). */
const LABEL_BASELINE = 11;

/**
 * Places the top labels of vertical marker lines (x in px from the plot's left edge, plot `width`
 * px): each on the side it prefers ('right' of its line, or 'left'), on the other side when that
 * one would run past the plot's edge (a stock-out near the end read "Ruptu"; a delivery near the
 * start wrote "Réception" over the value axis), and one row lower when it would overlap a label
 * already placed (a delivery and a stock-out a day apart). A lower row stays beside its own line:
 * recharts' inside positions moved a label as far right as down, and a third-row "Rupture" stood
 * by the next line's.
 */
export function topMarkerLabels(
  markers: ReadonlyArray<{ x: number; text: string; prefer: 'left' | 'right' }>,
  width: number,
  fontSize = 12,
): TopLabel[] {
  const placed: Array<{ from: number; to: number; row: number }> = [];
  return markers.map(({ x, text, prefer }) => {
    const w = textWidth(text, fontSize) + LABEL_GAP;
    const fitsRight = x + w <= width;
    const fitsLeft = x - w >= 0;
    const right = prefer === 'right' ? fitsRight || !fitsLeft : !fitsLeft && fitsRight;
    const span = right ? { from: x, to: x + w } : { from: x - w, to: x };
    let row = 0;
    while (row < 3 && placed.some((p) => p.row === row && span.from < p.to && p.from < span.to)) row++;
    placed.push({ ...span, row });
    return {
      side: right ? 'right' : 'left',
      row,
      position: { x: right ? LABEL_GAP : -LABEL_GAP, y: LABEL_GAP + row * LABEL_ROW + LABEL_BASELINE },
      textAnchor: right ? 'start' : 'end',
    };
  });
}

/** How far down from the plot's top the top labels reach (their lowest row's text, descenders included). */
export function topLabelsDepth(labels: readonly TopLabel[]): number {
  return labels.length ? LABEL_GAP + Math.max(...labels.map((l) => l.row)) * LABEL_ROW + LABEL_BASELINE + 4 : 0;
}
