import { AppError } from '@shared/errors.js';
import { encodeRoutePayload, MAX_ROUTE_PAYLOAD_CHARS, PRINT_ROUTE_PREFIX, PRINT_TITLE_ERROR, PRINT_TITLE_READY } from '@shared/print.js';
import { PRINT_READY_TIMEOUT_MS, type PdfPort, type PdfRequest } from '@core/ports/pdf.js';
import { createPrintWindow } from './window.js';

/**
 * The desktop app's PDFs: the print view in a hidden window of the app itself, then printToPDF.
 * The payload travels in the route and the answer in the page title, so no script is ever
 * injected into a window (ARCHITECTURE.md item 8).
 */
export function electronPdfPort(opts: { entryUrl: string; packaged: boolean; timeoutMs?: number }): PdfPort {
  let queue: Promise<unknown> = Promise.resolve();
  const base = opts.entryUrl.replace(/#.*$/, '');
  const timeoutMs = opts.timeoutMs ?? PRINT_READY_TIMEOUT_MS;

  const renderOnce = async (req: PdfRequest): Promise<Buffer> => {
    const encoded = encodeRoutePayload({ kind: req.kind, lang: req.lang, data: req.data });
    if (encoded.length > MAX_ROUTE_PAYLOAD_CHARS)
      throw new AppError('invalid_input', 'This document is too large to print in one file', { reason: 'pdf.too_large', kind: req.kind });
    const win = createPrintWindow(opts.packaged);
    try {
      const answered = new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve(''), timeoutMs);
        win.webContents.on('page-title-updated', (_e: unknown, title: string) => {
          if (title === PRINT_TITLE_READY || title.startsWith(PRINT_TITLE_ERROR)) {
            clearTimeout(timer);
            resolve(title);
          }
        });
      });
      await win.loadURL(`${base}${PRINT_ROUTE_PREFIX}${encodeURIComponent(req.kind)}?payload=${encoded}`);
      const state = await answered;
      if (state !== PRINT_TITLE_READY)
        throw new AppError(
          'internal',
          `The document could not be laid out: ${state ? state.slice(PRINT_TITLE_ERROR.length) : 'no answer from the print page'}`,
          { reason: 'pdf.render_failed', kind: req.kind },
        );
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        landscape: req.landscape ?? false,
        preferCSSPageSize: true,
      });
      return Buffer.from(pdf);
    } finally {
      if (!win.isDestroyed()) win.destroy();
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
    async close() {},
  };
}
