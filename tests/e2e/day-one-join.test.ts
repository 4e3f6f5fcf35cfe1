import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import type { Browser, Page } from 'playwright-core';

const BIN = path.resolve('bin/opsdeck.mjs');
const SHOTS = path.resolve('tests/e2e/screenshots');
const BOOTH = 'Borne Jonction';
const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
const boothUser = { email: 'borne-jonction@opsdeck.test', password: 'borne-jonction-pass-1', role: 'booth' as const };

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

type Balance = { sku: string; locationName: string; onHand: number };
const byKey = (rows: Balance[]) => Object.fromEntries(rows.map((b) => [`${b.sku}@${b.locationName}`, b.onHand]));

/**
 * Joining a team: office A works and syncs through `hub-dev`'s double; a second `opsdeck serve`
 * started on an empty folder joins from its first-start dialog and shows the same catalog and
 * stock; a booth PC's database is created by one `opsdeck sync` and its agent (started with
 * one command, no booth name) counts the booth software's triggers.
 */
describe.skipIf(!chromiumAvailable())('day one: joining an existing team', () => {
  let hub: HubDouble;
  let A: Served;
  let B: Served;
  let browser: Browser;
  let page: Page;
  let agent: ChildProcess | null = null;
  let boothDir = '';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    A = await startServe();
    const a = <T = unknown>(c: string, i: unknown) => bridgeCall<T>(A, c, i);
    await a('system.setup', { choice: 'empty' });
    const lyon = await a<{ id: string }>('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const van = await a<{ id: string }>('stock.locations.create', { name: 'Camion 1', kind: 'van' });
    for (const [sku, name, qty] of [
      ['DNP-6X4', 'Papier DNP 6x4', 40],
      ['CADRE-A5', 'Cadre A5', 12],
      ['ALBUM-LIN', 'Album lin', 7],
    ] as const) {
      const p = await a<{ id: string }>('catalog.products.create', { sku, name, cost: 3 });
      await a('stock.record', { productId: p.id, locationId: lyon.id, type: 'in', quantity: qty });
      await a('stock.record', { productId: p.id, locationId: lyon.id, toLocationId: van.id, type: 'transfer', quantity: 2 });
    }
    const booth = await a<{ id: string }>('booths.create', { name: BOOTH, remainingPrints: 400 });
    hub = await startHubDouble({ users: [...DEMO_HUB_USERS, { ...boothUser, boothId: booth.id }] });
    await a('sync.configure', { hubUrl: hub.url, anonKey: hub.anonKey, intervalMinutes: 60, enabled: true });
    await a('sync.signIn', { email: admin.email, password: admin.password });
    expect(await a('sync.now', {})).toMatchObject({ ok: true, deadLetters: 0 });

    B = await startServe({ signIn: false });
    ({ browser, page } = await openBrowser(B, { timeout: 15_000, open: 'url' }));
  }, 180_000);

  afterAll(async () => {
    if (agent && agent.exitCode === null) {
      const exited = new Promise((r) => agent!.once('exit', r));
      agent.kill('SIGTERM');
      await exited;
    }
    await browser?.close();
    await Promise.all([A?.stop(), B?.stop()]);
    await hub?.close();
    if (boothDir) fs.rmSync(boothDir, { recursive: true, force: true });
  });

  it('a second serve on an empty folder joins from its first start and shows the same catalog and stock', async () => {
    await page.getByTestId('join-open').click();
    await page.waitForSelector('[data-testid="join-screen"]');
    await page.getByLabel('Adresse du hub').fill(hub.url);
    await page.getByLabel('Clé anon du hub').fill(hub.anonKey);
    await page.getByLabel('E-mail').fill(installer.email);
    await page.getByLabel('Mot de passe').fill('wrong-password');
    await page.getByRole('button', { name: 'Rejoindre', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('join-form').locator('.field-error').textContent())
      .toBe('E-mail ou mot de passe incorrect pour ce hub');
    await page.screenshot({ path: path.join(SHOTS, 'day-one-join-error-fr.png') });
    await page.getByLabel('Mot de passe').fill(installer.password);
    await page.screenshot({ path: path.join(SHOTS, 'day-one-join-fr.png') });
    await page.getByRole('button', { name: 'Rejoindre', exact: true }).click();
    await page.waitForURL(/#\/dashboard$/, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('join-screen').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'day-one-join-dashboard-fr.png') });

    const b = <T = unknown>(c: string, i: unknown) => bridgeCall<T>(B, c, i);
    expect(await b('system.info', {})).toMatchObject({ firstRun: false, user: { role: 'installer' } });
    await page.goto(new URL('#/catalog', B.origin).href);
    await expect.poll(() => page.getByTestId('catalog-total').textContent(), { timeout: 20_000 }).toBe('3 produits');
    await page.screenshot({ path: path.join(SHOTS, 'day-one-join-catalog-fr.png') });
    await page.goto(new URL('#/stock/locations', B.origin).href);
    await expect.poll(() => page.getByTestId('locations-table').textContent()).toContain('Camion 1');
    const balancesA = byKey(await bridgeCall<Balance[]>(A, 'stock.balances', {}));
    expect(Object.keys(balancesA)).toHaveLength(6);
    // The join's pull applies its pages as they come: the catalog and places show before every movement is in.
    await expect.poll(async () => byKey(await b<Balance[]>('stock.balances', {}))).toEqual(balancesA);
    const skus = async (s: Served) =>
      (await bridgeCall<{ items: Array<{ sku: string }> }>(s, 'catalog.products.list', {})).items.map((p) => p.sku).sort();
    expect(await skus(B)).toEqual(await skus(A));
  }, 120_000);

  it('a booth PC: one sync creates its database and pulls its booth; the agent starts with one command and counts triggers', async () => {
    boothDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-boothpc-'));
    const db = path.join(boothDir, 'agent.db');
    const env = { OPSDECK_DATA_DIR: boothDir };
    const noDb = await cli(['agent', '--db', db], env);
    expect(noDb.code).not.toBe(0);
    expect(noDb.err).toContain('opsdeck sync --db');
    const first = await cli(['sync', '--db', db, '--hub', hub.url, '--key', hub.anonKey, '--email', boothUser.email], {
      ...env,
      OPSDECK_HUB_PASSWORD: boothUser.password,
      OPSDECK_KIOSK_PIN: '4826',
    });
    expect(first.code, first.err).toBe(0);
    const s = JSON.parse(first.out) as { ok: boolean; joined: { mode: string; booth: string; tables: Record<string, number> } };
    expect(s).toMatchObject({ ok: true, joined: { mode: 'booth', booth: BOOTH } });
    expect(s.joined.tables.booths).toBeGreaterThanOrEqual(1);
    expect(first.err).toContain(`This PC is ${BOOTH}. Start its agent with: opsdeck agent --db ${db}`);

    agent = spawn(process.execPath, [BIN, 'agent', '--db', db, '--listen', '127.0.0.1:0', '--no-health', '--heartbeat-seconds', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      agent!.stdout!.on('data', (d) => {
        out += d;
        const m = new RegExp(`Agent for ${BOOTH} listening on http://127\\.0\\.0\\.1:(\\d+)`).exec(out);
        if (m) resolve(Number(m[1]));
      });
      agent!.stderr!.on('data', (d) => (out += d));
      agent!.on('exit', () => reject(new Error(out)));
    });
    const sim = await cli(
      ['simulate-booth', '--url', `http://127.0.0.1:${port}/dslrbooth`, '--sessions', '3', '--copies', '2', '--shots', '1'],
      env,
    );
    expect(sim.code, sim.err).toBe(0);
    const remaining = async () => {
      const r = await cli(['booths', 'list', '--json', '--db', db], env);
      return (JSON.parse(r.out) as Array<{ name: string; remainingPrints: number }>).find((x) => x.name === BOOTH)?.remainingPrints;
    };
    await expect.poll(remaining, { timeout: 20_000, interval: 500 }).toBe(394);
  }, 120_000);
});
