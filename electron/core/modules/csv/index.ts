import { defineModule } from '@core/module.js';
import { csvHandlers } from './handlers.js';

/** CSV import (preview, commit in a worker) and export. */
export const csvModule = defineModule({ name: 'csv', handlers: csvHandlers });

/** CSV writing helpers other modules' exports share (French or English number format). */
export { csvFileName, formatNumber, toCsvText, type ExportFormat } from './write.js';

/** The dialect-aware reader (separator , ; or tab, quotes, file line numbers) and the FR/EN number parser, for other modules' CSV formats. */
export { detectSeparator, readCsvText } from './read.js';
export { parseDecimal } from './values.js';
