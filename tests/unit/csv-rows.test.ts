import { describe, expect, it } from 'vitest';
import { readCsvText } from '@core/modules/csv/read.js';
import { guessMapping, type CsvKind } from '@core/modules/csv/headers.js';
import { toRecords, type MovementRow } from '@core/modules/csv/rows.js';
import { parseBoolean, parseDate, parseDecimal, parseInteger, parseList, parseRatio } from '@core/modules/csv/values.js';

/**
 * What a CSV row becomes in the ledger: type, direction, quantity, place, reason and the
 * idempotency key that keeps a re-import from doubling stock (issue 19, from StrykerJS survivors).
 */

function rows(kind: CsvKind, text: string) {
  const t = readCsvText(text);
  return toRecords(kind, t, guessMapping(kind, t.headers));
}
function movements(kind: 'movements' | 'sales', text: string): MovementRow[] {
  return rows(kind, text).records.map((r) => r.value as MovementRow);
}
const errorsOf = (kind: CsvKind, text: string) => rows(kind, text).errors.map((e) => [e.line, e.field, e.code]);

const HEAD = 'date;sku;type;quantité;emplacement;destination;motif\n';

describe('movement rows', () => {
  it('type words in French and English, with their direction', () => {
    const m = movements(
      'movements',
      HEAD +
        '01/02/2026;A;Entrée;5;Lyon;;\n' +
        '01/02/2026;A;réception;5;Lyon;;\n' +
        '01/02/2026;A;+;5;Lyon;;\n' +
        '01/02/2026;A;sortie;2;Lyon;;\n' +
        '01/02/2026;A;vente;2;Lyon;;\n' +
        '01/02/2026;A;-;2;Lyon;;\n' +
        '01/02/2026;A;inventaire;3;Lyon;;\n' +
        '01/02/2026;A;transfert;1;Lyon;Van;\n',
    );
    expect(m.map((r) => [r.type, r.direction, r.quantity])).toEqual([
      ['in', 1, 5],
      ['in', 1, 5],
      ['in', 1, 5],
      ['out', -1, 2],
      ['out', -1, 2],
      ['out', -1, 2],
      ['adjust', 1, 3],
      ['transfer', -1, 1],
    ]);
  });

  it('an adjustment carries its sign in the quantity; zero is refused', () => {
    const { records, errors } = rows('movements', HEAD + '01/02/2026;A;ajustement;-2,5;Lyon;;\n01/02/2026;A;ajustement;0;Lyon;;\n');
    expect(records.map((r) => [(r.value as MovementRow).direction, (r.value as MovementRow).quantity])).toEqual([[-1, 2.5]]);
    expect(errors.map((e) => [e.line, e.field, e.code, e.message])).toEqual([
      [3, 'quantity', 'csv.notPositive', 'Quantity must be more than 0'],
    ]);
  });

  it('required cells, each reported with its line and field', () => {
    expect(errorsOf('movements', HEAD + ';;;;Lyon;;\n')).toEqual([
      [2, 'sku', 'csv.required'],
      [2, 'date', 'csv.required'],
      [2, 'type', 'csv.required'],
      [2, 'quantity', 'csv.required'],
    ]);
    const e = rows('movements', HEAD + '01/02/2026;A;vol;x;Lyon;;\n').errors;
    expect(e.map((x) => [x.field, x.code, x.message])).toEqual([
      ['type', 'csv.badType', '"vol" is not a movement type (in/entrée, out/sortie, adjust/ajustement, transfer/transfert)'],
      ['quantity', 'csv.notNumber', '"x" is not a number'],
    ]);
    expect(rows('movements', HEAD + 'hier;A;sortie;1;Lyon;;\n').errors.map((x) => [x.field, x.message])).toEqual([
      ['date', '"hier" is not a date (dd/mm/yyyy or yyyy-mm-dd)'],
    ]);
  });

  it('quantities: more than 0, at most 1 000 000', () => {
    expect(errorsOf('movements', HEAD + '01/02/2026;A;sortie;-1;Lyon;;\n01/02/2026;A;entrée;0;Lyon;;\n')).toEqual([
      [2, 'quantity', 'csv.notPositive'],
      [3, 'quantity', 'csv.notPositive'],
    ]);
    const big = rows('movements', HEAD + '01/02/2026;A;entrée;1000000;Lyon;;\n01/02/2026;A;entrée;1000000,5;Lyon;;\n');
    expect(big.records.map((r) => (r.value as MovementRow).quantity)).toEqual([1_000_000]);
    expect(big.errors.map((e) => [e.line, e.code, e.message])).toEqual([[3, 'csv.tooLarge', 'Quantity is too large']]);
  });

  it('a transfer needs a destination other than its source; only transfers have one', () => {
    const r = rows(
      'movements',
      HEAD +
        '01/02/2026;A;transfert;1;Lyon;;\n' +
        '01/02/2026;A;transfert;1;Lyon;LYON;\n' +
        '01/02/2026;A;sortie;1;Lyon;Van;\n' +
        '01/02/2026;A;transfert;1;Lyon;Van;\n' +
        '01/02/2026;A;transfert;1;;Van;\n',
    );
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'toLocation', 'csv.required'],
      [3, 'toLocation', 'csv.sameLocation'],
      [4, 'toLocation', 'csv.unexpected'],
    ]);
    expect(r.records.map((x) => [x.line, (x.value as MovementRow).location, (x.value as MovementRow).toLocation])).toEqual([
      [5, 'Lyon', 'Van'],
      [6, null, 'Van'],
    ]);
  });

  it('reasons: kept, at most 500 characters', () => {
    const ok = movements('movements', HEAD + `01/02/2026;A;sortie;1;Lyon;;${'x'.repeat(500)}\n`);
    expect(ok[0]!.reason).toHaveLength(500);
    expect(errorsOf('movements', HEAD + `01/02/2026;A;sortie;1;Lyon;;${'x'.repeat(501)}\n`)).toEqual([[2, 'reason', 'csv.tooLong']]);
  });

  it('the whole row as read: date, sku, place, reference', () => {
    const [m] = movements('movements', 'id;date;sku;type;qté;emplacement;motif\nBL-7;05/03/2026 14:30;CADRE-A5;sortie;2;Lyon;Salon\n');
    expect(m).toMatchObject({
      reference: 'BL-7',
      occurredAt: new Date(2026, 2, 5, 14, 30).getTime(),
      sku: 'CADRE-A5',
      type: 'out',
      direction: -1,
      quantity: 2,
      location: 'Lyon',
      toLocation: null,
      reason: 'Salon',
    });
    expect(m!.idempotencyKey).toMatch(/^csv:movements:[0-9a-f]{32}#1$/);
  });
});

