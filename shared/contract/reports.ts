import { z } from 'zod';
import { STAFF_READ } from '../model/roles.js';
import { ExportedFile, PrintLang } from '../print.js';
import { defineChannels } from './define.js';

const Format = z.enum(['pdf', 'xlsx', 'csv']);

/** The client's report (issue 16): one event as a one-page PDF, or as XLSX/CSV; a month's events in one spreadsheet. */
export const reportsChannels = defineChannels({
  'reports.event': {
    kind: 'query',
    input: z.strictObject({ eventId: z.string().min(1).max(64), format: Format, lang: PrintLang.default('fr') }),
    output: ExportedFile,
    roles: STAFF_READ,
  },
  'reports.month': {
    kind: 'query',
    input: z.strictObject({
      year: z.number().int().min(2000).max(2100),
      month: z.number().int().min(1).max(12),
      format: z.enum(['xlsx', 'csv']),
      lang: PrintLang.default('fr'),
    }),
    output: ExportedFile,
    roles: STAFF_READ,
  },
});
