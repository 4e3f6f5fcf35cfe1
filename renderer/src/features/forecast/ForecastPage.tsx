import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '@renderer/app/router';
import { useForecast } from '@renderer/stores/forecast';
import type { ReorderStatus } from '@shared/model/forecast';
import { ForecastTable } from './ForecastTable';
import { ProductForecastView } from './ProductForecastView';
import { ReplenishmentView } from './ReplenishmentView';
import { RunControls } from './RunControls';
import type React from 'react';
import './forecast.css';

const STATUSES: ReorderStatus[] = ['order_now', 'late_delivery', 'order_soon', 'ok', 'overstock', 'no_data'];

/** #/forecasts (every product), #/forecasts/product/<id>, #/forecasts/replenishment. */
export default function ForecastPage({ route }: { route: string[] }) {
  const { t } = useTranslation('forecast');
  const f = useForecast();
  // A run (from here, another window or the CLI) stored new results: read them again.
  useEffect(() => useForecast.getState().watch(), []);
  // Back on the list (from a product whose driver changed, say): read it again.
  const view = route[0] === 'product' ? `product/${route[1] ?? ''}` : (route[0] ?? '');
  useEffect(() => {
    // The product page reads its own channel (it follows the list's reloads); its run bar needs the list's "computed at" once.
    if (!view.startsWith('product/') || !useForecast.getState().loaded) void f.reload().catch(() => undefined);
  }, [view]); // eslint-disable-line react-hooks/exhaustive-deps
  if (route[0] === 'product' && route[1])
    return (
      <div className="page forecast-page">
        <ProductForecastView key={route[1]} id={route[1]} />
      </div>
    );
  const tab = route[0] === 'replenishment' ? 'replenishment' : 'list';
  const never = f.loaded && !f.error && f.computedAt === null;
  return (
    <div className="page forecast-page">
      <header className="page-header fc-header">
        <h1>{t('title')}</h1>
        <nav className="tabs" aria-label={t('title')}>
          <button aria-current={tab === 'list' ? 'page' : undefined} onClick={() => navigate('forecasts')}>
            {t('tabs.list')}
          </button>
          <button aria-current={tab === 'replenishment' ? 'page' : undefined} onClick={() => navigate('forecasts', 'replenishment')}>
            {t('tabs.replenishment')}
          </button>
        </nav>
        {!never && <RunControls />}
      </header>
      {f.error && (
        <p className="field-error" role="alert">
          {t('loadFailed', { message: f.error })}
        </p>
      )}
      {never ? (
        <NeverComputed />
      ) : tab === 'replenishment' ? (
        <ReplenishmentView />
      ) : (
        <>
          <div className="toolbar">
            <input
              type="search"
              className="ct-search search-input"
              style={{ '--ph': t('search').length } as React.CSSProperties}
              placeholder={t('search')}
              aria-label={t('search')}
              value={f.q}
              onChange={(e) => f.setQuery({ q: e.target.value })}
            />
            <select
              value={f.status}
              onChange={(e) => f.setQuery({ status: e.target.value as typeof f.status })}
              aria-label={t('statusFilter')}
              data-testid="forecast-status"
            >
              <option value="">{t('allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
            <span className="muted" data-testid="forecast-total">
              {t('count', { count: f.total })}
            </span>
          </div>
          <ForecastTable />
        </>
      )}
    </div>
  );
}

/** Nothing computed yet: say what forecasting does and offer the first run. */
function NeverComputed() {
  const { t } = useTranslation('forecast');
  return (
    <section className="panel fc-never" data-testid="forecast-never">
      <h2>{t('never.title')}</h2>
      <p>{t('never.body')}</p>
      <RunControls primary label={t('never.action')} showStatus={false} />
    </section>
  );
}
