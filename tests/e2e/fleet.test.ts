import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@core/db/connection.js';
import { magicPacket } from '@core/modules/wol/packet.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import type { Browser, Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';

const BIN = path.resolve('bin/opsdeck.mjs');
const MAC = '00:1A:2B:3C:4D:99';
const NAME = 'Borne E2E';

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(out))));
  });
}

describe.skipIf(!chromiumAvailable())('fleet in Chromium: demo grid, simulator drives paper alerts, Power on', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let agent: ChildProcess | null = null;
  let triggerUrl = '';
  const rx = dgram.createSocket('udp4');
  const packets: Buffer[] = [];

  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const card = () => page.locator(`article[data-booth="${NAME}"]`);

  beforeAll(async () => {
    rx.on('message', (m) => packets.push(m));
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
    // "Local broadcast" goes to the loopback socket only: no real LAN broadcast from a test.
    process.env.OPSDECK_WOL_LOCAL_TARGETS = '127.0.0.1';
    ({ served, browser, page } = await openApp({ demo: true }, { open: 'none' }));
    page.on('dialog', (d) => void d.accept());
    await page.goto(served.appUrl);
    await page.waitForSelector('.app');
  }, 90_000);
  afterAll(async () => {
    agent?.kill('SIGTERM');
    rx.close();
    await closeApp({ browser, served });
    delete process.env.OPSDECK_WOL_LOCAL_TARGETS;
  });

  it('shows the eight demo booths with their paper levels', async () => {
    await page.goto(new URL('#/fleet', served.origin).href);
    await expect.poll(() => page.locator('article[data-booth]').count(), { timeout: 15_000 }).toBe(8);
    expect(await page.locator('article[data-booth="Borne Dune"]').textContent()).toContain('Critique');
    expect(await page.locator('article[data-booth="Borne Cèdre"]').textContent()).toContain('Bas');
  });

  it('booth form: a bad MAC or address is shown inline and nothing is created; any MAC notation is accepted', async () => {
    await page.goto(new URL('#/fleet/new', served.origin).href);
    await page.getByLabel('Nom', { exact: true }).fill('Borne Formulaire');
    await page.getByLabel('Adresse MAC').fill('00:1A:2B:3C');
    await page.getByLabel('Adresse du PC').fill('http://nope');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('.field-error').count()).toBe(2);
    expect(await page.locator('.field-error').first().textContent()).toMatch(/Adresse MAC invalide/);
    expect(((await rpc('booths.list', {})) as unknown[]).length).toBe(8);
    await page.getByLabel('Adresse MAC').fill('001a.2b3c.4d77');
    await page.getByLabel('Adresse du PC').fill('192.168.8.21');
    // Wake routes: none at all is refused at the field; then local + router only, local port 7.
    for (const r of ['Diffusion locale', 'Via le routeur', 'Relais (borne voisine)']) await page.getByLabel(r).uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('au moins une route');
    await page.getByLabel('Diffusion locale').check();
    await page.getByLabel('Via le routeur').check();
    await page.getByLabel('Port WoL local').fill('7');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toContain('Borne Formulaire');
    expect(await page.textContent('body')).toContain('00:1A:2B:3C:4D:77');
    const saved = ((await rpc('booths.list', {})) as Array<{ name: string; wolRoutes: string[]; wolPort: number }>).find(
      (b) => b.name === 'Borne Formulaire',
    );
    expect(saved).toMatchObject({ wolRoutes: ['local', 'router'], wolPort: 7 });
  });

  it('Power on: packet on the wire, sent → waiting, then online when the agent heartbeat returns', async () => {
    await page.goto(new URL('#/fleet', served.origin).href);
    await rpc('booths.create', {
      name: NAME,
      mac: MAC,
      remainingPrints: 400,
      wolPort: (rx.address() as AddressInfo).port,
      wolRoutes: ['local'],
    });
    await expect.poll(() => card().count(), { timeout: 10_000 }).toBe(1);
    await card().getByRole('button', { name: 'Allumer' }).click();
    await expect.poll(() => card().getByTestId('wake-state').textContent(), { timeout: 10_000 }).toContain('en attente');
    await expect.poll(() => packets.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(packets[0]!.equals(magicPacket(MAC))).toBe(true);
    // The booth PC "boots": its agent starts and sends its first heartbeat.
    agent = spawn(
      process.execPath,
      [BIN, 'agent', '--booth', NAME, '--db', served.dbPath, '--listen', '127.0.0.1:0', '--no-health', '--heartbeat-seconds', '2'],
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
    triggerUrl = `http://127.0.0.1:${port}/dslrbooth`;
    await expect.poll(() => card().getByTestId('wake-state').textContent(), { timeout: 15_000 }).toContain('allumée');
    await expect.poll(() => card().getByTestId('booth-status').textContent(), { timeout: 10_000 }).toContain('En ligne');
  }, 60_000);

  it('the simulator drives paper past warning then critical; alerts appear, and clear after a logged reload', async () => {
    await cli(['simulate-booth', '--url', triggerUrl, '--sessions', '30', '--copies', '2', '--shots', '1']); // 400 → 340
    await page.goto(new URL('#/alerts', served.origin).href);
    const row = (kind: string) => page.locator(`tr[data-kind="${kind}"]`, { hasText: NAME });
    await expect.poll(() => row('paper_warning').count(), { timeout: 10_000 }).toBe(1);
    await cli(['simulate-booth', '--url', triggerUrl, '--sessions', '40', '--copies', '2', '--shots', '1']); // 340 → 260
    await expect.poll(() => row('paper_critical').count(), { timeout: 10_000 }).toBe(1);
    expect(await row('paper_warning').count()).toBe(0); // replaced, not doubled
    await page.locator('a', { hasText: NAME }).first().click();
    // The reload form (issue 16): one roll out of the paper product's stock at the main warehouse.
    await page.getByRole('button', { name: 'Recharger le papier' }).click();
    await page.getByRole('button', { name: 'Enregistrer le rechargement' }).click();
    await expect.poll(() => page.locator('.paper-text').first().textContent(), { timeout: 10_000 }).toContain('700');
    await page.goto(new URL('#/alerts', served.origin).href);
    await expect.poll(() => row('paper_critical').count(), { timeout: 10_000 }).toBe(0);
    const db = openDatabase(served.dbPath);
    try {
      expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'booths.reloadPaper' AND outcome = 'ok'").pluck().get()).toBe(1);
      // The agent writes each trigger's prints as it takes them: all 70 once the last is in.
      await expect
        .poll(() =>
          db
            .prepare("SELECT count(*) FROM booth_counter_events c JOIN booths b ON b.id = c.booth_id WHERE b.name = ? AND c.kind = 'print'")
            .pluck()
            .get(NAME),
        )
        .toBe(70);
    } finally {
      db.close();
    }
  }, 90_000);
});