describe('sales rows', () => {
  it('are out movements; the reason names the invoice; a bad unit price is refused', () => {
    const r = rows(
      'sales',
      'date,sku,qty,invoice,unit price\n2026-02-01,A,2,F-100,12.50 €\n2026-02-01,A,1,,\n2026-02-01,A,1,F-102,douze\n',
    );
    expect(
      r.records.map((x) => [(x.value as MovementRow).type, (x.value as MovementRow).direction, (x.value as MovementRow).reason]),
    ).toEqual([
      ['out', -1, 'Vente F-100'],
      ['out', -1, 'Vente'],
    ]);
    expect(r.errors.map((e) => [e.line, e.field, e.code, e.message])).toEqual([
      [4, 'unitPrice', 'csv.notNumber', '"douze" is not a number'],
    ]);
  });
});

describe('idempotency keys', () => {
  const key = (kind: 'movements' | 'sales', text: string) => movements(kind, text).map((m) => m.idempotencyKey);

  it('a row with its own reference is identified by it (and the SKU): the same reference re-imported with other values is the same row', () => {
    const a = key('sales', 'date,sku,qty,invoice\n2026-02-01,A,2,F-1\n');
    const b = key('sales', 'date,sku,qty,invoice\n2026-03-09,A,5,F-1\n');
    const c = key('sales', 'date,sku,qty,invoice\n2026-02-01,B,2,F-1\n');
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a[0]).toMatch(/^csv:sales:[0-9a-f]{32}#1$/);
  });

  it('without a reference, every value that makes the movement is part of its identity', () => {
    const base = ['01/02/2026', 'A', 'transfert', '1', 'Lyon', 'Van', 'x'];
    const k = (cells: string[]) => key('movements', HEAD + cells.join(';') + '\n')[0];
    const k0 = k(base);
    for (let i = 0; i < base.length; i++) {
      const changed = base.slice();
      changed[i] = ['02/02/2026', 'B', 'sortie', '2', 'Paris', 'Camion', 'y'][i]!;
      if (i === 2) changed[5] = ''; // an out movement has no destination
      expect(k(changed), `column ${i}`).not.toBe(k0);
    }
    // The same movement in another kind of file is another fact.
    expect(key('sales', 'date,sku,qty\n01/02/2026,A,1\n')[0]).not.toBe(key('movements', HEAD + '01/02/2026;A;sortie;1;;;Vente\n')[0]);
  });

  it('identical rows in one file get #1, #2 …; the first copy keeps the key it has alone', () => {
    const once = key('sales', 'date,sku,qty\n2026-02-01,A,1\n');
    const thrice = key('sales', 'date,sku,qty\n2026-02-01,A,1\n2026-02-01,A,1\n2026-02-01,A,1\n');
    expect(thrice[0]).toBe(once[0]);
    expect(thrice.map((k) => k.slice(-2))).toEqual(['#1', '#2', '#3']);
    expect(new Set(thrice.map((k) => k.slice(0, -2))).size).toBe(1);
  });
});

