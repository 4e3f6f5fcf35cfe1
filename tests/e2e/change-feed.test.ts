import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const BIN = path.resolve('bin/opsdeck.mjs');

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(out))));
  });
}

interface AlertRow {
  productId: string;
  sku: string;
  name: string;
  onHand: number;
}

/**
 * The change feed (data.changed) end to end: the stock page stays open while movements are
 * imported, once by another process on the same database (the CLI) and once through the core
 * (as another window would); its totals and low-stock list follow without navigating or polling.
 */
describe.skipIf(!chromiumAvailable())('change feed in Chromium: the open stock page follows CSV imports', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-feed-'));
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const kpi = (i: number) => page.locator('.stock-kpis .panel strong').nth(i).textContent();
  const lowList = () => page.locator('.stock-lists section', { hasText: 'Stock bas' }).locator('tbody tr').allTextContents();
  const csv = (sku: string, type: string, qty: number, ref: string) =>
    `id;date;sku;type;quantité\n${ref};2026-11-20;${sku};${type};${qty}\n`;

  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true }, { timeout: 15_000 }));
    await page.goto(new URL('#/stock', served.origin).href);
    await page.waitForSelector('.stock-kpis');
  }, 180_000);
  afterAll(async () => {
    await closeApp({ browser, served });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a CLI import (another process) and a core import both show on the open page: value, low-stock count and list', async () => {
    const low = await rpc<AlertRow[]>('stock.lowStock', {});
    expect(low.length).toBeGreaterThan(0);
    const target = low[0]!;
    await expect.poll(lowList).toEqual(expect.arrayContaining([expect.stringContaining(target.name)]));
    const valueBefore = await kpi(0);
    const lowCountBefore = await kpi(1);
    expect(Number(lowCountBefore)).toBe(low.length);

    // Another process (the CLI) brings the product well above its minimum.
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, csv(target.sku, 'entrée', 1000, 'FEED-IN-1'));
    await cli(['import', 'movements', file, '--db', served.dbPath]);
    await expect.poll(lowList, { timeout: 5000 }).not.toEqual(expect.arrayContaining([expect.stringContaining(target.name)]));
    await expect.poll(() => kpi(1), { timeout: 5000 }).toBe(String(low.length - 1));
    expect(await kpi(0)).not.toBe(valueBefore);
    await page.screenshot({ path: 'tests/e2e/screenshots/change-feed-after-import-fr.png' });

    // Through the core (another window's import): back under the minimum, the list shows it again.
    await rpc('csv.importMovements', {
      kind: 'movements',
      contentBase64: Buffer.from(csv(target.sku, 'sortie', 1000, 'FEED-OUT-1')).toString('base64'),
    });
    await expect.poll(lowList, { timeout: 5000 }).toEqual(expect.arrayContaining([expect.stringContaining(target.name)]));
    await expect.poll(() => kpi(1), { timeout: 5000 }).toBe(lowCountBefore);
    await expect.poll(() => kpi(0), { timeout: 5000 }).toBe(valueBefore);
  }, 120_000);
});
