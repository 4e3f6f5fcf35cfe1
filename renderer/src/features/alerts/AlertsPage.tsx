import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDate, formatDateTime, formatNumber } from '@renderer/i18n/format';
import { useSystem } from '@renderer/stores/system';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { unitFor } from '@renderer/i18n/units';
import type { Alert } from '@shared/model/alert';
import type { Booth } from '@shared/model/booth';
import type { ProductAlert } from '@shared/model/productAlert';
import { paperLeftText } from '../fleet/paperWords';
import '../fleet/fleet.css';

/** Alert centre: open alerts first, then the recently cleared ones; live through push events. */
export default function AlertsPage() {
  const { t } = useTranslation('alerts');
  const [tab, setTab] = useState<'open' | 'all'>('open');
  const [items, setItems] = useState<Alert[] | null>(null);
  const [stock, setStock] = useState<ProductAlert[]>([]);
  const dataVersion = useSystem((s) => s.dataVersion);
  // Each booth's paper unit (prints, or strips on a 2×6 booth), to count paper as its card does.
  const [printsPerCopy, setPrintsPerCopy] = useState<ReadonlyMap<string, Booth['printsPerCopy']>>(new Map());
  useEffect(
    () =>
      void api.call('booths.list', {}, { silent: true }).then(
        (list) => setPrintsPerCopy(new Map(list.map((b) => [b.id, b.printsPerCopy]))),
        () => undefined,
      ),
    [dataVersion],
  );
  const role = useSystem((s) => s.info?.user.role);
  const canAct = role === 'admin' || role === 'installer';
  const [bump, setBump] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const act = async (channel: 'alerts.acknowledge' | 'alerts.resolve', a: Alert) => {
    setError(null);
    try {
      await api.call(channel, { id: a.id }, { silent: true });
      setBump((n) => n + 1);
    } catch (e) {
      setError(localizeCoreMessage((e as Error).message));
    }
  };
  useEffect(() => {
    // An answer asked for by a tab left meanwhile (or before the last change) is dropped: it would
    // show the open alerts under "All", or the list as it was before an alert was resolved.
    let live = true;
    const load = () =>
      void api.call('alerts.list', { open: tab === 'open' ? true : undefined, limit: 200 }, { silent: true }).then(
        (x) => live && setItems(x),
        () => live && setItems([]),
      );
    const loadStock = () =>
      void api.call('alerts.products', { open: tab === 'open' ? true : undefined, limit: 100 }, { silent: true }).then(
        (x) => live && setStock(x),
        () => undefined,
      );
    load();
    loadStock();
    const offs = [api.subscribe('alert.raised', load), api.subscribe('alert.cleared', load)];
    const poll = setInterval(() => (load(), loadStock()), 5000);
    return () => {
      live = false;
      offs.forEach((o) => o());
      clearInterval(poll);
    };
  }, [tab, dataVersion, bump]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <div className="filters">
        <div role="radiogroup" aria-label={t('show')} className="segmented">
          {(['open', 'all'] as const).map((k) => (
            <label key={k} className={tab === k ? 'selected' : undefined}>
              <input type="radio" name="alert-tab" checked={tab === k} onChange={() => setTab(k)} />
              {t(`tabs.${k}`)}
            </label>
          ))}
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {stock.length > 0 && (
        <section className="panel" aria-label={t('stock.title')} data-testid="stock-alerts">
          <h2>{t('stock.title')}</h2>
          <ul className="stock-alerts">
            {stock.map((a) => (
              <li key={a.id} data-product={a.productName}>
                <span className={`chip level-chip level-${a.severity === 'critical' ? 'critical' : 'warning'}`}>
                  {t(`severities.${a.severity}`)}
                </span>{' '}
                <a href={`#/forecasts/product/${a.productId}`}>
                  <strong>{a.productName}</strong>
                </a>{' '}
                <span className="muted small">({a.details.sku})</span> —{' '}
                {a.details.onHand <= 0
                  ? t('stock.outNow', {
                      unit: unitFor(a.details.unit, 0),
                      delivery: formatDate(a.details.nextDeliveryAt, { dateStyle: 'full', timeZone: 'UTC' }),
                    })
                  : t('stock.runsOut', {
                      onHand: formatNumber(a.details.onHand, { maximumFractionDigits: 1 }),
                      unit: unitFor(a.details.unit, a.details.onHand),
                      out: formatDate(a.details.stockoutAt, { dateStyle: 'full', timeZone: 'UTC' }),
                      delivery: formatDate(a.details.nextDeliveryAt, { dateStyle: 'full', timeZone: 'UTC' }),
                    })}
                {a.details.suggestedQty > 0 && (
                  <>
                    {' '}
                    {t('stock.order', { qty: formatNumber(a.details.suggestedQty), unit: unitFor(a.details.unit, a.details.suggestedQty) })}
                  </>
                )}{' '}
                <span className="muted small">
                  {a.clearedAt === null
                    ? t('stock.since', { when: formatDateTime(a.raisedAt) })
                    : t('resolvedAuto', { when: formatDateTime(a.clearedAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {items && items.length === 0 && <p className="muted">{tab === 'open' ? t('noneOpen') : t('none')}</p>}
      {items && items.length > 0 && (
        <table className="table panel">
          <thead>
            <tr>
              <th>{t('severity')}</th>
              <th>{t('booth')}</th>
              <th>{t('what')}</th>
              <th>{t('raised')}</th>
              <th>{t('state')}</th>
              {canAct && (
                <th>
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} className={`alert-row severity-${a.severity}`} data-kind={a.kind}>
                <td>
                  <span className={`chip level-chip level-${a.severity === 'critical' ? 'critical' : 'warning'}`}>
                    {t(`severities.${a.severity}`)}
                  </span>
                </td>
                <td>
                  <a href={`#/fleet/${a.boothId}`}>{a.boothName}</a>
                </td>
                <td>
                  {t(`alertKinds.${a.kind}`)} <span className="muted small">{describe(a, t, printsPerCopy.get(a.boothId) ?? 1)}</span>
                </td>
                <td>{formatDateTime(a.raisedAt)}</td>
                <td data-testid="alert-state">{stateOf(a, t)}</td>
                {canAct && (
                  <td className="row-actions">
                    {a.clearedAt === null && a.acknowledgedAt === null && (
                      <button type="button" onClick={() => void act('alerts.acknowledge', a)}>
                        {t('acknowledge')}
                      </button>
                    )}
                    {a.clearedAt === null && (
                      <button type="button" className="primary" onClick={() => void act('alerts.resolve', a)} title={t('resolveHelp')}>
                        {t('resolve')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Open, taken in hand (who, when), or resolved (by whom, or on its own when the cause went away). */
function stateOf(a: Alert, t: (k: string, o?: Record<string, unknown>) => string) {
  if (a.clearedAt !== null) {
    return a.resolvedBy
      ? t('resolvedBy', { who: a.resolvedBy, when: formatDateTime(a.clearedAt) })
      : t('resolvedAuto', { when: formatDateTime(a.clearedAt) });
  }
  if (a.acknowledgedAt !== null) return t('acknowledgedBy', { who: a.acknowledgedBy ?? '—', when: formatDateTime(a.acknowledgedAt) });
  return <strong>{t('stillOpen')}</strong>;
}

/** Localised detail from the alert's structured details (the stored message is the English log line). */
function describe(a: Alert, t: (k: string, o?: Record<string, unknown>) => string, printsPerCopy: Booth['printsPerCopy']): string {
  const d = a.details as Record<string, number | undefined>;
  switch (a.kind) {
    case 'paper_warning':
    case 'paper_critical':
      // In the booth's own words, as its card and Today say it ("236 bandelettes restantes (118 feuilles)").
      return d.remaining === undefined ? '' : paperLeftText({ remainingPrints: d.remaining, printsPerCopy }, t);
    case 'disk_low':
      return t('detail.disk', { pct: d.diskFreePct === undefined ? '—' : formatNumber(d.diskFreePct, { maximumFractionDigits: 1 }) });
    case 'high_temperature':
      return t('detail.temp', { c: d.temperatureC === undefined ? '—' : formatNumber(d.temperatureC, { maximumFractionDigits: 1 }) });
    case 'print_burst':
      return t('detail.burst', { left: d.minutesLeft, end: d.minutesToEnd });
    default:
      return '';
  }
}
