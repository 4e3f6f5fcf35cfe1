import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatQty } from '@renderer/i18n/units';
import { api } from '@renderer/api';
import { niceAxis, yAxisWidth } from '@renderer/app/chartAxis';
import { hrefFor, navigate } from '@renderer/app/router';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '@renderer/i18n/format';
import type { Product } from '@shared/model/product';
import type { Balance, Movement } from '@shared/model/stock';
import { useSystem } from '@renderer/stores/system';
import { movementPlace, signedDelta } from '../stock/movementText';
import { ProductForm } from './ProductForm';

/** One product: its figures, stock per location, on-hand over time and the ledger, newest first. */
export function ProductDetail({ id }: { id: string }) {
  const { t } = useTranslation('catalog');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [p, setP] = useState<Product | null>(null);
  const [balances, setBalances] = useState<Balance[]>([]);
  const [series, setSeries] = useState<Array<{ day: number; onHand: number }>>([]);
  const [moves, setMoves] = useState<Movement[]>([]);
  const [next, setNext] = useState<{ occurredAt: number; id: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const load = async () => {
    const [prod, bal, hist, page] = await Promise.all([
      api.call('catalog.products.get', { id }),
      api.call('stock.balances', { productId: id }),
      api.call('stock.onHandHistory', { productId: id, days: 365 }),
      api.call('stock.movements.list', { productId: id, limit: 50 }),
    ]);
    setP(prod);
    setBalances(bal);
    setSeries(hist);
    setMoves(page.items);
    setNext(page.next);
  };
  useEffect(() => void load().catch(() => undefined), [id]); // eslint-disable-line react-hooks/exhaustive-deps
  const more = async () => {
    if (!next) return;
    const page = await api.call('stock.movements.list', { productId: id, limit: 50, before: next });
    setMoves((m) => [...m, ...page.items]);
    setNext(page.next);
  };
  if (!p) return <p className="muted">{t('loading')}</p>;
  if (editing)
    return (
      <ProductForm
        product={p}
        onDone={(saved) => {
          setEditing(false);
          if (saved) setP(saved);
        }}
      />
    );
  return (
    <div className="product-detail">
      <header className="page-header">
        <div>
          <button className="link-button" onClick={() => navigate('catalog')}>
            ← {t('title')}
          </button>
          <h1>
            {p.name} <span className="muted small">{p.sku}</span>
          </h1>
        </div>
        <div className="toolbar" style={{ display: 'flex', gap: '1rem', alignItems: 'center', flexWrap: 'wrap' }}>
          <a href={hrefFor('forecasts', 'product', p.id)} data-testid="pd-forecast-link">
            {t('forecast:catalogLink')}
          </a>
          {isAdmin && <button onClick={() => setEditing(true)}>{t('edit')}</button>}
        </div>
      </header>
      <section className="panel pd-facts">
        <dl>
          <dt>{t('col.category')}</dt>
          <dd>{p.category || '—'}</dd>
          <dt>{t('col.onHand')}</dt>
          <dd data-testid="pd-onhand">{formatQty(p.onHand, p.unit)}</dd>
          {p.reorderPoint !== null && (
            <>
              <dt>{t('field.reorderPoint')}</dt>
              <dd>{formatQty(p.reorderPoint, p.unit)}</dd>
            </>
          )}
          <dt>{t('col.price')}</dt>
          <dd>{formatMoney(p.price)}</dd>
          <dt>{t('col.cost')}</dt>
          <dd>{formatMoney(p.cost)}</dd>
          <dt>{t('col.supplier')}</dt>
          <dd>{p.supplier || '—'}</dd>
          <dt>{t('field.leadTimeDays')}</dt>
          <dd>{t('daysCount', { count: p.leadTimeDays })}</dd>
          <dt>
            {t('field.moq')} / {t('field.packSize')}
          </dt>
          <dd>
            {formatNumber(p.moq)} / {formatNumber(p.packSize)}
          </dd>
          <dt>{t('field.serviceLevel')}</dt>
          <dd>{formatNumber(p.serviceLevel * 100)} %</dd>
          <dt>{t('col.ecoScore')}</dt>
          <dd>
            {p.ecoScore ?? '—'}
            {p.ecoDetails.length ? ` — ${p.ecoDetails.join(' · ')}` : ''}
          </dd>
        </dl>
        {p.description && <p className="pd-description">{p.description}</p>}
      </section>
      <section className="panel">
        <h2>{t('balances')}</h2>
        {balances.length === 0 ? (
          <p className="muted">{t('noStock')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('location')}</th>
                <th className="num">{t('col.onHand')}</th>
                <th>{t('lastMovement')}</th>
              </tr>
            </thead>
            <tbody>
              {balances.map((b) => (
                <tr key={b.locationId}>
                  <td>{b.locationName}</td>
                  <td className="num">{formatNumber(b.onHand)}</td>
                  <td>{formatDate(b.lastMovementAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label={t('chart')}>
        <h2>{t('chart')}</h2>
        <div style={{ height: 220 }}>
          <ResponsiveContainer>
            <AreaChart data={series}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
              <XAxis
                dataKey="day"
                tickFormatter={(d: number) => formatDate(d, { month: 'short', year: '2-digit', timeZone: 'UTC' })}
                minTickGap={40}
              />
              <YAxis width={stockAxisWidth(series)} fontSize={12} tickFormatter={(v: number) => formatNumber(v)} />
              <Tooltip
                labelFormatter={(d) => formatDate(Number(d), { dateStyle: 'medium', timeZone: 'UTC' })}
                formatter={(v) => [formatNumber(Number(v)), t('col.onHand')]}
              />
              <Area
                type="stepAfter"
                dataKey="onHand"
                stroke="var(--accent, #2b6cb0)"
                fill="var(--accent, #2b6cb0)"
                fillOpacity={0.15}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section className="panel">
        <h2>{t('history')}</h2>
        <table className="table" data-testid="pd-history">
          <thead>
            <tr>
              <th>{t('when')}</th>
              <th>{t('type')}</th>
              <th className="num">{t('delta')}</th>
              <th>{t('location')}</th>
              <th>{t('reason')}</th>
              <th>{t('source')}</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.occurredAt)}</td>
                <td>{t(`types.${m.type}`)}</td>
                <td className="num">{signedDelta(m.delta)}</td>
                <td>{movementPlace(m)}</td>
                <td>{m.reason}</td>
                <td>{t(`sources.${m.source}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {next && <button onClick={() => void more()}>{t('more')}</button>}
      </section>
    </div>
  );
}

/** The stock chart's axis width: its labels reach the rounded-up top (and the lowest, when negative). */
function stockAxisWidth(series: ReadonlyArray<{ onHand: number }>): number {
  let high = 0;
  let low = 0;
  for (const { onHand } of series) {
    high = Math.max(high, onHand);
    low = Math.min(low, onHand);
  }
  return yAxisWidth([formatNumber(niceAxis(high).top), formatNumber(low)], 12);
}
