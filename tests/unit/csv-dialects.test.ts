import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '@core/modules/csv/decode.js';
import { detectSeparator, readCsv, readCsvText } from '@core/modules/csv/read.js';
import { parseBoolean, parseDate, parseDecimal, parseRatio } from '@core/modules/csv/values.js';
import { guessMapping, missingRequired, normalizeHeader } from '@core/modules/csv/headers.js';
import { toRecords } from '@core/modules/csv/rows.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cp1252 = (s: string) =>
  Uint8Array.from([...s].map((c) => ({ é: 0xe9, è: 0xe8, à: 0xe0, ç: 0xe7, '€': 0x80, ô: 0xf4 })[c] ?? c.charCodeAt(0)));

describe('encoding', () => {
  it('reads UTF-8 with a BOM, UTF-8 without, and Windows-1252', () => {
    const text = 'Référence;Désignation\nA1;Bâche été à 5 €\n';
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeCsvBytes(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    const latin = 'Référence;Désignation\nA1;Crème à 5 €\n';
    expect(decodeCsvBytes(cp1252(latin))).toEqual({ text: latin, encoding: 'windows-1252' });
  });
  it('a BOM never leaks into the first header', () => {
    const t = readCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('sku,name\nA,B\n')]));
    expect(t.headers).toEqual(['sku', 'name']);
  });
});

describe('separator', () => {
  it('detects ";" even when decimal commas are everywhere', () => {
    expect(detectSeparator('sku;prix;coût\nA;1,5;0,75\nB;2,25;1,1\n')).toBe(';');
  });
  it('detects "," and tab', () => {
    expect(detectSeparator('sku,price,cost\nA,1.5,0.75\nB,"2,25",1\n')).toBe(',');
    expect(detectSeparator('sku\tprice\nA\t1\n')).toBe('\t');
  });
});

describe('records and line numbers', () => {
  it('keeps quoted separators and newlines inside fields and reports the line each record starts on', () => {
    const t = readCsvText('sku;description;prix\r\nA;"deux; lignes\r\nici";1,5\r\n\r\nB;"dit ""bonjour""";2\r\n');
    expect(t.rows).toEqual([
      { line: 2, cells: ['A', 'deux; lignes\r\nici', '1,5'] },
      { line: 5, cells: ['B', 'dit "bonjour"', '2'] },
    ]);
  });
  it('reports an unclosed quote at the line it starts', () => {
    const t = readCsvText('sku;name\nA;ok\nB;"never closed\nC;x\n');
    expect(t.problems[0]).toMatchObject({ line: 3 });
  });
});

describe('cells', () => {
  it('numbers: decimal comma, grouping spaces (incl. no-break), both marks', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('1 234,56')).toBe(1234.56);
    expect(parseDecimal('1\u202f234,56')).toBe(1234.56);
    expect(parseDecimal('1.234,56')).toBe(1234.56);
    expect(parseDecimal('1,234.56')).toBe(1234.56);
    expect(parseDecimal('1,234,567')).toBe(1234567);
    expect(parseDecimal('-3')).toBe(-3);
    expect(parseDecimal('12.5')).toBe(12.5);
    for (const bad of ['', 'abc', '1,2,3', '1..2', '12a']) expect(parseDecimal(bad)).toBeNull();
  });
  it('ratios: "95 %", "95", "0,95"', () => {
    expect(parseRatio('95 %')).toBeCloseTo(0.95);
    expect(parseRatio('95')).toBeCloseTo(0.95);
    expect(parseRatio('0,95')).toBeCloseTo(0.95);
  });
  it('dates: dd/mm/yyyy (with time), ISO, ISO with zone; impossible dates refused', () => {
    expect(parseDate('05/03/2026')).toBe(new Date(2026, 2, 5).getTime());
    expect(parseDate('5/3/26')).toBe(new Date(2026, 2, 5).getTime());
    expect(parseDate('05.03.2026 14:30')).toBe(new Date(2026, 2, 5, 14, 30).getTime());
    expect(parseDate('05/03/2026 14h30')).toBe(new Date(2026, 2, 5, 14, 30).getTime());
    expect(parseDate('2026-03-05')).toBe(new Date(2026, 2, 5).getTime());
    expect(parseDate('2026-03-05T10:00:00Z')).toBe(Date.UTC(2026, 2, 5, 10));
    for (const bad of ['31/02/2026', '2026-13-01', '05/03/2026 25:00', 'hier', '03-2026']) expect(parseDate(bad)).toBeNull();
  });
  it('booleans in French and English', () => {
    expect(parseBoolean('Oui')).toBe(true);
    expect(parseBoolean('non')).toBe(false);
    expect(parseBoolean('archivé')).toBe(false);
    expect(parseBoolean('peut-être')).toBeNull();
  });
});

