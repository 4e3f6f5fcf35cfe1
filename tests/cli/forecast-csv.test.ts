import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-cli-forecast-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

async function opsdeck(args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: dir } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const META = 'series_id,frequency,horizon,kind\na,7,3,\nb,7,2,smooth\n';
const INPUT = `series_id,t,y\n${Array.from({ length: 42 }, (_, i) => `a,${i + 1},${(i % 7) + 1}\nb,${i + 1},${i % 2}`).join('\n')}\n`;

/**
 * `opsdeck forecast --input … --meta … --out …`, the interface scripts use: series_id,t,y in,
 * series_id,h,p10,p50,p90 out, frequency and horizon per series from the meta file. Bad files end
 * with a message naming the problem, a non-zero exit and no output file at all.
 */
describe('opsdeck forecast --input/--meta (scripting interface)', { timeout: 60_000 }, () => {
  it('forecasts every series with its own horizon from the meta file', async () => {
    const out = path.join(dir, 'ok-out.csv');
    const r = await opsdeck(['forecast', '--input', file('ok.csv', INPUT), '--meta', file('meta.csv', META), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('series_id,h,p10,p50,p90');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['a,1', 'a,2', 'a,3', 'b,1', 'b,2']);
    for (const l of lines.slice(1)) {
      const [p10, p50, p90] = l.split(',').slice(2).map(Number);
      expect(p10).toBeLessThanOrEqual(p50!);
      expect(p50).toBeLessThanOrEqual(p90!);
    }
  });

  it('refuses bad input with a clear message, a non-zero exit and no partial output', async () => {
    const meta = file('meta-bad.csv', META);
    const good = file('good.csv', INPUT);
    const cases: Array<{ name: string; args: string[]; message: RegExp }> = [
      {
        name: 'missing column',
        args: ['--input', file('nocol.csv', 'series_id,t\na,1\n'), '--meta', meta],
        message: /input: header must start with series_id,t,y \(got series_id,t\)/,
      },
      {
        name: 'non-numeric y',
        args: ['--input', file('nonnum.csv', 'series_id,t,y\na,1,3\na,2,abc\n'), '--meta', meta],
        message: /input line 3: y must be a number \(got "abc"\)/,
      },
      {
        name: 'unknown series in meta',
        args: ['--input', good, '--meta', file('meta-unknown.csv', `${META}zz9,7,3,\n`)],
        message: /1 series in .*meta-unknown\.csv has no rows in .*good\.csv: zz9/,
      },
      {
        name: 'series listed twice in meta',
        args: ['--input', good, '--meta', file('meta-twice.csv', `${META}a,12,6,\n`)],
        message: /meta line 4: series a is listed twice/,
      },
      { name: 'empty input', args: ['--input', file('empty.csv', ''), '--meta', meta], message: /input is empty/ },
      {
        name: 'header only',
        args: ['--input', file('header.csv', 'series_id,t,y\n'), '--meta', meta],
        message: /input has a header but no rows/,
      },
      { name: 'empty meta', args: ['--input', good, '--meta', file('meta-empty.csv', '\n')], message: /meta is empty/ },
      {
        name: 'dates file with a day missing',
        args: ['--input', good, '--meta', meta, '--dates', file('dates-gap.csv', 't,date\n1,2026-01-05\n2,2026-01-06\n4,2026-01-08\n')],
        message: /dates: t=3 \(series a\) must be the day after t=2, it has no date/,
      },
      {
        name: 'dates file with a bad date',
        args: ['--input', good, '--meta', meta, '--dates', file('dates-bad.csv', 't,date\n1,2026-02-30\n')],
        message: /dates line 2: date must be a day as YYYY-MM-DD \(got "2026-02-30"\)/,
      },
      {
        name: 'output folder missing',
        args: ['--input', good, '--meta', meta, '--out', path.join(dir, 'no-such-folder', 'out.csv')],
        message: /cannot write output .*no-such-folder/,
      },
    ];
    const results = await Promise.all(
      cases.map(async (c, i) => {
        const out = path.join(dir, `bad-${i}.csv`);
        const args = c.args.includes('--out') ? c.args : [...c.args, '--out', out];
        return { c, out, r: await opsdeck(['forecast', ...args]) };
      }),
    );
    for (const { c, out, r } of results) {
      expect({ case: c.name, code: r.code }).toEqual({ case: c.name, code: 1 });
      expect(r.stderr, c.name).toMatch(c.message);
      expect(r.stdout, c.name).toBe('');
      expect(fs.existsSync(out), c.name).toBe(false);
    }
    // Nothing left behind either (no temporary output file).
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("with --dates, a daily series' Mother's Day uplift of the two past years is forecast on this year's date", async () => {
    // 730 days from Monday 20 May 2024 (closed on Sundays), ×3 on the 4 days before Mother's Day
    // (22–25 May 2024, 21–24 May 2025); the horizon, 20 May – 16 June 2026, holds 27–30 May.
    const DAY = 86_400_000;
    const start = Date.UTC(2024, 4, 20);
    const days = Array.from({ length: 730 + 28 }, (_, i) => start + i * DAY);
    const events = [Date.UTC(2024, 4, 26), Date.UTC(2025, 4, 25), Date.UTC(2026, 4, 31)];
    const inEvent = (d: number) => events.some((a) => d >= a - 4 * DAY && d < a);
    let seed = 11;
    const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const poisson = (mu: number) => {
      let k = 0;
      let p = Math.exp(-mu);
      let c = p;
      const u = rnd();
      while (u > c) c += p *= mu / ++k;
      return k;
    };
    const base = [0, 12, 12, 14, 15, 18, 20];
    const rows = days.slice(0, 730).map((d, i) => `m,${i + 1},${poisson(base[new Date(d).getUTCDay()]! * (inEvent(d) ? 3 : 1))}`);
    const input = file('moving.csv', `series_id,t,y\n${rows.join('\n')}\n`);
    const meta = file('moving-meta.csv', 'series_id,frequency,horizon,kind\nm,7,28,\n');
    const dates = file(
      'moving-dates.csv',
      `t,date\n${days.map((d, i) => `${i + 1},${new Date(d).toISOString().slice(0, 10)}`).join('\n')}\n`,
    );
    const p50 = async (extra: string[]) => {
      const out = path.join(dir, `moving-out-${extra.length}.csv`);
      const r = await opsdeck(['forecast', '--input', input, '--meta', meta, '--out', out, ...extra]);
      expect(r.stderr).toBe('');
      return fs
        .readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.split(',')[3]));
    };
    const [withDates, without] = await Promise.all([p50(['--dates', dates]), p50([])]);
    // Horizon step h is day 730 + h − 1: 27–30 May 2026 are steps 8–11.
    const ratio = (f: number[], h: number) => f[h - 1]! / base[new Date(days[730 + h - 1]!).getUTCDay()]!;
    for (const h of [8, 9, 10, 11]) {
      expect(ratio(withDates, h)).toBeGreaterThan(1.8);
      expect(ratio(without, h)).toBeLessThan(1.4);
    }
    // Without the dates, the same uplift a calendar day apart (22–25 May 2024, 21–24 May 2025)
    // lines up by date and comes back on 22–24 May (steps 3–5); with them, the anchor takes it.
    expect(ratio(without, 3)).toBeGreaterThan(1.8);
    expect(ratio(withDates, 3)).toBeLessThan(1.4);
    // Away from the event, as without the dates.
    expect(Math.abs(ratio(withDates, 20) - ratio(without, 20))).toBeLessThan(0.05);
  });

  it('a failed run leaves an earlier output file as it was', async () => {
    const out = file('kept.csv', 'series_id,h,p10,p50,p90\nold,1,1,2,3\n');
    const r = await opsdeck([
      'forecast',
      '--input',
      file('bad-y.csv', 'series_id,t,y\na,1,NaN\n'),
      '--meta',
      file('m2.csv', META),
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/input line 2: y must be a number/);
    expect(fs.readFileSync(out, 'utf8')).toBe('series_id,h,p10,p50,p90\nold,1,1,2,3\n');
  });
});
