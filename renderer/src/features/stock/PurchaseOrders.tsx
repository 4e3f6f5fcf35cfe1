import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { formatDate, formatNumber, parseNumber } from '@renderer/i18n/format';
import { useStock } from '@renderer/stores/stock';
import { Num } from '@renderer/app/Num';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { useSystem } from '@renderer/stores/system';
import type { PurchaseOrder } from '@shared/model/stock';

/**
 * Orders placed with suppliers (#/stock/orders): what is on its way, late ones first. Receiving
 * books the `in` movement (all that is left by default, or the quantity counted on the delivery);
 * the reorder advice counts open orders as on order.
 */
export function PurchaseOrders() {
  const { t } = useTranslation('stock');
  const role = useSystem((s) => s.info?.user.role);
  const canReceive = role === 'admin' || role === 'installer';
  const dataVersion = useSystem((s) => s.dataVersion);
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [orders, setOrders] = useState<PurchaseOrder[] | null>(null);
  const [counted, setCounted] = useState<Record<string, string>>({});
  // Where each delivery is put away: the order's destination unless the person says otherwise.
  const [receiveAt, setReceiveAt] = useState<Record<string, string>>({});
  const locations = useStock((s) => s.locations);
  const loadStock = useStock((s) => s.load);
  useEffect(() => {
    if (!locations.length) void loadStock().catch(() => undefined);
  }, [locations.length, loadStock]);
  const [message, setMessage] = useState<{ id: string; text: string; error?: boolean } | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    void api.call('purchaseOrders.list', { status }, { silent: true }).then(
      (list) => setOrders([...list].sort((a, b) => (a.status === b.status ? a.expectedAt - b.expectedAt : a.status === 'open' ? -1 : 1))),
      () => setOrders([]),
    );
  }, [status, dataVersion, reload]);

  const receive = async (o: PurchaseOrder) => {
    const raw = (counted[o.id] ?? '').trim();
    const quantity = raw === '' ? undefined : parseNumber(raw);
    if (quantity !== undefined && !(quantity !== null && quantity > 0))
      return setMessage({ id: o.id, text: t('orders.badQuantity'), error: true });
    const locationId = receiveAt[o.id] ?? o.locationId;
    try {
      const r = await api.call(
        'purchaseOrders.receive',
        { id: o.id, locationId, ...(quantity !== undefined && quantity !== null ? { quantity } : {}) },
        { silent: true },
      );
      setMessage({
        id: o.id,
        text: t('orders.received', {
          quantity: formatNumber(r.movement.quantity),
          product: o.productName,
          location: r.movement.locationName,
        }),
      });
      setCounted((c) => ({ ...c, [o.id]: '' }));
      setReload((n) => n + 1);
    } catch (e) {
      setMessage({ id: o.id, text: localizeCoreMessage((e as Error).message), error: true });
    }
  };
  const cancel = async (o: PurchaseOrder) => {
    try {
      await api.call('purchaseOrders.cancel', { id: o.id }, { silent: true });
      setReload((n) => n + 1);
    } catch (e) {
      setMessage({ id: o.id, text: localizeCoreMessage((e as Error).message), error: true });
    }
  };

  // Late: expected before today's local midnight (the day the user lives, not the UTC day).
  const today = new Date().setHours(0, 0, 0, 0);
  return (
    <section className="panel purchase-orders" aria-label={t('orders.title')}>
      <div className="toolbar">
        <h2>{t('orders.title')}</h2>
        <select aria-label={t('orders.show')} value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'all')}>
          <option value="open">{t('orders.open')}</option>
          <option value="all">{t('orders.all')}</option>
        </select>
        <button className="link-button" onClick={() => navigate('forecasts', 'replenishment')}>
          {t('orders.toOrder')}
        </button>
      </div>
      {message && (
        <p className={message.error ? 'field-error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="po-message">
          {message.text}
        </p>
      )}
      {orders && orders.length === 0 && <p className="muted">{t('orders.none')}</p>}
      {orders && orders.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="po-table">
            <thead>
              <tr>
                <th>{t('orders.expected')}</th>
                <th>{t('product')}</th>
                <th>{t('orders.destination')}</th>
                <th>{t('orders.supplier')}</th>
                <th className="num">{t('orders.ordered')}</th>
                <th className="num">{t('orders.receivedQty')}</th>
                <th>{t('orders.status')}</th>
                {canReceive && (
                  <th>
                    <span className="visually-hidden">{t('orders.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => {
                const late = o.status === 'open' && o.expectedAt < today;
                return (
                  <tr key={o.id} data-po={o.productName} className={late ? 'late' : undefined}>
                    <td className="nowrap">
                      {formatDate(o.expectedAt)}
                      {late && <span className="chip danger">{t('orders.late')}</span>}
                    </td>
                    <td>
                      <button className="link-button" onClick={() => navigate('catalog', 'product', o.productId)}>
                        {o.productName}
                      </button>
                    </td>
                    <td data-testid="po-destination">{o.locationName}</td>
                    <td>{o.supplier || '—'}</td>
                    <td className="num">
                      <Num value={o.quantity} />
                    </td>
                    <td className="num">
                      <Num value={o.receivedQuantity} />
                    </td>
                    <td>
                      <span className="chip">{t(`orders.statuses.${o.status}`)}</span>
                    </td>
                    {canReceive && (
                      <td>
                        {o.status === 'open' && (
                          <div className="row-actions">
                            <input
                              className="po-qty"
                              inputMode="decimal"
                              aria-label={t('orders.countedOf', { product: o.productName })}
                              placeholder={formatNumber(Math.max(0, o.quantity - o.receivedQuantity))}
                              value={counted[o.id] ?? ''}
                              onChange={(e) => setCounted((c) => ({ ...c, [o.id]: e.target.value }))}
                            />
                            <select
                              aria-label={t('orders.receiveAt', { product: o.productName })}
                              data-testid="po-receive-at"
                              value={receiveAt[o.id] ?? o.locationId}
                              onChange={(e) => setReceiveAt((r) => ({ ...r, [o.id]: e.target.value }))}
                            >
                              {!locations.some((l) => l.id === o.locationId) && <option value={o.locationId}>{o.locationName}</option>}
                              {locations.map((l) => (
                                <option key={l.id} value={l.id}>
                                  {l.name}
                                </option>
                              ))}
                            </select>
                            <button onClick={() => void receive(o)}>{t('orders.receive')}</button>
                            {role === 'admin' && (
                              <button className="link-button danger" onClick={() => void cancel(o)}>
                                {t('orders.cancel')}
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
