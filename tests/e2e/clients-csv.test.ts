import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../fixtures/browser.js';
import { openBrowser, closeApp } from '../fixtures/app.js';
import { bridgeCall, startServe, type Served } from '../fixtures/serve.js';
import { PARIS } from '../fixtures/clock.js';
import type { Browser, Page } from 'playwright-core';

/** Windows-1252 bytes (French Excel's "CSV (séparateur: point-virgule)"). */
const cp1252 = (s: string) => Buffer.from(s, 'latin1');

describe.skipIf(!chromiumAvailable())('clients CSV import and export in Chromium (issue 18)', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const rpc = <T>(channel: string, input: unknown) => bridgeCall<T>(served, channel, input);
  const go = (route: string) => page.goto(new URL(`#/${route}`, served.origin).href);
  const shoot = (name: string) => {
    fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
    return page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    served = await startServe({ timeZone: PARIS });
    await rpc('system.setup', { choice: 'empty' });
    await rpc('clients.create', { name: 'Mariage Durand', kind: 'person', email: 'durand@example.fr', phone: '+33 6 12 34 56 78' });
    ({ browser, page } = await openBrowser(served, { timezoneId: PARIS, acceptDownloads: true, timeout: 15_000 }));
  }, 90_000);
  afterAll(() => closeApp({ browser, served }));

  const FILE =
    'Type;Nom;Société;E-mail;Téléphone;Étape;Date prochaine action\r\n' +
    'entreprise;Château de Vaux;;contact@vaux.fr;01 23 45 67 89;devis envoyé;15/01/2027\r\n' +
    'particulier;Élodie Marchand;Château de Vaux;elodie@vaux.fr;;;\r\n' +
    'particulier;M. Durand;;;06.12.34.56.78;;\r\n' +
    'particulier;Jérôme Lefèvre;Fêtes & Cie;jerome@fetes;;;\r\n';

  it('refuses a bad line by its number, shows the duplicate, leaves it out on request, and exports for French Excel', async () => {
    await go('clients');
    await page.getByRole('tab', { name: 'Importer' }).click();
    await page.waitForSelector('[data-testid="import-file"]');
    await page.getByTestId('import-file').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: cp1252(FILE) });
    // Line 5's e-mail is wrong: the whole file is refused, the line and its column named in words.
    await expect.poll(() => page.getByTestId('import-errors').textContent()).toContain('Ce n’est pas une adresse e-mail');
    expect(await page.getByTestId('import-errors').locator('tbody td').first().textContent()).toBe('5');
    expect(await page.getByTestId('import-errors').locator('tbody td').nth(1).textContent()).toBe('E-mail');
    expect(await page.getByTestId('import-summary').textContent()).toContain('windows-1252');
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    await shoot('clients-import-errors-fr');

    // Fixed: the phone in another notation is the client on file; the choice is asked before importing.
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: cp1252(FILE.replace('jerome@fetes;', 'jerome@fetes.fr;')) });
    await expect
      .poll(() => page.getByTestId('import-warnings').textContent())
      .toContain('M. Durand a le numéro 06.12.34.56.78 de Mariage Durand, déjà enregistré.');
    expect(await page.getByTestId('import-new-companies').textContent()).toContain('Fêtes & Cie');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.getByLabel('La laisser de côté (le client existe déjà)').check();
    await shoot('clients-import-duplicates-fr');
    await page.getByTestId('import-confirm').click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toContain('Import terminé : 4 fiches créées, 1 doublon(s) laissé(s) de côté.');
    const list = await rpc<Array<{ name: string; companyName: string | null; stage: string }>>('clients.list', {});
    expect(list.map((c) => c.name).sort()).toEqual([
      'Château de Vaux',
      'Fêtes & Cie',
      'Jérôme Lefèvre',
      'Mariage Durand',
      'Élodie Marchand',
    ]);
    expect(list.find((c) => c.name === 'Élodie Marchand')!.companyName).toBe('Château de Vaux');
    expect(list.find((c) => c.name === 'Château de Vaux')!.stage).toBe('quoted');

    // The list shows them; the export is the French Excel dialect.
    await go('clients');
    await expect.poll(() => page.locator('.clients-table tbody tr').count()).toBe(5);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('clients-export').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^opsdeck-clients-.*\.csv$/);
    expect(text.startsWith('\ufeffType;Nom;Société;E-mail;Téléphone')).toBe(true);
    expect(text).toContain('entreprise;Château de Vaux;;contact@vaux.fr;01 23 45 67 89;;;;;devis envoyé;;;15/01/2027');
    expect(text).toContain(`particulier;Mariage Durand;;durand@example.fr;"'+33 6 12 34 56 78"`);
  }, 90_000);

  it('in English: the same wizard words, and an English export', async () => {
    await rpc('settings.setDisplay', { language: 'en' });
    await go('clients/import');
    await page.reload();
    await page.waitForSelector('[data-testid="import-file"]');
    await page.getByTestId('import-file').setInputFiles({
      name: 'clients.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,email,phone\nAnna Smith,anna@example.com,\nDup,CONTACT@vaux.fr,\n'),
    });
    await expect
      .poll(() => page.getByTestId('import-warnings').textContent())
      .toContain('Dup has the e-mail CONTACT@vaux.fr of Château de Vaux, already on file.');
    await page.getByLabel('Create it anyway (merge it later under Duplicates)').check();
    await shoot('clients-import-duplicates-en');
    await page.getByTestId('import-confirm').click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toContain('Import done: 2 records created, 0 duplicate(s) left out.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('clients-export').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'type,name,company,email,phone,address,notes,tags,source,stage,lost_reason,next_action,next_action_date',
    );
    expect(text).toContain('company,Château de Vaux,,contact@vaux.fr,01 23 45 67 89,,,,,quoted,,,2027-01-15');
    await go('clients/duplicates');
    await expect.poll(() => page.locator('main').textContent()).toContain('Dup');
    await rpc('settings.setDisplay', { language: 'fr' });
  }, 90_000);
});
