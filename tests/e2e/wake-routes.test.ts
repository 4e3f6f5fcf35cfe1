import dgram from 'node:dgram';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { magicPacket } from '@core/modules/wol/packet.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';

// Issue 11, defect 3: no "Power on" on the booth page; with sync off the card waited 9 minutes on a
// relay and failed without a reason, never trying the configured local broadcast.
const MAC = '00:1A:2B:3C:4D:77';
const NAME = 'Borne Relais';

describe.skipIf(!chromiumAvailable())('Wake-on-LAN on the booth page: routes in order, the failure named', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rx = dgram.createSocket('udp4');
  const packets: Buffer[] = [];
  const rpc = <T = unknown>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);

  beforeAll(async () => {
    rx.on('message', (m) => packets.push(m));
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
    // "Local broadcast" goes to the loopback socket only: no real LAN broadcast from a test.
    process.env.OPSDECK_WOL_LOCAL_TARGETS = '127.0.0.1';
    ({ served, browser, page } = await openApp({ demo: true }));
  }, 120_000);
  afterAll(async () => {
    rx.close();
    await closeApp({ browser, served });
    delete process.env.OPSDECK_WOL_LOCAL_TARGETS;
  });

  it('sync off: Power on skips the relay at once with the reason in French, broadcasts locally, audits booth and route', async () => {
    const booth = await rpc<{ id: string }>('booths.create', {
      name: NAME,
      mac: MAC,
      wolPort: (rx.address() as AddressInfo).port,
      wolRoutes: ['relay', 'local'],
    });
    await page.goto(new URL(`#/fleet/${booth.id}`, served.origin).href);
    await page.getByTestId('booth-power-on').click();
    const state = page.locator('.wake-panel [data-testid="wake-state"]');
    await expect
      .poll(() => state.textContent(), { timeout: 10_000 })
      .toContain('Diffusion locale (essai 2 sur 2) : envoyé, en attente de la borne');
    expect(await state.getByTestId('wake-previous').textContent()).toContain('Relais a échoué : la synchronisation est désactivée');
    await expect.poll(() => packets.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(packets[0]!.equals(magicPacket(MAC))).toBe(true);
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    await page.screenshot({ path: 'tests/e2e/screenshots/booth-power-on-fr.png' });

    const audit = await rpc<{ items: Array<{ target: string; details: { route: string } }> }>('audit.list', { action: 'wol.attempt' });
    expect(audit.items.map((a) => `${a.target} ${a.details.route}`)).toEqual([`${NAME} local`, `${NAME} relay`]);

    await rpc('settings.setDisplay', { language: 'en' });
    await page.reload();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toContain('Relay failed: sync is off');
    expect(await state.textContent()).toContain('Local broadcast (try 2 of 2): sent, waiting for the booth');
    await page.screenshot({ path: 'tests/e2e/screenshots/booth-power-on-en.png' });
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
