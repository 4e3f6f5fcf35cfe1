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
