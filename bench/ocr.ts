/**
 * npm run bench:ocr — delivery notes by OCR. Figures only, never asserted. BENCH_NOTES (default 20)
 * French notes rendered by Chromium from HTML (5 fonts, ±1.2° rotation, speckle noise, 1100×1000 px),
 * read through the real channel (deliveryNotes.read: tesseract.js in its worker, fra+eng best_int
 * models from npm, then parsing and matching to the catalog):
 *  1. cold start: the first page, including unpacking the models and starting the worker;
 *  2. time per page once warm: p50 / p95 / mean;
 *  3. lines matched to the right product and quantity (goal ≥ 95 %);
 *  4. scanned PDFs (BENCH_SCANS, default 5, one note per page, pictures only): time per page
 *     (render with Skia + OCR) and lines right.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../electron/core/entry.js';
import { memoryLogger } from '../electron/core/ports/log.js';
import { memorySecretStore } from '../electron/core/ports/secrets.js';
import { closeOcr } from '../electron/core/modules/receiving/index.js';
import { generateDeliveryNotes, NOTE_PRODUCTS, scannedNotePdf } from '../tests/fixtures/delivery-notes.js';

const N = Number(process.env.BENCH_NOTES ?? 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ocr-'));
const core = createCore({
  dbPath: path.join(dir, 'o.db'),
  dataDir: dir,
  shell: 'headless',
  log: memoryLogger(),
  secrets: memorySecretStore(),
  services: false,
});
const ids = new Map<string, string>();
for (const p of NOTE_PRODUCTS)
  ids.set(p.sku, (await core.router.call('catalog.products.create', { sku: p.sku, name: p.name, price: 10, cost: 4 })).id);
const notes = await generateDeliveryNotes(N + 1, 7);
const times: number[] = [];
let total = 0;
let right = 0;
let cold = 0;
for (const [i, n] of notes.entries()) {
  const t0 = performance.now();
  const r = await core.router.call('deliveryNotes.read', { fileName: n.name, mime: 'image/png', base64: n.png.toString('base64') });
  const ms = performance.now() - t0;
  if (i === 0) cold = ms;
  else times.push(ms);
  for (const want of n.lines) {
    total++;
    if (r.lines.some((l) => l.productId === ids.get(want.sku) && l.status === 'matched' && l.quantity === want.quantity)) right++;
  }
}
const SCANS = Number(process.env.BENCH_SCANS ?? 5);
const scanTimes: number[] = [];
let scanTotal = 0;
let scanRight = 0;
for (const n of notes.slice(1, 1 + SCANS)) {
  const pdf = await scannedNotePdf([n.png]);
  const t0 = performance.now();
  const r = await core.router.call('deliveryNotes.read', { fileName: 'scan.pdf', mime: 'application/pdf', base64: pdf.toString('base64') });
  scanTimes.push(performance.now() - t0);
  for (const want of n.lines) {
    scanTotal++;
    if (r.lines.some((l) => l.productId === ids.get(want.sku) && l.status === 'matched' && l.quantity === want.quantity)) scanRight++;
  }
}
await closeOcr(core.ctx);
core.close();
fs.rmSync(dir, { recursive: true, force: true });
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
console.log(`OCR bench — ${N + 1} notes (1 cold + ${N} warm), ${os.cpus().length} CPU(s), load ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`  cold start (models unpacked, worker started, first page): ${(cold / 1000).toFixed(1)} s`);
console.log(
  `  per page warm: p50 ${(q(0.5) / 1000).toFixed(2)} s · p95 ${(q(0.95) / 1000).toFixed(2)} s · mean ${(times.reduce((s, x) => s + x, 0) / times.length / 1000).toFixed(2)} s`,
);
console.log(`  lines right (product and quantity): ${right}/${total} = ${((100 * right) / total).toFixed(1)} % (goal ≥ 95 %)`);
if (scanTimes.length) {
  scanTimes.sort((a, b) => a - b);
  console.log(
    `  scanned PDF, per page (render + OCR): p50 ${(scanTimes[Math.floor(scanTimes.length / 2)]! / 1000).toFixed(2)} s · max ${(scanTimes.at(-1)! / 1000).toFixed(2)} s; lines right ${scanRight}/${scanTotal}`,
  );
}
