import { useTranslation } from 'react-i18next';
import { formatMoney, VAT_RATES, type VatRate } from '@shared/model/money';

/**
 * The pieces the quote editor and the order form repeat around their line tables (the tables
 * themselves differ: a quote line has a label, a catalog item, a decimal quantity, a price and a
 * discount; an order line a product at its catalog price and a whole quantity; the delivery-note
 * review matches read lines to products and purchase orders).
 */

/** "5,5" in French, "5.5" in English. */
export const rateText = (rate: string, lang: string) => (lang === 'fr' ? rate.replace('.', ',') : rate);

/** A line's VAT rate, among the French rates. */
export function VatRateSelect({
  value,
  onChange,
  disabled,
  lang,
}: {
  value: VatRate;
  onChange(rate: VatRate): void;
  disabled?: boolean;
  lang: string;
}) {
  const { t } = useTranslation('quotes');
  return (
    <select
      className="vat-select"
      aria-label={t('cols.vat')}
      disabled={disabled}
      value={value}
      onChange={(e) => onChange(e.target.value as VatRate)}
    >
      {VAT_RATES.map((r) => (
        <option key={r} value={r}>
          {rateText(r, lang)} %
        </option>
      ))}
    </select>
  );
}

/** The ✕ that removes line `n` (1-based, named for screen readers). */
export function RemoveLineButton({ n, onRemove }: { n: number; onRemove(): void }) {
  const { t } = useTranslation('quotes');
  return (
    <button type="button" className="link-button" aria-label={t('removeLine', { n })} onClick={onRemove}>
      ✕
    </button>
  );
}

/** Totals HT, TVA (with each rate's base and VAT when given) and TTC, as decimal text. */
export function DocumentTotals({
  ht,
  tva,
  ttc,
  byRate,
  lang,
  testId,
}: {
  ht: string;
  tva: string;
  ttc: string;
  byRate?: Array<{ rate: string; base: string; vat: string }>;
  lang: 'fr' | 'en';
  testId?: string;
}) {
  const { t } = useTranslation('quotes');
  return (
    <div className="quote-totals" data-testid={testId ? `${testId}-totals` : undefined}>
      <span>{t('totalHt')}</span>
      <span>{formatMoney(ht, lang)}</span>
      {byRate?.map((v) => (
        <span key={v.rate} style={{ display: 'contents' }}>
          <span className="muted">{t('vatAt', { rate: rateText(v.rate, lang), base: formatMoney(v.base, lang) })}</span>
          <span className="muted">{formatMoney(v.vat, lang)}</span>
        </span>
      ))}
      <span>{t('totalTva')}</span>
      <span>{formatMoney(tva, lang)}</span>
      <span className="grand">{t('totalTtc')}</span>
      <span className="grand" data-testid={testId ? `${testId}-ttc` : undefined}>
        {formatMoney(ttc, lang)}
      </span>
    </div>
  );
}
