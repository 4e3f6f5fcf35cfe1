import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const BIN = path.resolve('bin/opsdeck.mjs');
const SHOTS = path.resolve('tests/e2e/screenshots');
// A 1×1 PNG: the business logo.
const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** "sku@location" → on hand, from an English balances export. */
function balances(csv: string): Record<string, number> {
  const rows = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
  return Object.fromEntries(rows.map((r) => [`${r.sku}@${r.location}`, Number(r.on_hand)]));
}

/**
 * Day one of a real business, as a user does it: start empty, the guided set-up (business, first
 * admin, locations), then the demo business's own exports imported through the wizard (products,
 * the non-sale movements as opening stock with locations the business does not have yet, sales).
 * The same files through the CLI give the very same balances, which are the demo's.
 */
describe.skipIf(!chromiumAvailable())('day one: from an empty install to a running business', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let dir = '';
  const files = { products: '', opening: '', sales: '', demoBalances: '' };
  let salesRows = 0;
  let salesParts: Array<{ file: string; rows: number }> = [];
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-dayone-'));
    const demo = path.join(dir, 'demo.db');
    const env = { OPSDECK_DATA_DIR: dir };
    expect((await cli(['demo', '--db', demo], env)).code).toBe(0);
    for (const [k, kind] of [
      ['products', 'products'],
      ['movements', 'movements'],
      ['sales', 'sales'],
      ['balances', 'balances'],
    ] as const) {
      const r = await cli(
        ['export', kind, '--db', demo, '--out', path.join(dir, `demo-${k}.csv`), ...(k === 'balances' ? ['--format', 'en'] : [])],
        env,
      );
      expect(r.code, r.err).toBe(0);
    }
    // Opening stock: every movement of the demo that is not a sale or event use (receipts, counts,
    // loads into booths), which names the booths' locations this business does not have yet.
    const lines = fs.readFileSync(path.join(dir, 'demo-movements.csv'), 'utf8').split('\r\n');
    const typeCol = lines[0]!.split(';').indexOf('Type');
    const opening = [lines[0], ...lines.slice(1).filter((l) => l && l.split(';')[typeCol] !== 'sortie')].join('\r\n') + '\r\n';
    files.opening = path.join(dir, 'opening-stock.csv');
    fs.writeFileSync(files.opening, opening);
    files.products = path.join(dir, 'demo-products.csv');
    files.sales = path.join(dir, 'demo-sales.csv');
    files.demoBalances = fs.readFileSync(path.join(dir, 'demo-balances.csv'), 'utf8');
    // The demo is generated up to now, so its size depends on the day.
    const sales = fs.readFileSync(files.sales, 'utf8').split('\r\n').filter(Boolean);
    salesRows = sales.length - 1;
    // The browser shell's bridge takes 5 MiB per request (the file travels as base64): the sales
    // history goes through the wizard in two halves; the CLI takes the whole file.
    const half = Math.ceil(salesRows / 2);
    salesParts = [sales.slice(1, 1 + half), sales.slice(1 + half)].map((rows, i) => {
      const f = path.join(dir, `demo-sales-${i + 1}.csv`);
      fs.writeFileSync(f, [sales[0], ...rows].join('\r\n') + '\r\n');
      return { file: f, rows: rows.length };
    });

    ({ served, browser, page } = await openApp({ signIn: false }, { timeout: 15_000, open: 'url' }));
  }, 300_000);
  afterAll(async () => {
    await closeApp({ browser, served });
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts empty, goes through the set-up and imports the business; dashboard, stock and forecasts show it; the CLI gives identical balances', async () => {
    // First start: a new business (its first admin), the demo, or joining a team.
    await expect.poll(() => page.getByRole('heading', { name: 'Créer le premier administrateur' }).isVisible()).toBe(true);
    expect(await page.getByTestId('join-open').textContent()).toBe('Rejoindre une équipe existante');
    await shot('day-one-first-start-fr');
    await page.getByLabel('Nom').fill('Camille Martin');
    await page.getByLabel('Mot de passe', { exact: true }).fill('un mot de passe sûr');
    await page.getByLabel('Confirmer le mot de passe').fill('un mot de passe sûr');
    await page.getByRole('button', { name: 'Créer et se connecter' }).click();
    await page.waitForSelector('[data-testid="business-form"]');
    expect(page.url()).toContain('#/setup/business');

    // Step 1, business: bad input is refused field by field, then saved.
    await page.getByLabel('N° de TVA intracommunautaire').fill('123');
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await expect
      .poll(() => page.locator('.setup-form .field-error').allTextContents())
      .toEqual(['Saisissez le nom de l’entreprise', 'N° de TVA : deux lettres puis 2 à 13 lettres ou chiffres (FR12345678901)']);
    await shot('day-one-business-errors-fr');
    await page.getByLabel('Nom de l’entreprise *').fill('Photomaton Lyon');
    // A field being corrected drops its error; the other keeps its own until corrected too.
    await expect
      .poll(() => page.locator('.setup-form .field-error').allTextContents())
      .toEqual(['N° de TVA : deux lettres puis 2 à 13 lettres ou chiffres (FR12345678901)']);
    await page.getByLabel('Adresse').fill('3 rue de la Gare\n69001 Lyon');
    await page.getByLabel('N° de TVA intracommunautaire').fill('fr 12 345 678 901');
    await expect.poll(() => page.locator('.setup-form .field-error').count()).toBe(0);
    expect(await page.getByLabel('Nom de l’entreprise *').getAttribute('aria-invalid')).toBe('false');
    await page.getByTestId('business-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO });
    // The logo is drawn on a canvas (the CSP refuses data: images): wait until it really is.
    await page.waitForSelector('.setup-logo canvas[data-drawn="1"]');
    await shot('day-one-business-fr');
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await page.waitForURL(/#\/setup\/admin$/);
    expect(await rpc('setup.business.get', {})).toMatchObject({ name: 'Photomaton Lyon', vatNumber: 'FR12345678901', currency: 'EUR' });

    // Step 2, first admin; step 3, locations (Continue stays off until there is one).
    await expect.poll(() => page.getByTestId('setup-admins').textContent()).toContain('Camille Martin');
    await shot('day-one-admin-fr');
    await page.getByTestId('setup-continue').click();
    await page.waitForURL(/#\/setup\/locations$/);
    await expect.poll(() => page.getByTestId('setup-continue').isDisabled()).toBe(true);
    await page.getByLabel('Nouvel emplacement').fill('Entrepôt Lyon');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.getByTestId('locations-table').textContent()).toContain('Entrepôt Lyon');
    await expect.poll(() => page.getByTestId('setup-main-warehouse').inputValue()).not.toBe('');
    await expect.poll(() => page.getByTestId('setup-continue').isDisabled()).toBe(false);
    await shot('day-one-locations-fr');
    await page.getByTestId('setup-continue').click();

    // Products through the wizard.
    await page.waitForURL(/#\/setup\/products$/);
    await page.getByTestId('import-file').setInputFiles(files.products);
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 60_000 }).toContain('164 créés');
    await page.getByTestId('setup-continue').click();
    await page.waitForURL(/#\/setup\/services$/);
    await page.getByTestId('setup-skip').click();

    // Opening stock naming 8 locations the business does not have: listed once each, created with the import.
    await page.waitForURL(/#\/setup\/openingStock$/);
    await page.getByTestId('import-file').setInputFiles(files.opening);
    await expect
      .poll(() => page.getByTestId('import-unknown-locations').textContent(), { timeout: 60_000 })
      .toContain('8 emplacements inconnus');
    const unknownText = (await page.getByTestId('import-unknown-locations').textContent())!;
    expect(unknownText).toMatch(/Borne Aurore \(\d+ lignes?\)/);
    await page.getByTestId('import-unknown-locations').locator('select').first().selectOption('van');
    await shot('day-one-opening-stock-fr');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 120_000 }).toContain('8 emplacements créés');
    await page.getByTestId('setup-continue').click();

    // Sales history.
    await page.waitForURL(/#\/setup\/sales$/);
    for (const part of salesParts) {
      await page.getByTestId('import-file').setInputFiles(part.file);
      await page.getByTestId('import-confirm').click({ timeout: 120_000 });
      await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 120_000 }).toContain(`${part.rows} créés`);
    }
    expect(salesParts.reduce((n, p) => n + p.rows, 0)).toBe(salesRows);
    await page.getByTestId('setup-continue').click();
    for (const step of ['hub', 'notion', 'booths']) {
      await page.waitForURL(new RegExp(`#/setup/${step}$`));
      await page.getByTestId('setup-skip').click();
    }
    await page.waitForURL(/#\/setup\/done$/);
    await expect.poll(() => page.getByTestId('setup-body').textContent()).toContain('Votre entreprise est prête');
    await shot('day-one-done-fr');
    expect((await rpc<{ remaining: number }>('setup.status', {})).remaining).toBe(0);

    // The dashboard shows the business (no checklist left), the stock its places, the forecasts its products.
    await page.getByTestId('setup-finish').click();
    await page.waitForSelector('[data-testid="stock-tile"]');
    expect(await page.getByTestId('setup-checklist').count()).toBe(0);
    // The stock value of the imported business (the tile reloads when the dashboard opens).
    await expect.poll(() => page.getByTestId('stock-tile').textContent(), { timeout: 30_000 }).toMatch(/[1-9][\d\s\u202f]*,\d\d\s?€/);
    await expect
      .poll(() => page.locator('.tile').filter({ hasText: 'Derniers mouvements' }).textContent())
      .not.toContain('Rien à signaler');
    await shot('day-one-dashboard-fr');
    await go('stock/locations');
    await expect.poll(async () => await page.getByTestId('locations-table').locator('tbody tr').count()).toBe(9);
    await shot('day-one-stock-locations-fr');
    // The imports already started the core's own forecast run (it follows data changes); else start one.
    await rpc('forecast.run', {}).catch((e: Error) => {
      if (!/already in progress/.test(e.message)) throw e;
    });
    await go('forecasts');
    await expect
      .poll(async () => Number((await page.getByTestId('forecast-total').textContent())?.replace(/\D/g, '') || 0), {
        timeout: 120_000,
        interval: 1000,
      })
      .toBeGreaterThan(100);
    await shot('day-one-forecasts-fr');

    // The same files through the CLI: identical balances — and they are the demo business's own.
    const db = path.join(dir, 'cli.db');
    const env = { OPSDECK_DATA_DIR: dir };
    expect((await cli(['locations', 'add', '--name', 'Entrepôt Lyon', '--db', db], env)).code).toBe(0);
    for (const args of [
      ['products', files.products],
      ['movements', files.opening, '--create-locations'],
      ['sales', files.sales],
    ]) {
      const r = await cli(['import', ...args, '--db', db], env);
      expect(r.code, r.err).toBe(0);
    }
    const out = path.join(dir, 'cli-balances.csv');
    expect((await cli(['export', 'balances', '--format', 'en', '--out', out, '--db', db], env)).code).toBe(0);
    const ui = balances((await rpc<{ content: string }>('csv.export', { kind: 'balances', format: 'en' })).content);
    const viaCli = balances(fs.readFileSync(out, 'utf8'));
    expect(Object.keys(ui).length).toBeGreaterThan(150);
    expect(viaCli).toEqual(ui);
    expect(ui).toEqual(balances(files.demoBalances));
  }, 600_000);

  it('shows the set-up steps in English', async () => {
    await rpc('settings.setDisplay', { language: 'en' });
    for (const step of ['business', 'locations', 'done']) {
      await go(`setup/${step}`);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('setup-body').textContent())
        .toMatch(step === 'done' ? /Your business is ready/ : /Step \d+ of 10/);
      await expect.poll(() => page.getByTestId('setup-step-locations').textContent()).toContain('✓');
      await shot(`day-one-${step}-en`);
    }
    await go('setup/openingStock');
    await page.reload();
    await page.getByTestId('import-file').setInputFiles(files.opening);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toContain('already imported');
    await shot('day-one-opening-stock-en');
    await go('sync');
    await page.reload();
    await expect.poll(() => page.getByTestId('sync-chip').textContent()).toContain('Not synced — no hub configured');
    await expect.poll(() => page.getByTestId('sync-howto').textContent()).toContain('opsdeck hub-dev');
    await shot('day-one-sync-howto-en');
    await page.getByTestId('join-form').count();
  }, 120_000);
});
