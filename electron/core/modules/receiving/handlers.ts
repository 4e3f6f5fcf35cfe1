import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { HandlerMap } from '@core/router.js';
import type { HandlerContext as Ctx } from '@core/context.js';
import type { receivingChannels, ProposedLine } from '@shared/contract/receiving.js';
import { AppError } from '@shared/errors.js';
import {
  catalogForMatching,
  getDeliveryNote,
  insertDeliveryNote,
  listDeliveryNotes,
  markNoteBooked,
  openOrdersFor,
} from '@core/db/repos/deliveryNotes.js';
import { getLocation } from '@core/db/repos/locations.js';
import { getOrder, markReceived, receiptKey } from '@core/db/repos/purchaseOrders.js';
import { perCore } from '@core/module.js';
import { recordMovements } from '../stock/index.js';
import { proposeLines } from './parse.js';
import { tesseractEngine, type OcrEngine } from './ocr.js';
import { prepareForOcr } from './preprocess.js';

export const ocrEngine = perCore<OcrEngine>((ctx) => tesseractEngine(ctx.dataDir));

const MAX_BYTES = 15 * 1024 * 1024;
const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

/** What the file holds: PNG and JPEG by their magic bytes, PDF by its header. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** A delivery note runs to a few pages; a longer scan is refused rather than read for minutes. */
export const MAX_SCANNED_PAGES = 10;
/** Scanned pages are rendered this wide for the OCR (about 240 dpi on A4: small print stays legible). */
const SCAN_WIDTH_PX = 2000;

type PdfDoc = Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>>;

async function openPdf(bytes: Buffer): Promise<{ doc: PdfDoc; text: string; pages: number }> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    const r = await extractText(doc, { mergePages: false });
    return { doc, text: (r.text as string[]).join('\n'), pages: r.totalPages };
  } catch (e) {
    throw new AppError('invalid_input', 'This PDF could not be opened', { reason: 'ocr.unreadable', error: String(e) });
  }
}

/**
 * A scanned PDF (pages that are pictures, no text layer): each page rendered to a PNG with Skia
 * (@napi-rs/canvas, a prebuilt binary from npm) and read by the same OCR as a photo, page by page.
 */
async function ocrScannedPdf(doc: PdfDoc, pages: number, ocr: OcrEngine, progress: (ratio: number) => void): Promise<string> {
  if (pages > MAX_SCANNED_PAGES)
    throw new AppError(
      'invalid_input',
      `This scanned PDF has ${pages} pages: drop the delivery note alone (${MAX_SCANNED_PAGES} pages at most)`,
      {
        reason: 'ocr.too_many_pages',
        pages,
      },
    );
  const { renderPageAsImage } = await import('unpdf');
  const texts: string[] = [];
  for (let n = 1; n <= pages; n++) {
    const page = await doc.getPage(n);
    const width = page.getViewport({ scale: 1 }).width;
    let png: ArrayBuffer;
    try {
      png = await renderPageAsImage(doc, n, { canvasImport: () => import('@napi-rs/canvas'), scale: Math.min(6, SCAN_WIDTH_PX / width) });
    } catch (e) {
      throw new AppError('invalid_input', 'This PDF could not be opened', { reason: 'ocr.unreadable', page: n, error: String(e) });
    }
    texts.push(await ocr.recognize(await prepareForOcr(Buffer.from(png)), (r) => progress((n - 1 + r) / pages)));
  }
  return texts.join('\n');
}

