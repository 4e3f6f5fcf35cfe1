/**
 * npm run bench:ocr — delivery notes by OCR, read through the real channel (deliveryNotes.read:
 * tesseract.js in its worker, fra+eng best_int models from npm, then parsing and matching to the
 * catalog). Figures only, never asserted. French notes rendered by Chromium from HTML (5 fonts,
 * ±1.2° rotation, speckle noise, 1100×1000 px), three kinds, each on notes of its own:
 *  - "screen PNG" (BENCH_NOTES, default 20): rendered straight to pixels, as the tests' notes;
 *  - "photo PNG" (BENCH_PHOTOS, default 10): as a phone photo of the paper (0.6 px blur, uneven
 *    light with a shadow across a corner, greyish paper, lower contrast);
 *  - "scanned PDF" (BENCH_SCANS, default 10 pages): PDFs whose pages are pictures only (no text
 *    layer), half of them two pages long; each page rendered by Skia (@napi-rs/canvas) then read.
 * For each kind: time per page once warm (p50 / p95 / mean) and lines matched to the right product
 * with the right quantity (goal ≥ 95 %); plus the cold start (models unpacked, worker started,
 * first page). The machine's load average is printed before and after: the figures depend on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../electron/core/entry.js';
import { memoryLogger } from '../electron/core/ports/log.js';
import { memorySecretStore } from '../electron/core/ports/secrets.js';
import { closeOcr } from '../electron/core/modules/receiving/index.js';
import { generateDeliveryNotes, NOTE_PRODUCTS, scannedNotePdf, type GeneratedNote } from '../tests/fixtures/delivery-notes.js';

const N = Number(process.env.BENCH_NOTES ?? 20);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 10);
const SCAN_PAGES = Number(process.env.BENCH_SCANS ?? 10);
const load0 = os.loadavg();
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

interface Kind {
  label: string;
  pages: number[]; // ms per page, warm
  lines: number;
  right: number;
  misses: string[];
}
const kind = (label: string): Kind => ({ label, pages: [], lines: 0, right: 0, misses: [] });

/** Reads one file; counts each expected line found matched with its product and quantity. */
async function read(
  k: Kind | null,
  fileName: string,
  mime: 'image/png' | 'application/pdf',
  bytes: Buffer,
  expected: GeneratedNote['lines'],
  pages = 1,
) {
  const t0 = performance.now();
  const r = await core.router.call('deliveryNotes.read', { fileName, mime, base64: bytes.toString('base64') });
  const ms = performance.now() - t0;
  if (!k) return ms;
  for (let p = 0; p < pages; p++) k.pages.push(ms / pages);
  for (const want of expected) {
    k.lines++;
    if (r.lines.some((l) => l.productId === ids.get(want.sku) && l.status === 'matched' && l.quantity === want.quantity)) k.right++;
    else k.misses.push(`${fileName} ${want.sku}×${want.quantity}`);
  }
  return ms;
}

// Each kind on notes of its own (another seed), so no figure reuses another's pictures.
const [screenNotes, photoNotes, scanNotes] = await Promise.all([
  generateDeliveryNotes(N + 1, 7),
  generateDeliveryNotes(PHOTOS, 29, NOTE_PRODUCTS, 'photo'),
  generateDeliveryNotes(SCAN_PAGES, 53),
]);
const cold = await read(null, 'cold.png', 'image/png', screenNotes[0]!.png, []);
const screen = kind('screen PNG');
for (const n of screenNotes.slice(1)) await read(screen, n.name, 'image/png', n.png, n.lines);
const photo = kind('photo PNG');
for (const n of photoNotes) await read(photo, n.name, 'image/png', n.png, n.lines);
const scan = kind('scanned PDF');
let scanFiles = 0;
for (let i = 0; i < scanNotes.length;) {
  // Every other PDF carries two notes (two pages): one file, one channel call.
  const take = scanFiles % 2 === 1 && i + 1 < scanNotes.length ? 2 : 1;
  const group = scanNotes.slice(i, i + take);
  const pdf = await scannedNotePdf(group.map((n) => n.png));
  await read(
    scan,
    `scan-${++scanFiles}.pdf`,
    'application/pdf',
    pdf,
    group.flatMap((n) => n.lines),
    take,
  );
  i += take;
}
await closeOcr(core.ctx);
core.close();
fs.rmSync(dir, { recursive: true, force: true });

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load1 = os.loadavg();
console.log(
  `OCR bench — ${os.cpus().length} CPU(s), load average ${load0.map((x) => x.toFixed(1)).join(' ')} at start, ${load1.map((x) => x.toFixed(1)).join(' ')} at the end`,
);
console.log(`  cold start (models unpacked, worker started, first page): ${s(cold)}`);
let allLines = 0;
let allRight = 0;
for (const k of [screen, photo, scan]) {
  if (!k.pages.length) continue;
  const t = [...k.pages].sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!;
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  allLines += k.lines;
  allRight += k.right;
  console.log(
    `  ${k.label.padEnd(12)} ${String(t.length).padStart(3)} pages · per page p50 ${s(q(0.5))} · p95 ${s(q(0.95))} · mean ${s(mean)} · lines right ${k.right}/${k.lines} = ${((100 * k.right) / k.lines).toFixed(1)} %`,
  );
  if (k.misses.length) console.log(`    missed: ${k.misses.join(', ')}`);
}
console.log(
  `  all kinds: lines right (product and quantity) ${allRight}/${allLines} = ${((100 * allRight) / allLines).toFixed(1)} % (goal ≥ 95 %)`,
);
