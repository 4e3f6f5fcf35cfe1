import { z } from 'zod';
import { STAFF_READ } from '../model/roles.js';
import { ExportedFile, PrintLang } from '../print.js';
import { defineChannels } from './define.js';

const Format = z.enum(['pdf', 'xlsx', 'csv']);
const Month = {
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
  /** One client's events only (the name on the event, as the screen lists them). */
  client: z.string().trim().min(1).max(200).optional(),
};

/** One line of the Reports screen: an event of the month and its figures. */
export const ReportLine = z.object({
  id: z.string(),
  clientName: z.string(),
  eventType: z.string().nullable(),
  startsAt: z.number(),
  endsAt: z.number(),
  boothName: z.string().nullable(),
  place: z.string().nullable(),
  status: z.enum(['active', 'completed', 'archived']),
  totals: z.object({ sessions: z.number(), photos: z.number(), prints: z.number(), digital: z.number(), gifs: z.number() }),
});
export type ReportLine = z.infer<typeof ReportLine>;

/** The client's report (issue 16): one event as a one-page PDF, or as XLSX/CSV; a month's events in one spreadsheet. */
export const reportsChannels = defineChannels({
  'reports.event': {
    kind: 'query',
    input: z.strictObject({ eventId: z.string().min(1).max(64), format: Format, lang: PrintLang.default('fr') }),
    output: ExportedFile,
    roles: STAFF_READ,
  },
  /** A month's events (optionally one client's) in one file: XLSX/CSV rows, or a PDF of one report page per event. */
  'reports.month': {
    kind: 'query',
    input: z.strictObject({ ...Month, format: Format, lang: PrintLang.default('fr') }),
    output: ExportedFile,
    roles: STAFF_READ,
  },
  /** The Reports screen: the month's clients, its events with their figures (optionally one client's), and their sum. */
  'reports.preview': {
    kind: 'query',
    input: z.strictObject(Month),
    output: z.object({ clients: z.array(z.string()), events: z.array(ReportLine), totals: ReportLine.shape.totals }),
    roles: STAFF_READ,
  },
});