describe('files', () => {
  it('a missing required column refuses the file at line 1, naming every missing field', () => {
    const r = rows('movements', 'date;sku\n01/02/2026;A\n');
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([
      { line: 1, field: 'type', code: 'csv.missingColumn', message: 'No column for required field(s): type, quantity' },
    ]);
  });

  it('an unclosed quote is reported with the rows', () => {
    const r = rows('sales', 'date,sku,qty\n2026-02-01,A,1\n2026-02-01,"B,1\n');
    expect(r.errors[0]).toMatchObject({ field: null, code: 'csv.quotes' });
  });

  it('a product row with a bad price, yes/no or whole number lists each; a SKU twice names the first line', () => {
    const r = rows('products', 'sku;nom;prix;délai;actif\nA;Bâche;12,5 €;3;oui\nB;Cadre;douze;2,5;peut-être\nA;Encore;1;1;non\n');
    expect(r.records.map((x) => x.value)).toEqual([expect.objectContaining({ sku: 'A', price: 12.5, leadTimeDays: 3, active: true })]);
    expect(r.errors.map((e) => [e.line, e.field, e.code, e.message])).toEqual([
      [3, 'price', 'csv.notNumber', '"douze" is not a number'],
      [3, 'leadTimeDays', 'csv.notInteger', '"2,5" is not a whole number'],
      [3, 'active', 'csv.notBoolean', '"peut-être" is not yes/no (oui/non)'],
      [4, 'sku', 'csv.duplicateSku', 'SKU A already appears on line 2'],
    ]);
  });

  it('a product file without a name column updates by SKU; an empty name with the column present is refused', () => {
    expect(rows('products', 'sku;prix\nA;3\n').records.map((x) => x.value)).toEqual([
      expect.objectContaining({ sku: 'A', name: 'A', price: 3 }),
    ]);
    expect(errorsOf('products', 'sku;nom;prix\nA;;3\n')).toEqual([[2, 'name', 'csv.invalid']]);
  });

  it('services: duration and price parsed, a bad one refuses the row', () => {
    const r = rows('services', 'titre;durée;prix\nPhotobooth;240;890\nBorne;quatre;1\n');
    expect(r.records.map((x) => x.value)).toEqual([expect.objectContaining({ title: 'Photobooth', durationMin: 240, price: 890 })]);
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([[3, 'durationMin', 'csv.notInteger']]);
  });
});

