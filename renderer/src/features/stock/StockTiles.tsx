import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStock } from '@renderer/stores/stock';
import { formatDateTime, formatMoney, formatNumber } from '@renderer/i18n/format';

function useSummary() {
  const s = useStock();
  useEffect(() => useStock.getState().watch(), []);
  return s.summary;
}

/** Dashboard tile: stock value at cost, low-stock and stock-out counts. */
export function StockTile() {
  const { t } = useTranslation('stock');
  const summary = useSummary();
  if (!summary) return <section className="tile" aria-busy="true" />;
  return (
    <section className="tile" data-testid="stock-tile">
      <h2>
        <a href="#/stock">{t('stockValue')}</a>
      </h2>
      <p className="tile-figure">{formatMoney(summary.stockValue)}</p>
      <p className="muted small">
        <a href="#/stock">{t('tileCounts', { low: summary.lowStockCount, outs: summary.stockOutCount })}</a>
      </p>
    </section>
  );
}

/** Dashboard tile: the latest ledger lines. */
export function LatestMovementsTile() {
  const { t } = useTranslation('stock');
  const summary = useSummary();
  if (!summary) return <section className="tile" aria-busy="true" />;
  return (
    <section className="tile">
      <h2>
        <a href="#/stock">{t('latest')}</a>
      </h2>
      {summary.latestMovements.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="tile-list small">
          {summary.latestMovements.slice(0, 5).map((m) => (
            <li key={m.id}>
              <a href={`#/catalog/product/${m.productId}`}>{m.productName}</a> {m.delta > 0 ? '+' : ''}
              {formatNumber(m.delta)} · <span className="muted">{formatDateTime(m.occurredAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
