import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCandidates, chromiumPdfPort, findChromium } from '@core/ports/chromiumPdf.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { pdfText } from '../fixtures/pdfText.js';

// An 8×8 red PNG: the logo the letterhead must draw.
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO4oKCAFTEMLQkAvk5EAfjoixEAAAAASUVORK5CYII=';

describe('PDF port over a print page double (Chromium, request interception)', () => {
  let server: http.Server;
  let hits = 0;
  let outside = '';
  let secretDir: string;
  const pageDir = path.resolve('tests/fixtures/print-page');
  const port = chromiumPdfPort({ rendererDir: pageDir });

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('reached');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    outside = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    // A file beside the served folder that a crafted path must not reach.
    secretDir = path.dirname(pageDir);
    fs.writeFileSync(path.join(secretDir, 'secret.txt'), 'leaked');
  });
  afterAll(async () => {
    await port.close();
    server.close();
    fs.rmSync(path.join(secretDir, 'secret.txt'), { force: true });
  });

  it('hands the view its payload, serves only the built renderer, and reaches no host', async () => {
    const bytes = await port.render({ kind: 'sample', lang: 'en', data: { title: 'Rapport été', outside } });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('kind=sample lang=en title=Rapport été');
    expect(text).toContain('outside=blocked');
    expect(text).toContain('escape=404:');
    expect(text).toContain('own=200:asset-ok');
    expect(hits).toBe(0);
  });

  it('says why when the view fails, and keeps working after', async () => {
    await expect(port.render({ kind: 'broken', lang: 'fr', data: { title: 'x', outside } })).rejects.toMatchObject({
      code: 'internal',
      details: { reason: 'pdf.render_failed', kind: 'broken' },
      message: expect.stringContaining('view failed'),
    });
    const bytes = await port.render({ kind: 'again', lang: 'fr', data: { title: 'après', outside } });
    expect(await pdfText(bytes)).toContain('title=après');
  });

  it('renders one document at a time and keeps each payload with its own PDF', async () => {
    const titles = ['un', 'deux', 'trois'];
    const pdfs = await Promise.all(titles.map((title) => port.render({ kind: 'batch', lang: 'fr', data: { title, outside } })));
    const texts = await Promise.all(pdfs.map(pdfText));
    texts.forEach((t, i) => expect(t).toContain(`title=${titles[i]} outside`));
  });

  it('without a browser or a built renderer, a clear "unavailable" error', async () => {
    const none = chromiumPdfPort({ rendererDir: pageDir, executablePath: null });
    await expect(none.render({ kind: 'x', lang: 'fr', data: {} })).rejects.toMatchObject({
      code: 'unavailable',
      details: { reason: 'pdf.no_browser' },
    });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-norenderer-'));
    const unbuilt = chromiumPdfPort({ rendererDir: empty });
    await expect(unbuilt.render({ kind: 'x', lang: 'fr', data: {} })).rejects.toMatchObject({
      code: 'unavailable',
      details: { reason: 'pdf.no_renderer' },
    });
    fs.rmSync(empty, { recursive: true });
  });

  it('finds Edge or Chrome where Windows and macOS put them, and honours OPSDECK_CHROMIUM', () => {
    const win = chromiumCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' });
    expect(win).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(chromiumCandidates('darwin', {})[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(chromiumCandidates('linux', { OPSDECK_CHROMIUM: '/opt/c/chrome' })[0]).toBe('/opt/c/chrome');
    expect(findChromium(['/nope/one', '/usr/bin/chromium'])).toBe(fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
  });
});

describe('the letterhead through the real renderer (setup.letterhead.pdf)', () => {
  let core: TestCore;
  beforeAll(() => {
    if (!fs.existsSync(path.resolve('renderer/dist/index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
  });
  afterEach(() => core?.dispose());

  it('prints the business header in the language asked, logo drawn', async () => {
    core = createTestCore();
    await core.router.call('setup.business.set', {
      name: 'Atelier Lumière',
      address: '12 rue des Lilas\n69003 Lyon',
      vatNumber: 'FR 12 345678901',
      logo: LOGO,
      currency: 'EUR',
      language: 'fr',
    });
    const fr = await core.router.call('setup.letterhead.pdf', {});
    expect(fr.fileName).toBe('en-tete.pdf');
    expect(fr.mime).toBe('application/pdf');
    const frBytes = Buffer.from(fr.base64, 'base64');
    const frText = await pdfText(frBytes);
    expect(frText).toContain('Atelier Lumière');
    expect(frText).toContain('12 rue des Lilas');
    expect(frText).toContain('69003 Lyon');
    expect(frText).toContain('N° TVA : FR12345678901');
    expect(frText).toContain('Aperçu de l’en-tête des documents');
    // The logo is on the page as an image (drawn from its data URL under the app's CSP).
    expect(frBytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);

    const en = await core.router.call('setup.letterhead.pdf', { lang: 'en' });
    const enText = await pdfText(Buffer.from(en.base64, 'base64'));
    expect(en.fileName).toBe('letterhead.pdf');
    expect(enText).toContain('VAT no.: FR12345678901');
    expect(enText).toContain('Document header preview');
    expect(enText).not.toContain('Aperçu');
  });

  it('the way Electron hands it over (payload in the route, answer in the title) gives the same document', async () => {
    core = createTestCore();
    const business = {
      name: 'Studio Éclair',
      address: '3 quai Rambaud',
      vatNumber: 'FR98765432109',
      logo: null,
      currency: 'EUR' as const,
      language: 'fr' as const,
    };
    const port = chromiumPdfPort({ rendererDir: path.resolve('renderer/dist'), payloadIn: 'route' });
    try {
      const text = await pdfText(
        await port.render({ kind: 'letterhead', lang: 'fr', data: { business, generatedAt: Date.UTC(2026, 11, 7) } }),
      );
      expect(text).toContain('Studio Éclair');
      expect(text).toContain('N° TVA : FR98765432109');
      // Data a view cannot read is refused, not printed half-empty.
      await expect(port.render({ kind: 'letterhead', lang: 'fr', data: { business: { name: '' } } })).rejects.toMatchObject({
        details: { reason: 'pdf.render_failed' },
      });
      await expect(port.render({ kind: 'no-such-view', lang: 'en', data: {} })).rejects.toMatchObject({
        message: expect.stringContaining('unknown print view'),
      });
    } finally {
      await port.close();
    }
  });

  it('before the business is entered: a clear error, no PDF', async () => {
    core = createTestCore();
    const res = await core.router.request({ channel: 'setup.letterhead.pdf', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Enter the business name' } });
  });
});