describe('cell values', () => {
  it('numbers: signs, a leading dot, exponents; grouping marks only where they group', () => {
    expect(parseDecimal('+3')).toBe(3);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('1.234.567')).toBe(1234567);
    expect(parseDecimal(" 1'234,5 ")).toBe(1234.5);
    expect(parseDecimal('1.234.5')).toBeNull();
    expect(parseDecimal('12,34,5')).toBeNull();
    expect(parseDecimal('1,234,56')).toBeNull();
    expect(parseDecimal('1e999')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
  });

  it('whole numbers: "12", "12,0", "1 000"; not "2,5"', () => {
    expect(parseInteger('12,0')).toBe(12);
    expect(parseInteger('1 000')).toBe(1000);
    expect(parseInteger('2,5')).toBeNull();
    expect(parseInteger('x')).toBeNull();
  });

  it('ratios: a percent sign or a number above 1 is a percentage; at most 1 as written is a ratio', () => {
    expect(parseRatio('1')).toBe(1);
    expect(parseRatio('0,5 %')).toBe(0.005);
    expect(parseRatio('99,5')).toBeCloseTo(0.995, 12);
    expect(parseRatio('beaucoup')).toBeNull();
  });

  it('dates: two-digit years are 20xx, seconds kept, times and days checked', () => {
    expect(parseDate('05/03/26 14:30:15')).toBe(new Date(2026, 2, 5, 14, 30, 15).getTime());
    expect(parseDate('2026-03-05 08:09:10')).toBe(new Date(2026, 2, 5, 8, 9, 10).getTime());
    expect(parseDate('2026-03-05T08:09')).toBe(new Date(2026, 2, 5, 8, 9).getTime());
    expect(parseDate('2026-03-05T08:09:10+01:00')).toBe(Date.UTC(2026, 2, 5, 7, 9, 10));
    for (const bad of [
      '05/03/2026 23:60',
      '05/03/2026 12:00:60',
      '2026-03-05 24:00',
      '2026-02-30',
      '29/02/2027',
      '  ',
      '2026-03-05T99:00Z',
    ])
      expect(parseDate(bad), bad).toBeNull();
    expect(parseDate('29/02/2028')).toBe(new Date(2028, 1, 29).getTime());
    expect(parseDate('31/12/2026 23:59:59')).toBe(new Date(2026, 11, 31, 23, 59, 59).getTime());
  });

  it('lists: split on | or new lines, trimmed, empties dropped', () => {
    expect(parseList(' recyclable |  | made in France \n local ')).toEqual(['recyclable', 'made in France', 'local']);
    expect(parseList('')).toEqual([]);
  });
});

