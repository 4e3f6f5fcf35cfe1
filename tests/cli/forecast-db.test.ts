import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { newId } from '@core/db/ids.js';
import { prepareMovementInsert } from '@core/db/repos/stockMovements.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-cli-forecast-'));
const dbPath = path.join(dir, 'shop.db');
const DAY = 86_400_000;

async function opsdeck(args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: dir } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  // Three products with 90 days of daily sales, one with nothing sold yet.
  const core = createCore({ dbPath, shell: 'headless', log: memoryLogger(), services: false });
  const wh = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
  const insert = prepareMovementInsert(core.ctx.db);
  const today = Math.floor(Date.now() / DAY) * DAY;
  for (const [sku, perDay] of [
    ['A', 4],
    ['B', 1],
    ['C', 9],
  ] as const) {
    const id = (await core.router.call('catalog.products.create', { sku, name: `Produit ${sku}`, moq: 5, packSize: 5 })).id;
    const line = (d: number, type: 'in' | 'out', quantity: number) =>
      insert({
        id: newId(),
        productId: id,
        locationId: wh,
        toLocationId: null,
        type,
        quantity,
        direction: type === 'in' ? 1 : -1,
        reason: '',
        occurredAt: today + d * DAY + 12 * 3_600_000,
        source: 'manual',
        userId: null,
        idempotencyKey: null,
        now: Date.now(),
        device: 'd',
      });
    core.ctx.db.transaction(() => {
      line(-90, 'in', 1000);
      for (let d = -90; d < 0; d++) line(d, 'out', perDay + (-d % 3));
    })();
  }
  await core.router.call('catalog.products.create', { sku: 'NEW', name: 'Nouveau produit' });
  core.close();
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('opsdeck forecast --db', () => {
  it('forecasts the catalog, then only what changed; --json prints the summary', async () => {
    const first = await opsdeck(['forecast', '--db', dbPath, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const s = JSON.parse(first.stdout) as { computed: number; skipped: number; failed: unknown[]; ms: number; toOrder: number };
    expect(s).toMatchObject({ computed: 4, skipped: 0, failed: [] });
    expect(s.ms).toBeGreaterThan(0);
    expect(typeof s.toOrder).toBe('number');

    const again = await opsdeck(['forecast', '--db', dbPath, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ computed: 0, skipped: 4 });

    const full = await opsdeck(['forecast', '--db', dbPath, '--full']);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(
      /^4 products forecast, 0 unchanged, 0 failed in [\d.]+ s\n\d+ to order, \d+ stock-out risks within 30 days\n/,
    );
  }, 120_000);

  it('lists what to order, most urgent first: the same lines as the app\'s "to order" list, as a table or in the JSON', async () => {
    // C sells ~10 a day from 1,000 received 90 days ago: ~100 left, gone within the fortnight.
    const json = JSON.parse((await opsdeck(['forecast', '--db', dbPath, '--json', '--within', '365'])).stdout) as {
      withinDays: number;
      orders: Array<{ sku: string; quantity: number; unit: string; orderBy: string; stockoutAt: string | null; onHand: number }>;
    };
    expect(json.withinDays).toBe(365);
    const c = json.orders.find((o) => o.sku === 'C')!;
    expect(c).toBeDefined();
    expect(c.quantity % 5).toBe(0); // its pack size
    expect(c.quantity).toBeGreaterThan(0);
    expect(c.orderBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.onHand).toBeLessThan(200);
    expect(json.orders.map((o) => o.orderBy)).toEqual(json.orders.map((o) => o.orderBy).sort());
    expect(json.orders.some((o) => o.sku === 'NEW')).toBe(false); // nothing sold: nothing to say

    const text = (await opsdeck(['forecast', '--db', dbPath, '--within', '365'])).stdout;
    const table = text.split('\n').slice(text.split('\n').findIndex((l) => l.startsWith('To order within 365 days')));
    expect(table[0]).toBe(`To order within 365 days (${json.orders.length}):`);
    expect(table[1]).toMatch(/^SKU\s+Product\s+Supplier\s+Quantity\s+Order by\s+Stock-out$/);
    expect(table.slice(2, 2 + json.orders.length).map((l) => l.split(/\s+/)[0])).toEqual(json.orders.map((o) => o.sku));
    expect(table[2 + json.orders.indexOf(c)]).toContain(`${c.quantity} ${c.unit}`.trim());

    // Nothing due today for a shelf that lasts a year: said so, not an empty table.
    const none = await opsdeck(['forecast', '--db', dbPath, '--within', '0']);
    const due = JSON.parse((await opsdeck(['forecast', '--db', dbPath, '--json', '--within', '0'])).stdout) as { orders: unknown[] };
    if (due.orders.length === 0) expect(none.stdout).toContain('Nothing to order within 0 days');
    else expect(none.stdout).toContain(`To order within 0 days (${due.orders.length}):`);
  }, 120_000);

  it('refuses clearly: a missing database, mixed modes, catalog flags without --db', async () => {
    const missing = await opsdeck(['forecast', '--db', path.join(dir, 'nope.db')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no database at');
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);
    const mixed = await opsdeck(['forecast', '--db', dbPath, '--input', 'x.csv', '--out', 'y.csv']);
    expect(mixed.code).not.toBe(0);
    expect(mixed.stderr).toContain('either --db');
    const flags = await opsdeck(['forecast', '--full']);
    expect(flags.code).not.toBe(0);
    expect(flags.stderr).toContain('--full, --json and --within go with --db');
    for (const bad of ['x', '-1', '366', '2.5']) {
      const within = await opsdeck(['forecast', '--db', dbPath, '--within', bad]);
      expect(within.code).not.toBe(0);
      expect(within.stderr).toContain(`--within must be a whole number of days from 0 to 365 (got "${bad}")`);
    }
  }, 60_000);
});
