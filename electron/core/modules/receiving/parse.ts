/**
 * Delivery-note lines from OCR text, matched to the catalog: pure, no I/O. A line is an item when it
 * ends with a whole quantity and carries a reference token or starts with a row number; its
 * reference is matched to a SKU exactly, else its words to the product names (accent- and
 * case-blind, token overlap), giving matched / unsure / unknown.
 */
export interface CatalogEntry {
  id: string;
  sku: string;
  name: string;
}
export interface ProposedLine {
  index: number;
  raw: string;
  reference: string | null;
  description: string;
  quantity: number;
  status: 'matched' | 'unsure' | 'unknown';
  productId: string | null;
  score: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ');
const skuKey = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const words = (s: string) => fold(s).match(/[a-z0-9]+/g) ?? [];

/** Share of the product name's words found in the line (each word once), 0–1. */
export function nameScore(line: string, name: string): number {
  const have = new Set(words(line));
  const want = [...new Set(words(name))];
  if (!want.length) return 0;
  return want.filter((w) => have.has(w)).length / want.length;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

const REF = /^[A-Z0-9][A-Z0-9./-]{3,}$/;
const isRef = (t: string) => REF.test(t) && /[A-Z]/.test(t) && /[0-9-]/.test(t);

/** A quantity cell as OCR reads it: a whole number, maybe with one speck stuck to its right. */
const QUANTITY = /^\d{1,6}[./'"”’»)]?$/;

/** Units a number in a designation carries ("180 cm", "3 m", "2 kg"): that number is a size, not a quantity. */
const UNIT = /^(mm|cm|m|km|g|kg|l|ml|cl|w|v|h|x|go|mo|to|pages?|pouces?)$/i;

/**
 * Splits one OCR line into reference, description and quantity, or null when it is not an item
 * line. `doubtful` is set when the number taken for the quantity may not be it: letters or digits
 * were read after it (the quantity cell came out as a speck: "… 25 a"); or it carries a unit
 * ("… 3 m", "… 180 cm a"), so it is a size in the designation and no quantity was read; or no
 * quantity was read at all. Without a quantity read the line is proposed with 0, to be filled in.
 */
export function parseLine(raw: string): { reference: string | null; description: string; quantity: number; doubtful?: true } | null {
  const tokens = raw
    .trim()
    .split(/\s+/)
    .map((t) => t.replace(/^[|:;,.«“"‘]+|[|:;,]+$/g, ''))
    .filter(Boolean);
  // The quantity: the last whole number, after OCR specks like "|" or ":"; a speck stuck to its
  // right ("25.", "27/", "12»") is not part of it.
  let q = tokens.length - 1;
  while (q >= 0 && !QUANTITY.test(tokens[q]!)) {
    if (tokens[q]!.length > 2) {
      q = -1; // a word after the last number: no quantity column read
      break;
    }
    q--;
  }
  if (tokens.length === 0) return null;
  const rowNumber = /^\d{1,3}\.?$/.test(tokens[0]!);
  const start = rowNumber ? 1 : 0;
  if (q < 1) {
    // No quantity read ("… 6x8 (2 rouleaux) sal"): a numbered row with a reference is still an item
    // line of the note. Proposed with no quantity (0), for the user to fill in — never left out unseen.
    const at = tokens.findIndex((t, i) => i >= start && isRef(t));
    if (!rowNumber || at < 0) return null;
    const rest = tokens.slice(start).filter((_, i) => i + start !== at);
    return { reference: tokens[at]!, description: rest.join(' '), quantity: 0, doubtful: true };
  }
  const quantity = Number(tokens[q]!.replace(/\D+$/, ''));
  const refAt = tokens.findIndex((t, i) => i >= start && i < q && isRef(t));
  if (!rowNumber && refAt < 0) return null;
  const reference = refAt >= 0 ? tokens[refAt]! : null;
  const description = tokens
    .slice(start, q)
    .filter((_, i) => i + start !== refAt)
    .join(' ');
  if (quantity <= 0 || (!reference && description.length < 3)) return null;
  const after = tokens.slice(q + 1);
  // A number with a unit is a size ("180 cm"): the quantity cell was not read, so none is proposed
  // (0: the user fills it in) rather than a figure that would book 180 tripods on a quick confirm.
  if (after.length > 0 && UNIT.test(after[0]!))
    return { reference, description: [description, ...tokens.slice(q, q + 2)].join(' '), quantity: 0, doubtful: true };
  const doubtful = after.some((t) => /[\p{L}\p{N}]/u.test(t));
  return doubtful ? { reference, description, quantity, doubtful } : { reference, description, quantity };
}

export function matchLine(
  p: { reference: string | null; description: string },
  catalog: CatalogEntry[],
): Pick<ProposedLine, 'status' | 'productId' | 'score'> {
  if (p.reference) {
    const key = skuKey(p.reference);
    const exact = catalog.find((c) => skuKey(c.sku) === key);
    if (exact) return { status: 'matched', productId: exact.id, score: 1 };
  }
  let best: { c: CatalogEntry; s: number } | null = null;
  for (const c of catalog) {
    let s = nameScore(p.description, c.name);
    // A reference one character off (OCR: 0/O, 1/I, 5/S) counts as much as a good name.
    if (p.reference && editDistance(skuKey(p.reference), skuKey(c.sku)) <= 1) s = Math.max(s, 0.85);
    if (!best || s > best.s) best = { c, s };
  }
  if (best && best.s >= 0.8)
    return { status: best.s >= 0.999 || (p.reference && best.s >= 0.85) ? 'matched' : 'unsure', productId: best.c.id, score: best.s };
  if (best && best.s >= 0.5) return { status: 'unsure', productId: best.c.id, score: best.s };
  return { status: 'unknown', productId: null, score: best?.s ?? 0 };
}

/** Every item line of a note's text, matched to the catalog. */
export function proposeLines(text: string, catalog: CatalogEntry[]): ProposedLine[] {
  const out: ProposedLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const parsed = parseLine(raw);
    if (!parsed) continue;
    const { doubtful, ...p } = parsed;
    const m = matchLine(p, catalog);
    // A row with no quantity read is only worth showing when its reference names a product.
    if (p.quantity === 0 && !m.productId) continue;
    // A product recognised with a quantity that may not be one is for the user to check.
    if (doubtful && m.status === 'matched') m.status = 'unsure';
    out.push({ index: out.length, raw: raw.trim(), ...p, ...m });
  }
  return out;
}
