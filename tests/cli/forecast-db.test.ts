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
      /^4 products forecast, 0 unchanged, 0 failed in [\d.]+ s\n\d+ to order, \d+ stock-out risks within 30 days\n$/,
    );
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
    expect(flags.stderr).toContain('--full and --json go with --db');
  }, 60_000);
});