/** From the StrykerJS after-run on the merged code (issue 19): each assertion kills a surviving mutant. */
describe('after-run survivors', () => {
  it('cells are trimmed (quoted spaces too); a row shorter than the header has empty cells', () => {
    const m = movements('movements', HEAD + '01/02/2026;" A ";" sortie ";" 2 ";" Lyon ";;" x "\n01/02/2026;B;entrée;5\n');
    expect(m.map((r) => [r.sku, r.type, r.quantity, r.location, r.toLocation, r.reason])).toEqual([
      ['A', 'out', 2, 'Lyon', null, 'x'],
      ['B', 'in', 5, null, null, ''],
    ]);
  });

  it('every refusal of a movement row says what is wrong in words (the CLI and logs show them)', () => {
    const e = (text: string) => rows('movements', HEAD + text).errors.map((x) => [x.field, x.code, x.message]);
    expect(e(';;;;Lyon;;\n')).toEqual([
      ['sku', 'csv.required', 'SKU is required'],
      ['date', 'csv.required', 'Date is required'],
      ['type', 'csv.required', 'Type is required (in, out, adjust, transfer)'],
      ['quantity', 'csv.required', 'Quantity is required'],
    ]);
    expect(e('hier;A;sortie;1;Lyon;;\n')).toEqual([['date', 'csv.notDate', '"hier" is not a date (dd/mm/yyyy or yyyy-mm-dd)']]);
    expect(e('01/02/2026;A;sortie;2000000;Lyon;;\n')).toEqual([['quantity', 'csv.tooLarge', 'Quantity is too large']]);
    expect(e('01/02/2026;A;transfert;1;Lyon;;\n')).toEqual([['toLocation', 'csv.required', 'A transfer needs a destination']]);
    expect(e('01/02/2026;A;transfert;1;Lyon;lyon;\n')).toEqual([
      ['toLocation', 'csv.sameLocation', 'Destination must differ from the source'],
    ]);
    expect(e(`01/02/2026;A;sortie;1;Lyon;;${'x'.repeat(501)}\n`)).toEqual([['reason', 'csv.tooLong', 'Reason: 500 characters at most']]);
    // Only a transfer is checked for the same place at both ends: an out movement with a destination is refused once.
    expect(e('01/02/2026;A;sortie;1;Lyon;Lyon;\n')).toEqual([['toLocation', 'csv.unexpected', 'Only transfers have a destination']]);
  });

  it('idempotency keys never change from one version to the next (a file imported again must be recognised)', () => {
    // Pinned: a change here makes every earlier import look new and doubles stock on re-import.
    expect(movements('sales', 'date,sku,qty,invoice\n2026-02-01T10:00:00Z,A,2,F-1\n')[0]!.idempotencyKey).toBe(
      'csv:sales:efcb4bd49f81d9b054fb9b798def989f#1',
    );
    expect(movements('movements', HEAD + '2026-02-01T10:00:00Z;A;sortie;1;;;x\n')[0]!.idempotencyKey).toBe(
      'csv:movements:22b6f2be4193a54a1eb27d3504176995#1',
    );
  });

  it('clients: a bad row is refused, the good ones become records', () => {
    const r = rows('clients', 'nom;email;type;société\nAcme;contact@acme.fr;entreprise;\nBad;;bizarre;\nJean;jean@x.fr;particulier;Acme\n');
    expect(r.records.map((x) => [x.line, (x.value as { name: string }).name])).toEqual([
      [2, 'Acme'],
      [4, 'Jean'],
    ]);
    expect(r.errors.map((x) => [x.line, x.field, x.code])).toEqual([[3, 'kind', 'csv.badClientKind']]);
  });

  it('numbers: a leading decimal comma, signed and mis-grouped thousands, exponents both ways, no hex', () => {
    expect(parseDecimal(',5')).toBe(0.5);
    expect(parseDecimal('.55')).toBe(0.55);
    expect(parseDecimal('-1,234,567')).toBe(-1234567);
    expect(parseDecimal('12,345,678')).toBe(12345678);
    expect(parseDecimal('-1.234.567')).toBe(-1234567);
    expect(parseDecimal('12.345.678')).toBe(12345678);
    for (const bad of ['12345,678,901', '1,234,567,8', '12345.678.901', '1.234.567.8', '0x10', '0b11'])
      expect(parseDecimal(bad), bad).toBeNull();
    expect(parseDecimal('1e-3')).toBe(0.001);
    expect(parseDecimal('1e10')).toBe(1e10);
  });

  it('ratios: a percent sign counts even with spaces after it', () => {
    expect(parseRatio('0,5 % ')).toBe(0.005);
  });

  it('dates: surrounding spaces, minutes past 59 within the hour, years before 100 refused', () => {
    expect(parseDate(' 05/03/2026 ')).toBe(new Date(2026, 2, 5).getTime());
    expect(parseDate('05/03/2026 12:60')).toBeNull();
    expect(parseDate('01/01/0050')).toBeNull();
    expect(parseDate('0050-01-01')).toBeNull();
  });

  it('yes/no: every word, any case, spaces around', () => {
    for (const w of ['1', 'oui', 'o', 'yes', 'y', 'true', 'vrai', 'x', 'actif', 'active', ' Oui ', 'VRAI'])
      expect(parseBoolean(w), w).toBe(true);
    for (const w of ['0', 'non', 'n', 'no', 'false', 'faux', 'archivé', 'archive', 'archived', 'inactif', 'inactive', ' Non ', 'Archivé'])
      expect(parseBoolean(w), w).toBe(false);
    expect(parseBoolean('peut-être')).toBeNull();
  });

  it('lists: the separator takes no letters with it', () => {
    expect(parseList('a|b')).toEqual(['a', 'b']);
    expect(parseList('a |b')).toEqual(['a', 'b']);
  });
});
