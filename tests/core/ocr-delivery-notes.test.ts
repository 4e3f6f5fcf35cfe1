import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr } from '@core/modules/receiving/index.js';
import { chromiumAvailable } from '../fixtures/browser.js';
import { deliveryNotePdf, generateDeliveryNotes, NOTE_PRODUCTS, scannedNotePdf, type GeneratedNote } from '../fixtures/delivery-notes.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Delivery notes made from HTML by Chromium (varied fonts, ±1.2° rotation, speckle noise), read by
// tesseract.js with the French/English models from npm (no download), matched to the catalog.
describe.skipIf(!chromiumAvailable())('delivery notes by OCR', () => {
  let core: TestCore;
  let notes: GeneratedNote[];
  const ids = new Map<string, string>();
  let warehouse: string;
  beforeAll(async () => {
    core = createTestCore();
    for (const p of NOTE_PRODUCTS)
      ids.set(
        p.sku,
        (await core.router.call('catalog.products.create', { sku: p.sku, name: p.name, price: 10, cost: 4, supplier: 'Photo Pro' })).id,
      );
    warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
    notes = await generateDeliveryNotes(12);
  }, 120_000);
  afterAll(async () => {
    await closeOcr(core.ctx);
    core.dispose();
  });

  it('reads at least 95 % of the lines with the right product and quantity', async () => {
    let total = 0;
    let right = 0;
    const misses: string[] = [];
    for (const n of notes) {
      const r = await core.router.call('deliveryNotes.read', { fileName: n.name, mime: 'image/png', base64: n.png.toString('base64') });
      for (const want of n.lines) {
        total++;
        const got = r.lines.find((l) => l.productId === ids.get(want.sku) && l.status === 'matched');
        if (got && got.quantity === want.quantity) right++;
        else
          misses.push(
            `${n.name} ${want.sku}×${want.quantity}: ${got ? `${got.status} ×${got.quantity}` : 'missing'} | ${r.text.split('\n').find((x) => x.includes(want.sku.slice(0, 5))) ?? ''}`,
          );
      }
      // Nothing else than the note's lines is proposed (no header or address line taken for an item).
      expect(r.lines.length, n.name).toBe(n.lines.length);
    }
    console.log(`OCR: ${right}/${total} lines right (${((100 * right) / total).toFixed(1)} %)`, misses);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  it('reads phone-photo-like notes (soft focus, a shadow across a corner, greyish paper) with at least 95 % of the lines right', async () => {
    const photos = await generateDeliveryNotes(10, 29, NOTE_PRODUCTS, 'photo');
    let total = 0;
    let right = 0;
    let shown = 0;
    const misses: string[] = [];
    for (const n of photos) {
      const r = await core.router.call('deliveryNotes.read', { fileName: n.name, mime: 'image/png', base64: n.png.toString('base64') });
      for (const want of n.lines) {
        total++;
        if (r.lines.some((l) => l.productId === ids.get(want.sku) && l.status === 'matched' && l.quantity === want.quantity)) right++;
        // The note's line is on the review, matched or to check (a quantity not read: 0, to fill in).
        if (r.lines.some((l) => l.productId === ids.get(want.sku))) shown++;
        else misses.push(`${n.name} ${want.sku}×${want.quantity}`);
      }
    }
    console.log(`OCR photos: ${right}/${total} lines right (${((100 * right) / total).toFixed(1)} %)`, misses);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
    // bl-7's "PAP-DNP-6X8 … 31" comes out with its quantity as a word ("sal"): the row is on the review
    // to be filled in rather than left out unseen. (bl-1's row 3 is lost by the OCR itself.)
    expect(shown).toBeGreaterThan(right);
    expect(shown).toBeGreaterThanOrEqual(total - 1);
  }, 300_000);

  it('confirming books the receipt once, keeps the file, and receives the open purchase order it answers', async () => {
    const n = notes[0]!;
    const first = n.lines[0]!;
    const po = await core.router.call('purchaseOrders.create', {
      productId: ids.get(first.sku)!,
      quantity: first.quantity,
      locationId: warehouse,
      expectedAt: Date.UTC(2026, 11, 1),
    } as never);
    const r = await core.router.call('deliveryNotes.read', {
      fileName: 'bl-photo.png',
      mime: 'image/png',
      base64: n.png.toString('base64'),
      supplier: 'Photo Pro',
    });
    const line = r.lines.find((l) => l.productId === ids.get(first.sku))!;
    expect(line.purchaseOrder?.id).toBe((po as { id: string }).id);
    const lines = r.lines
      .filter((l) => l.productId)
      .map((l) => ({ productId: l.productId!, quantity: l.quantity, purchaseOrderId: l.purchaseOrder?.id ?? null }));
    const before = await core.router.call('stock.balances', {});
    const ok = await core.router.call('deliveryNotes.confirm', { id: r.id, locationId: warehouse, lines });
    expect(ok).toMatchObject({ movements: lines.length, alreadyBooked: false });
    const again = await core.router.call('deliveryNotes.confirm', { id: r.id, locationId: warehouse, lines });
    expect(again).toMatchObject({ movements: 0, alreadyBooked: true });
    const after = await core.router.call('stock.balances', {});
    const onHand = (b: typeof after, sku: string) => b.filter((x) => x.sku === sku).reduce((s, x) => s + x.onHand, 0);
    for (const l of n.lines) expect(onHand(after, l.sku) - onHand(before, l.sku), l.sku).toBe(l.quantity);
    expect(
      ((await core.router.call('purchaseOrders.list', { status: 'all' } as never)) as Array<{ id: string; status: string }>).find(
        (o) => o.id === (po as { id: string }).id,
      )?.status,
    ).toBe('received');
    const fs = await import('node:fs');
    expect(fs.existsSync(`${core.ctx.dataDir}/delivery-notes/${r.id}.png`)).toBe(true);
    expect((await core.router.call('deliveryNotes.list', {})).find((x) => x.id === r.id)).toMatchObject({ status: 'booked' });
    // The original file opens again, byte for byte, under its name.
    expect(await core.router.call('deliveryNotes.file', { id: r.id })).toEqual({
      fileName: 'bl-photo.png',
      mime: 'image/png',
      base64: n.png.toString('base64'),
    });
    // A note whose file is not on this computer (read on another device) says so.
    fs.renameSync(`${core.ctx.dataDir}/delivery-notes/${r.id}.png`, `${core.ctx.dataDir}/elsewhere.png`);
    await expect(core.router.call('deliveryNotes.file', { id: r.id })).rejects.toMatchObject({
      code: 'not_found',
      message: 'The file of this delivery note is not on this computer (it was read on another one)',
    });
    fs.renameSync(`${core.ctx.dataDir}/elsewhere.png`, `${core.ctx.dataDir}/delivery-notes/${r.id}.png`);
  }, 120_000);

  it('reads a supplier PDF by its text, and says clearly when a file cannot be read', async () => {
    const lines = [
      { sku: 'CAD-A5-NOIR', name: 'Cadre photo A5 noir', quantity: 12 },
      { sku: 'USB-C-2M', name: 'Câble USB-C 2 m', quantity: 3 },
    ];
    const pdf = await deliveryNotePdf(lines);
    const r = await core.router.call('deliveryNotes.read', { fileName: 'bl.pdf', mime: 'application/pdf', base64: pdf.toString('base64') });
    expect(r.lines.map((l) => [l.productSku, l.quantity, l.status])).toEqual([
      ['CAD-A5-NOIR', 12, 'matched'],
      ['USB-C-2M', 3, 'matched'],
    ]);
    await expect(
      core.router.call('deliveryNotes.read', {
        fileName: 'x.png',
        mime: 'image/png',
        base64: Buffer.from('not an image at all').toString('base64'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: 'Not a PNG, JPEG or PDF file' });
  }, 120_000);

  it('reads a scanned PDF (pictures only, no text layer): each page rendered and read like a photo', async () => {
    const [a, b] = [notes[1]!, notes[2]!];
    const pdf = await scannedNotePdf([a.png, b.png]);
    // Truly a scan: no text for a PDF reader to extract.
    const { extractText, getDocumentProxy } = await import('unpdf');
    const layer = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(layer.totalPages).toBe(2);
    expect((layer.text as string).trim()).toBe('');
    const progress: number[] = [];
    const off = core.ctx.events.subscribe((ev) => {
      const p = ev.payload as { kind?: string; done?: number };
      if (ev.event === 'job.progress' && p.kind === 'receiving.deliveryNote') progress.push(p.done!);
    });
    const r = await core.router.call('deliveryNotes.read', {
      fileName: 'scan.pdf',
      mime: 'application/pdf',
      base64: pdf.toString('base64'),
    });
    off();
    expect(r.pages).toBe(2);
    const want = [...a.lines, ...b.lines];
    const right = want.filter((w) =>
      r.lines.some((l) => l.productId === ids.get(w.sku) && l.status === 'matched' && l.quantity === w.quantity),
    );
    expect(right.length / want.length, JSON.stringify(r.lines.map((l) => [l.productSku, l.quantity, l.status]))).toBeGreaterThanOrEqual(
      0.95,
    );
    expect(r.lines.length).toBe(want.length);
    // Progress went through both pages, in order, to the end.
    expect(progress.at(-1)).toBe(100);
    expect(progress.some((p) => p > 0 && p < 50) && progress.some((p) => p >= 50 && p < 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    // The original PDF is what is kept with the note.
    const fs = await import('node:fs');
    expect(fs.readFileSync(`${core.ctx.dataDir}/delivery-notes/${r.id}.pdf`).equals(pdf)).toBe(true);
  }, 300_000);
});
