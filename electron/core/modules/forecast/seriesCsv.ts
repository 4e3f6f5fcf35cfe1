import { detectSeparator, parseDecimal, readCsvText } from '@core/modules/csv/index.js';
import { AppError } from '@shared/errors.js';
import type { KindHint } from './types.js';

export interface SeriesMeta {
  frequency: number;
  horizon: number;
  kind?: KindHint;
}

/**
 * Reads one of these small CSV formats into header-checked rows with their file line numbers,
 * through the CSV module's reader: the separator may be a comma, a semicolon (French Excel) or a
 * tab, and cells may be quoted (a series id holding a comma). Header names are matched without case.
 */
function rows(text: string, expected: string[], what: string): { line: number; cells: string[] }[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    throw new AppError('invalid_input', `${what} is empty: expected a header line ${expected.join(',')} and rows below it`);
  const table = body.includes('"') ? readCsvText(body) : splitUnquoted(body);
  const problem = table.problems[0];
  if (problem) throw new AppError('invalid_input', `${what} line ${problem.line}: ${problem.message}`);
  const header = table.headers.map((h) => h.toLowerCase());
  for (let i = 0; i < expected.length; i++) {
    if (header[i] !== expected[i])
      throw new AppError(
        'invalid_input',
        `${what}: header must start with ${expected.join(',')} (got ${table.headers.join(table.separator)}); the separator may be , ; or a tab`,
      );
  }
  const out: { line: number; cells: string[] }[] = [];
  for (const r of table.rows) {
    if (r.cells.length < expected.length)
      throw new AppError('invalid_input', `${what} line ${r.line}: expected ${expected.length} columns, got ${r.cells.length}`);
    out.push({ line: r.line, cells: r.cells.map((c) => c.trim()) });
  }
  if (out.length === 0) throw new AppError('invalid_input', `${what} has a header but no rows`);
  return out;
}

/**
 * The same table as readCsvText's for a text without a quote (nearly every such file): a plain split
 * by line and separator, 3–4× faster on the multi-megabyte series files scripts pass.
 */
function splitUnquoted(text: string): { separator: string; headers: string[]; rows: { line: number; cells: string[] }[]; problems: [] } {
  const separator = detectSeparator(text);
  const lines = text.split(/\r?\n/);
  const rows: { line: number; cells: string[] }[] = [];
  let headers: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (headers) rows.push({ line: i + 1, cells: l.split(separator) });
    else headers = l.split(separator).map((h) => h.trim());
  }
  return { separator, headers: headers ?? [], rows, problems: [] };
}

/** A cell of a forecast's y or bound: "3.5", "3,5" or "1 234,5" (the CSV module's number rules). */
function number(cell: string): number {
  // Plain "12" / "3.5" first: parseDecimal's rules cost ~1 µs a cell on files of a million cells.
  return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : (parseDecimal(cell) ?? NaN);
}

/**
 * Parses `series_id,t,y`. Rows of one series may come in any order; t must be a positive integer
 * without gaps or duplicates so the period index is unambiguous. `firstT`, when given, receives
 * each series' first t (the dates file's key for its first day).
 */
export function parseSeriesCsv(text: string, firstT?: Map<string, number>): Map<string, number[]> {
  const points = new Map<string, Map<number, number>>();
  for (const { line, cells } of rows(text, ['series_id', 't', 'y'], 'input')) {
    const id = cells[0]!.trim();
    if (!id) throw new AppError('invalid_input', `input line ${line}: empty series_id`);
    const t = Number(cells[1]);
    if (!Number.isInteger(t) || t < 1)
      throw new AppError('invalid_input', `input line ${line}: t must be a positive integer (got "${cells[1]}")`);
    const y = number(cells[2]!);
    if (!Number.isFinite(y)) throw new AppError('invalid_input', `input line ${line}: y must be a number (got "${cells[2]}")`);
    let s = points.get(id);
    if (!s) points.set(id, (s = new Map()));
    if (s.has(t)) throw new AppError('invalid_input', `input line ${line}: duplicate t=${t} for series ${id}`);
    s.set(t, y);
  }
  const out = new Map<string, number[]>();
  for (const [id, s] of points) {
    const ts = [...s.keys()].sort((a, b) => a - b);
    const y: number[] = [];
    for (let i = 0; i < ts.length; i++) {
      if (ts[i] !== ts[0]! + i) throw new AppError('invalid_input', `series ${id}: missing t=${ts[0]! + i}`);
      y.push(s.get(ts[i]!)!);
    }
    out.set(id, y);
    firstT?.set(id, ts[0]!);
  }
  return out;
}

/**
 * Parses `t,date` (date as YYYY-MM-DD, the calendar day of step t: online_retail_daily_dates.csv's
 * format) into t → UTC day (ms). A daily series forecast with its dates has a real calendar (events
 * on moving dates: Easter, Mother's Day…).
 */
