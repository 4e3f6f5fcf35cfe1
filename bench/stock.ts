/**
 * npm run bench:stock — the stock ledger at scale. Figures only, never asserted; each goal is printed
 * next to its figure. BENCH_ROWS (default 1,000,000) movements over BENCH_PRODUCTS (default 10,000).
 *  1. CSV import of N movements (French dialect: ";", decimal comma, dd/mm/yyyy) through the real
 *     importer (decode, parse, validate, resolve, one transaction) vs a raw better-sqlite3 prepared
 *     insert loop of the same rows in one transaction on an identical fresh database, same run.
 *  2. Balances of one product (all locations) on that ledger: p50/p95 over 2,000 random products.
 *  3. Product history page (50 newest movements): p50/p95 over 2,000 random products.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../electron/core/entry.js';
import { memoryLogger } from '../electron/core/ports/log.js';
import { memorySecretStore } from '../electron/core/ports/secrets.js';
import { newId } from '../electron/core/db/ids.js';
import { insertProduct } from '../electron/core/db/repos/products.js';
import { insertLocation } from '../electron/core/db/repos/locations.js';
import { listBalances } from '../electron/core/db/repos/balances.js';
import { listMovements } from '../electron/core/db/repos/stockMovements.js';
import { commitImport } from '../electron/core/modules/csv/importer.js';
import { ProductInput } from '../shared/model/product.js';

const N = Number(process.env.BENCH_ROWS ?? 1_000_000);
const P = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-stock-'));

function makeCore(name: string) {
  const core = createCore({
    dbPath: path.join(dir, name),
    dataDir: dir,
    shell: 'headless',
    log: memoryLogger(),
    secrets: memorySecretStore(),
    services: false,
  });
  const now = Date.now();
  const stamp = { now, device: core.ctx.deviceId };
  const products: string[] = [];
  core.ctx.db.transaction(() => {
    for (let i = 0; i < P; i++) {
      const id = `p-${String(i).padStart(6, '0')}`;
      insertProduct(
        core.ctx.db,
        id,
        ProductInput.parse({ sku: `SKU-${String(i).padStart(6, '0')}`, name: `Produit ${i}`, price: 10, cost: 5 }),
        stamp,
      );
      products.push(id);
    }
    insertLocation(core.ctx.db, { id: 'loc-main', name: 'Entrepôt', kind: 'warehouse', boothId: null }, stamp);
    insertLocation(core.ctx.db, { id: 'loc-van', name: 'Camionnette', kind: 'warehouse', boothId: null }, stamp);
  })();
  return { core, products };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

// Deterministic rows: 80 % out, 15 % in, 5 % adjust; two locations; two years of days.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const day0 = new Date(2024, 10, 1).getTime();
const rows: Array<{ sku: number; type: 'in' | 'out' | 'adjust'; qty: number; dir: 1 | -1; loc: 0 | 1; at: number }> = [];
for (let i = 0; i < N; i++) {
  const r = rnd();
  const type = r < 0.8 ? 'out' : r < 0.95 ? 'in' : 'adjust';
  const dirn: 1 | -1 = type === 'in' ? 1 : type === 'out' ? -1 : rnd() < 0.5 ? 1 : -1;
  rows.push({
    sku: Math.floor(rnd() * P),
    type,
    qty: Math.floor(rnd() * 20) / 2 + 0.5,
    dir: dirn,
    loc: rnd() < 0.9 ? 0 : 1,
    at: day0 + Math.floor(rnd() * 730) * 86_400_000 + i,
  });
}
const pad = (n: number) => String(n).padStart(2, '0');
const TYPE_FR = { in: 'entrée', out: 'sortie', adjust: 'ajustement' } as const;
const lines = ['\ufeffN°;Date;Référence;Type;Quantité;Emplacement;Motif'];
rows.forEach((m, i) => {
  const d = new Date(m.at);
  const qty = String(m.type === 'adjust' ? m.dir * m.qty : m.qty).replace('.', ',');
  lines.push(
    `M${i};${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())};SKU-${String(m.sku).padStart(6, '0')};${TYPE_FR[m.type]};${qty};${m.loc ? 'Camionnette' : 'Entrepôt'};bench`,
  );
});
const bytes = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
console.log(`bench:stock — ${fmt(N)} movements, ${fmt(P)} products, CSV ${fmt(bytes.length / 1e6, 1)} MB`);

// 1a. Raw baseline: prepared insert loop, one transaction, same schema (triggers included) on a fresh db.
const raw = makeCore('raw.db');
{
  const db = raw.core.ctx.db;
  const stmt = db.prepare(
    `INSERT INTO stock_movements (id, product_id, location_id, to_location_id, type, quantity, direction, delta, reason, occurred_at, source, user_id, idempotency_key, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 'bench', ?, 'csv', NULL, ?, ?, ?, ?)`,
  );
  const ids = rows.map(() => newId());
  const now = Date.now();
  const t = performance.now();
  db.transaction(() => {
    rows.forEach((m, i) =>
      stmt.run(
        ids[i],
        raw.products[m.sku],
        m.loc ? 'loc-van' : 'loc-main',
        m.type,
        m.qty,
        m.dir,
        m.dir * m.qty,
        m.at,
        `k${i}`,
        now,
        now,
        'bench',
      ),
    );
  })();
  const ms = performance.now() - t;
  console.log(`raw prepared-insert loop: ${fmt(ms)} ms, ${fmt(N / (ms / 1000))} rows/s`);
  raw.core.close();
  (globalThis as { rawMs?: number }).rawMs = ms;
}

// 1b. The real importer.
const real = makeCore('real.db');
const db = real.core.ctx.db;
{
  const t = performance.now();
  const res = commitImport({ db, now: Date.now(), device: real.core.ctx.deviceId, userId: null }, { kind: 'movements', bytes });
  const ms = performance.now() - t;
  const rawMs = (globalThis as { rawMs?: number }).rawMs!;
  console.log(
    `CSV import (decode+parse+validate+resolve+insert): ${fmt(ms)} ms, ${fmt(N / (ms / 1000))} rows/s, created ${fmt(res.created)}`,
  );
  console.log(`  ratio import / raw = ${fmt(ms / rawMs, 2)}× (goal ≤ 3×)`);
  const t2 = performance.now();
  const again = commitImport({ db, now: Date.now(), device: real.core.ctx.deviceId, userId: null }, { kind: 'movements', bytes });
  console.log(
    `re-import of the same file: ${fmt(performance.now() - t2)} ms, created ${again.created}, skipped ${fmt(again.skippedDuplicates)}`,
  );
}

// 2 and 3. Reads on the 1M-row ledger.
const sample = Array.from({ length: 2000 }, () => real.products[Math.floor(rnd() * P)]!);
const timeEach = (f: (id: string) => unknown) =>
  sample.map((id) => {
    const t = performance.now();
    f(id);
    return performance.now() - t;
  });
const bal = timeEach((id) => listBalances(db, { productId: id }));
console.log(`balances of one product: p50 ${fmt(percentile(bal, 50), 3)} ms, p95 ${fmt(percentile(bal, 95), 3)} ms (goal p95 < 10 ms)`);
{
  const t = performance.now();
  const all = listBalances(db, {});
  console.log(`all balances (${fmt(all.length)} product×location rows): ${fmt(performance.now() - t, 1)} ms`);
}
const hist = timeEach((id) => listMovements(db, { productId: id, limit: 50 }));
console.log(
  `history page (50 newest) of one product: p50 ${fmt(percentile(hist, 50), 3)} ms, p95 ${fmt(percentile(hist, 95), 3)} ms (goal p95 < 20 ms)`,
);
real.core.close();
fs.rmSync(dir, { recursive: true, force: true });
