import { describe, expect, it } from 'vitest';
import { formatForecastCsv, parseForecastCsv, parseMetaCsv, parseSeriesCsv } from '@core/modules/forecast/seriesCsv.js';

/**
 * `opsdeck forecast --input / --meta` files as offices export them: French Excel writes ";" and
 * decimal commas, other tools tabs, and an id may hold a comma (then it is quoted). Each reads to
 * the same series as the plain comma file; a file that cannot be read says where.
 */
describe('series, meta and forecast CSV dialects', () => {
  const plain = parseSeriesCsv('series_id,t,y\na,1,3.5\na,2,1234.5\nb,1,0\n');

  it('semicolons with decimal commas (and grouped thousands), tabs, CRLF and a BOM read as the comma file', () => {
    expect(parseSeriesCsv('\uFEFFseries_id;t;y\r\na;1;3,5\r\na;2;1 234,5\r\nb;1;0\r\n')).toEqual(plain);
    expect(parseSeriesCsv('series_id\tt\ty\na\t1\t3.5\na\t2\t1234.5\nb\t1\t0\n')).toEqual(plain);
    expect(parseSeriesCsv('series_id,t,y\na,1,"3,5"\na,2,1234.5\nb,1,0\n')).toEqual(plain);
    expect(parseMetaCsv('Series_ID;Frequency;Horizon;Kind\na;7;28;intermittent\n').get('a')).toEqual({
      frequency: 7,
      horizon: 28,
      kind: 'intermittent',
    });
  });

  it('a quoted id holding a comma or a quote survives a forecast round trip', () => {
    const s = parseSeriesCsv('series_id,t,y\n"Gobelets, 25 cl",1,4\n"Gobelets, 25 cl",2,6\n"Câble ""USB""",1,1\n');
    expect([...s.keys()]).toEqual(['Gobelets, 25 cl', 'Câble "USB"']);
    const out = formatForecastCsv([...s].map(([id, y]) => ({ id, p10: [y[0]! - 1], p50: [y[0]!], p90: [y[0]! + 1] })));
    expect(out.split('\n')[1]).toBe('"Gobelets, 25 cl",1,3,4,5');
    const back = parseForecastCsv(out);
    expect([...back.keys()]).toEqual(['Gobelets, 25 cl', 'Câble "USB"']);
    expect(back.get('Câble "USB"')).toEqual({ p10: [0], p50: [1], p90: [2] });
  });

  it('refuses what it cannot read, with the file line', () => {
    expect(() => parseSeriesCsv('series_id,t,y\n"a,1,3\na,2,4\n')).toThrow(/input line 2: Unclosed quote/);
    expect(() => parseSeriesCsv('series_id;t;y\na;1;3,5,6\n')).toThrow(/input line 2: y must be a number \(got "3,5,6"\)/);
    expect(() => parseSeriesCsv('series_id|t|y\na|1|3\n')).toThrow(/header must start with series_id,t,y .*separator may be , ; or a tab/);
    expect(() => parseSeriesCsv('series_id;t;y\na;1\n')).toThrow(/input line 2: expected 3 columns, got 2/);
  });
});