export function parseDatesCsv(text: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const { line, cells } of rows(text, ['t', 'date'], 'dates')) {
    const t = Number(cells[0]);
    if (!Number.isInteger(t) || t < 1)
      throw new AppError('invalid_input', `dates line ${line}: t must be a positive integer (got "${cells[0]}")`);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cells[1]!.trim());
    const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || new Date(day).toISOString().slice(0, 10) !== cells[1]!.trim())
      throw new AppError('invalid_input', `dates line ${line}: date must be a day as YYYY-MM-DD (got "${cells[1]}")`);
    if (out.has(t)) throw new AppError('invalid_input', `dates line ${line}: t=${t} is listed twice`);
    out.set(t, day);
  }
  return out;
}

/**
 * The UTC day of a daily series' first step from a dates file: its first t's date, every later
 * step's date the day after the one before (a gap or a jump would make the steps no calendar days).
 */
export function seriesStartDay(dates: ReadonlyMap<number, number>, id: string, firstT: number, length: number): number {
  const start = dates.get(firstT);
  if (start === undefined) throw new AppError('invalid_input', `dates: no date for t=${firstT} (the first step of series ${id})`);
  for (let t = firstT + 1; t < firstT + length; t++) {
    const d = dates.get(t);
    if (d !== start + (t - firstT) * 86_400_000)
      throw new AppError(
        'invalid_input',
        `dates: t=${t} (series ${id}) must be the day after t=${t - 1}${d === undefined ? ', it has no date' : ''}`,
      );
  }
  return start;
}

const KINDS = new Set(['smooth', 'erratic', 'intermittent', 'lumpy', 'seasonal']);

/** Parses `series_id,frequency,horizon,kind` (kind may be empty: the engine then classifies). */
export function parseMetaCsv(text: string): Map<string, SeriesMeta> {
  const out = new Map<string, SeriesMeta>();
  for (const { line, cells } of rows(text, ['series_id', 'frequency', 'horizon'], 'meta')) {
    const frequency = Number(cells[1]);
    const horizon = Number(cells[2]);
    if (!Number.isInteger(frequency) || frequency < 1)
      throw new AppError('invalid_input', `meta line ${line}: frequency must be a positive integer`);
    if (!Number.isInteger(horizon) || horizon < 1)
      throw new AppError('invalid_input', `meta line ${line}: horizon must be a positive integer`);
    const id = cells[0]!.trim();
    if (!id) throw new AppError('invalid_input', `meta line ${line}: empty series_id`);
    if (out.has(id)) throw new AppError('invalid_input', `meta line ${line}: series ${id} is listed twice`);
    const k = (cells[3] ?? '').trim();
    if (k && !KINDS.has(k))
      throw new AppError('invalid_input', `meta line ${line}: kind must be smooth, seasonal, erratic, intermittent or lumpy (got "${k}")`);
    out.set(id, { frequency, horizon, kind: (k || undefined) as KindHint | undefined });
  }
  return out;
}

/** Parses `series_id,h,p10,p50,p90` (p10/p90 may be empty, as in the published M3 point forecasts). */
export function parseForecastCsv(text: string): Map<string, { p10: number[]; p50: number[]; p90: number[] }> {
  const out = new Map<string, { p10: number[]; p50: number[]; p90: number[] }>();
  for (const { line, cells } of rows(text, ['series_id', 'h', 'p10', 'p50', 'p90'], 'forecast')) {
    const id = cells[0]!.trim();
    const h = Number(cells[1]);
    if (!Number.isInteger(h) || h < 1) throw new AppError('invalid_input', `forecast line ${line}: h must be a positive integer`);
    let f = out.get(id);
    if (!f) out.set(id, (f = { p10: [], p50: [], p90: [] }));
    const num = (s: string | undefined) => (s === undefined || s === '' ? NaN : number(s));
    f.p10[h - 1] = num(cells[2]);
    f.p50[h - 1] = num(cells[3]);
    f.p90[h - 1] = num(cells[4]);
  }
  return out;
}

/** Writes `series_id,h,p10,p50,p90` (comma, dot decimals: what scripts read); an id holding a comma, quote or line break is quoted. */
export function formatForecastCsv(results: Iterable<{ id: string; p10: number[]; p50: number[]; p90: number[] }>): string {
  const lines = ['series_id,h,p10,p50,p90'];
  const r = (v: number) => String(Math.round(v * 10000) / 10000);
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const f of results) {
    const id = field(f.id);
    for (let i = 0; i < f.p50.length; i++) lines.push(`${id},${i + 1},${r(f.p10[i]!)},${r(f.p50[i]!)},${r(f.p90[i]!)}`);
  }
  return lines.join('\n') + '\n';
}
