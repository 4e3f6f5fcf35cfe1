import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { formatQty } from '@renderer/i18n/units';
import { useForecast, type ForecastSort } from '@renderer/stores/forecast';
import { hrefFor } from '@renderer/app/router';
import type { ForecastRow } from '@shared/model/forecast';
import '../catalog/catalog.css';
import {
  accuracyLevel,
  accuracyTone,
  daysFromToday,
  formatDay,
  kindLabel,
  modelLabel,
  rowAccuracySentence,
  statusHelp,
  statusLabel,
  statusTone,
} from './words';

const ROW_H = 40;
interface Col {
  key: string;
  width: string;
  sort?: ForecastSort;
  numeric?: boolean;
}
const COLS: Col[] = [
  { key: 'sku', width: '5.5rem', sort: 'sku' },
  // The name gives up its last rem of minimum to the quantity's title ('Qté conseillée' whole at 1360 px); it keeps its title attribute.
  { key: 'name', width: 'minmax(7rem, 2fr)', sort: 'name' },
  { key: 'kind', width: '6.5rem' },
  { key: 'model', width: 'minmax(8rem, 1fr)' },
  { key: 'nextP50', width: '6rem', sort: 'nextP50', numeric: true },
  { key: 'mase', width: '6.5rem', sort: 'mase' },
  // Room for the longest status whole: 'Pas assez de données', 'À commander mercredi', 'Order on Wednesday' (8rem cut them).
  { key: 'status', width: '12rem', sort: 'urgency' },
  { key: 'suggestedQty', width: '8rem', sort: 'suggestedQty', numeric: true },
  { key: 'orderBy', width: '7rem', sort: 'urgency' },
];
const GRID = COLS.map((c) => c.width).join(' ');

/** Every product's forecast in one virtualized table: only visible rows exist in the DOM; pages load as you scroll. */
export function ForecastTable() {
  const { t } = useTranslation('forecast');
  const f = useForecast();
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: f.total, getScrollElement: () => parent.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => f.ensure(first, last), [first, last, f.total, f.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sortBy = (key: ForecastSort) => {
    // Urgency starts most urgent first; numbers start with the largest (the ones that matter).
    const firstDir = key === 'urgency' || key === 'name' || key === 'sku' || key === 'mase' ? 'asc' : 'desc';
    f.setQuery({ sort: key, dir: f.sort === key ? (f.dir === 'asc' ? 'desc' : 'asc') : firstDir });
  };
  return (
    <div className="catalog-table fc-table" role="table" aria-rowcount={f.total + 1} data-testid="forecast-table">
      <div className="ct-row ct-head" role="row" style={{ gridTemplateColumns: GRID }}>
        {COLS.map((col) =>
          col.sort ? (
            <button
              key={col.key}
              role="columnheader"
              className={col.numeric ? 'num' : ''}
              aria-sort={f.sort === col.sort ? (f.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              title={col.key === 'nextP50' ? t('nextP50Hint') : col.sort === 'urgency' ? t('col.urgency') : undefined}
              onClick={() => sortBy(col.sort!)}
            >
              {t(`col.${col.key}`)} {f.sort === col.sort ? (f.dir === 'asc' ? '▲' : '▼') : ''}
            </button>
          ) : (
            <span key={col.key} role="columnheader">
              {t(`col.${col.key}`)}
            </span>
          ),
        )}
      </div>
      <div ref={parent} className="ct-body">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((vi) => {
            const r = f.rows[vi.index];
            return (
              <div
                key={vi.key}
                role="row"
                data-status={r?.status}
                className="ct-row fc-row"
                style={{
                  gridTemplateColumns: GRID,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_H,
                  transform: `translateY(${vi.start}px)`,
                }}
              >
                {r ? <Row r={r} /> : <span className="muted ct-loading">…</span>}
              </div>
            );
          })}
        </div>
        {f.loaded && f.total === 0 && <p className="muted ct-empty">{t('empty')}</p>}
      </div>
    </div>
  );
}

function Row({ r }: { r: ForecastRow }) {
  const { t } = useTranslation('forecast');
  const level = accuracyLevel(r.mase);
  const noData = r.status === 'no_data';
  const due = r.orderBy === null ? null : daysFromToday(r.orderBy);
  return (
    <>
      <span role="cell" className="mono small">
        {r.sku}
      </span>
      <span role="cell" title={r.supplier ? `${r.name} — ${r.supplier}` : r.name}>
        <a href={hrefFor('forecasts', 'product', r.productId)}>{r.name}</a>
      </span>
      <span role="cell" title={r.kind ? t(`kindHelp.${r.kind}`) : undefined}>
        {kindLabel(t, r.kind)}
      </span>
      <span
        role="cell"
        title={
          noData
            ? t(r.driver === 'history' ? 'noData.history' : 'noData.events')
            : r.model
              ? `${modelLabel(t, r.model)} — ${r.model}`
              : undefined
        }
      >
        {noData ? (
          <span className="muted">{t(r.driver === 'history' ? 'noData.short' : 'noData.shortEvents')}</span>
        ) : (
          modelLabel(t, r.model, true)
        )}
      </span>
      <span role="cell" className="num">
        {r.nextP50 === null ? '—' : formatQty(r.nextP50, r.unit, { maximumFractionDigits: r.nextP50 < 10 ? 1 : 0 })}
      </span>
      <span role="cell" title={rowAccuracySentence(t, r)}>
        {level === 'unknown' ? (
          <span className="muted">—</span>
        ) : (
          <span className={`fc-acc tone-${accuracyTone(level)}`}>{t(`accuracy.${level}`)}</span>
        )}
      </span>
      <span role="cell" title={statusHelp(t, r)}>
        <span className={`badge fc-badge tone-${statusTone(r.status)}`}>{statusLabel(t, r)}</span>
      </span>
      <span role="cell" className="num">
        {r.suggestedQty > 0 ? formatQty(r.suggestedQty, r.unit) : <span className="muted">—</span>}
      </span>
      <span role="cell" className={due !== null && due <= 0 && r.suggestedQty > 0 ? 'bad-text' : ''}>
        {r.orderBy === null ? (
          <span className="muted">—</span>
        ) : (
          formatDay(r.orderBy, { day: 'numeric', month: 'short', year: due !== null && Math.abs(due) > 300 ? 'numeric' : undefined })
        )}
      </span>
    </>
  );
}
