import { Decimal } from 'decimal.js';

/**
 * Exact money maths for quotes and orders. Amounts are decimal strings ("1234.50"), never binary
 * floats: every sum, product and rounding goes through decimal.js, and cents are rounded half-up
 * (away from zero: "arrondi commercial"), as French invoices do.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** French VAT rates (taux normal, intermédiaire, réduit, particulier) and 0 (exempt / export). */
export const VAT_RATES = ['20', '10', '5.5', '2.1', '0'] as const;
export type VatRate = (typeof VAT_RATES)[number];

/**
 * How VAT is rounded:
 * - `per_rate` (default, what French invoices show): lines are rounded to the cent HT, then the VAT
 *   of each rate is computed once on the sum of that rate's lines and rounded;
 * - `per_line`: each line's VAT is rounded to the cent, then summed (some tills do this; it can
 *   differ by a few cents).
 */
export type VatRounding = 'per_rate' | 'per_line';

/** A decimal amount as text: digits, an optional dot and decimals. */
export const DECIMAL_RE = /^\d{1,12}(\.\d{1,6})?$/;

export interface LineInput {
  quantity: string;
  /** Unit price excluding VAT (HT). */
  unitPrice: string;
  /** Discount in percent, 0–100. */
  discountPct?: string;
  vatRate: VatRate;
}

export interface LineTotals {
  /** quantity × unit price × (1 − discount), rounded to the cent. */
  ht: string;
  /** This line's VAT rounded to the cent (what `per_line` sums). */
  vat: string;
  /** ht + vat */
  ttc: string;
}

export interface VatBreakdown {
  rate: VatRate;
  base: string;
  vat: string;
}

export interface Totals {
  lines: LineTotals[];
  /** One entry per rate used, highest rate first. */
  vat: VatBreakdown[];
  ht: string;
  tva: string;
  ttc: string;
}

const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const text = (d: Decimal) => cents(d).toFixed(2);

/** Parses a user's amount ("12,5", "1 234.50", "12.5") into a decimal string, or null when it is not one. */
export function parseAmount(raw: string | number): string | null {
  const s = String(raw)
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return new D(s).toString();
}

export function lineHt(l: LineInput): Decimal {
  const gross = new D(l.quantity).times(l.unitPrice);
  const discount = new D(l.discountPct ?? '0');
  return cents(gross.times(new D(100).minus(discount)).dividedBy(100));
}

/** Totals of a quote or an order, exact to the cent. */
export function computeTotals(lines: readonly LineInput[], rounding: VatRounding = 'per_rate'): Totals {
  const perLine = lines.map((l) => {
    const ht = lineHt(l);
    const vat = cents(ht.times(l.vatRate).dividedBy(100));
    return { rate: l.vatRate, ht, vat };
  });
  const byRate = new Map<VatRate, { base: Decimal; lineVat: Decimal }>();
  for (const l of perLine) {
    const cur = byRate.get(l.rate) ?? { base: new D(0), lineVat: new D(0) };
    byRate.set(l.rate, { base: cur.base.plus(l.ht), lineVat: cur.lineVat.plus(l.vat) });
  }
  const vat = [...byRate.entries()]
    .sort((a, b) => new D(b[0]).comparedTo(a[0]))
    .map(([rate, v]) => ({
      rate,
      base: v.base,
      vat: rounding === 'per_rate' ? cents(v.base.times(rate).dividedBy(100)) : v.lineVat,
    }));
  const ht = perLine.reduce((s, l) => s.plus(l.ht), new D(0));
  const tva = vat.reduce((s, v) => s.plus(v.vat), new D(0));
  return {
    lines: perLine.map((l) => ({ ht: text(l.ht), vat: text(l.vat), ttc: text(l.ht.plus(l.vat)) })),
    vat: vat.map((v) => ({ rate: v.rate, base: text(v.base), vat: text(v.vat) })),
    ht: text(ht),
    tva: text(tva),
    ttc: text(ht.plus(tva)),
  };
}

/** Adds decimal strings exactly. */
export function sumAmounts(values: readonly string[]): string {
  return text(values.reduce((s, v) => s.plus(v), new D(0)));
}

/** "1234.5" → "1 234,50 €" (fr) or "€1,234.50" (en), from the exact string (no float round-trip). */
export function formatMoney(amount: string, lang: 'fr' | 'en'): string {
  const [int, dec = ''] = new D(amount).toFixed(2).split('.');
  const neg = int!.startsWith('-');
  const digits = neg ? int!.slice(1) : int!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u202f' : ',');
  const sign = neg ? '-' : '';
  return lang === 'fr' ? `${sign}${grouped},${dec}\u00a0€` : `${sign}€${grouped}.${dec}`;
}
