import { describe, expect, it } from 'vitest';
import { averageScores, benchmarkScale, scoreSeries } from '@core/modules/forecast/metrics.js';
import { parseMetaCsv, parseSeriesCsv, formatForecastCsv } from '@core/modules/forecast/seriesCsv.js';

describe('benchmark scorer (peers.md definitions, hand-computed)', () => {
  it('MASE, sMAPE, SQL and coverage on a two-step hold-out', () => {
    // scale = mean(|2−1|, |3−2|, |5−3|) = 4/3
    expect(benchmarkScale([1, 2, 3, 5], 1, false)).toBeCloseTo(4 / 3, 12);
    const s = scoreSeries([1, 2, 3, 5], [4, 6], { p10: [3, 3], p50: [5, 5], p90: [7, 7] }, 1, false);
    expect(s.mase).toBeCloseTo(0.75, 12);
    expect(s.smape).toBeCloseTo((200 / 9 + 200 / 11) / 2, 10);
    // pinball 0.1: u = 1 → 0.1, u = 3 → 0.3; mean 0.2; SQL = 2·0.2 / (4/3) = 0.3 (0.9 is symmetric here)
    expect(s.sql10).toBeCloseTo(0.3, 12);
    expect(s.sql90).toBeCloseTo(0.3, 12);
    expect(s.sql50).toBeCloseTo(s.mase!, 12);
    expect(s.coverage80).toBe(1);
  });

  it('uses lag m when the series is long enough, lag 1 for intermittent, skips zero sMAPE terms and zero scales', () => {
    expect(benchmarkScale([1, 5, 2, 6], 2, false)).toBe(1);
    expect(benchmarkScale([1, 5, 2, 6], 2, true)).toBeCloseTo(11 / 3, 12);
    expect(benchmarkScale([1, 5], 2, false)).toBe(4); // n ≤ m → m = 1
    const z = scoreSeries([0, 0, 0], [0, 2], { p50: [0, 1] }, 1, true);
    expect(z.smape).toBeCloseTo(200 / 3, 10);
    expect(z.mase).toBeUndefined();
    const avg = averageScores([z, scoreSeries([1, 2, 3, 5], [4, 6], { p10: [3, 3], p50: [5, 5], p90: [7, 7] }, 1, false)]);
    expect(avg.scaled).toBe(1);
    expect(avg.pinballMean).toBeCloseTo((0.3 + 0.75 + 0.3) / 3, 12);
  });
});

describe('series CSV', () => {
  it('parses unordered rows and formats the output', () => {
    const s = parseSeriesCsv('series_id,t,y\na,2,5\na,1,4\nb,1,0\n');
    expect(s.get('a')).toEqual([4, 5]);
    expect(formatForecastCsv([{ id: 'a', p10: [1], p50: [2], p90: [3.123456] }])).toBe('series_id,h,p10,p50,p90\na,1,1,2,3.1235\n');
  });

  it('rejects bad rows with the line number', () => {
    expect(() => parseSeriesCsv('series_id,t,y\na,1,x\n')).toThrow(/line 2: y must be a number/);
    expect(() => parseSeriesCsv('series_id,t,y\na,1,1\na,3,1\n')).toThrow(/missing t=2/);
    expect(() => parseSeriesCsv('series_id,t,y\na,1,1\na,1,2\n')).toThrow(/line 3: duplicate t=1/);
    expect(() => parseSeriesCsv('id,t,y\n')).toThrow(/header/);
    expect(() => parseMetaCsv('series_id,frequency,horizon,kind\na,12,0,smooth\n')).toThrow(/line 2: horizon/);
    expect(() => parseMetaCsv('series_id,frequency,horizon,kind\na,12,6,weird\n')).toThrow(/kind must be/);
  });

  it('rejects an empty file, a header without rows and a series listed twice in the meta file', () => {
    expect(() => parseSeriesCsv('')).toThrow(/input is empty: expected a header line series_id,t,y/);
    expect(() => parseSeriesCsv('\uFEFF\r\n\r\n')).toThrow(/input is empty/);
    expect(() => parseSeriesCsv('series_id,t,y\r\n')).toThrow(/input has a header but no rows/);
    expect(() => parseMetaCsv('series_id,frequency,horizon\n')).toThrow(/meta has a header but no rows/);
    expect(() => parseMetaCsv('series_id,frequency,horizon\na,7,28\nb,7,28\na,12,6\n')).toThrow(/meta line 4: series a is listed twice/);
    expect(() => parseMetaCsv('series_id,frequency,horizon\n ,7,28\n')).toThrow(/meta line 2: empty series_id/);
  });
});
