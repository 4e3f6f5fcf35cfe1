import ExcelJS from 'exceljs';
import type { EventReportData } from '@shared/model/eventReport.js';

type Lang = 'fr' | 'en';
const L = {
  fr: {
    sheet: 'Rapport',
    hours: 'Par heure',
    client: 'Client',
    type: 'Type',
    booth: 'Borne',
    start: 'Début',
    end: 'Fin',
    album: 'Album',
    sessions: 'Sessions',
    photos: 'Photos',
    prints: 'Tirages',
    digital: 'Partages numériques',
    gifs: 'GIF',
    hour: 'Heure',
  },
  en: {
    sheet: 'Report',
    hours: 'Per hour',
    client: 'Client',
    type: 'Type',
    booth: 'Booth',
    start: 'Start',
    end: 'End',
    album: 'Album',
    sessions: 'Sessions',
    photos: 'Photos',
    prints: 'Prints',
    digital: 'Digital shares',
    gifs: 'GIFs',
    hour: 'Hour',
  },
} as const;

/** Excel stores local wall-clock time: shift the UTC instant by the device's offset at that moment. */
const excelDate = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);

/** The report as a workbook (French formatting for French: dd/mm/yyyy hh:mm, thousands grouped by Excel's locale). */
export async function eventReportXlsx(rows: EventReportData[], lang: Lang): Promise<Buffer> {
  const w = new ExcelJS.Workbook();
  w.creator = 'OpsDeck';
  const l = L[lang];
  const dateFmt = lang === 'fr' ? 'dd/mm/yyyy hh:mm' : 'yyyy-mm-dd hh:mm';
  const s = w.addWorksheet(l.sheet);
  s.columns = [
    { header: l.client, key: 'client', width: 28 },
    { header: l.type, key: 'type', width: 14 },
    { header: l.booth, key: 'booth', width: 16 },
    { header: l.start, key: 'start', width: 18, style: { numFmt: dateFmt } },
    { header: l.end, key: 'end', width: 18, style: { numFmt: dateFmt } },
    { header: l.album, key: 'album', width: 22 },
    { header: l.sessions, key: 'sessions', width: 10, style: { numFmt: '#,##0' } },
    { header: l.photos, key: 'photos', width: 10, style: { numFmt: '#,##0' } },
    { header: l.prints, key: 'prints', width: 10, style: { numFmt: '#,##0' } },
    { header: l.digital, key: 'digital', width: 18, style: { numFmt: '#,##0' } },
    { header: l.gifs, key: 'gifs', width: 8, style: { numFmt: '#,##0' } },
  ];
  s.getRow(1).font = { bold: true };
  for (const r of rows) {
    s.addRow({
      client: r.event.clientName,
      type: r.event.eventType ?? '',
      booth: r.event.boothName ?? '',
      start: excelDate(r.event.startsAt),
      end: excelDate(r.event.endsAt),
      album: r.event.albumName ?? '',
      ...r.totals,
    });
  }
  if (rows.length === 1) {
    const h = w.addWorksheet(l.hours);
    h.columns = [
      { header: l.hour, key: 'at', width: 18, style: { numFmt: dateFmt } },
      { header: l.sessions, key: 'sessions', width: 10 },
      { header: l.prints, key: 'prints', width: 10 },
    ];
    h.getRow(1).font = { bold: true };
    for (const x of rows[0]!.hours) h.addRow({ at: excelDate(x.at), sessions: x.sessions, prints: x.prints });
  }
  return Buffer.from(await w.xlsx.writeBuffer());
}

/** CSV like the other exports: French Excel (;, dd/mm/yyyy, UTF-8 BOM) or plain English. */
export function eventReportCsv(rows: EventReportData[], lang: Lang): Buffer {
  const l = L[lang];
  const sep = lang === 'fr' ? ';' : ',';
  const fmt = (ms: number) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return lang === 'fr'
      ? `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`
      : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  const q = (v: string) => (/[";,\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const head = [l.client, l.type, l.booth, l.start, l.end, l.album, l.sessions, l.photos, l.prints, l.digital, l.gifs];
  const lines = [head.map(q).join(sep)];
  for (const r of rows) {
    const e = r.event;
    const t = r.totals;
    lines.push(
      [
        q(e.clientName),
        q(e.eventType ?? ''),
        q(e.boothName ?? ''),
        fmt(e.startsAt),
        fmt(e.endsAt),
        q(e.albumName ?? ''),
        t.sessions,
        t.photos,
        t.prints,
        t.digital,
        t.gifs,
      ].join(sep),
    );
  }
  return Buffer.from((lang === 'fr' ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n', 'utf8');
}
