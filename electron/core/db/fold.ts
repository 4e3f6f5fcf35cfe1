/**
 * Text as people compare it when they search or sort a French catalog: lower case, accents and
 * cedillas dropped (NFD, combining marks removed), œ/æ spelled out. Registered on every connection
 * as the SQL function `fold(text)` (SQLite's own LIKE and NOCASE fold ASCII letters only, so
 * "cable" missed "Câble" and "É…" sorted after "Z").
 */
export function foldText(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

// A catalog search folds the same names on every keystroke: remember them (bounded).
const cache = new Map<string, string>();
const CACHE_MAX = 200_000;

/** What `fold(x)` returns in SQL: folded text, anything else (NULL, numbers) unchanged. */
export function foldSql(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  let f = cache.get(v);
  if (f === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(v, (f = foldText(v)));
  }
  return f;
}
