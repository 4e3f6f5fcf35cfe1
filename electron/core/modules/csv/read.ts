import Papa from 'papaparse';
import { AppError } from '@shared/errors.js';
import { decodeCsvBytes, type CsvEncoding } from './decode.js';
import { normalizeHeader } from './headers.js';

export type CsvSeparator = ';' | ',' | '\t';
const CANDIDATES: CsvSeparator[] = [';', ',', '\t'];

export interface CsvTable {
  encoding: CsvEncoding;
  separator: CsvSeparator;
  headers: string[];
  /** Data rows with the 1-based file line their record starts on (quoted newlines make records span lines). */
  rows: { line: number; cells: string[] }[];
  /** Structural problems (an unclosed quote…) with the line they start on. */
  problems: { line: number; message: string }[];
}

/**
 * Picks the separator that splits the first records into the same number (> 1) of fields most often.
 * Counting characters is not enough: French files use "," as the decimal mark inside ";"-separated rows.
 */
export function detectSeparator(text: string): CsvSeparator {
  const sample = text.slice(0, 64 * 1024);
  let best: { sep: CsvSeparator; score: number } = { sep: ';', score: -1 };
  for (const sep of CANDIDATES) {
    const res = Papa.parse<string[]>(sample, { delimiter: sep, preview: 50, skipEmptyLines: true });
    const counts = res.data.map((r) => r.length);
    const header = counts[0] ?? 0;
    if (header < 2) continue;
    const consistent = counts.filter((c) => c === header).length;
    // Consistency first, then more columns (a wrong separator rarely yields many equal columns).
    const score = consistent * 1000 + header;
    if (score > best.score) best = { sep, score };
  }
  return best.sep;
}

/** Decodes and splits a CSV file. Blank lines are skipped; line numbers stay those of the file. */
export function readCsv(bytes: Uint8Array, opts: { separator?: CsvSeparator } = {}): CsvTable {
  const { text, encoding } = decodeCsvBytes(bytes);
  return readCsvText(text, { ...opts, encoding });
}

export function readCsvText(text: string, opts: { separator?: CsvSeparator; encoding?: CsvEncoding } = {}): CsvTable {
  const separator = opts.separator ?? detectSeparator(text);
  const records: { line: number; cells: string[] }[] = [];
  const problems: { line: number; message: string }[] = [];
  // papaparse's cursor is just past each record's line break, so a record starts where the previous
  // one ended; its line is 1 + the line breaks before that point (quoted newlines included).
  let line = 1;
  let pos = 0;
  Papa.parse<string[]>(text, {
    delimiter: separator,
    skipEmptyLines: false,
    step: (res) => {
      const start = line;
      const end = res.meta.cursor;
      for (let i = pos; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
      }
      pos = end;
      for (const e of res.errors) {
        // A missing closing quote swallows the rest of the file: the user must see where it began.
        if (e.type === 'Quotes') problems.push({ line: start, message: 'Unclosed quote: the field runs to the end of the file' });
      }
      const cells = res.data;
      if (cells.every((c) => c.trim() === '')) return;
      records.push({ line: start, cells });
    },
  });
  const [head, ...rows] = records;
  const headers = (head?.cells ?? []).map((h) => h.trim());
  // Two columns with the same header: which one holds the value cannot be guessed (the first used to win silently).
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AppError('invalid_input', `The column "${h}" appears twice (columns ${first + 1} and ${i + 1}): remove or rename one`, {
        reason: 'duplicate_header',
        header: h,
        columns: [first + 1, i + 1],
      });
    }
    seen.set(key, i);
  });
  return { encoding: opts.encoding ?? 'utf-8', separator, headers, rows, problems };
}