describe('headers', () => {
  it('maps French and English headers, accents and case ignored', () => {
    expect(normalizeHeader('  Délai_(j) ')).toBe('delai j');
    const fr = guessMapping('products', ['Référence', 'Désignation', 'Prix de vente', 'Fournisseur', 'Éco-score', 'Colonne libre']);
    expect(fr).toMatchObject({ sku: 0, name: 1, price: 2, supplier: 3, ecoScore: 4, cost: null });
    const en = guessMapping('movements', ['date', 'sku', 'type', 'qty', 'location', 'reason']);
    expect(en).toMatchObject({ date: 0, sku: 1, type: 2, quantity: 3, location: 4, reason: 5 });
    expect(missingRequired('movements', { ...en, quantity: null })).toEqual(['quantity']);
  });
});

describe('rows', () => {
  it('lists every bad row with its line and reason, not only the first', () => {
    const t = readCsvText(
      'Date;Référence;Type;Quantité\n01/02/2026;A;entrée;5\n31/02/2026;A;sortie;1\n02/02/2026;B;vol;2\n03/02/2026;C;sortie;-4\n04/02/2026;D;ajustement;-2\n',
    );
    const { records, errors } = toRecords('movements', t, guessMapping('movements', t.headers));
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'date'],
      [4, 'type'],
      [5, 'quantity'],
    ]);
    expect(records.map((r) => r.line)).toEqual([2, 6]);
    const adj = records[1]!;
    expect(adj.kind === 'movements' && adj.value).toMatchObject({ type: 'adjust', quantity: 2, direction: -1 });
  });
  it('gives identical rows distinct but stable idempotency keys', () => {
    const text = 'date,sku,qty\n2026-02-01,A,1\n2026-02-01,A,1\n';
    const a = toRecords('sales', readCsvText(text), guessMapping('sales', ['date', 'sku', 'qty']));
    const b = toRecords('sales', readCsvText(text), guessMapping('sales', ['date', 'sku', 'qty']));
    const keys = a.records.map((r) => (r.kind === 'sales' ? r.value.idempotencyKey : ''));
    expect(new Set(keys).size).toBe(2);
    expect(b.records.map((r) => (r.kind === 'sales' ? r.value.idempotencyKey : ''))).toEqual(keys);
  });
  it('validates product rows with the catalog rules and refuses a SKU twice in one file', () => {
    const t = readCsvText(
      'sku;nom;prix;éco-score;taux de service\nA;Bâche;12,5;80;95 %\nB;;1;1;0,9\nA;Encore;1;1;0,9\nC;Cadre;1;140;0,9\n',
    );
    const { records, errors } = toRecords('products', t, guessMapping('products', t.headers));
    expect(records).toHaveLength(1);
    expect(records[0]!.value).toMatchObject({ sku: 'A', price: 12.5, ecoScore: 80, serviceLevel: 0.95 });
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'name'],
      [4, 'sku'],
      [5, 'ecoScore'],
    ]);
  });
});
