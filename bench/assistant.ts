// Assistant benchmark on the demo database, against the Ollama double on loopback:
//  1. send → the first /api/chat request reaching Ollama (context, history, tool schemas, DB writes);
//     baseline: the bare `ollama` package's chat call → the same request, in the same run.
//  2. semantic search latency over the demo catalog with stored vectors (one /api/embed of the
//     question + cosine over every vector); baselines: the /api/embed round trip alone, and the
//     FTS5 full-text search, in the same run.
//   npm run bench:assistant                 (50 runs each)
//   npm run bench:assistant -- --runs 200
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Ollama } from 'ollama';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { turnSettled } from '@core/modules/assistant/index.js';
import { startOllamaDouble } from '../electron/dev/ollama-double/server.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const RUNS = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-assistant-'));
const db = path.join(dir, 'opsdeck.db');
const demo = spawnSync(process.execPath, [path.resolve('bin/opsdeck.mjs'), 'demo', '--db', db], { stdio: 'inherit' });
if (demo.status !== 0) throw new Error('opsdeck demo failed');

const ollama = await startOllamaDouble({ rules: [{ when: () => true, steps: [{ content: 'OK.' }] }] });
const core = createCore({ dbPath: db, shell: 'headless', log: memoryLogger(), services: false });
await core.router.call('assistant.configure', { address: ollama.url.replace('http://', ''), model: 'llama3.2:3b' });
const products = (await core.router.call('catalog.products.list', { limit: 20000 })).total;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5), p95: q(0.95), max: s.at(-1)! };
};
const fmt = (label: string, xs: number[]) => {
  const { p50, p95, max } = stats(xs);
  return `${label.padEnd(52)} p50 ${p50.toFixed(2).padStart(7)} ms   p95 ${p95.toFixed(2).padStart(7)} ms   max ${max.toFixed(2).padStart(7)} ms`;
};
const arrival = () => new Promise<number>((resolve) => (ollama.onRequest = (p) => p === '/api/chat' && resolve(performance.now())));

// 1. Send → first request to Ollama.
const send: number[] = [];
const bare: number[] = [];
let conversationId: string | undefined;
for (let i = 0; i < RUNS + 3; i++) {
  const arrived = arrival();
  const t0 = performance.now();
  const r = await core.router.call('assistant.send', {
    text: `Qu'est-ce que je dois commander cette semaine ? (${i})`,
    lang: 'fr',
    conversationId,
  });
  const t1 = await arrived;
  await turnSettled(core.ctx, r.turnId);
  if (i % 10 === 9) conversationId = undefined;
  else conversationId = r.conversationId;
  if (i >= 3) send.push(t1 - t0);
}
const client = new Ollama({ host: ollama.url });
for (let i = 0; i < RUNS + 3; i++) {
  const arrived = arrival();
  const t0 = performance.now();
  const it = await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'Bonjour' }], stream: true });
  const t1 = await arrived;
  for await (const _ of it) void _;
  if (i >= 3) bare.push(t1 - t0);
}
ollama.onRequest = null;

// 2. Search by meaning over stored vectors (the first search embeds the catalog once).
const queries = [
  'accessoire festif pour un mariage',
  'papier pour imprimante',
  'cadre photo bois',
  'ballons roses',
  'câble USB',
  'perruque',
];
const t0 = performance.now();
const first = await core.router.call('assistant.search', { q: 'warm up', limit: 10 });
const embedAll = performance.now() - t0;
const vectors = core.ctx.db.prepare('SELECT count(*) FROM assistant_embeddings').pluck().get() as number;
const semantic: number[] = [];
const embedOnly: number[] = [];
const fulltext: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const q = queries[i % queries.length]!;
  let t = performance.now();
  const r = await core.router.call('assistant.search', { q, limit: 10 });
  semantic.push(performance.now() - t);
  if (r.mode !== 'semantic') throw new Error('expected semantic search');
  t = performance.now();
  await client.embed({ model: 'nomic-embed-text:latest', input: q });
  embedOnly.push(performance.now() - t);
}
await core.router.call('assistant.configure', { embedModel: null });
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await core.router.call('assistant.search', { q: queries[i % queries.length]!, limit: 10 });
  fulltext.push(performance.now() - t);
}

console.log(`\nAssistant benchmark — demo database (${products} products), ${RUNS} runs each, Ollama double on loopback`);
console.log(`(the machine may be shared: compare each figure with its baseline from this same run)\n`);
console.log(fmt('send → first /api/chat request (OpsDeck)', send));
console.log(fmt('  baseline: bare ollama.chat → same request', bare));
console.log(`  goal < 30 ms at p50: ${stats(send).p50 < 30 ? 'met' : 'NOT met'}\n`);
console.log(`first search embedded ${vectors} items in ${embedAll.toFixed(0)} ms (${first.mode}; once, then kept in SQLite)`);
console.log(fmt('semantic search over stored vectors', semantic));
console.log(fmt('  baseline: /api/embed of the question alone', embedOnly));
console.log(fmt('  baseline: FTS5 full-text search', fulltext));
console.log(`  goal < 20 ms at p50: ${stats(semantic).p50 < 20 ? 'met' : 'NOT met'}`);

core.close();
await ollama.close();
fs.rmSync(dir, { recursive: true, force: true });
