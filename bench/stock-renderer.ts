/// <reference lib="dom" />
/**
 * npm run bench:stock:renderer — the catalog screen with 10,000 products in Chromium (built renderer,
 * real `opsdeck serve`). Prints: time from the first products.list answer to the first rows painted
 * (goal < 300 ms), and frame times while scrolling the whole table (p50/p95/max, long frames > 50 ms).
 * Figures only. Needs `npm run build:renderer` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../tests/fixtures/browser.js';
import { startServe } from '../tests/fixtures/serve.js';

const P = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ui-'));
const dbPath = path.join(dir, 'ui.db');
const csv = ['sku;nom;catégorie;prix;coût;fournisseur;éco-score'];
for (let i = 0; i < P; i++)
  csv.push(
    `SKU-${String(i).padStart(5, '0')};Produit de démonstration n° ${i};Famille ${i % 40};${(i % 300) + 0.5};${(i % 200) / 2};Fournisseur ${i % 25};${i % 101}`,
  );
fs.writeFileSync(path.join(dir, 'p.csv'), csv.join('\n'));
execFileSync(process.execPath, ['bin/opsdeck.mjs', 'import', 'products', path.join(dir, 'p.csv'), '--db', dbPath], { stdio: 'inherit' });
const served = await startServe({ dbPath });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(served.appUrl);
  await page.waitForSelector('.app');
  let answeredAt = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('/rpc') && r.request().postData()?.includes('catalog.products.list') && !answeredAt) answeredAt = Date.now();
  });
  await page.goto(new URL('#/catalog', served.origin).href);
  await page.waitForSelector('.ct-body [role="row"] [role="cell"]');
  const paintedAt = Date.now();
  console.log(
    `catalog (${P.toLocaleString('en-US')} products): first rows ${paintedAt - answeredAt} ms after the list answer (goal < 300 ms)`,
  );
  const frames = await page.evaluate(async () => {
    const body = document.querySelector('.ct-body') as HTMLElement;
    const times: number[] = [];
    let last = performance.now();
    const step = body.clientHeight / 2;
    while (body.scrollTop + body.clientHeight < body.scrollHeight - 1) {
      body.scrollTop += step;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      times.push(now - last);
      last = now;
      if (times.length > 4000) break;
    }
    return times;
  });
  const s = [...frames].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  console.log(
    `scroll through the table: ${frames.length} frames, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${s[s.length - 1]!.toFixed(1)} ms, frames > 50 ms: ${frames.filter((f) => f > 50).length}`,
  );
} finally {
  await browser.close();
  await served.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
