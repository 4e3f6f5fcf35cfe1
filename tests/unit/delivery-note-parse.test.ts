import { describe, expect, it } from 'vitest';
import { nameScore, parseLine, proposeLines } from '@core/modules/receiving/parse.js';

const CATALOG = [
  { id: 'p1', sku: 'USB-C-2M', name: 'Câble USB-C 2 m' },
  { id: 'p2', sku: 'CAD-A4-BOIS', name: 'Cadre photo A4 bois' },
  { id: 'p3', sku: 'PAP-DNP-6X4', name: 'Papier DNP 6x4 (2 rouleaux)' },
  { id: 'p4', sku: 'PAP-DNP-6X8', name: 'Papier DNP 6x8 (2 rouleaux)' },
];

describe('delivery-note lines from OCR text', () => {
  it('reads reference, description and quantity through OCR specks', () => {
    expect(parseLine('2. USB-C-2M Cable USB-C2 m : 15')).toEqual({ reference: 'USB-C-2M', description: 'Cable USB-C2 m', quantity: 15 });
    expect(parseLine('3 CAD-A4-BOIS Cadre photo A4 bois | 7')).toEqual({
      reference: 'CAD-A4-BOIS',
      description: 'Cadre photo A4 bois',
      quantity: 7,
    });
    // A speck stuck to the quantity (a photo's noise): the number is still the quantity.
    expect(parseLine('3 PAP-DNP-6X8 Papier DNP 6x8 (2 rouleaux) i 52e” 25. -')).toMatchObject({ reference: 'PAP-DNP-6X8', quantity: 25 });
    expect(parseLine('2 PAP-DNP-6X4 Papier DNP 6x4 (2 rouleaux) 27/')).toMatchObject({ reference: 'PAP-DNP-6X4', quantity: 27 });
    expect(parseLine('5 - LED-RING-18- - Anneau lumineux LED 18 pouces «12,')).toMatchObject({ quantity: 12 });
    // …but a word or a date there is not a quantity.
    expect(parseLine('1 USB-C-2M Cable USB-C 2 m 15h30')).toMatchObject({ reference: 'USB-C-2M', quantity: 0, doubtful: true });
    expect(parseLine('Livraison du 12/11 à 15h30')).toBeNull();
    expect(parseLine('Date : 01/11/2026 — Client : Atelier Lumière |')).toBeNull();
    expect(parseLine('14 avenue des Frères Lumière, 69008 Lyon')).toBeNull();
    expect(parseLine('BON DE LIVRAISON N° BL-2026-00300')).toBeNull();
    expect(parseLine('# Référence Désignation Qté livrée')).toBeNull();
  });

  it('a number followed by a unit or by letters may not be the quantity: the line is proposed, to be checked', () => {
    const catalog = [
      ...CATALOG,
      { id: 'p5', sku: 'TRP-ALU-180', name: 'Trépied aluminium 180 cm' },
      { id: 'p6', sku: 'FON-VERT-3M', name: 'Fond vert 3 m' },
    ];
    const lines = proposeLines(
      [
        // The quantity cell read as a speck "a": 180 is the tripod's size, not what was delivered.
        '3. TRP-ALU-180 Trépied aluminium 180 cm a',
        // The quantity cell not read at all: 3 is the backdrop's width.
        '4 FON-VERT-3M Fond vert 3 m',
        // Clean lines stay matched, a speck of punctuation after the quantity changes nothing.
        '5 TRP-ALU-180 Trépied aluminium 180 cm 4',
        '6 FON-VERT-3M Fond vert 3 m 12 -',
      ].join('\n'),
      catalog,
    );
    expect(lines.map((l) => [l.productId, l.quantity, l.status])).toEqual([
      // Sizes are not proposed as quantities: 0, to be filled in before confirming.
      ['p5', 0, 'unsure'],
      ['p6', 0, 'unsure'],
      ['p5', 4, 'matched'],
      ['p6', 12, 'matched'],
    ]);
    expect(parseLine('5 TRP-ALU-180 Trépied aluminium 180 cm 4')).not.toHaveProperty('doubtful');
    // No quantity read at all: the row is still proposed (quantity 0, to be filled in) when its
    // reference names a product; a numbered row naming nothing known is left out.
    const unread = proposeLines(
      ['3 PAP-DNP-6X8 Papier DNP 6x8 (2 rouleaux) sal', '4 ZZZ-999 Inconnu au bataillon sal'].join('\n'),
      catalog,
    );
    expect(unread.map((l) => [l.productId, l.quantity, l.status])).toEqual([['p4', 0, 'unsure']]);
  });

  it('matches exact SKUs, then near SKUs and names; what is left is unknown', () => {
    const lines = proposeLines(
      [
        '1 USB-C-2M Cable USB-C 2 m 15',
        '2 PAP-DNP-6X8 Papier DNP 6x8 (2 rouleaux) 8',
        '3 CAD-A4-B0IS Cadre photo A4 bois 7',
        '4 Cadre bois A4 photo 2',
        '5 Trépied carbone 160 cm 1',
      ].join('\n'),
      CATALOG,
    );
    expect(lines.map((l) => [l.productId, l.quantity, l.status])).toEqual([
      ['p1', 15, 'matched'],
      ['p4', 8, 'matched'],
      ['p2', 7, 'matched'],
      ['p2', 2, 'matched'],
      [null, 1, 'unknown'],
    ]);
  });

  it('scores names accent- and case-blind', () => {
    expect(nameScore('CABLE usb-c 2 M', 'Câble USB-C 2 m')).toBe(1);
    expect(nameScore('Papier DNP 6x4', 'Papier DNP 6x8 (2 rouleaux)')).toBeLessThan(0.8);
  });
});
