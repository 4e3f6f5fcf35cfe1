import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDate } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { formatMoney } from '@shared/model/money';
import { QuoteStatus } from '@shared/model/crm';
import type { Output } from '@shared/contract';
import { QuoteEditor } from './QuoteEditor';
import { OrderDetail, OrderForm } from './Orders';
import '../clients/clients.css';

/** #/quotes · /new/<clientId> · /<id> · /orders · /orders/new/<clientId> · /orders/<id>. */
export default function QuotesPage({ route = [] }: { route?: string[] }) {
  const [first, second, third] = route;
  if (first === 'new') return <QuoteEditor clientId={second} />;
  if (first === 'orders') {
    // Keyed by what they show (as the quote editor): another order's page starts afresh.
    if (second === 'new') return <OrderForm key={`new-${third ?? ''}`} clientId={third} />;
    if (second) return <OrderDetail key={second} id={second} />;
    return <OrdersList />;
  }
  if (first) return <QuoteEditor key={first} id={first} />;
  return <QuotesList />;
}

function Tabs({ current }: { current: 'quotes' | 'orders' }) {
  const { t } = useTranslation('quotes');
  return (
    <div className="filters clients-nav">
      <div role="tablist" className="segmented">
        <a role="tab" aria-selected={current === 'quotes'} className={current === 'quotes' ? 'selected' : undefined} href="#/quotes">
          {t('tabs.quotes')}
        </a>
        <a role="tab" aria-selected={current === 'orders'} className={current === 'orders' ? 'selected' : undefined} href="#/quotes/orders">
          {t('tabs.orders')}
        </a>
      </div>
      <span className="muted small">{t('newFromClient')}</span>
    </div>
  );
}

function QuotesList() {
  const { t, i18n } = useTranslation('quotes');
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<Output<'quotes.list'> | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(['quotes', 'clients'], () => setReload((n) => n + 1)), []);
  useEffect(
    () => void api.call('quotes.list', { status: (status || undefined) as never }, { silent: true }).then(setItems, () => setItems([])),
    [status, reload],
  );
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <Tabs current="quotes" />
      <div className="filters">
        <select aria-label={t('cols.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('allStatuses')}</option>
          {QuoteStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {items && items.length === 0 && <p className="muted">{t('empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll panel" style={{ maxHeight: 'none' }}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('cols.number')}</th>
                <th>{t('cols.client')}</th>
                <th>{t('cols.date')}</th>
                <th>{t('cols.event')}</th>
                <th>{t('cols.status')}</th>
                <th className="num">{t('cols.ht')}</th>
                <th className="num">{t('cols.ttc')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={q.id}>
                  <td>
                    <a href={`#/quotes/${q.id}`}>{q.number}</a>
                  </td>
                  <td>
                    <a href={`#/clients/${q.clientId}`}>{q.clientName}</a>
                  </td>
                  <td>{formatDate(q.issuedAt)}</td>
                  <td>{q.eventStartsAt ? `${formatDate(q.eventStartsAt)}${q.place ? ` · ${q.place}` : ''}` : '—'}</td>
                  <td>
                    <span className={`chip status-${q.status}`}>{t(`statuses.${q.status}`)}</span>
                  </td>
                  <td className="num">{formatMoney(q.totalHt, lang)}</td>
                  <td className="num">{formatMoney(q.totalTtc, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function OrdersList() {
  const { t, i18n } = useTranslation('quotes');
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const [items, setItems] = useState<Output<'orders.list'> | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(['customer_orders', 'clients'], () => setReload((n) => n + 1)), []);
  useEffect(() => void api.call('orders.list', {}, { silent: true }).then(setItems, () => setItems([])), [reload]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('orders.title')}</h1>
      </header>
      <Tabs current="orders" />
      {items && items.length === 0 && <p className="muted">{t('orders.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll panel" style={{ maxHeight: 'none' }}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('cols.number')}</th>
                <th>{t('cols.client')}</th>
                <th>{t('cols.date')}</th>
                <th>{t('cols.status')}</th>
                <th className="num">{t('cols.ttc')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`#/quotes/orders/${o.id}`}>{o.number}</a>
                  </td>
                  <td>
                    <a href={`#/clients/${o.clientId}`}>{o.clientName}</a>
                  </td>
                  <td>{formatDate(o.orderedAt)}</td>
                  <td>
                    <span className={`chip status-${o.status}`}>{t(`orderStatuses.${o.status}`)}</span>
                  </td>
                  <td className="num">{formatMoney(o.totalTtc, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
