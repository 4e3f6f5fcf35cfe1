// Booth agent benchmark: trigger-to-answer latency under a burst, then idle CPU and memory.
//   npm run bench:agent                      (burst of 2,000 triggers, 60 s idle window)
//   npm run bench:agent -- --idle-seconds 300 --burst 5000 --concurrency 8
// Runs the real `opsdeck agent` process (health sampling on, as on a booth) on a temp database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    burst: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    'idle-seconds': { type: 'string', default: '60' },
  },
});
const BURST = Number(values.burst);
const CONC = Number(values.concurrency);
const IDLE_S = Number(values['idle-seconds']);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-agent-'));
const db = path.join(dir, 'booth.db');

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: 'inherit' });
    p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`exit ${c}`))));
  });
}

/** utime+stime in clock ticks and RSS in kB of a Linux process and its children threads. */
function procStats(pid: number): { ticks: number; rssKb: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { ticks, rssKb: rss ? Number(rss[1]) : 0 };
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

await run(['booths', 'add', '--name', 'Bench', '--remaining', '10000', '--capacity', '10000', '--db', db]);
const agent = spawn(process.execPath, [BIN, 'agent', '--booth', 'Bench', '--db', db, '--listen', '127.0.0.1:0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => {
  let out = '';
  agent.stdout!.on('data', (d) => {
    out += d;
    const m = /127\.0\.0\.1:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
});
const base = `http://127.0.0.1:${port}/dslrbooth`;
const TYPES = [
  'session_start&param1=print',
  'capture_start',
  'file_download&param1=C%3A%5Cp%5Cimg.jpg',
  'printing&param1=C%3A%5Cp%5Cf.jpg&param2=1&param3=DNP',
  'session_end',
];
// Warm-up so JIT and SQLite page cache are not part of the figures.
for (let i = 0; i < 50; i++) await fetch(`${base}?event_type=capture_start`);

const lat: number[] = [];
let next = 0;
let non200 = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONC }, async () => {
    while (next < BURST) {
      const i = next++;
      const s = performance.now();
      const r = await fetch(`${base}?event_type=${TYPES[i % TYPES.length]}`);
      await r.arrayBuffer();
      lat.push(performance.now() - s);
      if (r.status !== 200) non200++;
    }
  }),
);
const wall = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
console.log(`\nBurst: ${BURST} triggers, ${CONC} connections, each committed (synchronous=FULL) before 200`);
console.log(
  `  throughput ${(BURST / wall).toFixed(0)} triggers/s · p50 ${pct(lat, 50).toFixed(2)} ms · p99 ${pct(lat, 99).toFixed(2)} ms · max ${lat[lat.length - 1]!.toFixed(2)} ms · non-200 ${non200}`,
);

const hz = 100; // USER_HZ on Linux
await new Promise((r) => setTimeout(r, 3000));
const start = procStats(agent.pid!);
if (!start) {
  console.log('Idle CPU/memory: needs Linux /proc; skipped');
} else {
  const rss: number[] = [start.rssKb];
  const t1 = performance.now();
  const timer = setInterval(() => {
    const s = procStats(agent.pid!);
    if (s) rss.push(s.rssKb);
  }, 5000);
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  clearInterval(timer);
  const end = procStats(agent.pid!)!;
  const secs = (performance.now() - t1) / 1000;
  const cpu = ((end.ticks - start.ticks) / hz / secs) * 100;
  console.log(
    `Idle ${IDLE_S} s (heartbeat 30 s, health sample 30 s): CPU ${cpu.toFixed(2)} % of one core · RSS ${(Math.min(...rss) / 1024).toFixed(0)}–${(Math.max(...rss, end.rssKb) / 1024).toFixed(0)} MB`,
  );
}
agent.kill('SIGTERM');
await new Promise((r) => agent.once('exit', r));
fs.rmSync(dir, { recursive: true, force: true });
