// CLI start-up benchmark: `opsdeck --version` and `opsdeck booths list`, before (TypeScript
// sources through tsx, what `npx opsdeck` ran without a bundle) and after (the bundle `npm ci`
// builds), in the same run, interleaved so machine load hits both alike. Bare `node -e 0` is
// printed as the floor of this machine at this moment.
//   npm run bench:cli                (15 runs per case)
//   npm run bench:cli -- --runs 30
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain ESM build script without types
import { buildCli } from '../scripts/build-cli.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-cli-'));
const db = path.join(dir, 'bench.db');

await buildCli();

function time(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env, OPSDECK_DATA_DIR: dir }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

// A database with one booth, so `booths list` opens, migrates-checks and reads a real file.
time([BIN, 'booths', 'add', '--name', 'Borne Banc', '--mac', '00:11:22:33:44:55', '--db', db]);

const CASES = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'], env: {} },
  {
    name: 'opsdeck --version  before (tsx)',
    args: [BIN, '--version'],
    env: { OPSDECK_FROM_SOURCE: '1', OPSDECK_BENCH_NO_FAST_VERSION: '1' },
  },
  { name: 'opsdeck --version  after (bundle)', args: [BIN, '--version'], env: {} },
  { name: 'opsdeck booths list  before (tsx)', args: [BIN, 'booths', 'list', '--db', db], env: { OPSDECK_FROM_SOURCE: '1' } },
  { name: 'opsdeck booths list  after (bundle)', args: [BIN, 'booths', 'list', '--db', db], env: {} },
];
const samples = CASES.map(() => [] as number[]);
for (const c of CASES) time(c.args, c.env); // warm the file cache once
for (let r = 0; r < RUNS; r++) CASES.forEach((c, i) => samples[i]!.push(time(c.args, c.env)));

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(
  `CLI start-up, ${RUNS} runs each, ${os.cpus().length} CPU(s), load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
console.log('case'.padEnd(38), 'min'.padStart(8), 'median'.padStart(8), 'p90'.padStart(8));
CASES.forEach((c, i) =>
  console.log(
    c.name.padEnd(38),
    ...[0, 0.5, 0.9].map((p) => `${(p === 0 ? Math.min(...samples[i]!) : q(samples[i]!, p)).toFixed(0)} ms`.padStart(8)),
  ),
);
fs.rmSync(dir, { recursive: true, force: true });
