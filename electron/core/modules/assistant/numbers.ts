/**
 * The numbers check: every figure in an answer should come from the data the answer used (tool
 * results, the question). A figure found nowhere is flagged under the answer.
 */

export interface Figure {
  raw: string;
  /** Possible readings ("1,500" is 1.5 in French and 1500 in English). */
  values: number[];
  decimals: number;
}

const NUM = /(?<![\p{L}\p{N}_.,-])-?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:([.,])(\d+))?(?![\p{L}\p{N}_])/gu;

/** The figures of a text, without list markers ("1. ", "2) ") and heading numbers. */
export function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/^\s*(?:\d+[.)]\s+|#+\s*\d+[.)]?\s+)/, (m) => ' '.repeat(m.length));
    for (const m of body.matchAll(NUM)) {
      const intPart = m[1]!.replace(/[ \u00a0\u202f]/g, '');
      const sep = m[2];
      const frac = m[3];
      const values: number[] = [];
      if (frac === undefined) values.push(Number(intPart));
      else {
        values.push(Number(`${intPart}.${frac}`));
        if (sep === ',' && frac.length === 3) values.push(Number(`${intPart}${frac}`));
        if (sep === '.' && frac.length === 3) values.push(Number(`${intPart}${frac}`));
      }
      const neg = m[0].startsWith('-');
      out.push({ raw: m[0], values: values.map((v) => (neg ? -v : v)), decimals: frac?.length ?? 0 });
    }
  }
  return out;
}

const DAY_MIN = Date.UTC(2000, 0, 1);
const DAY_MAX = Date.UTC(2100, 0, 1);

/** Every number a source holds: numeric fields, numbers inside strings, and the parts of dates. */
export function numbersOf(source: unknown, into: number[] = []): number[] {
  if (typeof source === 'number' && Number.isFinite(source)) {
    into.push(source);
    if (source >= DAY_MIN && source < DAY_MAX) {
      // An instant as the person reads it (their clock) and a forecast day label (a UTC midnight) as its date.
      const d = new Date(source);
      into.push(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours());
      into.push(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours());
    }
  } else if (typeof source === 'string') {
    for (const f of figuresIn(source)) into.push(...f.values);
    for (const m of source.matchAll(/\d+/g)) into.push(Number(m[0]));
  } else if (Array.isArray(source)) for (const x of source) numbersOf(x, into);
  else if (source && typeof source === 'object') for (const x of Object.values(source)) numbersOf(x, into);
  return into;
}

function matches(f: Figure, known: number[]): boolean {
  const scale = 10 ** f.decimals;
  return f.values.some((v) =>
    known.some((k) => {
      const a = Math.abs(k);
      const w = Math.abs(v);
      return Math.round(a * scale) / scale === w || Math.round(a * 100 * scale) / scale === w || a === w;
    }),
  );
}

/** One line per distinct figure of the answer: found in the sources, or not. */
export function checkNumbers(answer: string, sources: unknown[]): { figure: string; found: boolean }[] {
  const known = numbersOf(sources);
  const seen = new Map<string, boolean>();
  for (const f of figuresIn(answer)) {
    const key = f.raw.trim();
    if (!seen.has(key)) seen.set(key, matches(f, known));
  }
  return [...seen].map(([figure, found]) => ({ figure, found }));
}
