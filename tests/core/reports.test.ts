import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { appendCounter } from '@core/db/repos/boothCounters.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { pdfText } from '../fixtures/pdfText.js';

const H = 3_600_000;
const T0 = new Date(2026, 10, 21, 18, 0, 0).getTime();
let core: TestCore;

/** The text of a PDF the core returned in base64. */
const b64Text = (b64: string) => pdfText(Buffer.from(b64, 'base64'));

async function wedding() {
  const booth = await core.router.call('booths.create', { name: 'Borne Dune' });
  const e = await core.router.call('bookings.create', {
    boothId: booth.id,
    clientName: 'Mariage Durand',
    eventType: 'Mariage',
    startsAt: T0,
    endsAt: T0 + 3 * H,
    albumName: 'Durand 2026',
  });
  const stamp = { now: T0, device: core.ctx.deviceId };
  const add = (kind: 'session' | 'capture' | 'print' | 'digital' | 'gif', count: number, at: number) =>
    appendCounter(
      core.ctx.db,
      { boothId: booth.id, eventId: e.id, kind, count, printsDelta: kind === 'print' ? -count : 0, occurredAt: at },
      stamp,
    );
  add('session', 40, T0 + 10 * 60_000);
  add('print', 1234, T0 + 20 * 60_000);
  add('session', 25, T0 + H + 5 * 60_000);
  add('capture', 195, T0 + H);
  add('digital', 50, T0 + 2 * H);
  add('gif', 12, T0 + 2 * H);
  core.ctx.db.prepare('UPDATE events SET sessions = 65, captures = 195, prints = 1234, digital = 50, gifs = 12 WHERE id = ?').run(e.id);
  return e;
}

beforeAll(() => {
  if (!fs.existsSync(path.resolve('renderer/dist/index.html'))) throw new Error('Build the renderer first: npm run build:renderer');
});
afterEach(() => core?.dispose());

describe("the client's report", () => {
  it('XLSX: French formatting, real dates and numbers, a per-hour sheet', async () => {
    core = createTestCore({ start: T0 + 5 * H });
    const e = await wedding();
    const f = await core.router.call('reports.event', { eventId: e.id, format: 'xlsx', lang: 'fr' });
    expect(f.fileName).toBe('rapport-Mariage-Durand-2026-11-21.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const s = wb.getWorksheet('Rapport')!;
    expect(s.getRow(1).values).toEqual([
      undefined,
      'Client',
      'Type',
      'Borne',
      'Début',
      'Fin',
      'Album',
      'Sessions',
      'Photos',
      'Tirages',
      'Partages numériques',
      'GIF',
    ]);
    const row = s.getRow(2);
    expect(row.getCell(1).value).toBe('Mariage Durand');
    expect(row.getCell(9).value).toBe(1234);
    expect(row.getCell(9).numFmt).toBe('#,##0');
    expect(row.getCell(4).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect((row.getCell(4).value as Date).toISOString().slice(0, 16)).toBe('2026-11-21T18:00');
    const hours = wb.getWorksheet('Par heure')!;
    expect(hours.rowCount).toBe(4);
    expect([hours.getRow(2).getCell(2).value, hours.getRow(2).getCell(3).value]).toEqual([40, 1234]);
    expect(hours.getRow(3).getCell(2).value).toBe(25);
  });

  it('CSV in French Excel dialect; a month in one file', async () => {
    core = createTestCore({ start: T0 + 5 * H });
    const e = await wedding();
    const csv = Buffer.from(
      (await core.router.call('reports.event', { eventId: e.id, format: 'csv', lang: 'fr' })).base64,
      'base64',
    ).toString('utf8');
    expect(csv.startsWith('\uFEFFClient;Type;Borne;Début')).toBe(true);
    expect(csv).toContain('Mariage Durand;Mariage;Borne Dune;21/11/2026 18:00;21/11/2026 21:00;Durand 2026;65;195;1234;50;12');
    const month = await core.router.call('reports.month', { year: 2026, month: 11, format: 'xlsx', lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(month.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Report')!.getRow(2).getCell(1).value).toBe('Mariage Durand');
  });

  it('PDF through the shared print port: the one-page report, text read back', async () => {
    core = createTestCore({ start: T0 + 5 * H });
    const e = await wedding();
    const f = await core.router.call('reports.event', { eventId: e.id, format: 'pdf', lang: 'fr' });
    expect(f.mime).toBe('application/pdf');
    const text = await b64Text(f.base64);
    expect(text).toContain('Rapport de l’événement — Mariage Durand');
    expect(text).toContain('Borne Dune');
    expect(text).toMatch(/Tirages 1 ?234/);
    expect(text).toContain('Sessions et tirages par heure');
    const en = await b64Text((await core.router.call('reports.event', { eventId: e.id, format: 'pdf', lang: 'en' })).base64);
    expect(en).toContain('Event report — Mariage Durand');
  }, 60_000);

  it('the Reports screen: a month’s clients and events with their figures, one client’s only, and one PDF page per event', async () => {
    core = createTestCore({ start: T0 + 5 * H });
    const e = await wedding();
    const other = await core.router.call('bookings.create', {
      clientName: 'Gala Lumière',
      place: 'Palais de la Bourse, Lyon',
      startsAt: T0 + 48 * H,
      endsAt: T0 + 52 * H,
    });
    await core.router.call('bookings.create', { clientName: 'Décembre SA', startsAt: T0 + 20 * 24 * H, endsAt: T0 + 20 * 24 * H + H });
    const all = await core.router.call('reports.preview', { year: 2026, month: 11 });
    expect(all.clients).toEqual(['Gala Lumière', 'Mariage Durand']);
    expect(all.events.map((x) => x.id)).toEqual([e.id, other.id]);
    expect(all.events[0]!.totals).toEqual({ sessions: 65, photos: 195, prints: 1234, digital: 50, gifs: 12 });
    expect(all.events[1]).toMatchObject({ place: 'Palais de la Bourse, Lyon', totals: { sessions: 0 } });
    expect(all.totals).toEqual({ sessions: 65, photos: 195, prints: 1234, digital: 50, gifs: 12 });
    const one = await core.router.call('reports.preview', { year: 2026, month: 11, client: 'Gala Lumière' });
    expect(one.events.map((x) => x.id)).toEqual([other.id]);
    expect(one.clients).toEqual(all.clients);

    // One client's month as CSV: its events only, the file named after it.
    const csv = await core.router.call('reports.month', { year: 2026, month: 11, client: 'Mariage Durand', format: 'csv', lang: 'fr' });
    expect(csv.fileName).toBe('rapports-2026-11-Mariage-Durand.csv');
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Mariage Durand;Mariage;Borne Dune');
    expect(text).not.toContain('Gala');

    // The month as one PDF: one report page per event.
    const pdf = await core.router.call('reports.month', { year: 2026, month: 11, format: 'pdf', lang: 'en' });
    expect(pdf.fileName).toBe('reports-2026-11.pdf');
    const doc = await getDocumentProxy(new Uint8Array(Buffer.from(pdf.base64, 'base64')));
    expect(doc.numPages).toBe(2);
    const pages = (await extractText(doc, { mergePages: false })).text as string[];
    expect(pages[0]).toContain('Event report — Mariage Durand');
    expect(pages[1]).toContain('Event report — Gala Lumière');
    // A month with nothing in it: said, not an empty PDF.
    const empty = await core.router.call('reports.month', { year: 2026, month: 6, format: 'pdf', lang: 'fr' }).catch((x: unknown) => x);
    expect(empty).toMatchObject({ code: 'not_found' });
  }, 90_000);
});
