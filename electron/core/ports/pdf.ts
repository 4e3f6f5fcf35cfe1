import type { ExportedFile, PrintLang } from '@shared/print.js';

export interface PdfRequest {
  /** The print view registered in renderer/src/print/registry.ts. */
  kind: string;
  /** Everything the view shows: it makes no core call of its own. */
  data: unknown;
  lang: PrintLang;
  landscape?: boolean;
}

/**
 * Renders a renderer print view to an A4 PDF: the same React page the screens use, printed by
 * Chromium (Electron's printToPDF in the desktop app, the system's Chromium under plain Node).
 */
export interface PdfPort {
  render(req: PdfRequest): Promise<Buffer>;
  /** Frees the browser kept warm between renders. */
  close(): Promise<void>;
}

/** How long a print view may take to say it is ready (fonts, images, charts). */
export const PRINT_READY_TIMEOUT_MS = 20_000;

/** A rendered PDF as the contract hands files to the renderer. */
export function pdfFile(bytes: Buffer, fileName: string): ExportedFile {
  return { fileName, mime: 'application/pdf', base64: bytes.toString('base64') };
}
