import { defineModule } from '@core/module.js';
import type { HandlerMap } from '@core/router.js';
import type { reportsChannels } from '@shared/contract/reports.js';
import { listEvents } from '@core/db/repos/bookings.js';
import { pdfFile } from '@core/ports/pdf.js';
import type { HandlerContext } from '@core/context.js';
import { AppError } from '@shared/errors.js';
import { eventReportData } from './data.js';
import { eventReportCsv, eventReportXlsx } from './sheets.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const safe = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'rapport';
const ymd = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** One PDF page per event: a month of one client fits, a whole busy month is split by client. */
const MAX_PDF_PAGES = 40;

/** The month's events (local time) that a report covers: started that month, not archived, optionally one client's. */
function monthEvents(ctx: Pick<HandlerContext, 'db'>, year: number, month: number, client?: string) {
  const from = new Date(year, month - 1, 1).getTime();
  const to = new Date(year, month, 1).getTime() - 1;
  return listEvents(ctx.db, { from, to, limit: 1000 })
    .filter((e) => e.startsAt >= from && e.status !== 'archived' && (!client || e.clientName === client))
    .sort((a, b) => a.startsAt - b.startsAt);
}

const handlers: Pick<HandlerMap, keyof typeof reportsChannels> = {
  'reports.event': async ({ eventId, format, lang }, ctx) => {
    const data = eventReportData(ctx, eventId);
    const base = `${lang === 'fr' ? 'rapport' : 'report'}-${safe(data.event.clientName)}-${ymd(data.event.startsAt)}`;
    if (format === 'pdf') return pdfFile(await ctx.ports.pdf.render({ kind: 'eventReport', data, lang }), `${base}.pdf`);
    if (format === 'xlsx')
      return { fileName: `${base}.xlsx`, mime: XLSX, base64: (await eventReportXlsx([data], lang)).toString('base64') };
    return { fileName: `${base}.csv`, mime: 'text/csv', base64: eventReportCsv([data], lang).toString('base64') };
  },
  'reports.month': async ({ year, month, client, format, lang }, ctx) => {
    const rows = monthEvents(ctx, year, month, client).map((e) => eventReportData(ctx, e.id));
    const base = `${lang === 'fr' ? 'rapports' : 'reports'}-${year}-${String(month).padStart(2, '0')}${client ? `-${safe(client)}` : ''}`;
    if (format === 'pdf') {
      if (rows.length === 0) throw new AppError('not_found', 'No event that month', { field: 'month' });
      if (rows.length > MAX_PDF_PAGES)
        throw new AppError('invalid_input', `At most ${MAX_PDF_PAGES} events in one PDF: pick a client`, {
          field: 'client',
          max: MAX_PDF_PAGES,
        });
      return pdfFile(await ctx.ports.pdf.render({ kind: 'eventReports', data: { reports: rows }, lang }), `${base}.pdf`);
    }
    if (format === 'xlsx') return { fileName: `${base}.xlsx`, mime: XLSX, base64: (await eventReportXlsx(rows, lang)).toString('base64') };
    return { fileName: `${base}.csv`, mime: 'text/csv', base64: eventReportCsv(rows, lang).toString('base64') };
  },
  'reports.preview': ({ year, month, client }, ctx) => {
    const all = monthEvents(ctx, year, month);
    const clients = [...new Set(all.map((e) => e.clientName))].sort((a, b) => a.localeCompare(b, 'fr'));
    const events = (client ? all.filter((e) => e.clientName === client) : all).map((e) => ({
      id: e.id,
      clientName: e.clientName,
      eventType: e.eventType,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      boothName: e.boothName,
      place: e.place,
      status: e.status,
      totals: {
        sessions: e.totals.sessions,
        photos: e.totals.captures,
        prints: e.totals.prints,
        digital: e.totals.digital,
        gifs: e.totals.gifs,
      },
    }));
    const totals = { sessions: 0, photos: 0, prints: 0, digital: 0, gifs: 0 };
    for (const e of events) for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += e.totals[k];
    return { clients, events, totals };
  },
};

/** The client's report: PDF through the shared print port, XLSX (exceljs) and CSV (issue 16). */
export const reportsModule = defineModule({ name: 'reports', handlers });
