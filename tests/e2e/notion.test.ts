import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS } from '../fixtures/clock.js';
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

describe.skipIf(!chromiumAvailable())(
  'Notion in Chromium: connect to notion-dev, map with the preview, import, totals written back',
  () => {
    let served: Served;
    let browser: Browser;
    let page: Page;
    let dev: ChildProcess | null = null;
    let agent: ChildProcess | null = null;
    let notion: { url: string; token: string; dataSources: Record<string, string> };
    const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
    const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
    const shoot = async (name: string) => {
      fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
      // Scrolled containers back to the top, so sticky table headers sit on their tables in a full-page shot.
      await page.evaluate(() => document.querySelectorAll('*').forEach((e) => e.scrollTop && (e.scrollTop = 0)));
      await page
        .locator('.toast button')
        .evaluateAll((bs) => bs.forEach((b) => (b as HTMLButtonElement).click()))
        .catch(() => undefined);
      return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
    };
    /** Reads a page straight from the double's HTTP API, as Notion would show it. */
    const notionPage = async (id: string) => {
      const r = await fetch(`${notion.url}/v1/pages/${id}`, {
        headers: { authorization: `Bearer ${notion.token}`, 'notion-version': '2025-09-03' },
      });
      return (await r.json()) as { properties: Record<string, { number?: number | null }> };
    };

    beforeAll(async () => {
      dev = spawn(process.execPath, [BIN, 'notion-dev', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
      notion = JSON.parse(await new Promise<string>((resolve) => readline.createInterface({ input: dev!.stdout! }).once('line', resolve)));
      served = await startServe({ timeZone: PARIS });
      await rpc('system.setup', { choice: 'empty' });
      for (const name of ['Borne Aurore', 'Borne Brume', 'Borne Cèdre', 'Borne Dune']) await rpc('booths.create', { name });
      ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, timeout: 15_000, open: 'none' }));
      page.on('dialog', (d) => void d.accept());
      await page.goto(served.appUrl);
      await page.waitForSelector('.app');
    }, 120_000);
    afterAll(async () => {
      agent?.kill('SIGTERM');
      dev?.kill('SIGTERM');
      await closeApp({ browser, served });
    });

    it('connects, maps the events with a preview of 5 real pages, imports, and shows the live events tied to their booths', async () => {
      await go('settings');
      await page.getByTestId('open-notion').click();
      await page.getByTestId('notion-token').fill('ntn_mauvais!');
      await page.getByTestId('notion-base-url').fill(notion.url);
      await page.getByTestId('notion-connect').click();
      await expect.poll(() => page.locator('.notion-page p[role=status]').textContent()).toContain('Notion a refusé ce jeton');
      await page.getByTestId('notion-token').fill(notion.token);
      await page.getByTestId('notion-connect').click();
      await expect.poll(() => page.getByTestId('notion-connection-state').textContent()).toContain(`Connecté à ${notion.url}`);
      await expect.poll(() => page.getByTestId('notion-token').inputValue()).toBe('');
      await shoot('notion-settings-fr');

      await page.getByTestId('map-events').click();
      await page.getByTestId('mapping-data-source').selectOption({ label: 'Photomatons' });
      // The obvious mapping is proposed from the French names.
      await expect.poll(() => page.getByLabel('Date (début et fin)').inputValue()).toBe('Date');
      await expect.poll(() => page.getByLabel('Borne', { exact: true }).inputValue()).toBe('Photomaton');
      await expect.poll(() => page.getByLabel('Impressions').inputValue()).toBe('Impressions');
      expect(await page.getByTestId('mapping-save').isDisabled()).toBe(true);
      await page.getByTestId('mapping-preview').click();
      const preview = page.getByTestId('mapping-preview-table');
      await expect.poll(() => preview.locator('tbody tr').count(), { timeout: 30_000 }).toBe(5);
      expect(await preview.textContent()).toContain('Sera ignorée : Date : pas de date');
      await shoot('notion-mapping-fr');
      expect(await rpc<unknown[]>('bookings.list', {})).toHaveLength(0); // the preview wrote nothing
      await page.getByTestId('mapping-save').click();
      await expect.poll(() => page.getByTestId('source-events').textContent()).toContain('Photomatons');

      await page.getByTestId('notion-sync-now').click();
      await expect.poll(() => page.getByTestId('notion-counts').textContent(), { timeout: 30_000 }).toMatch(/8 créées|0 créées/);
      await expect.poll(() => page.getByTestId('notion-skipped').textContent()).toContain('Fête de la musique');
      expect(await page.getByTestId('notion-skipped').textContent()).toContain('Date : pas de date');
      expect(await page.getByTestId('notion-skipped').locator('a').first().getAttribute('href')).toMatch(/^https:\/\/www\.notion\.so\//);
      await shoot('notion-report-fr');

      const events = await rpc<Array<{ clientName: string; boothName: string | null; status: string }>>('bookings.list', {
        status: 'active',
      });
      expect(events.map((e) => `${e.clientName} @ ${e.boothName}`).sort()).toEqual([
        'Eurexpo @ Borne Cèdre',
        'Famille Dupont @ Borne Aurore',
        'Lumière SA @ Borne Brume',
      ]);
      await go('events');
      await expect.poll(() => page.locator('body').textContent()).toContain('Famille Dupont');
      expect(await page.locator('body').textContent()).toContain('Borne Aurore');
      await shoot('notion-events-fr');
      // A Notion-owned field cannot be edited here: the form says where to edit it, nothing changes.
      await page.getByRole('link', { name: 'Modifier Famille Dupont' }).click();
      await expect.poll(() => page.getByLabel('Album').inputValue()).toContain('Mariage Dupont');
      await page.getByLabel('Album').fill('Album modifié ici');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect
        .poll(() => page.locator('.field-error').first().textContent())
        .toContain('À modifier dans Notion : ce champ vient de Notion');
      await shoot('notion-owned-fr');
      const dupont = (await rpc<Array<{ id: string; clientName: string; albumName: string }>>('bookings.list', {})).find(
        (e) => e.clientName === 'Famille Dupont',
      )!;
      expect(dupont.albumName).not.toBe('Album modifié ici');
      await expect(rpc('bookings.update', { id: dupont.id, patch: { albumName: 'autre' } })).rejects.toThrow(/Edit it in Notion/);
    }, 120_000);

    it('prints through the simulator reach the event, and its totals arrive on the Notion page', async () => {
      agent = spawn(
        process.execPath,
        [
          BIN,
          'agent',
          '--booth',
          'Borne Aurore',
          '--db',
          served.dbPath,
          '--listen',
          '127.0.0.1:0',
          '--no-health',
          '--heartbeat-seconds',
          '2',
        ],
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
      await cli(['simulate-booth', '--url', `http://127.0.0.1:${port}/dslrbooth`, '--sessions', '4', '--copies', '2', '--shots', '1']);
      const dupontOf = async () =>
        (
          await rpc<Array<{ clientName: string; notionPageId: string; totals: { sessions: number; prints: number } }>>('bookings.list', {})
        ).find((e) => e.clientName === 'Famille Dupont')!;
      // The agent books each trigger as it takes it: the totals are whole once the last one is in.
      await expect.poll(async () => (await dupontOf()).totals).toMatchObject({ sessions: 4, prints: 8 });
      const dupont = await dupontOf();
      await go('notion');
      await page.getByTestId('notion-sync-now').click();
      // Written by this round, or by the write-back between rounds (at most once a minute per page).
      await expect
        .poll(
          async () => {
            const p = await notionPage(dupont.notionPageId);
            return [p.properties.Sessions?.number, p.properties.Impressions?.number];
          },
          { timeout: 90_000, interval: 1000 },
        )
        .toEqual([4, 8]);
    }, 150_000);

    it('reads in English', async () => {
      await rpc('settings.setDisplay', { language: 'en' });
      await go('notion');
      await page.reload();
      await expect.poll(() => page.getByTestId('notion-connection-state').textContent()).toContain('Connected to');
      await expect.poll(() => page.getByTestId('notion-report').textContent()).toContain('Skipped pages');
      await shoot('notion-report-en');
      await page.getByTestId('map-products').click();
      await page.getByTestId('mapping-data-source').selectOption({ label: 'Produits' });
      await expect.poll(() => page.getByLabel('Price', { exact: true }).inputValue()).toBe('Prix');
      await page.getByTestId('mapping-preview').click();
      // The preview reads 5 real pages at no more than 3 requests a second: more than poll's 1 s default.
      await expect.poll(() => page.getByTestId('mapping-preview-table').locator('tbody tr').count(), { timeout: 30_000 }).toBe(5);
      await shoot('notion-mapping-en');
      await go('settings');
      await expect.poll(() => page.getByTestId('settings-notion').textContent()).toContain('Events ← Photomatons');
      await shoot('notion-settings-en');
    }, 60_000);
  },
);
