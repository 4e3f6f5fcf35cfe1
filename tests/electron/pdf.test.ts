import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeRoutePayload, PRINT_TITLE_ERROR, PRINT_TITLE_READY } from '@shared/print.js';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { electronPdfPort } = await import('../../electron/main/pdf.js');
const { SECURE_WEB_PREFERENCES } = await import('../../electron/main/window.js');

/** The print window the port opened, once it has loaded its route. */
async function printWindow() {
  return vi.waitFor(() => {
    const win = double.BrowserWindow.instances.at(-1);
    if (!win?.webContents.url) throw new Error('no print window yet');
    return win;
  });
}

function routePayload(url: string): unknown {
  return decodeRoutePayload(/[?&]payload=([A-Za-z0-9_-]+)/.exec(url)![1]!);
}

describe('Electron PDF port (hidden window + printToPDF), under the electron double', () => {
  beforeEach(() => double.resetElectronDouble());

  it('loads the print route with its payload, waits for the page to say ready, prints A4, closes the window', async () => {
    const port = electronPdfPort({ entryUrl: 'app://opsdeck/index.html#/dashboard', packaged: true });
    const data = { title: 'Mariage « Léa » </script> 🎉', rows: Array.from({ length: 200 }, (_, i) => ({ i, label: `ligne ${i}` })) };
    const done = port.render({ kind: 'event-report', lang: 'en', data, landscape: true });
    const win = await printWindow();
    win.webContents.pdfBytes = new TextEncoder().encode('%PDF-1.7 made');
    expect(win.webContents.url.startsWith('app://opsdeck/index.html#/print/event-report?payload=')).toBe(true);
    expect(routePayload(win.webContents.url)).toEqual({ kind: 'event-report', lang: 'en', data });
    // Titles the page sets while loading are not the answer.
    win.webContents.fire('page-title-updated', 'OpsDeck');
    expect(win.webContents.printed).toEqual([]);
    win.webContents.fire('page-title-updated', PRINT_TITLE_READY);
    expect(Buffer.from(await done).toString()).toBe('%PDF-1.7 made');
    expect(win.webContents.printed).toEqual([{ pageSize: 'A4', printBackground: true, landscape: true, preferCSSPageSize: true }]);
    expect(win.options.show).toBe(false);
    // The frozen preferences, no preload (a print view gets no bridge to the core), no devtools when packaged.
    expect(win.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, devTools: false });
    expect(win.isDestroyed()).toBe(true);
  });

  it('a view that fails: the error names the reason, nothing is printed, the window is gone', async () => {
    const port = electronPdfPort({ entryUrl: 'app://opsdeck/index.html', packaged: false });
    const done = port.render({ kind: 'quote', lang: 'fr', data: {} });
    const win = await printWindow();
    win.webContents.fire('page-title-updated', PRINT_TITLE_ERROR + 'quote data is missing its lines');
    await expect(done).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('quote data is missing its lines'),
      details: { reason: 'pdf.render_failed' },
    });
    expect(win.webContents.printed).toEqual([]);
    expect(win.isDestroyed()).toBe(true);
  });

  it('a page that never answers times out with a clear error; the next document still prints', async () => {
    const port = electronPdfPort({ entryUrl: 'app://opsdeck/index.html', packaged: false, timeoutMs: 50 });
    await expect(port.render({ kind: 'quote', lang: 'fr', data: {} })).rejects.toMatchObject({
      message: expect.stringContaining('no answer from the print page'),
    });
    expect(double.BrowserWindow.instances.at(-1)!.isDestroyed()).toBe(true);
    const next = port.render({ kind: 'quote', lang: 'fr', data: { n: 2 } });
    const win = await vi.waitFor(() => {
      const w = double.BrowserWindow.instances.at(-1)!;
      if (w.isDestroyed()) throw new Error('old window');
      return w;
    });
    win.webContents.fire('page-title-updated', PRINT_TITLE_READY);
    await expect(next).resolves.toBeInstanceOf(Buffer);
  });

  it('a payload too large for a route is refused before any window opens', async () => {
    const port = electronPdfPort({ entryUrl: 'app://opsdeck/index.html', packaged: false });
    const before = double.BrowserWindow.instances.length;
    await expect(port.render({ kind: 'quote', lang: 'fr', data: 'x'.repeat(2_000_000) })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { reason: 'pdf.too_large' },
    });
    expect(double.BrowserWindow.instances.length).toBe(before);
  });
});
