import { defineModule } from '@core/module.js';
import type { HandlerMap } from '@core/router.js';
import type { reportsChannels } from '@shared/contract/reports.js';
import { listEvents } from '@core/db/repos/bookings.js';
import { pdfFile } from '@core/ports/pdf.js';
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

const handlers: Pick<HandlerMap, keyof typeof reportsChannels> = {
  'reports.event': async ({ eventId, format, lang }, ctx) => {
    const data = eventReportData(ctx, eventId);
    const base = `${lang === 'fr' ? 'rapport' : 'report'}-${safe(data.event.clientName)}-${ymd(data.event.startsAt)}`;
    if (format === 'pdf') return pdfFile(await ctx.ports.pdf.render({ kind: 'eventReport', data, lang }), `${base}.pdf`);
    if (format === 'xlsx')
      return { fileName: `${base}.xlsx`, mime: XLSX, base64: (await eventReportXlsx([data], lang)).toString('base64') };
    return { fileName: `${base}.csv`, mime: 'text/csv', base64: eventReportCsv([data], lang).toString('base64') };
  },
  'reports.month': async ({ year, month, format, lang }, ctx) => {
    const from = new Date(year, month - 1, 1).getTime();
    const to = new Date(year, month, 1).getTime() - 1;
    const events = listEvents(ctx.db, { from, to, limit: 1000 })
      .filter((e) => e.startsAt >= from && e.status !== 'archived')
      .sort((a, b) => a.startsAt - b.startsAt);
    const rows = events.map((e) => eventReportData(ctx, e.id));
    const base = `${lang === 'fr' ? 'rapports' : 'reports'}-${year}-${String(month).padStart(2, '0')}`;
    if (format === 'xlsx') return { fileName: `${base}.xlsx`, mime: XLSX, base64: (await eventReportXlsx(rows, lang)).toString('base64') };
    return { fileName: `${base}.csv`, mime: 'text/csv', base64: eventReportCsv(rows, lang).toString('base64') };
  },
};

/** The client's report: PDF through the shared print port, XLSX (exceljs) and CSV (issue 16). */
export const reportsModule = defineModule({ name: 'reports', handlers });
