import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openApp, closeApp } from '../fixtures/app.js';
import { bridgeCall, type Served } from '../fixtures/serve.js';
import type { Browser, Page } from 'playwright-core';

const SHOTS = path.resolve('tests/e2e/screenshots');

// Issue 12: the bridge token alone no longer acts as an admin; the browser shell signs in first.
describe.skipIf(!chromiumAvailable())('sign-in step in the browser shell', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    ({ served, browser, page } = await openApp(
      { signIn: false },
      { viewport: { width: 1200, height: 820 }, timeout: 10_000, open: 'none' },
    ));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  it('the token alone reads nothing: the core answers unauthorized until someone signs in', async () => {
    await expect(bridgeCall(served, 'users.list', {})).rejects.toThrow('Sign in first');
    await expect(bridgeCall(served, 'settings.set', { mode: 'booth' })).rejects.toThrow('Sign in first');
  });

  it('first start: creates the first admin with a password (bad input refused), in French and English', async () => {
    await page.goto(served.appUrl);
    await expect.poll(() => page.getByRole('heading', { name: 'Créer le premier administrateur' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'signin-first-admin-fr.png'), fullPage: true });
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Create the first admin' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'signin-first-admin-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.getByLabel('Nom').fill('Camille Roux');
    await page.getByLabel('Mot de passe', { exact: true }).fill('court');
    await page.getByLabel('Confirmer le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer et se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('au moins 8 caractères');
    await page.getByLabel('Mot de passe', { exact: true }).fill('un mot de passe sûr');
    await page.getByLabel('Confirmer le mot de passe').fill('un mot de passe different');
    await page.getByRole('button', { name: 'Créer et se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('pas identiques');
    await page.getByLabel('Confirmer le mot de passe').fill('un mot de passe sûr');
    await page.getByRole('button', { name: 'Créer et se connecter' }).click();
    await expect.poll(() => page.locator('[data-testid="current-user"]').textContent()).toContain('Camille Roux · Administrateur');
  });

  it('adds a PIN profile, signs out, and the sign-in asks for that PIN; wrong guesses count down, then lock', async () => {
    await page.goto(new URL('#/settings', served.origin).href);
    await page.getByLabel('Profil à modifier').selectOption({ label: 'Nouveau profil…' });
    await page.getByLabel('Nom', { exact: true }).fill('Hugo Pose');
    await page.getByLabel('Rôle').selectOption('installer');
    await page.getByLabel('Type', { exact: true }).last().selectOption('pin');
    await page.getByLabel('Nouveau code PIN').last().fill('4826');
    await page.getByRole('button', { name: 'Ajouter le profil' }).click();
    await expect.poll(() => page.locator('.profile-list').textContent()).toContain('Hugo Pose · Installateur · code PIN');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Connexion' }).isVisible()).toBe(true);
    await page.getByLabel('Profil').selectOption({ label: 'Hugo Pose · Installateur' });
    await page.getByLabel('Code PIN').fill('1111');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Encore 4 essais');
    await page.screenshot({ path: path.join(SHOTS, 'signin-wrong-fr.png'), fullPage: true });
    for (const left of ['Encore 3 essais', 'Encore 2 essais', 'Encore 1 essai ', null]) {
      await page.getByLabel('Code PIN').fill('1111');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      if (left) await expect.poll(() => page.getByRole('alert').textContent()).toContain(left);
    }
    await expect.poll(() => page.locator('[data-testid="locked"]').textContent()).toContain('bloqué jusqu’à');
    // The right PIN waits for the lock too.
    await page.getByLabel('Code PIN').fill('4826');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.locator('[data-testid="locked"]').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="locked"]').textContent()).toContain('locked until');
    await page.screenshot({ path: path.join(SHOTS, 'signin-locked-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'FR', exact: true }).click();
  });

  it('the admin signs back in with the password; a reload keeps the session, the address token alone does not make an admin', async () => {
    await page.getByLabel('Profil').selectOption({ label: 'Camille Roux · Administrateur' });
    await page.getByLabel('Mot de passe').fill('un mot de passe sûr');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.locator('[data-testid="current-user"]').textContent()).toContain('Camille Roux');
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="current-user"]').textContent()).toContain('Camille Roux');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Connexion' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'signin-profiles-fr.png'), fullPage: true });
    await expect(bridgeCall(served, 'users.list', {})).rejects.toThrow('Sign in first');
  });
});

describe.skipIf(!chromiumAvailable())('the demo keeps a one-click way in, marked as demo', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ served, browser, page } = await openApp({ demo: true, signIn: false }, { viewport: { width: 1200, height: 820 }, open: 'none' }));
  }, 120_000);
  afterAll(() => closeApp({ browser, served }));

  it('shows the demo notice and enters as a demo profile in one click', async () => {
    await page.goto(served.appUrl);
    await expect.poll(() => page.getByRole('note').textContent()).toContain('Base de démonstration');
    // French elides before a vowel, not before a consonant nor an h: "qu’Inès", "que Hugo".
    const profile = page.getByLabel('Profil');
    const demoButton = page.locator('button.demo');
    const choose = async (name: string) => {
      const value = await profile.locator('option', { hasText: name }).getAttribute('value');
      await profile.selectOption(value!);
    };
    await choose('Inès Bernard');
    await expect.poll(() => demoButton.textContent()).toBe('DÉMO Entrer en tant qu’Inès Bernard');
    await page.screenshot({ path: path.join(SHOTS, 'signin-demo-elided-fr.png'), fullPage: true });
    await choose('Hugo Lefèvre');
    await expect.poll(() => demoButton.textContent()).toBe('DÉMO Entrer en tant que Hugo Lefèvre');
    await choose('Claire Martin');
    await expect.poll(() => demoButton.textContent()).toBe('DÉMO Entrer en tant que Claire Martin');
    await page.screenshot({ path: path.join(SHOTS, 'signin-demo-fr.png'), fullPage: true });
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.getByRole('note').textContent()).toContain('Demo database');
    await page.screenshot({ path: path.join(SHOTS, 'signin-demo-en.png'), fullPage: true });
    await page.getByRole('button', { name: /^DEMO Enter as / }).click();
    await expect.poll(() => page.locator('[data-testid="current-user"]').isVisible(), { timeout: 20_000 }).toBe(true);
  });
});
