import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import { startSmtpDouble, startWebhookDouble, type SmtpDouble, type WebhookDouble } from '../fixtures/mail-double.js';
import type { Browser, Page } from 'playwright-core';

// Issue 16: alerts that reach people. Channels set up through the screen, paper critical raised by
// the booth simulator through a real agent, one e-mail (local SMTP server) and one webhook call
// (local receiver) on raise, one each on clear. Nothing leaves 127.0.0.1.
const BIN = path.resolve('bin/opsdeck.mjs');
const NAME = 'Borne Alerte';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
] as const;

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(out))));
  });
}

describe.skipIf(!chromiumAvailable())('notifications in Chromium: e-mail and webhook on raise and clear', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let smtp: SmtpDouble;
  let hook: WebhookDouble;
  let agent: ChildProcess | null = null;
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const shoot = async (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `tests/e2e/screenshots/${name}-${size.width}.png`, fullPage: true });
    }
    await page.setViewportSize(SIZES[0]);
  };
  const section = () => page.getByTestId('settings-notify');
  const alertMails = () => smtp.messages.filter((m) => !m.raw.includes('Message de test'));

  beforeAll(async () => {
    smtp = await startSmtpDouble();
    hook = await startWebhookDouble();
    ({ served, browser, page } = await openApp({ demo: true }, { viewport: SIZES[0], timeout: 15_000 }));
  }, 180_000);
  afterAll(async () => {
    agent?.kill('SIGTERM');
    await closeApp({ browser, served });
    await smtp?.close();
    await hook?.close();
  });

  it('an admin sets up an e-mail and a webhook channel in Settings; a bad address is refused; the test e-mail arrives', async () => {
    await page.goto(new URL('#/settings', served.origin).href);
    await section().getByRole('button', { name: 'Ajouter un e-mail' }).click();
    const form = section().getByRole('form', { name: 'Canal de notification' });
    await form.getByLabel('Nom').fill('Astreinte');
    await form.getByLabel('Serveur SMTP').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(smtp.port));
    await form.getByLabel('Sécurité').selectOption('none');
    await form.getByLabel('Expéditeur').fill('opsdeck@example.test');
    await form.getByLabel('Destinataires (séparés par des virgules)').fill('pas-une-adresse');
    for (const k of ['Hors ligne pendant l’événement', 'Disque presque plein', 'Température élevée']) await form.getByLabel(k).uncheck();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => section().getByTestId('notify-message').textContent()).toContain('Destinataires : des adresses e-mail');
    await form.getByLabel('Destinataires (séparés par des virgules)').fill('astreinte@example.test');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => section().getByTestId('notify-message').textContent()).toContain('Canal « Astreinte » enregistré');

    await section().getByRole('button', { name: 'Ajouter un webhook' }).click();
    await form.getByLabel('Nom').fill('Telegram');
    await form.getByLabel('Langue des messages').selectOption('en');
    await form.getByLabel('Adresse du webhook').fill(hook.url);
    await form.getByLabel('Secret', { exact: true }).fill('hook-secret');
    for (const k of ['Hors ligne pendant l’événement', 'Disque presque plein', 'Température élevée']) await form.getByLabel(k).uncheck();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => section().locator('li[data-channel]').count()).toBe(2);

    await section().locator('li[data-channel="Astreinte"]').getByRole('button', { name: 'Envoyer un test' }).click();
    await expect.poll(() => section().getByTestId('notify-message').textContent()).toContain('Test envoyé par « Astreinte »');
    expect(smtp.messages).toHaveLength(1);
    await section().scrollIntoViewIfNeeded();
    await shoot('notify-settings-fr');
  });

  it('paper critical from the simulator: one e-mail and one webhook call, then one each when a reload clears it', async () => {
    await rpc('booths.create', { name: NAME, remainingPrints: 400 });
    agent = spawn(
      process.execPath,
      [BIN, 'agent', '--booth', NAME, '--db', served.dbPath, '--listen', '127.0.0.1:0', '--no-health', '--heartbeat-seconds', '2'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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
    await cli(['simulate-booth', '--url', `http://127.0.0.1:${port}/dslrbooth`, '--sessions', '70', '--copies', '2', '--shots', '1']); // 400 → 260
    await expect.poll(() => alertMails().length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => hook.calls.length, { timeout: 20_000 }).toBe(1);
    expect(alertMails()[0]!.raw).toContain('Borne Alerte');
    expect(hook.calls[0]!.headers['x-opsdeck-secret']).toBe('hook-secret');
    expect(hook.calls[0]!.body).toMatchObject({ event: 'alert.raised', alert: { kind: 'paper_critical', booth: NAME } });

    await rpc('booths.reloadPaper', { booth: NAME });
    await expect.poll(() => alertMails().length, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => hook.calls.length, { timeout: 20_000 }).toBe(2);
    expect(hook.calls[1]!.body).toMatchObject({ event: 'alert.cleared' });
    // Nothing more: one message per raise and one per clear.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(alertMails()).toHaveLength(2);
    expect(hook.calls).toHaveLength(2);
    const audit = await rpc<{ items: Array<{ action: string; outcome: string }> }>('audit.list', { limit: 50 });
    expect(audit.items.filter((a) => a.action === 'notify.send' && a.outcome === 'ok').length).toBeGreaterThanOrEqual(5);
  }, 90_000);

  it('in English', async () => {
    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await page.waitForSelector('.app');
    await page.goto(new URL('#/settings', served.origin).href);
    await expect.poll(() => section().getByRole('heading', { level: 2 }).textContent()).toBe('Notifications');
    await section().locator('li[data-channel="Telegram"]').getByRole('button', { name: 'Edit' }).click();
    await section().scrollIntoViewIfNeeded();
    await shoot('notify-settings-en');
  });
});
