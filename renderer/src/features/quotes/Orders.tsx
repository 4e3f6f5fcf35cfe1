import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { formatDate } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useStock } from '@renderer/stores/stock';
import { useSystem } from '@renderer/stores/system';
import { computeTotals, formatMoney, type VatRate } from '@shared/model/money';
import type { Order } from '@shared/model/crm';
import type { Product } from '@shared/model/product';
import { LocationSelect } from '../stock/LocationSelect';
import { DocumentTotals, rateText, RemoveLineButton, VatRateSelect } from './LineParts';

interface Line {
  key: number;
  productId: string;
  quantity: string;
  vatRate: VatRate;
}
let nextKey = 1;

/** #/quotes/orders/new/<clientId>: products and quantities; prices are the catalog's. */
export function OrderForm({ clientId }: { clientId?: string }) {
  const { t, i18n } = useTranslation('quotes');
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const [products, setProducts] = useState<Product[]>([]);
  const [clientName, setClientName] = useState('');
  const [lines, setLines] = useState<Line[]>([{ key: nextKey++, productId: '', quantity: '1', vatRate: '20' }]);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One order per click: a double click (or a second click while the first is on its way) creates nothing more.
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.call('catalog.products.list', { limit: 2000 }, { silent: true }).then(
      (r) => setProducts(r.items),
      () => undefined,
    );
    if (clientId)
      void api.call('clients.get', { id: clientId }, { silent: true }).then(
        (p) => setClientName(p.client.name),
        () => undefined,
      );
  }, [clientId]);
  const price = (id: string) => String(products.find((p) => p.id === id)?.price ?? 0);
  const valid = lines.every((l) => l.productId && /^\d+$/.test(l.quantity) && Number(l.quantity) > 0);
  const totals = computeTotals(
    lines.map((l) => ({ quantity: /^\d+$/.test(l.quantity) ? l.quantity : '0', unitPrice: price(l.productId), vatRate: l.vatRate })),
  );
  const set = (key: number, patch: Partial<Line>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const submit = () => {
    if (busy) return;
    if (!valid || !clientId) return setError(t('orders.errors.lines'));
    setBusy(true);
    void api
      .call(
        'orders.create',
        {
          clientId,
          notes: notes.trim() || null,
          lines: lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity), vatRate: l.vatRate })),
        },
        { silent: true },
      )
      .then(
        (o) => navigate('quotes', 'orders', o.id),
        (e: unknown) => {
          setBusy(false);
          setError(localizeCoreMessage(e instanceof Error ? e.message : String(e)));
        },
      );
  };
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/quotes/orders">← {t('orders.title')}</a>
        </p>
        <h1>{t('orders.newTitle')}</h1>
        <p>
          {t('for')} <a href={`#/clients/${clientId}`}>{clientName}</a>
        </p>
      </header>
      <section className="panel">
        <table className="table quote-lines">
          <thead>
            <tr>
              <th>{t('products')}</th>
              <th className="num">{t('cols.qty')}</th>
              <th className="num">{t('cols.unitPrice')}</th>
              <th>{t('cols.vat')}</th>
              <th className="num">{t('cols.lineHt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.key}>
                <td className="label-cell">
                  <select aria-label={t('products')} value={l.productId} onChange={(e) => set(l.key, { productId: e.target.value })}>
                    <option value="">—</option>
                    {products.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.sku} · {p.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">
                  <input
                    aria-label={t('cols.qty')}
                    inputMode="numeric"
                    value={l.quantity}
                    onChange={(e) => set(l.key, { quantity: e.target.value })}
                  />
                </td>
                <td className="num">{l.productId ? formatMoney(price(l.productId), lang) : '—'}</td>
                <td>
                  <VatRateSelect lang={lang} value={l.vatRate} onChange={(vatRate) => set(l.key, { vatRate })} />
                </td>
                <td className="num">{formatMoney(totals.lines[i]!.ht, lang)}</td>
                <td>
                  {lines.length > 1 && (
                    <RemoveLineButton n={i + 1} onRemove={() => setLines((all) => all.filter((x) => x.key !== l.key))} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setLines((all) => [...all, { key: nextKey++, productId: '', quantity: '1', vatRate: '20' }])}>
          {t('addLine')}
        </button>
        <DocumentTotals lang={lang} ht={totals.ht} tva={totals.tva} ttc={totals.ttc} />
        <label>
          {t('fields.notes')} <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={5000} />
        </label>
      </section>
      <div className="quote-actions">
        <button type="button" className="primary" disabled={busy} onClick={submit}>
          {t('orders.create')}
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** An order: confirm, cancel, fulfil from a location (stock goes out in the same transaction). */
export function OrderDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('quotes');
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
  const mainWarehouseId = useStock((s) => s.mainWarehouseId);
  const [order, setOrder] = useState<Order | null>(null);
  const [locationId, setLocationId] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // An action on its way: the buttons wait for it (a double click on Fulfil sends it once).
  const [busy, setBusy] = useState(false);
  useEffect(() => useStock.getState().watch(), []);
  useEffect(() => onDataChanged(['customer_orders'], () => setReload((n) => n + 1)), []);
  useEffect(() => void api.call('orders.get', { id }).then(setOrder, () => undefined), [id, reload]);
  useEffect(() => {
    if (!locationId && mainWarehouseId) setLocationId(mainWarehouseId);
  }, [locationId, mainWarehouseId]);
  if (!order) return null;
  const act = (call: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    void call()
      .then(
        () => setReload((n) => n + 1),
        (e: unknown) => setError(localizeCoreMessage(e instanceof ApiError ? e.message : String(e))),
      )
      .finally(() => setBusy(false));
  };
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/quotes/orders">← {t('orders.title')}</a>
        </p>
        <h1>
          {order.number} <span className={`chip status-${order.status}`}>{t(`orderStatuses.${order.status}`)}</span>
        </h1>
        <p>
          {t('for')} <a href={`#/clients/${order.clientId}`}>{order.clientName}</a> · {formatDate(order.orderedAt)}
          {order.fulfilledAt && ` · ${t('orders.fulfilledOn', { when: formatDate(order.fulfilledAt) })}`}
        </p>
      </header>
      <section className="panel">
        <table className="table">
          <thead>
            <tr>
              <th>{t('products')}</th>
              <th className="num">{t('cols.qty')}</th>
              <th className="num">{t('cols.unitPrice')}</th>
              <th className="num">{t('cols.vat')}</th>
              <th className="num">{t('cols.lineHt')}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l) => (
              <tr key={l.id}>
                <td>
                  {l.sku} · {l.productName}
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">{formatMoney(l.unitPrice, lang)}</td>
                <td className="num">{rateText(l.vatRate, lang)} %</td>
                <td className="num">{formatMoney(l.lineHt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <DocumentTotals lang={lang} ht={order.totalHt} tva={order.totalTva} ttc={order.totalTtc} />
        {order.notes && (
          <p className="order-notes" data-testid="order-notes">
            {t('orders.notesLine', { notes: order.notes })}
          </p>
        )}
      </section>
      {isAdmin && (order.status === 'pending' || order.status === 'confirmed') && (
        <div className="quote-actions">
          {order.status === 'pending' && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act(() => api.call('orders.setStatus', { id, status: 'confirmed' }))}
            >
              {t('orders.confirm')}
            </button>
          )}
          {order.status === 'confirmed' && (
            <>
              <label>
                {t('orders.from')} <LocationSelect label={t('orders.from')} value={locationId} onChange={setLocationId} />
              </label>
              <button
                type="button"
                className="primary"
                disabled={!locationId || busy}
                onClick={() =>
                  act(() =>
                    api
                      .call('orders.fulfil', { id, locationId }, { silent: true })
                      .then((r) =>
                        setMsg(r.alreadyFulfilled ? t('orders.alreadyFulfilled') : t('orders.fulfilled', { count: r.movements })),
                      ),
                  )
                }
              >
                {t('orders.fulfil')}
              </button>
            </>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              window.confirm(t('orders.cancelConfirm', { number: order.number })) &&
              act(() => api.call('orders.setStatus', { id, status: 'cancelled' }))
            }
          >
            {t('orders.cancel')}
          </button>
        </div>
      )}
      {msg && (
        <p className="notice notice-ok" role="status">
          {msg}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
