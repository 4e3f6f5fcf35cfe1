import { describe, expect, it } from 'vitest';
import { axisDecimals, niceAxis, safetyLabelPosition, topLabelsDepth, topMarkerLabels, yAxisWidth } from '@renderer/app/chartAxis';
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

  it('prints an axis of quarters with two digits (0,25 / 0,75), not rounded off its gridlines (0,3 / 0,8)', () => {
    expect(niceAxis(1).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(axisDecimals(niceAxis(1).ticks)).toBe(2);
    expect(axisDecimals(niceAxis(0.37).ticks)).toBe(1);
    expect(axisDecimals(niceAxis(48).ticks)).toBe(0);
    expect(axisDecimals([0, 0.05, 0.1])).toBe(2);
  });

  it('keeps the delivery and stock-out labels inside the plot and clear of each other', () => {
    // A delivery two days in (40 px) cannot sit left of its line: it goes right. The stock-out a day
    // later would overlap it there: one row lower.
    const [arrival, stockout] = topMarkerLabels(
      [
        { x: 40, text: 'Réception', prefer: 'left' },
        { x: 60, text: 'Rupture', prefer: 'right' },
      ],
      600,
    );
    expect(arrival).toMatchObject({ side: 'right', row: 0, textAnchor: 'start' });
    expect(stockout).toMatchObject({ side: 'right', row: 1 });
    // A lower row stays beside its line: moved down, not right (recharts' inside offsets did both).
    expect(stockout!.position.x).toBe(arrival!.position.x);
    expect(stockout!.position.y - arrival!.position.y).toBe(16);
    // A stock-out near the right edge goes left of its line ("Ruptu" was cut by the edge).
    expect(topMarkerLabels([{ x: 590, text: 'Rupture', prefer: 'right' }], 600)[0]).toMatchObject({
      side: 'left',
      row: 0,
      textAnchor: 'end',
      position: { x: -5 },
    });
    // Room on both sides, far apart: each on its preferred side, first row.
    expect(
      topMarkerLabels(
        [
          { x: 300, text: 'Delivery', prefer: 'left' },
          { x: 400, text: 'Stock-out', prefer: 'right' },
        ],
        600,
      ).map((l) => [l.side, l.row]),
    ).toEqual([
      ['left', 0],
      ['right', 0],
    ]);
    // An order-by day, its delivery two days later and a stock-out between them: three rows at most, none shifted sideways.
    const three = topMarkerLabels(
      [
        { x: 0, text: 'Commander avant', prefer: 'right' },
        { x: 20, text: 'Réception', prefer: 'left' },
        { x: 10, text: 'Rupture', prefer: 'right' },
      ],
      480,
    );
    expect(three.map((l) => l.row)).toEqual([0, 1, 2]);
    expect(topLabelsDepth(three)).toBe(5 + 2 * 16 + 11 + 4);
    expect(topLabelsDepth([])).toBe(0);
  });
});
