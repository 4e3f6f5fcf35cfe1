import { z } from 'zod';

/**
 * The print route `#/print/<kind>`: the core hands a print view its data through PRINT_GLOBAL (set
 * before the page's scripts run, under plain Node) or in the route itself (`?payload=` base64url
 * JSON, Electron: no script is ever injected into a window there). The page answers on
 * <html data-print-ready="1"> / data-print-error="…" and in its title (PRINT_TITLE_*), which
 * Electron reports through 'page-title-updated'.
 */
export const PRINT_GLOBAL = '__OPSDECK_PRINT__';
export const PRINT_ROUTE_PREFIX = '#/print/';
export const PRINT_TITLE_READY = 'opsdeck-print:ready';
export const PRINT_TITLE_ERROR = 'opsdeck-print:error:';
/** Chromium keeps URLs up to 2 MB; a print payload stays well under it. */
export const MAX_ROUTE_PAYLOAD_CHARS = 1_500_000;

export function encodeRoutePayload(payload: PrintPayload): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeRoutePayload(encoded: string): unknown {
  const bin = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
}

export const PrintLang = z.enum(['fr', 'en']);
export type PrintLang = z.infer<typeof PrintLang>;

export interface PrintPayload {
  kind: string;
  lang: PrintLang;
  data: unknown;
}

/** A file the core made, handed to the renderer (which downloads it: no file system there). */
export const ExportedFile = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;
