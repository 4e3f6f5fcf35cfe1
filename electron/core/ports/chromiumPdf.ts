import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@shared/errors.js';
import { encodeRoutePayload, PRINT_GLOBAL, PRINT_ROUTE_PREFIX, PRINT_TITLE_READY, type PrintPayload } from '@shared/print.js';
import { PRINT_READY_TIMEOUT_MS, type PdfPort, type PdfRequest } from './pdf.js';
import type { Browser } from 'playwright-core';

/**
 * The print page is served from the built renderer through request interception on a made-up
 * origin: no listening socket, and every other request (any host) is refused, so a print view can
 * never reach the network.
 */
const PRINT_ORIGIN = 'http://opsdeck.print';
const IDLE_CLOSE_MS = 60_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Chromium-family browsers a user's machine is likely to have (Edge ships with Windows). */
export function chromiumCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  const named = env.OPSDECK_CHROMIUM ? [env.OPSDECK_CHROMIUM] : [];
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return [
      ...named,
      ...roots.flatMap((r) => [
        path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ]),
    ];
  }
  if (platform === 'darwin')
    return [
      ...named,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  return [
    ...named,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

export function findChromium(candidates: readonly string[] = chromiumCandidates()): string | null {
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export interface ChromiumPdfOptions {
  /** The built renderer (renderer/dist). */
  rendererDir: string;
  /** Default: the first of chromiumCandidates() that exists. */
  executablePath?: string | null;
  /** 'route' hands the payload the way Electron does (in the URL); tests use it to check that path. */
  payloadIn?: 'global' | 'route';
}

export function chromiumPdfPort(opts: ChromiumPdfOptions): PdfPort {
  let browser: Promise<Browser> | null = null;
  let idle: NodeJS.Timeout | null = null;
  // One render at a time: a month of reports is a loop, and one page keeps memory flat on a laptop.
  let queue: Promise<unknown> = Promise.resolve();
  const root = path.resolve(opts.rendererDir);

  const launch = (): Promise<Browser> => {
    const executablePath = opts.executablePath === undefined ? findChromium() : opts.executablePath;
    if (!executablePath)
      throw new AppError('unavailable', 'No Chrome, Edge or Chromium was found to make the PDF; install one or set OPSDECK_CHROMIUM', {
        reason: 'pdf.no_browser',
      });
    if (!fs.existsSync(path.join(root, 'index.html')))
      throw new AppError('unavailable', 'The screens are not built yet (npm run build:renderer)', { reason: 'pdf.no_renderer' });
    // Loaded on first use only: the desktop app prints through Electron and never loads it.
    const started = import('playwright-core').then(({ chromium }) =>
      chromium.launch({
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }),
    );
    started.catch(() => (browser = null));
    return started;
  };

  const closeBrowser = async (): Promise<void> => {
    if (idle) clearTimeout(idle);
    idle = null;
    const b = browser;
    browser = null;
    if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
  };

  const renderOnce = async (req: PdfRequest): Promise<Buffer> => {
    if (idle) clearTimeout(idle);
    browser ??= Promise.resolve().then(launch);
    const b = await browser;
    const context = await b.newContext({ locale: req.lang === 'en' ? 'en-GB' : 'fr-FR', offline: false, javaScriptEnabled: true });
    try {
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== PRINT_ORIGIN) return route.abort('blockedbyclient');
        const file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
        // Containment: nothing outside the built renderer is served.
        if (file !== root && !file.startsWith(root + path.sep)) return route.fulfill({ status: 404, body: '' });
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({
          status: 200,
          body: fs.readFileSync(file),
          headers: { 'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream' },
        });
      });
      const page = await context.newPage();
      const payload: PrintPayload = { kind: req.kind, lang: req.lang, data: req.data };
      const viaRoute = opts.payloadIn === 'route';
      if (!viaRoute)
        await page.addInitScript(
          ([name, value]) => {
            (globalThis as unknown as Record<string, unknown>)[name as string] = value;
          },
          [PRINT_GLOBAL, payload] as const,
        );
      const query = viaRoute ? `?payload=${encodeRoutePayload(payload)}` : '';
      await page.goto(`${PRINT_ORIGIN}/index.html${PRINT_ROUTE_PREFIX}${encodeURIComponent(req.kind)}${query}`);
      const handle = await page
        .waitForFunction(
          () => document.documentElement.dataset.printReady === '1' || document.documentElement.dataset.printError,
          undefined,
          {
            timeout: PRINT_READY_TIMEOUT_MS,
          },
        )
        .catch(() => null);
      // The title carries the same answer (Electron reads it); a view that says ready says it there too.
      if (
        viaRoute &&
        handle &&
        (await page.title()) !== PRINT_TITLE_READY &&
        !(await page.evaluate(() => document.documentElement.dataset.printError))
      )
        throw new AppError('internal', 'The print page said ready but not in its title', { reason: 'pdf.render_failed', kind: req.kind });
      const failed = await page.evaluate(() => document.documentElement.dataset.printError ?? null);
      if (!handle || failed)
        throw new AppError('internal', `The document could not be laid out: ${failed ?? 'no answer from the print page'}`, {
          reason: 'pdf.render_failed',
          kind: req.kind,
        });
      return await page.pdf({ format: 'A4', printBackground: true, landscape: req.landscape ?? false, preferCSSPageSize: true });
    } finally {
      await context.close().catch(() => undefined);
      idle = setTimeout(() => void closeBrowser(), IDLE_CLOSE_MS);
      idle.unref();
    }
  };

  return {
    render(req) {
      const run = queue.then(
        () => renderOnce(req),
        () => renderOnce(req),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    close: closeBrowser,
  };
}

/** renderer/dist of this install, found from this file (source tree, CLI bundle or packaged app). */
export function defaultRendererDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'renderer')))
      return path.join(dir, 'renderer', 'dist');
    const up = path.dirname(dir);
    if (up === dir) return path.resolve('renderer', 'dist');
    dir = up;
  }
}
