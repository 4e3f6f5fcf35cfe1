import { describe, expect, it } from 'vitest';
import { niceAxis, safetyLabelPosition, yAxisWidth } from '@renderer/app/chartAxis';
import { formatNumber } from '@renderer/i18n/format';

describe('chart value axes', () => {
  it('rounds the stock axis up to a top that splits into round ticks, without wasting half the chart', () => {
    expect([0, 7, 19, 118.65, 140, 230, 0.37, 1000].map((v) => niceAxis(v).top)).toEqual([1, 8, 20, 120, 150, 250, 0.4, 1000]);
    // Issue 11: a projected-stock axis read 13/25/38 (quarters of 50, rounded).
    expect(niceAxis(48).ticks).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceAxis(52.5).ticks).toEqual([0, 20, 40, 60]);
    expect(niceAxis(38).ticks).toEqual([0, 10, 20, 30, 40]);
    expect(niceAxis(30).ticks).toEqual([0, 10, 20, 30]);
    for (const v of [3, 7, 12, 38, 48, 75, 118.65, 230, 999, 4321])
      for (const t of niceAxis(v).ticks) expect(Number.isInteger(t), `${v} → ${t}`).toBe(true);
  });

  it('widens the Y axis so that its longest label is not cut', () => {
    // 48 px fitted four digits; "100 000" (fr-FR, narrow no-break space) showed as "00 000".
    expect(yAxisWidth(['0', '25', '50', '75', '100'])).toBe(48);
    const fr = ['0', '25\u202f000', '50\u202f000', '75\u202f000', '100\u202f000'];
    const en = ['0', '25,000', '50,000', '75,000', '100,000'];
    for (const labels of [fr, en]) {
      const width = yAxisWidth(labels);
      // The label needs 6 digits of 0.64 em at 12 px plus its separator, beside an 8 px tick.
      expect(width - 8).toBeGreaterThanOrEqual(6 * 0.64 * 12 + 3);
      expect(width).toBeLessThan(80);
    }
    expect(yAxisWidth(['1\u202f000\u202f000'])).toBeGreaterThan(yAxisWidth(['100\u202f000']));
    // Larger text needs more room for the same label.
    expect(yAxisWidth(['100 000'], 14)).toBeGreaterThan(yAxisWidth(['100 000'], 12));
    expect(yAxisWidth([formatNumber(100_000)])).toBeGreaterThan(48);
  });

  it('keeps the safety-stock label clear of the reorder point’s label and of the dates', () => {
    // Room below its line: under it, facing away from the reorder point's label (above its own line).
    expect(safetyLabelPosition(20, 60, 100)).toBe('insideTopRight');
    // Near the X axis, reorder point well above: over its line, on the right.
    expect(safetyLabelPosition(5, 60, 100)).toBe('insideBottomRight');
    expect(safetyLabelPosition(5, null, 100)).toBe('insideBottomRight');
    // Both near 0 (89 335 in stock, 45 and 248): to the left, not over the other label.
    expect(safetyLabelPosition(45, 248, 100_000)).toBe('insideBottomLeft');
  });
});
