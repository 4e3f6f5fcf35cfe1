import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatQty } from '@renderer/i18n/units';
import { useStock } from '@renderer/stores/stock';
import { useSystem } from '@renderer/stores/system';
import { navigate } from '@renderer/app/router';
import { DeliveryNoteReceive } from '@renderer/features/receiving/DeliveryNoteReceive';
import { formatDateTime, formatMoney, formatNumber } from '@renderer/i18n/format';
import { downloadCsv } from '../catalog/exportCsv';
import { StockEntry } from './StockEntry';
import { ImportWizard } from './ImportWizard';
import { PurchaseOrders } from './PurchaseOrders';
import { LocationsPanel } from './LocationsPanel';
import { movementPlace, signedDelta } from './movementText';
import './stock.css';

/** #/stock (entry, alerts, latest movements), #/stock/orders (purchase orders), #/stock/locations and #/stock/import (CSV wizard). */
export default function StockPage({ route }: { route: string[] }) {
  const { t } = useTranslation('stock');
  const { t: tr } = useTranslation('receiving');
  const s = useStock();
  const canWrite = useSystem((x) => x.info?.user.role === 'admin' || x.info?.user.role === 'installer');
  useEffect(() => useStock.getState().watch(), []);
  const tab =
    route[0] === 'import'
      ? 'import'
      : route[0] === 'orders'
        ? 'orders'
        : route[0] === 'locations'
          ? 'locations'
          : route[0] === 'delivery-note'
            ? 'delivery'
            : 'entry';
  return (
    <div className="page stock-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <nav className="tabs">
          <button aria-current={tab === 'entry' ? 'page' : undefined} onClick={() => navigate('stock')}>
            {t('entryTab')}
          </button>
          <button aria-current={tab === 'orders' ? 'page' : undefined} onClick={() => navigate('stock', 'orders')}>
            {t('ordersTab')}
          </button>
          <button aria-current={tab === 'locations' ? 'page' : undefined} onClick={() => navigate('stock', 'locations')}>
            {t('locationsTab')}
          </button>
          <button aria-current={tab === 'import' ? 'page' : undefined} onClick={() => navigate('stock', 'import')}>
            {t('importTab')}
          </button>
          {canWrite && (
            <button aria-current={tab === 'delivery' ? 'page' : undefined} onClick={() => navigate('stock', 'delivery-note')}>
              {tr('tab')}
            </button>
          )}
        </nav>
        <div className="toolbar">
          {(['movements', 'sales', 'balances'] as const).map((k) => (
            <button key={k} onClick={() => void downloadCsv(k)}>
              {t(`export.${k}`)}
            </button>
          ))}
        </div>
      </header>
      {tab === 'delivery' ? (
        <DeliveryNoteReceive />
      ) : tab === 'import' ? (
        <ImportWizard />
      ) : tab === 'orders' ? (
        <PurchaseOrders />
      ) : tab === 'locations' ? (
        <LocationsPanel />
      ) : (
        <>
          {s.summary && (
            <section className="stock-kpis">
              <div className="panel">
                <span className="muted">{t('stockValue')}</span>
                <strong>{formatMoney(s.summary.stockValue)}</strong>
              </div>
              <div className="panel">
                <span className="muted">{t('lowStock')}</span>
                <strong>{s.summary.lowStockCount}</strong>
              </div>
              <div className="panel">
                <span className="muted">{t('stockOuts')}</span>
                <strong>{s.summary.stockOutCount}</strong>
              </div>
            </section>
          )}
          {canWrite && <StockEntry />}
          <div className="stock-lists">
            <AlertList title={t('stockOuts')} rows={s.stockOuts} />
            <AlertList title={t('lowStock')} rows={s.lowStock} />
          </div>
          {s.summary && (
            <section className="panel">
              <h2>{t('latest')}</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('when')}</th>
                    <th>{t('product')}</th>
                    <th>{t('type')}</th>
                    <th className="num">{t('quantity')}</th>
                    <th>{t('location')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.summary.latestMovements.map((m) => (
                    <tr key={m.id}>
                      <td>{formatDateTime(m.occurredAt)}</td>
                      <td>
                        <button className="link-button" onClick={() => navigate('catalog', 'product', m.productId)}>
                          {m.productName}
                        </button>
                      </td>
                      <td>{t(`types.${m.type}`)}</td>
                      <td className="num">{signedDelta(m.delta)}</td>
                      <td>{movementPlace(m)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function AlertList({
  title,
  rows,
}: {
  title: string;
  rows: Array<{
    productId: string;
    sku: string;
    name: string;
    onHand: number;
    reorderPoint: number | null;
    reorderPointSource: 'forecast' | 'manual' | null;
    unit: string;
  }>;
}) {
  const { t } = useTranslation('stock');
  return (
    <section className="panel">
      <h2>
        {title} <span className="muted small">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table className="table small">
          <thead>
            <tr>
              <th>{t('sku')}</th>
              <th>{t('product')}</th>
              <th className="num">{t('onHand')}</th>
              <th className="num">{t('reorderPoint')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 50).map((r) => (
              <tr key={r.productId}>
                <td className="sku">{r.sku}</td>
                <td>
                  <button className="link-button" onClick={() => navigate('catalog', 'product', r.productId)}>
                    {r.name}
                  </button>
                </td>
                <td className="num">{formatQty(r.onHand, r.unit)}</td>
                <td className="num" title={r.reorderPointSource ? t(`reorderPointSource.${r.reorderPointSource}`) : undefined}>
                  {r.reorderPoint === null ? '—' : formatNumber(r.reorderPoint, { maximumFractionDigits: r.reorderPoint < 10 ? 1 : 0 })}
                  {r.reorderPointSource && (
                    <span className="muted small" data-testid="rp-source">
                      {' '}
                      · {t(`reorderPointSource.${r.reorderPointSource}`)}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
