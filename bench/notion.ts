/**
 * npm run bench:notion — a first import of N pages (BENCH_PAGES, default 10,000) from one data
 * source of the Notion double, then an incremental round with nothing changed. Figures only:
 *  - with real time, paced at 2.5 requests/s (3 per 1.2 s, under Notion's 3/s; the limit dominates);
 *  - in virtual time (the limiter's waits cost nothing), what the importer itself costs;
 *  - the quiet round: requests per data source (goal: 1) and its duration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../electron/core/entry.js';
import { memorySecretStore } from '../electron/core/ports/secrets.js';
import { memoryLogger } from '../electron/core/ports/log.js';
import { fixedClock } from '../electron/core/ports/clock.js';
import { installNotionService, realPacer, type Pacer } from '../electron/core/modules/notion/index.js';
import { NotionDouble, v } from '../electron/dev/notion-double/server.js';

const N = Number(process.env.BENCH_PAGES ?? 10_000);
const TOKEN = 'ntn_bench_token_0123456789';
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function measure(label: string, virtual: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-notion-'));
  const clock = fixedClock(Date.now());
  const pacer: Pacer = virtual
    ? { now: () => clock.now(), sleep: async (ms) => (clock.advance(Math.ceil(ms)), new Promise((r) => setImmediate(r))) }
    : realPacer;
  const now = virtual ? () => clock.now() : () => Date.now();
  const core = createCore({
    dbPath: path.join(dir, 'bench.db'),
    dataDir: dir,
    shell: 'headless',
    services: false,
    secrets: memorySecretStore(),
    log: memoryLogger(),
    clock: virtual ? clock : undefined,
  });
  const double = new NotionDouble({ clock: { now } });
  await double.listen(0);
  try {
    const ds = double.addDataSource('Produits', {
      Nom: { type: 'title' },
      Référence: { type: 'rich_text' },
      Prix: { type: 'number' },
      Catégorie: { type: 'select', options: ['A', 'B'] },
      Description: { type: 'rich_text' },
    });
    const t0 = now() - 90 * 86_400_000;
    for (let i = 0; i < N; i++) {
      const at = t0 + i * 20_000;
      double.addPage(
        ds.id,
        {
          Nom: v.title(`Produit ${i}`),
          Référence: v.text(`B-${i}`),
          Prix: v.number(i % 90),
          Catégorie: v.select(i % 2 ? 'A' : 'B'),
          Description: v.text(`Description du produit ${i}`),
        },
        { createdTime: at, lastEditedTime: at },
      );
    }
    const svc = installNotionService(core.ctx, { pacer });
    const call = core.router.call as (c: string, i: unknown) => Promise<{ mapping: Record<string, string | null> }>;
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    const p = await call('notion.propose', { entity: 'products', dataSourceId: ds.id });
    await call('notion.saveSource', { entity: 'products', dataSourceId: ds.id, mapping: p.mapping });
    const vt = clock.now();
    let t = performance.now();
    const first = await svc.syncNow('schedule');
    const wall = (performance.now() - t) / 1000;
    if (!first.ok || first.counts.created !== N) throw new Error(`first import incomplete: ${JSON.stringify(first)}`);
    const paced = virtual ? (clock.now() - vt) / 1000 : wall;
    console.log(
      `${label}: first import of ${fmt(N)} pages: ${fmt(first.requests)} requests, ${fmt(wall, 1)} s wall${virtual ? ` (${fmt(paced, 1)} s of virtual paced time)` : ''} → ${fmt(N / wall)} pages/s wall, max ${double.maxRequestsInWindow(TOKEN)} requests in any second`,
    );
    t = performance.now();
    const quiet = await svc.syncNow('schedule');
    console.log(
      `${label}: incremental round, nothing changed: ${quiet.requests} request(s) for 1 data source (goal: 1), ${fmt(performance.now() - t, 1)} ms, ${quiet.counts.unchanged} pages re-read in the overlap window`,
    );
  } finally {
    await double.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await measure('virtual time (importer cost only)', true);
if (process.env.BENCH_REAL !== '0') await measure('real time, paced at 2.5 req/s', false);
