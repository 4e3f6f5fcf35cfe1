import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { hrefFor } from '@renderer/app/router';
import { formatNumber } from '@renderer/i18n/format';
import type { Output } from '@shared/contract/index';
import { formatDay, formatInDays } from './words';
import './forecast.css';

const SHOWN = 5;

/** Dashboard tile: products whose projected stock runs out within 30 days, and how many to order this week. */
export function StockoutRiskTile() {
  const { t } = useTranslation('forecast');
  const [s, setS] = useState<Output<'forecast.summary'> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const load = () =>
      api.call('forecast.summary', {}, { silent: true }).then(
        (x) => (setS(x), setFailed(false)),
        () => setFailed(true),
      );
    void load();
    return api.subscribe('forecast.updated', () => void load());
  }, []);
  if (failed) return null;
  if (!s) return <section className="tile" aria-busy="true" />;
  return (
    <section className="tile fc-tile" aria-labelledby="tile-stockout" data-testid="stockout-tile">
      <h2 id="tile-stockout">
        <a href={hrefFor('forecasts')}>{t('tile.title')}</a>
      </h2>
      {s.computedAt === null ? (
        <>
          <p className="muted">{t('tile.never')}</p>
          <a href={hrefFor('forecasts')}>{t('tile.compute')}</a>
        </>
      ) : (
        <>
          <p className={`tile-figure ${s.stockoutRisks.length > 0 ? 'bad-text' : 'ok-text'}`}>{formatNumber(s.stockoutRisks.length)}</p>
          <p className="muted small">
            {s.stockoutRisks.length === 0 ? t('tile.none') : t('tile.risks', { count: s.stockoutRisks.length })}
          </p>
          {s.stockoutRisks.length > 0 && (
            <ul className="tile-list small">
              {s.stockoutRisks.slice(0, SHOWN).map((r) => (
                <li key={r.productId}>
                  <a href={hrefFor('forecasts', 'product', r.productId)} title={r.name}>
                    {r.name}
                  </a>
                  <span className="muted" title={formatDay(r.stockoutAt)}>
                    {formatInDays(r.stockoutAt)}
                  </span>
                </li>
              ))}
              {s.stockoutRisks.length > SHOWN && <li className="muted">{t('tile.more', { count: s.stockoutRisks.length - SHOWN })}</li>}
            </ul>
          )}
          {s.toOrderCount > 0 && (
            <p className="small">
              <a href={hrefFor('forecasts', 'replenishment')}>{t('tile.toOrder', { count: s.toOrderCount })}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
