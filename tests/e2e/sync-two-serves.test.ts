import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { startServe, type Served } from '../fixtures/serve.js';
import { chromiumAvailable, launchChromium } from '../fixtures/browser.js';
import type { Browser, Page } from 'playwright-core';

const BIN = path.resolve('bin/opsdeck.mjs');
const SHOTS = path.resolve('tests/e2e/screenshots');
const BOOTH = 'Borne Synchro';
const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
const installer = DEMO_HUB_USERS.find((u) => u.role === 'installer')!;
const boothUser = { email: 'borne-synchro@opsdeck.test', password: 'borne-synchro-pass-1', role: 'booth' as const };

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

const rpcOf =
  (s: Served) =>
  async <T = unknown>(channel: string, input: unknown): Promise<T> => {
    const r = await fetch(`${s.origin}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, origin: s.origin },
      body: JSON.stringify({ channel, input }),
    });
    const body = (await r.json()) as { ok: boolean; data?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.data as T;
  };

/**
 * Two `opsdeck serve` (office A, office B: separate empty databases), the Supabase double, a
 * booth agent with its own database signed in as its booth's device user. Everything meets
 * through the hub only.
 */
describe.skipIf(!chromiumAvailable())('sync end to end: two serves, a booth agent, the hub double', () => {
  let hub: HubDouble;
  let A: Served;
  let B: Served;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let boothId = '';
  let agent: ChildProcess | null = null;
  let agentDir = '';
  const rpcA = <T = unknown>(c: string, i: unknown) => rpcOf(A)<T>(c, i);
  const rpcB = <T = unknown>(c: string, i: unknown) => rpcOf(B)<T>(c, i);
  // A fresh document each time: other sessions rebuild renderer/dist while this runs, and a
  // hash-only navigation would keep asking for chunk names that no longer exist.
  const go = async (p: Page, s: Served, route: string) => {
    await p.goto(new URL(`#/${route}`, s.origin).href);
    for (let attempt = 1; ; attempt++) {
      await p.reload();
      try {
        await p.waitForSelector('.app', { timeout: 5_000 });
        return;
      } catch (e) {
        await p.screenshot({ path: path.join(SHOTS, `sync-e2e-nav-failure-${attempt}.png`) }).catch(() => undefined);
        if (attempt === 3) throw e;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    [A, B] = await Promise.all([startServe(), startServe()]);
    await rpcA('system.setup', { choice: 'empty' });
    await rpcB('system.setup', { choice: 'empty' });
    // The office knows the booth; the hub's device user for it is tied to its id (as hub-dev
    // ties its seeded booth users to the demo booth ids).
    boothId = (await rpcA<{ id: string }>('booths.create', { name: BOOTH, remainingPrints: 400 })).id;
    hub = await startHubDouble({ users: [...DEMO_HUB_USERS, { ...boothUser, boothId }] });
    browser = await launchChromium();
    pageA = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    pageB = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    for (const p of [pageA, pageB]) {
      p.setDefaultTimeout(10_000);
      p.on('dialog', (d) => void d.accept());
    }
    await pageA.goto(A.appUrl);
    await pageB.goto(B.appUrl);
    await pageA.waitForSelector('.app');
    await pageB.waitForSelector('.app');
  }, 120_000);

  afterAll(async () => {
    if (agent && agent.exitCode === null) {
      const exited = new Promise((r) => agent!.once('exit', r));
      agent.kill('SIGTERM');
      await exited;
    }
    await browser?.close();
    await Promise.all([A?.stop(), B?.stop()]);
    await hub?.close();
    if (agentDir) fs.rmSync(agentDir, { recursive: true, force: true });
  });

  async function configureThroughUi(p: Page, s: Served, user: { email: string; password: string }, minutes: string) {
    await go(p, s, 'sync');
    await p.getByLabel('URL du projet').fill(hub.url);
    await p.getByLabel('Clé anon (publique)').fill(hub.anonKey);
    await p.getByLabel('Intervalle (minutes)').fill(minutes);
    await p.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => p.locator('.sync-page [role="status"]').textContent()).toContain('Réglages du hub enregistrés');
    await p.getByLabel('E-mail').fill(user.email);
    await p.getByLabel('Mot de passe').fill(user.password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
    // French elides before the vowel: "en tant qu’admin@…", "qu’installer@…".
    await expect.poll(() => p.locator('.sync-page').textContent()).toContain(`Connecté en tant qu’${user.email}`);
    // The sign-in round runs at once: the title bar says when it finished.
    await expect.poll(() => p.getByTestId('sync-chip').textContent(), { timeout: 20_000 }).toMatch(/\d\d:\d\d/);
  }

  it('office A (admin) and office B (installer) set up the hub and sign in on the sync page', async () => {
    await configureThroughUi(pageA, A, admin, '60');
    await configureThroughUi(pageB, B, installer, '60');
    const sa = await rpcA<{ account: { role: string } | null; realtime: string; lastRound: { ok: boolean } | null }>('sync.status', {});
    expect(sa.account?.role).toBe('admin');
    expect(sa.lastRound?.ok).toBe(true);
    await expect.poll(async () => (await rpcB<{ realtime: string }>('sync.status', {})).realtime, { timeout: 10_000 }).toBe('live');
    // B pulled A's booth already (A pushed it at sign-in, before B signed in).
    expect((await rpcB<Array<{ name: string }>>('booths.list', {})).map((b) => b.name)).toContain(BOOTH);
    await go(pageA, A, 'sync');
    await pageA.screenshot({ path: path.join(SHOTS, 'sync-page-fr.png'), fullPage: true });
    await pageA.locator('header.titlebar').screenshot({ path: path.join(SHOTS, 'sync-titlebar-fr.png') });
  }, 90_000);

  it('a product created and edited in A’s catalog appears in B’s catalog by itself (Realtime hint), B on an hourly schedule', async () => {
    await go(pageA, A, 'catalog/new');
    await pageA.getByLabel('Référence', { exact: true }).fill('SYNC-E2E-1');
    await pageA.getByLabel('Désignation', { exact: true }).fill('Papier DNP synchro');
    await pageA.getByRole('button', { name: 'Enregistrer' }).click();
    await pageA.waitForSelector('.product-detail');
    await go(pageA, A, 'catalog');
    await pageA.getByLabel(/Rechercher/).fill('SYNC-E2E-1');
    await expect.poll(() => pageA.getByTestId('catalog-total').textContent()).toBe('1 produit');
    await pageA.locator('.ct-body [role="cell"]').nth(4).dblclick();
    await pageA.locator('.ct-edit input').fill('12,5');
    await pageA.locator('.ct-edit input').focus();
    await pageA.keyboard.press('Enter');
    await expect.poll(() => pageA.locator('.ct-body [role="cell"]').nth(4).textContent()).toBe('12,50');

    // A sends its changes ("Synchroniser maintenant"); B is told by the hub and pulls on its own.
    await go(pageA, A, 'sync');
    // The count comes with the sync status, read after the page has loaded.
    await expect.poll(async () => Number((await pageA.getByTestId('sync-pending').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    // Only the Realtime hint can bring the product to B: B listens, its last round succeeded (no
    // backoff retry pending) and its next scheduled round is an hour away, far beyond this wait.
    const found = async () =>
      (await rpcB<{ items: Array<{ sku: string; price: number }> }>('catalog.products.list', { q: 'SYNC-E2E-1' })).items[0];
    expect(await found()).toBeUndefined();
    const sb = await rpcB<{ realtime: string; running: boolean; nextRunAt: number | null; lastRound: { ok: boolean } | null }>(
      'sync.status',
      {},
    );
    expect(sb).toMatchObject({ realtime: 'live', running: false, lastRound: { ok: true } });
    expect(sb.nextRunAt! - Date.now()).toBeGreaterThan(50 * 60_000);
    const delivered = hub.realtime.stats.delivered;
    await pageA.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect
      .poll(() => pageA.locator('.sync-page [role="status"]').textContent(), { timeout: 20_000 })
      .toContain('Synchronisation terminée');
    const pushedAt = Date.now();
    // A generous wait for a loaded machine; how long it took is printed for information only.
    await expect.poll(found, { timeout: 30_000, interval: 100 }).toMatchObject({ sku: 'SYNC-E2E-1', price: 12.5 });
    console.log(`product on B ${Date.now() - pushedAt} ms after A's sync finished`);
    expect(hub.realtime.stats.delivered).toBeGreaterThan(delivered);
    expect(await pageA.getByTestId('sync-chip').textContent()).toMatch(/\d\d:\d\d/);

    await go(pageB, B, 'catalog');
    await pageB.getByLabel(/Rechercher/).fill('SYNC-E2E-1');
    await expect.poll(() => pageB.getByTestId('catalog-total').textContent()).toBe('1 produit');
    expect(await pageB.locator('.ct-body [role="cell"]').nth(4).textContent()).toBe('12,50');
    await pageB.screenshot({ path: path.join(SHOTS, 'sync-office-b-catalog.png') });
  }, 90_000);

  it('a booth agent with its own database receives prints from the simulator, syncs, and office A’s fleet grid shows them', async () => {
    agentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-agent-'));
    const agentDb = path.join(agentDir, 'agent.db');
    createCore({ dbPath: agentDb, shell: 'headless', log: memoryLogger(), services: false }).close();
    // First contact: sign in as the booth's device user and pull the booth.
    const first = await cli(['sync', '--db', agentDb, '--hub', hub.url, '--key', hub.anonKey, '--email', boothUser.email], {
      OPSDECK_HUB_PASSWORD: boothUser.password,
    });
    expect(first.code, first.err).toBe(0);
    const s1 = JSON.parse(first.out) as { ok: boolean; pulled: number };
    expect(s1.ok).toBe(true);
    expect(s1.pulled).toBeGreaterThan(0);

    agent = spawn(
      process.execPath,
      [BIN, 'agent', '--booth', BOOTH, '--db', agentDb, '--listen', '127.0.0.1:0', '--no-health', '--heartbeat-seconds', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      agent!.stdout!.on('data', (d) => {
        out += d;
        const m = /127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      agent!.stderr!.on('data', (d) => (out += d));
      agent!.on('exit', () => reject(new Error(out)));
    });
    const sim = await cli([
      'simulate-booth',
      '--url',
      `http://127.0.0.1:${port}/dslrbooth`,
      '--sessions',
      '5',
      '--copies',
      '2',
      '--shots',
      '1',
    ]);
    expect(sim.code, sim.err).toBe(0);

    // The agent's database, scripted as an admin would: one round while the agent runs.
    const second = await cli(['sync', '--db', agentDb]);
    expect(second.code, second.err + second.out).toBe(0);
    expect((JSON.parse(second.out) as { ok: boolean }).ok).toBe(true);

    // A hears of the new counter rows and pulls them; its grid shows the paper level.
    await go(pageA, A, 'fleet');
    const card = pageA.locator(`article[data-booth="${BOOTH}"]`);
    await expect
      .poll(
        async () =>
          (await rpcA<Array<{ name: string; remainingPrints: number }>>('booths.list', {})).find((b) => b.name === BOOTH)?.remainingPrints,
        { timeout: 10_000, interval: 200 },
      )
      .toBe(390);
    await go(pageA, A, 'fleet');
    await expect.poll(() => card.locator('.paper-text').textContent(), { timeout: 10_000 }).toContain('390');
    await card.screenshot({ path: path.join(SHOTS, 'sync-fleet-card-fr.png') });
    // Every print trigger (one per session, two copies each) exactly once on the hub.
    const hubPrints = await hub.db.query<{ n: number }>(
      "select count(*)::int as n from booth_counter_events where booth_id = $1 and kind = 'print'",
      [boothId],
    );
    expect(hubPrints.rows[0]!.n).toBe(5);
  }, 120_000);

  it('the same booth edited in both offices: the last to reach the hub wins everywhere, the other version is in both conflict logs; B’s refusal can be discarded', async () => {
    await rpcB('booths.update', { id: boothId, hostname: 'borne-b.local' });
    await rpcA('booths.update', { id: boothId, hostname: 'borne-a.local' });
    // A sends first; B, told by the hub, sends its own edit in the round that follows: B's wins.
    expect((await rpcA<{ ok: boolean }>('sync.now', {})).ok).toBe(true);
    const hostOf = async (rpc: typeof rpcA) =>
      (await rpc<Array<{ id: string; hostname: string | null }>>('booths.list', {})).find((b) => b.id === boothId)?.hostname;
    await expect
      .poll(() => rpcB<{ conflicts: number }>('sync.status', {}).then((x) => x.conflicts), { timeout: 10_000, interval: 200 })
      .toBeGreaterThan(0);
    await expect.poll(() => hostOf(rpcA), { timeout: 10_000, interval: 200 }).toBe('borne-b.local');
    expect(await hostOf(rpcB)).toBe('borne-b.local');
    await expect
      .poll(() => rpcA<{ conflicts: number }>('sync.status', {}).then((x) => x.conflicts), { timeout: 10_000, interval: 200 })
      .toBeGreaterThan(0);

    await go(pageB, B, 'sync');
    const conflict = pageB.getByTestId('conflict').first();
    await expect.poll(() => conflict.textContent()).toContain('borne-a.local');
    expect(await conflict.textContent()).toContain('Bornes');
    // B is an installer: its local admin profile (users are admin-only) was refused at its first push.
    const refusal = pageB.getByTestId('dead-letter').first();
    await expect.poll(() => refusal.textContent()).toContain('Droits insuffisants');
    await pageB.screenshot({ path: path.join(SHOTS, 'sync-page-fr-conflict-refusal.png'), fullPage: true });
    const before = await pageB.getByTestId('dead-letter').count();
    await refusal.getByRole('button', { name: 'Abandonner' }).click();
    await expect.poll(() => pageB.getByTestId('dead-letter').count()).toBe(before - 1);

    // What a long round looks like (the status answer is doctored: real rounds here take ~0.1 s).
    await pageB.route('**/rpc', async (route) => {
      const body = route.request().postDataJSON() as { channel?: string } | null;
      if (body?.channel !== 'sync.status') return route.continue();
      const res = await route.fetch();
      const json = (await res.json()) as { ok: boolean; data: Record<string, unknown> };
      json.data = { ...json.data, running: true, progress: { phase: 'pull', table: 'stock_movements', done: 12_000 } };
      await route.fulfill({ response: res, json });
    });
    await go(pageB, B, 'sync');
    await expect.poll(() => pageB.getByTestId('sync-progress').textContent()).toContain('Mouvements de stock');
    expect(await pageB.getByTestId('sync-progress').textContent()).toMatch(/12\s000 lignes/);
    await pageB.screenshot({ path: path.join(SHOTS, 'sync-page-fr-progress.png'), clip: { x: 0, y: 0, width: 1360, height: 420 } });
    await pageB.unroute('**/rpc');

    await go(pageA, A, 'settings');
    await expect.poll(() => pageA.getByTestId('settings-sync').textContent()).toContain('admin@opsdeck.test');
    await pageA.getByTestId('settings-sync').screenshot({ path: path.join(SHOTS, 'sync-settings-section-fr.png') });
  }, 90_000);

  it('English: the sync page and the title bar', async () => {
    await rpcA('settings.setDisplay', { language: 'en' });
    await rpcB('settings.setDisplay', { language: 'en' });
    await go(pageA, A, 'sync');
    await expect.poll(() => pageA.locator('.sync-page h1').textContent()).toBe('Sync');
    await pageA.screenshot({ path: path.join(SHOTS, 'sync-page-en.png'), fullPage: true });
    await go(pageB, B, 'sync');
    await pageB.screenshot({ path: path.join(SHOTS, 'sync-page-en-conflict.png'), fullPage: true });
    await pageA.locator('header.titlebar').screenshot({ path: path.join(SHOTS, 'sync-titlebar-en.png') });
    await expect.poll(() => pageA.getByTestId('sync-chip').textContent()).toMatch(/Synced/);
    await rpcA('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
