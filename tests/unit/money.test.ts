import { describe, expect, it } from 'vitest';
import { computeTotals, formatMoney, parseAmount, type LineInput, type VatRounding } from '@shared/model/money.js';

const l = (quantity: string, unitPrice: string, vatRate: LineInput['vatRate'], discountPct?: string): LineInput => ({
  quantity,
  unitPrice,
  vatRate,
  discountPct,
});

// Each case worked out by hand (half-up to the cent, VAT per rate on the rounded HT lines).
const CASES: Array<{ name: string; lines: LineInput[]; rounding?: VatRounding; ht: string; tva: string; ttc: string; lineHt?: string[] }> =
  [
    { name: '3 × 0.10 (the float trap 0.1+0.2)', lines: [l('3', '0.10', '20')], ht: '0.30', tva: '0.06', ttc: '0.36' },
    { name: '1.005 rounds up (a float says 1.00)', lines: [l('1', '1.005', '20')], ht: '1.01', tva: '0.20', ttc: '1.21' },
    { name: 'reduced rate 5.5 %', lines: [l('1', '19.99', '5.5')], ht: '19.99', tva: '1.10', ttc: '21.09' },
    { name: 'super-reduced 2.1 %', lines: [l('7', '3.33', '2.1')], ht: '23.31', tva: '0.49', ttc: '23.80' },
    { name: 'line discount 15 %', lines: [l('2', '149.90', '20', '15')], ht: '254.83', tva: '50.97', ttc: '305.80' },
    { name: 'discount landing on half a cent rounds up', lines: [l('1', '10.05', '20', '50')], ht: '5.03', tva: '1.01', ttc: '6.04' },
    { name: 'decimal quantity (2.5 h)', lines: [l('2.5', '33.33', '20')], ht: '83.33', tva: '16.67', ttc: '100.00' },
    {
      name: 'mixed rates: booth package, drinks, catering',
      lines: [l('1', '890', '20'), l('3', '4.20', '5.5'), l('1', '45', '10')],
      ht: '947.60',
      tva: '183.19',
      ttc: '1130.79',
      lineHt: ['890.00', '12.60', '45.00'],
    },
    { name: 'exempt 0 %', lines: [l('1', '100', '0')], ht: '100.00', tva: '0.00', ttc: '100.00' },
    { name: 'free (100 % discount)', lines: [l('4', '25', '20', '100')], ht: '0.00', tva: '0.00', ttc: '0.00' },
    { name: 'large amounts stay exact', lines: [l('1000', '1234.567', '20')], ht: '1234567.00', tva: '246913.40', ttc: '1481480.40' },
    // Per rate vs per line: three lines of 0.13 HT at 20 %: 0.026 each.
    {
      name: 'VAT per rate: 0.39 × 20 % = 0.078 → 0.08',
      lines: [l('1', '0.13', '20'), l('1', '0.13', '20'), l('1', '0.13', '20')],
      ht: '0.39',
      tva: '0.08',
      ttc: '0.47',
    },
    {
      name: 'VAT per line: 3 × round(0.026) = 0.09',
      rounding: 'per_line',
      lines: [l('1', '0.13', '20'), l('1', '0.13', '20'), l('1', '0.13', '20')],
      ht: '0.39',
      tva: '0.09',
      ttc: '0.48',
    },
    {
      name: 'per line and per rate agree when each line is exact',
      rounding: 'per_line',
      lines: [l('1', '890', '20'), l('3', '4.20', '5.5'), l('1', '45', '10')],
      ht: '947.60',
      tva: '183.19',
      ttc: '1130.79',
    },
    { name: 'no lines', lines: [], ht: '0.00', tva: '0.00', ttc: '0.00' },
  ];

describe('quote totals (exact decimal arithmetic)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const t = computeTotals(c.lines, c.rounding);
      expect({ ht: t.ht, tva: t.tva, ttc: t.ttc }).toEqual({ ht: c.ht, tva: c.tva, ttc: c.ttc });
      if (c.lineHt) expect(t.lines.map((x) => x.ht)).toEqual(c.lineHt);
    });
  }

  it('gives one VAT line per rate, highest first, with its base', () => {
    const t = computeTotals([l('1', '45', '10'), l('3', '4.20', '5.5'), l('1', '890', '20'), l('1', '10', '20')]);
    expect(t.vat).toEqual([
      { rate: '20', base: '900.00', vat: '180.00' },
      { rate: '10', base: '45.00', vat: '4.50' },
      { rate: '5.5', base: '12.60', vat: '0.69' },
    ]);
  });

  it('TTC is always HT + TVA and HT the sum of the rounded lines (1 000 random quotes)', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rates = ['20', '10', '5.5', '2.1', '0'] as const;
    for (let i = 0; i < 1000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
        l(String(1 + Math.floor(rnd() * 20)), (rnd() * 500).toFixed(3), rates[Math.floor(rnd() * 5)]!, String(Math.floor(rnd() * 30))),
      );
      const t = computeTotals(lines);
      const cents = (s: string) => BigInt(s.replace('.', ''));
      expect(cents(t.ttc)).toBe(cents(t.ht) + cents(t.tva));
      expect(t.lines.reduce((s, x) => s + cents(x.ht), 0n)).toBe(cents(t.ht));
    }
  });
});

describe('amounts typed by people', () => {
  it('reads decimal commas and spaces, refuses the rest', () => {
    expect(parseAmount('1 234,50')).toBe('1234.5');
    expect(parseAmount('12.5')).toBe('12.5');
    expect(parseAmount('12,5 €')).toBeNull();
    expect(parseAmount('-3')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });
  it('formats in French and English from the exact text', () => {
    expect(formatMoney('1234567.5', 'fr')).toBe('1\u202f234\u202f567,50\u00a0€');
    expect(formatMoney('1234567.5', 'en')).toBe('€1,234,567.50');
    expect(formatMoney('0.1', 'fr')).toBe('0,10\u00a0€');
  });
});