export const receivingHandlers: Pick<HandlerMap, keyof typeof receivingChannels> = {
  'deliveryNotes.read': async ({ fileName, mime, base64, supplier }, ctx) => {
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > MAX_BYTES)
      throw new AppError('invalid_input', 'The file is larger than 15 MB', { field: 'base64', reason: 'ocr.too_large' });
    const kind = sniff(bytes);
    if (!kind) throw new AppError('invalid_input', 'Not a PNG, JPEG or PDF file', { field: 'base64', reason: 'ocr.unreadable' });
    const jobId = `ocr:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}:${ctx.clock.now()}`;
    let last = 0;
    const progress = (done: number, message?: string) => {
      last = Math.round(done * 100);
      ctx.events.emit('job.progress', { jobId, kind: 'receiving.deliveryNote', done: last, total: 100, ...(message ? { message } : {}) });
    };
    progress(0);
    let text: string;
    let pages = 1;
    try {
      if (kind === 'application/pdf') {
        const pdf = await openPdf(bytes);
        pages = pdf.pages;
        // PDF text comes out in reading order with cells on one line per row only when they share a baseline.
        if (pdf.text.trim()) text = pdf.text.replace(/[ \t]+/g, ' ');
        // No text layer: a scan. Its pages are pictures, read like photos.
        else text = await ocrScannedPdf(pdf.doc, pages, ocrEngine.get(ctx), progress);
      } else {
        text = await ocrEngine.get(ctx).recognize(await prepareForOcr(bytes), progress);
      }
    } catch (e) {
      // A file that could not be read ends its job (else the title bar shows it at 0 % for good).
      progress(last / 100, 'cancelled');
      throw e;
    }
    progress(1);
    const catalog = catalogForMatching(ctx.db);
    const proposed = proposeLines(text, catalog);
    if (proposed.length === 0)
      throw new AppError('invalid_input', 'No delivery lines could be read in this file (reference, designation, quantity)', {
        reason: 'ocr.no_lines',
        text: text.slice(0, 2000),
      });
    const byId = new Map(catalog.map((c) => [c.id, c]));
    const orders = openOrdersFor(ctx.db, [...new Set(proposed.map((l) => l.productId).filter((x): x is string => !!x))]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = ctx.db.transaction(() =>
      insertDeliveryNote(
        ctx.db,
        { fileName, sha256, mime: kind, supplier: supplier || null, pages, text },
        { now: ctx.clock.now(), device: ctx.deviceId },
      ),
    )();
    // The original file is kept in the data folder under the note's id (the receipt's movements name it).
    const dir = path.join(ctx.dataDir, 'delivery-notes');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${id}.${EXT[kind]}`), bytes);
    const used = new Set<string>();
    const lines: ProposedLine[] = proposed.map((l) => {
      const p = l.productId ? byId.get(l.productId) : undefined;
      const po = p
        ? orders.find(
            (o) =>
              o.productId === p.id && !used.has(o.id) && (!supplier || !o.supplier || o.supplier.toLowerCase() === supplier.toLowerCase()),
          )
        : undefined;
      if (po) used.add(po.id);
      return {
        ...l,
        productSku: p?.sku ?? null,
        productName: p?.name ?? null,
        purchaseOrder: po ? { id: po.id, outstanding: po.outstanding, supplier: po.supplier, expectedAt: po.expectedAt } : null,
      };
    });
    if (mime !== kind) ctx.log.info('delivery note type differs from its name', { declared: mime, found: kind });
    return { id, fileName, pages, text, lines };
  },
  'deliveryNotes.confirm': ({ id, locationId, lines }, ctx: Ctx) =>
    ctx.db
      .transaction(() => {
        const note = getDeliveryNote(ctx.db, id);
        if (!note) throw new AppError('not_found', 'Delivery note not found');
        if (note.status === 'booked') return { id, movements: 0, alreadyBooked: true };
        const loc = getLocation(ctx.db, locationId);
        if (!loc || !loc.active) throw new AppError('not_found', 'Location not found', { field: 'locationId' });
        const now = ctx.clock.now();
        let movements = 0;
        const booked: Array<{ productId: string; quantity: number; purchaseOrderId: string | null; movementId: string | null }> = [];
        lines.forEach((l, i) => {
          const po = l.purchaseOrderId ? getOrder(ctx.db, l.purchaseOrderId) : null;
          if (l.purchaseOrderId && (!po || po.status !== 'open' || po.productId !== l.productId))
            throw new AppError('conflict', 'That purchase order is no longer open for this product', {
              index: i,
              field: 'purchaseOrderId',
            });
          const { recorded } = recordMovements(
            { db: ctx.db, now, device: ctx.deviceId, userId: ctx.caller.userId, source: po ? 'purchase_order' : 'manual' },
            [
              {
                productId: l.productId,
                locationId,
                type: 'in',
                quantity: l.quantity,
                reason: `BL ${note.file_name}`.slice(0, 500),
                idempotencyKey: po ? receiptKey(po) : `dn:${id}:${i}`,
              },
            ],
          );
          if (po) markReceived(ctx.db, po.id, l.quantity, now);
          movements += recorded.length;
          booked.push({ productId: l.productId, quantity: l.quantity, purchaseOrderId: po?.id ?? null, movementId: recorded[0] ?? null });
        });
        markNoteBooked(ctx.db, id, locationId, booked, now);
        return { id, movements, alreadyBooked: false };
      })
      .immediate(),
  'deliveryNotes.file': ({ id }, ctx) => {
    const note = getDeliveryNote(ctx.db, id);
    if (!note) throw new AppError('not_found', 'Delivery note not found');
    const file = path.join(ctx.dataDir, 'delivery-notes', `${note.id}.${EXT[note.mime] ?? 'bin'}`);
    if (!fs.existsSync(file))
      throw new AppError('not_found', 'The file of this delivery note is not on this computer (it was read on another one)', {
        reason: 'ocr.file_elsewhere',
      });
    return { fileName: note.file_name, mime: note.mime, base64: fs.readFileSync(file).toString('base64') };
  },
  'deliveryNotes.list': ({ limit }, ctx) =>
    listDeliveryNotes(ctx.db, limit).map((n) => ({
      id: n.id,
      fileName: n.file_name,
      supplier: n.supplier,
      status: n.status,
      createdAt: n.created_at,
      bookedAt: n.booked_at,
    })),
};
