import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { BusinessProfile } from '@shared/model/business';
import { Quote } from '@shared/model/crm';
import { formatMoney } from '@shared/model/money';
import { Letterhead } from '../Letterhead';
import type { PrintViewProps } from '../registry';

const QuoteData = z.object({
  business: BusinessProfile,
  quote: Quote,
  client: z.object({ name: z.string(), address: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  timeZone: z.string(),
});

/** A quote as the client receives it: letterhead, client, event, lines, VAT per rate, totals, signature box. */
export default function QuoteView({ data, lang }: PrintViewProps) {
  const { t } = useTranslation('print');
  const { business, quote: q, client, timeZone } = QuoteData.parse(data);
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const date = (ms: number) => new Date(ms).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const time = (ms: number) => new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const money = (s: string) => formatMoney(s, lang);
  const dec = (s: string) => (lang === 'fr' ? s.replace('.', ',') : s);
  return (
    <div className="quote-print">
      <Letterhead
        business={business}
        aside={
          <div style={{ textAlign: 'right' }}>
            <div style={{ fontSize: '14pt', fontWeight: 700 }}>{t('quote.title', { number: q.number })}</div>
            <div>{t('quote.issued', { date: date(q.issuedAt) })}</div>
            <div>{t('quote.validUntil', { date: date(q.validUntil) })}</div>
          </div>
        }
      />
      <section style={{ display: 'flex', justifyContent: 'space-between', gap: '8mm' }}>
        <div>
          <h2>{t('quote.event')}</h2>
          {q.eventType && <div>{q.eventType}</div>}
          {q.eventStartsAt && (
            <div>
              {date(q.eventStartsAt)}, {time(q.eventStartsAt)}
              {q.eventEndsAt
                ? ` – ${q.eventEndsAt - q.eventStartsAt < 86_400_000 ? time(q.eventEndsAt) : `${date(q.eventEndsAt)}, ${time(q.eventEndsAt)}`}`
                : ''}
            </div>
          )}
          {q.place && <div>{t('quote.place', { place: q.place })}</div>}
        </div>
        <div style={{ minWidth: '70mm' }}>
          <h2>{t('quote.client')}</h2>
          <div style={{ fontWeight: 600 }}>{client.name}</div>
          {client.address && <div style={{ whiteSpace: 'pre-wrap' }}>{client.address}</div>}
          {client.email && <div>{client.email}</div>}
          {client.phone && <div>{client.phone}</div>}
        </div>
      </section>
      <h2>{t('quote.lines')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('quote.label')}</th>
            <th className="num">{t('quote.qty')}</th>
            <th className="num">{t('quote.unitPrice')}</th>
            <th className="num">{t('quote.discount')}</th>
            <th className="num">{t('quote.vat')}</th>
            <th className="num">{t('quote.lineHt')}</th>
          </tr>
        </thead>
        <tbody>
          {q.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.label}</td>
              <td className="num">{dec(l.quantity)}</td>
              <td className="num">{money(l.unitPrice)}</td>
              <td className="num">{Number(l.discountPct) ? `${dec(l.discountPct)} %` : ''}</td>
              <td className="num">{dec(l.vatRate)} %</td>
              <td className="num">{money(l.lineHt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table style={{ width: '85mm', marginLeft: 'auto', marginTop: '4mm' }}>
        <tbody>
          <tr>
            <td>{t('quote.totalHt')}</td>
            <td className="num">{money(q.totalHt)}</td>
          </tr>
          {q.vat.map((v) => (
            <tr key={v.rate}>
              <td>{t('quote.vatAt', { rate: dec(v.rate), base: money(v.base) })}</td>
              <td className="num">{money(v.vat)}</td>
            </tr>
          ))}
          <tr>
            <td>{t('quote.totalTva')}</td>
            <td className="num">{money(q.totalTva)}</td>
          </tr>
          <tr style={{ fontWeight: 700, fontSize: '12pt' }}>
            <td>{t('quote.totalTtc')}</td>
            <td className="num">{money(q.totalTtc)}</td>
          </tr>
        </tbody>
      </table>
      {q.notes && <p style={{ whiteSpace: 'pre-wrap', marginTop: '6mm' }}>{q.notes}</p>}
      <p className="print-muted" style={{ marginTop: '6mm' }}>
        {t('quote.terms', { date: date(q.validUntil) })}
      </p>
      <div
        style={{ marginTop: '8mm', border: '0.3mm solid #1b1f29', width: '80mm', minHeight: '30mm', padding: '2mm', marginLeft: 'auto' }}
      >
        {t('quote.signature')}
      </div>
    </div>
  );
}
