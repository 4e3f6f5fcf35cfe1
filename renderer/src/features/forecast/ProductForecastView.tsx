import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axisDecimals, niceAxis, safetyLabelPosition, topLabelsDepth, topMarkerLabels, yAxisWidth } from '@renderer/app/chartAxis';
import { unitFor } from '@renderer/i18n/units';
import { api, ApiError } from '@renderer/api';
import { hrefFor } from '@renderer/app/router';
import { useSystem } from '@renderer/stores/system';
import { useForecast } from '@renderer/stores/forecast';
import { formatDateTime, formatNumber, formatPercent } from '@renderer/i18n/format';
import { movingEventOf, type DemandDriver, type ProductForecast } from '@shared/model/forecast';
import type { PurchaseOrder } from '@shared/model/stock';
import { fieldErrors } from '@renderer/api/fieldErrors';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { RunControls } from './RunControls';
import { OrderDays } from './OrderDays';
import {
  accuracyLevel,
  closedDaysSentence,
  DAY_MS,
  type DemandPoint,
  weeklyChartData,
  rowAccuracySentence,
  accuracyTone,
  daysFromToday,
  demandChartData,
  EXCEPTIONAL_DATE,
  exceptionalMethodText,
  exceptionalSentence,
  formatDay,
  formatInDays,
  kindLabel,
  modelLabel,
  nextDays,
  openArrivals,
  parseQuantity,
  perUnitText,
  statusHelp,
  statusLabel,
  statusTone,
  todayDay,
} from './words';

const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' };
const axisProps = { stroke: 'var(--muted)', fontSize: 12 } as const;
const RANGES = [90, 365] as const;
type Range = (typeof RANGES)[number];
const RANGE_KEY = 'opsdeck.forecast.range';
function savedRange(): Range {
  try {
    return localStorage.getItem(RANGE_KEY) === '365' ? 365 : 90;
  } catch {
    return 90;
  }
}
const num = (n: number, max = 1) => formatNumber(n, { maximumFractionDigits: Math.abs(n) < 10 ? max : 0 });
const STOCK_MARGIN = { top: 16, right: 12, bottom: 0, left: 0 };
// Legends and tooltips in reading order, the same in every language (recharts sorts them by name:
// French put "Stock avec la commande" before "Stock projeté", English the other way round).
const STOCK_ORDER = ['onHand', 'withOrder'];
const DEMAND_ORDER = ['actual', 'p50', 'band', 'closedBar'];
/** A tick label with the digits its axis's step needs (quarters: 0,25 / 0,75, never 0,3 / 0,8). */
const tickText = (v: number, ticks: readonly number[]) => formatNumber(v, { maximumFractionDigits: axisDecimals(ticks) });
/** Both charts' value axis: from 0 in round steps, as wide as its longest label. */
const valueAxis = (axis: { top: number; ticks: number[] }) => (
  <YAxis
    width={yAxisWidth(
      axis.ticks.map((v) => tickText(v, axis.ticks)),
      axisProps.fontSize,
    )}
    {...axisProps}
    domain={[0, axis.top]}
    ticks={axis.ticks}
    tickFormatter={(v: number) => tickText(v, axis.ticks)}
  />
);

/** One product: history and forecast band, projected stock against the reorder point, order advice, reliability in plain words. */
export function ProductForecastView({ id }: { id: string }) {
  const { t } = useTranslation('forecast');
  const [pf, setPf] = useState<ProductForecast | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The chart's range: 3 months, or the yearly view (a year of history and a year of forecast, made
  // on demand); kept on this device for the next product and the next visit.
  const [range, setRangeState] = useState<Range>(savedRange);
  const setRange = (r: Range) => {
    setRangeState(r);
    try {
      localStorage.setItem(RANGE_KEY, String(r));
    } catch {
      // Storage refused (private window): the choice lasts for this page only.
    }
  };
  const version = useForecast((s) => s.version);
  // The open purchase orders the projection counts: their deliveries labelled on the stock chart, and
  // said when they come after the stock-out.
  const [orders, setOrders] = useState<PurchaseOrder[]>([]);
  useEffect(() => {
    let live = true;
    api.call('purchaseOrders.list', { status: 'open', productId: id }, { silent: true }).then(
      (list) => live && setOrders(list),
      () => live && setOrders([]),
    );
    return () => void (live = false);
  }, [id, pf]);
  const load = async () => {
    try {
      setPf(await api.call('forecast.product', range === 365 ? { productId: id, horizonDays: 365 } : { productId: id }, { silent: true }));
      setError(null);
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'not_found' ? t('product.notFound') : t('loadFailed', { message: (e as Error).message }),
      );
    }
  };
  // The list store's version moves on every reload (forecast.updated, a finished run): follow it.
  useEffect(() => void load(), [id, version, range]); // eslint-disable-line react-hooks/exhaustive-deps
  if (error && !pf) {
    return (
      <>
        <a href={hrefFor('forecasts')}>← {t('product.back')}</a>
        <h1>{t('title')}</h1>
        <p className="field-error" role="alert">
          {error}
        </p>
      </>
    );
  }
  if (!pf) return <h1 className="muted">{t('loading')}</h1>;
  const r = pf.row;
  return (
    <div className="fc-product" data-testid="forecast-product">
      <header className="page-header fc-header">
        <div>
          <a href={hrefFor('forecasts')}>← {t('product.back')}</a>
          <h1>
            {r.name} <span className="muted small">{r.sku}</span>{' '}
            <span className={`badge fc-badge tone-${statusTone(r.status)}`} title={statusHelp(t, r)} data-testid="forecast-status-badge">
              {statusLabel(t, r)}
            </span>
          </h1>
          <p className="muted small">
            {r.kind ? <span title={t(`kindHelp.${r.kind}`)}>{kindLabel(t, r.kind)}</span> : null}
            {r.kind ? ' · ' : ''}
            {t(`driver.${r.driver}`)}
            {r.supplier ? ` · ${r.supplier}` : ''} · <a href={hrefFor('catalog', 'product', r.productId)}>{t('product.openCatalog')}</a>
          </p>
        </div>
        <RunControls />
      </header>
      {r.status === 'no_data' && (
        <p className="notice" role="note" data-testid="forecast-nodata">
          {r.driver === 'history' ? t('noData.history') : t('noData.events')}
        </p>
      )}
      <div className="fc-product-grid">
        <div className="fc-charts">
          {pf.forecast.length > 0 || pf.history.length > 0 ? (
            <DemandChart pf={pf} range={range} onRange={setRange} />
          ) : (
            <section className="panel">
              <p className="muted">{t('product.noForecast')}</p>
            </section>
          )}
          {pf.projection.length > 0 && <StockChart pf={pf} orders={orders} />}
        </div>
        <div className="fc-side">
          <ReplenishmentBox pf={pf} orders={orders} onOrderDays={() => void load()} />
          <section className="panel fc-accuracy" aria-labelledby="fc-acc-title">
            <h2 id="fc-acc-title">
              {t('product.accuracy')}{' '}
              {accuracyLevel(r.mase) !== 'unknown' && (
                <span className={`fc-acc tone-${accuracyTone(accuracyLevel(r.mase))}`}>{t(`accuracy.${accuracyLevel(r.mase)}`)}</span>
              )}
            </h2>
            <p data-testid="forecast-accuracy">
              {/* Not measured: why, as the core says it (never sold, the same count every day, too little history). */}
              {rowAccuracySentence(t, r)}
            </p>
            {r.mase !== null && <p className="muted small">{t('accuracy.naiveHint')}</p>}
          </section>
        </div>
      </div>
      <ModelDetails pf={pf} />
      <DriverForm key={r.productId} pf={pf} onSaved={() => void load()} />
    </div>
  );
}

/** One row of the demand chart as recharts hands it to a tooltip. */
type ChartRow = DemandPoint & { closedBar?: number };

function DemandTooltip({ active, payload, weekly }: { active?: boolean; payload?: Array<{ payload?: ChartRow }>; weekly: boolean }) {
  const { t } = useTranslation('forecast');
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const line = (name: string, value: string) => <div>{t('product.tooltipLine', { name, value })}</div>;
  return (
    <div className="fc-tooltip" style={tooltipStyle} data-testid="forecast-tooltip">
      <strong>
        {weekly
          ? t('product.weekOf', { date: formatDay(row.day, { day: 'numeric', month: 'short', year: 'numeric' }) })
          : formatDay(row.day, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}
      </strong>
      {row.closed ? (
        <div className="muted">{t('closed.tooltip')}</div>
      ) : (
        <>
          {row.actual !== undefined && line(t('product.history'), num(row.actual))}
          {row.stockout && <div className="warn-text">{t('stockout.tooltip')}</div>}
          {row.exceptional && (
            <div className="fc-exceptional-text">
              {t(weekly ? 'exceptional.tooltipWeek' : row.exceptional === 'high' ? 'exceptional.tooltipHigh' : 'exceptional.tooltipLow')}
            </div>
          )}
          {row.p50 !== undefined && line(t('product.p50'), num(row.p50))}
          {row.band && line(t('product.band'), `${num(row.band[0])} – ${num(row.band[1])}`)}
        </>
      )}
    </div>
  );
}

/** Which days the shop is closed for this product, and where the holiday country is set. */
function ClosedDaysNote({ pf }: { pf: ProductForecast }) {
  const { t } = useTranslation('forecast');
  const c = pf.closedDays;
  if (!c) return null;
  const sentence = closedDaysSentence(t, c, (code) => t(`closed.country.${code}`));
  // A shop closed on some weekday that still sells on holidays: say why holidays do not close it
  // (a business open every day needs no word about it).
  const ignored = !c.holidaysApply && c.holidayCountry !== 'none' && c.closedWeekdays.length > 0;
  if (!sentence && !ignored) return null;
  return (
    <p className="muted small" id="fc-closed-note" data-testid="forecast-closed-days">
      {[sentence, ignored ? t('closed.holidaysIgnored') : null].filter(Boolean).join(' ')}{' '}
      <a href={hrefFor('settings')}>{t('closed.settings')}</a>
    </p>
  );
}

function DemandChart({ pf, range, onRange }: { pf: ProductForecast; range: Range; onRange: (r: Range) => void }) {
  const { t } = useTranslation('forecast');
  const today = todayDay();
  // The yearly view reads in weeks: a year of days is a comb of weekday peaks and closed days.
  const weekly = range === 365;
  const data = useMemo(() => (weekly ? weeklyChartData(pf, today) : demandChartData(pf, range)), [pf, range, weekly, today]);
  // Round steps on the demand axis too (recharts' own quarters of 3 read 0,8 / 1,5 / 2,3).
  const axis = useMemo(() => niceAxis(Math.max(0, ...data.map((d) => Math.max(d.actual ?? 0, d.p50 ?? 0, d.band?.[1] ?? 0)))), [data]);
  // A closed day is a grey column the height of the chart, not a demand of zero.
  const rows: ChartRow[] = useMemo(() => data.map((d) => (d.closed ? { ...d, closedBar: axis.top } : d)), [data, axis.top]);
  const hasClosed = rows.some((r) => r.closed);
  // The P50 line and its band stop at a closed day (drawn across it, they showed demand on a day the
  // shop is shut); an open day alone between two closed ones gets a dot, a line of one point being invisible.
  const isolated = useMemo(() => {
    const has = (i: number) => rows[i]?.p50 !== undefined;
    return new Set(rows.flatMap((_, i) => (has(i) && !has(i - 1) && !has(i + 1) ? [i] : [])));
  }, [rows]);
  const stockouts = weekly ? [] : rows.filter((r) => r.stockout).map((r) => r.day);
  // Days the forecast set aside (promotions, events, unexplained dips): shaded where the chart shows
  // them (days, or their weeks in the yearly view), counted and listed for the period shown; the
  // older ones (before the period shown: the rest of the page's year, and the year before it that
  // the forecast reads too) counted in the same sentence and listed apart.
  const marked = rows.filter((r) => r.exceptional);
  const shownFrom = rows.length ? rows[0]!.day : today;
  const exceptionalDays = pf.history.filter((h) => h.exceptional && !h.closed && h.day >= shownFrom);
  const olderDays = [...(pf.exceptionalDays?.older ?? []), ...pf.history.filter((h) => h.exceptional && !h.closed && h.day < shownFrom)];
  const exceptionalNote = exceptionalSentence(
    t,
    exceptionalDays.filter((h) => h.exceptional === 'high').length,
    exceptionalDays.filter((h) => h.exceptional === 'low').length,
    weekly,
    olderDays.length,
    shownFrom,
  );
  const exceptionalItem = (h: ProductForecast['history'][number]) => (
    <li key={h.day}>
      {t(h.exceptional === 'high' ? 'exceptional.itemHigh' : 'exceptional.itemLow', {
        date: formatDay(h.day, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
        quantity: num(h.quantity),
        unit: unitFor(unit, h.quantity),
      })}
    </li>
  );
  const halfMark = (weekly ? 3.5 : 0.5) * DAY_MS;
  const describedBy = [
    pf.closedDays ? 'fc-closed-note' : null,
    stockouts.length > 0 ? 'fc-stockout-note' : null,
    exceptionalNote ? 'fc-exceptional-note' : null,
  ].filter(Boolean);
  const week = nextDays(pf);
  const unit = pf.row.unit;
  return (
    <section className="panel" aria-labelledby="fc-demand-title">
      <div className="fc-chart-head">
        <h2 id="fc-demand-title">{t(weekly ? 'product.weeklyChart' : 'product.demandChart')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('product.range')}>
          {RANGES.map((d) => (
            <label key={d} className={range === d ? 'selected' : ''}>
              <input type="radio" name="fc-range" checked={range === d} onChange={() => onRange(d)} />
              {t(d === 90 ? 'product.range90' : 'product.range365')}
            </label>
          ))}
        </div>
      </div>
      {pf.forecast.length > 0 && (
        <p className="muted small">
          {weekly
            ? t('product.weeklySummary')
            : t('product.chartSummary', { p50: num(pf.row.nextP50 ?? week.p50), unit: unitFor(unit, pf.row.nextP50 ?? week.p50) })}
        </p>
      )}
      <ClosedDaysNote pf={pf} />
      {stockouts.length > 0 && (
        <p className="muted small" id="fc-stockout-note" data-testid="forecast-stockout-days">
          {t('stockout.note', { count: stockouts.length })}
        </p>
      )}
      {exceptionalNote && (
        <div className="muted small fc-exceptional" data-testid="forecast-exceptional">
          <p id="fc-exceptional-note" data-testid="forecast-exceptional-days">
            {exceptionalDays.length > 0 && <span className="fc-exceptional-swatch" aria-hidden="true" />}
            {exceptionalNote}
          </p>
          <details className="fc-exceptional-list" data-testid="forecast-exceptional-list">
            <summary>{t('exceptional.list')}</summary>
            {exceptionalDays.length > 0 && <ul data-testid="forecast-exceptional-shown">{exceptionalDays.map(exceptionalItem)}</ul>}
            {olderDays.length > 0 && (
              <>
                <p className="fc-exceptional-older" id="fc-exceptional-older">
                  {t('exceptional.olderHeading', { date: formatDay(shownFrom, EXCEPTIONAL_DATE) })}
                </p>
                <ul data-testid="forecast-exceptional-older" aria-labelledby="fc-exceptional-older">
                  {olderDays.map(exceptionalItem)}
                </ul>
              </>
            )}
          </details>
        </div>
      )}
      <figure
        className="fc-chart"
        data-testid="forecast-demand-chart"
        data-view={weekly ? 'weekly' : 'daily'}
        aria-label={t(weekly ? 'product.weeklyChart' : 'product.demandChart')}
        aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              dataKey="day"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              // The yearly view's months with their whole year: "Jan 27" / "déc. 25" read as a day of the month.
              tickFormatter={(d: number) => formatDay(d, weekly ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' })}
              minTickGap={48}
              {...axisProps}
            />
            {valueAxis(axis)}
            <Tooltip content={<DemandTooltip weekly={weekly} />} />
            <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={(item) => DEMAND_ORDER.indexOf(String(item.dataKey))} />
            {pf.forecast.length > 0 && (
              <Area
                dataKey="band"
                name={t('product.band')}
                stroke="none"
                fill="var(--accent)"
                fillOpacity={0.2}
                isAnimationActive={false}
              />
            )}
            <Bar
              dataKey="actual"
              stackId="day"
              name={t('product.history')}
              fill="var(--muted)"
              fillOpacity={0.7}
              isAnimationActive={false}
            />
            {hasClosed && (
              <Bar
                dataKey="closedBar"
                stackId="day"
                name={t('closed.legend')}
                fill="var(--border)"
                fillOpacity={0.9}
                isAnimationActive={false}
              />
            )}
            {pf.forecast.length > 0 && (
              <Line
                dataKey="p50"
                name={t('product.p50')}
                stroke="var(--accent)"
                strokeWidth={2}
                dot={(p: { index: number; cx?: number; cy?: number }) =>
                  isolated.has(p.index) && p.cx !== undefined && p.cy !== undefined ? (
                    <circle key={p.index} cx={p.cx} cy={p.cy} r={2.5} fill="var(--accent)" className="fc-p50-dot" />
                  ) : (
                    <g key={p.index} />
                  )
                }
                isAnimationActive={false}
              />
            )}
            {stockouts.map((d) => (
              <ReferenceArea
                key={d}
                x1={d - DAY_MS / 2}
                x2={d + DAY_MS / 2}
                fill="var(--warn)"
                fillOpacity={0.25}
                stroke="none"
                ifOverflow="hidden"
                className="fc-stockout-day"
              />
            ))}
            {marked.map((r) => (
              <ReferenceArea
                key={`x${r.day}`}
                x1={r.day - halfMark}
                x2={r.day + halfMark}
                fill="var(--exceptional)"
                fillOpacity={r.exceptional === 'high' ? 0.28 : 0.16}
                // A dip has a low bar: its edges drawn so one day stays visible; a run of high days reads as one block.
                stroke={r.exceptional === 'high' ? 'none' : 'var(--exceptional)'}
                strokeOpacity={0.8}
                strokeDasharray="3 2"
                ifOverflow="hidden"
                className={`fc-exceptional-day fc-exceptional-${r.exceptional}`}
              />
            ))}
            <ReferenceLine
              x={today}
              stroke="var(--text)"
              strokeDasharray="4 3"
              label={{ value: t('product.today'), position: 'insideTopLeft', fill: 'var(--muted)', fontSize: 12 }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}

/** Room the legend and the date axis take below a stock chart's plot, a little more than they need. */
const STOCK_BELOW_PLOT = 64;
/** A horizontal line's label height (the reorder point's, above its line), and the air kept between labels and curves. */
const LABEL_TEXT = 14;
const LABEL_AIR = 3;

function StockChart({ pf, orders }: { pf: ProductForecast; orders: readonly PurchaseOrder[] }) {
  const { t } = useTranslation('forecast');
  const [size, setSize] = useState({ width: 600, height: 220 });
  const r = pf.row;
  const inRange = (d: number | null) =>
    d !== null && pf.projection.length > 0 && d >= pf.projection[0]!.day && d <= pf.projection[pf.projection.length - 1]!.day;
  const arrivals = openArrivals(orders, pf.projection);
  const u = r.unit;
  const arrival =
    r.orderBy !== null && r.suggestedQty > 0 && pf.projection.some((p) => p.withOrder !== undefined)
      ? r.orderBy + Math.round(pf.leadTimeDays) * DAY_MS
      : null;
  // The order-by day's, the deliveries' and the stock-out's labels along the top: kept inside the
  // plot and clear of each other (one row lower when they would touch); the value axis then leaves
  // them room above the curves and the reorder point's label. "Commander avant" sat at the bottom
  // left, over the stock it was about; an open order's delivery was a jump with no word.
  const first = pf.projection[0]?.day ?? 0;
  const span = Math.max(1, (pf.projection[pf.projection.length - 1]?.day ?? 0) - first);
  // With order days the order goes out on that day, as the advice says ("le vendredi 11 décembre"), not "before" it.
  const orderByText = pf.orderDays?.length ? t('product.orderDay') : t('product.orderBy');
  const markers = [
    ...(inRange(r.orderBy) && r.suggestedQty > 0 ? [{ key: 'orderBy', day: r.orderBy!, text: orderByText, prefer: 'right' as const }] : []),
    ...(arrival !== null && inRange(arrival)
      ? [{ key: 'arrival', day: arrival, text: t('product.arrival'), prefer: 'left' as const }]
      : []),
    ...arrivals.map((a) => ({
      key: `po${a.day}`,
      day: a.day,
      text: t('product.orderArrival', { qty: num(a.quantity), unit: unitFor(u, a.quantity) }),
      prefer: 'left' as const,
    })),
    ...(inRange(r.stockoutAt) ? [{ key: 'stockout', day: r.stockoutAt!, text: t('product.stockout'), prefer: 'right' as const }] : []),
  ];
  const highest = Math.max(...pf.projection.map((p) => Math.max(p.onHand, p.withOrder ?? 0)), 0);
  const plotHeight = Math.max(60, size.height - STOCK_MARGIN.top - STOCK_BELOW_PLOT);
  const layout = (axis: { top: number; ticks: number[] }) => {
    const plotWidth = Math.max(
      1,
      size.width - STOCK_MARGIN.right - STOCK_MARGIN.left - yAxisWidth(axis.ticks.map((v) => tickText(v, axis.ticks))),
    );
    return topMarkerLabels(
      markers.map((m) => ({ x: ((m.day - first) / span) * plotWidth, text: m.text, prefer: m.prefer })),
      plotWidth,
    );
  };
  const axisFor = (labels: ReturnType<typeof topMarkerLabels>) => {
    const bottom = labels.length ? topLabelsDepth(labels) + LABEL_AIR : 0;
    // The value a line may reach and stay `room` px below the plot's top.
    const under = (v: number, room: number) => (room <= 0 ? v : (v * plotHeight) / Math.max(1, plotHeight - room));
    return niceAxis(
      Math.max(
        under(highest, bottom),
        // The reorder point's label sits above its line, at the right.
        r.reorderPoint === null ? 0 : under(r.reorderPoint, bottom + LABEL_TEXT + 5),
        (pf.upToLevel ?? 0) * 1.05,
        highest * 1.05,
        1,
      ),
    );
  };
  const axis = axisFor(layout(niceAxis(Math.max(highest, r.reorderPoint ?? 0, pf.upToLevel ?? 0, 1) * 1.05)));
  const labels = layout(axis);
  const labelOf = (key: string) => {
    const l = labels[markers.findIndex((m) => m.key === key)]!;
    return { position: l.position, textAnchor: l.textAnchor };
  };
  return (
    <section className="panel" aria-labelledby="fc-stock-title">
      <h2 id="fc-stock-title">{t('product.stockChart')}</h2>
      {arrivals.length > 0 && (
        <p className="muted small" data-testid="forecast-open-orders">
          {t('product.openOrders', {
            count: arrivals.length,
            list: arrivals
              .map((a) =>
                t(a.late ? 'product.openOrderItemLate' : 'product.openOrderItem', {
                  qty: num(a.quantity),
                  unit: unitFor(u, a.quantity),
                  date: formatDay(a.expectedDay, { weekday: 'long', day: 'numeric', month: 'long' }),
                }),
              )
              .join(' ; '),
          })}
        </p>
      )}
      <figure className="fc-chart fc-chart-small" data-testid="forecast-stock-chart" aria-label={t('product.stockChart')}>
        <ResponsiveContainer width="100%" height="100%" onResize={(width, height) => setSize({ width, height })}>
          <ComposedChart data={pf.projection} margin={STOCK_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              dataKey="day"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(d: number) => formatDay(d, { day: 'numeric', month: 'short' })}
              minTickGap={48}
              {...axisProps}
            />
            {valueAxis(axis)}
            <Tooltip
              contentStyle={tooltipStyle}
              labelFormatter={(d) => formatDay(Number(d), { weekday: 'short', day: 'numeric', month: 'short' })}
              formatter={(v, name) => [num(Number(v)), name]}
              separator={t('product.tooltipSeparator')}
              itemSorter={(item) => STOCK_ORDER.indexOf(String(item.dataKey))}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={(item) => STOCK_ORDER.indexOf(String(item.dataKey))} />
            <Area
              type="stepAfter"
              dataKey="onHand"
              name={t('product.onHand')}
              stroke="var(--ok)"
              fill="var(--ok)"
              fillOpacity={0.15}
              isAnimationActive={false}
            />
            {pf.projection.some((p) => p.withOrder !== undefined) && (
              <Line
                type="stepAfter"
                dataKey="withOrder"
                name={t('product.withOrder')}
                stroke="var(--accent)"
                strokeDasharray="5 3"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            )}
            {r.reorderPoint !== null && (
              <ReferenceLine
                y={r.reorderPoint}
                stroke="var(--warn)"
                strokeDasharray="6 3"
                label={{
                  value: `${t('product.reorderPoint')} ${num(r.reorderPoint)}`,
                  position: 'insideBottomRight',
                  fill: 'var(--warn)',
                  fontSize: 12,
                }}
              />
            )}
            {r.safetyStock !== null && r.safetyStock > 0 && (
              <ReferenceLine
                y={r.safetyStock}
                stroke="var(--bad)"
                strokeDasharray="2 3"
                label={{
                  value: `${t('product.safetyStock')} ${num(r.safetyStock)}`,
                  position: safetyLabelPosition(r.safetyStock, r.reorderPoint, axis.top),
                  fill: 'var(--bad)',
                  fontSize: 12,
                }}
              />
            )}
            {inRange(r.orderBy) && r.suggestedQty > 0 && (
              <ReferenceLine
                x={r.orderBy!}
                stroke="var(--accent)"
                className="fc-order-by"
                label={{ value: orderByText, ...labelOf('orderBy'), fill: 'var(--accent)', fontSize: 12 }}
              />
            )}
            {/* The suggested order's delivery, a lead time after its order-by day: where the dashed line jumps. */}
            {arrival !== null && inRange(arrival) && (
              <ReferenceLine
                x={arrival}
                stroke="var(--accent)"
                strokeDasharray="2 2"
                className="fc-arrival"
                label={{ value: t('product.arrival'), ...labelOf('arrival'), fill: 'var(--accent)', fontSize: 12 }}
              />
            )}
            {/* The open orders' deliveries: where the projected stock itself jumps. */}
            {arrivals.map((a) => (
              <ReferenceLine
                key={`po${a.day}`}
                x={a.day}
                stroke="var(--ok)"
                strokeDasharray="2 2"
                className="fc-open-order"
                label={{
                  value: t('product.orderArrival', { qty: num(a.quantity), unit: unitFor(u, a.quantity) }),
                  ...labelOf(`po${a.day}`),
                  fill: 'var(--ok)',
                  fontSize: 12,
                }}
              />
            ))}
            {inRange(r.stockoutAt) && (
              <ReferenceLine
                x={r.stockoutAt!}
                stroke="var(--bad)"
                label={{ value: t('product.stockout'), ...labelOf('stockout'), fill: 'var(--bad)', fontSize: 12 }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}

function ReplenishmentBox({ pf, orders, onOrderDays }: { pf: ProductForecast; orders: readonly PurchaseOrder[]; onOrderDays: () => void }) {
  const { t } = useTranslation('forecast');
  const [daysError, setDaysError] = useState<string | null>(null);
  const r = pf.row;
  const orderDays = pf.orderDays ?? [];
  const saveOrderDays = async (weekdays: number[]) => {
    try {
      await api.call('forecast.orderDays.set', { supplier: r.supplier, weekdays }, { silent: true });
      setDaysError(null);
      onOrderDays();
    } catch (e) {
      setDaysError(localizeCoreMessage((e as Error).message));
    }
  };
  // With order days, the order-by day is one of them: name its weekday.
  const dateOpts: Intl.DateTimeFormatOptions = orderDays.length
    ? { weekday: 'long', day: 'numeric', month: 'long' }
    : { day: 'numeric', month: 'long' };
  const u = r.unit;
  const q = (n: number | null) => (n === null ? '—' : `${num(n)} ${unitFor(u, n)}`);
  const due = r.orderBy === null ? null : daysFromToday(r.orderBy);
  const arrival = r.orderBy !== null && r.suggestedQty > 0 ? r.orderBy + Math.round(pf.leadTimeDays) * DAY_MS : null;
  const late = due !== null && due < 0;
  // Nothing more to order, but the order already placed lands after the shelf runs empty: say so
  // (the page read "Suffisant", "Rien à commander", and a stock-out tomorrow, without a word on why).
  const placed = openArrivals(orders, pf.projection)[0];
  const placedLate = arrival === null && placed !== undefined && r.stockoutAt !== null && r.stockoutAt < placed.day ? placed : null;
  // "d'ici le 6 décembre" on 6 December reads as a deadline already gone: say today. Below the
  // reorder point on a day the supplier takes no orders: on its next order day ("le vendredi 11
  // décembre, prochain jour de commande de…"), not "by" it.
  const adviceKey = late
    ? 'product.orderAdviceLate'
    : due === 0
      ? 'product.orderAdviceToday'
      : r.status === 'order_now'
        ? 'product.orderAdviceOn'
        : 'product.orderAdvice';
  return (
    <section className="panel fc-repl" aria-labelledby="fc-repl-title" data-testid="forecast-replenishment-box">
      <h2 id="fc-repl-title">{t('product.replenishment')}</h2>
      {r.status !== 'no_data' && (
        <p className={`fc-advice tone-${statusTone(r.status)}`} data-testid="forecast-advice">
          {r.suggestedQty > 0 && r.orderBy !== null
            ? t(adviceKey, {
                qty: formatNumber(r.suggestedQty),
                unit: unitFor(u, r.suggestedQty),
                date: formatDay(r.orderBy, dateOpts),
                supplier: r.supplier,
              })
            : // Red beside a stock-out no order can prevent: "nothing to order" alone read as all is well.
              t(r.status === 'late_delivery' ? 'product.noOrderLate' : 'product.noOrder')}
          {r.suggestedQty === 0 && r.orderBy !== null && <> {t('product.nextOrderBy', { date: formatDay(r.orderBy, dateOpts) })}</>}
        </p>
      )}
      {r.status !== 'no_data' && (
        <p className={r.stockoutAt !== null ? 'bad-text' : 'muted'}>
          {r.stockoutAt !== null
            ? t('product.stockoutAt', {
                date: formatDay(r.stockoutAt, { day: 'numeric', month: 'long' }),
                relative: formatInDays(r.stockoutAt),
              })
            : t('product.noStockout')}
        </p>
      )}
      {/* The earliest delivery comes after the shelf runs empty (an order day or a lead time too far off): say so. */}
      {arrival !== null && r.stockoutAt !== null && r.stockoutAt < arrival && (
        <p className="warn-text" data-testid="forecast-late-delivery">
          {t('product.arrivesAfterStockout', { date: formatDay(arrival, { weekday: 'long', day: 'numeric', month: 'long' }) })}
        </p>
      )}
      {placedLate && (
        <p className="warn-text" data-testid="forecast-late-delivery">
          {t('product.openOrderAfterStockout', {
            qty: num(placedLate.quantity),
            unit: unitFor(u, placedLate.quantity),
            date: formatDay(placedLate.day, { weekday: 'long', day: 'numeric', month: 'long' }),
          })}
        </p>
      )}
      <dl className="fc-facts">
        <dt>{t('product.onHandNow')}</dt>
        <dd>{q(r.onHand)}</dd>
        <dt>{t('product.onOrder')}</dt>
        <dd>{q(r.onOrder)}</dd>
        <dt>{t('product.safetyStock')}</dt>
        <dd>{q(r.safetyStock)}</dd>
        <dt>{t('product.reorderPoint')}</dt>
        <dd>{q(r.reorderPoint)}</dd>
        {/* On a line of its own: beside the figure it widened the figures' column and squeezed every label to 3–4 lines at 1366 px. */}
        {r.reorderPointSource && (
          <dd className="muted small fc-fact-note" data-testid="rp-source">
            {t(`product.reorderPointSource.${r.reorderPointSource}`)}
          </dd>
        )}
        <dt>{t('product.upToLevel')}</dt>
        <dd>{q(pf.upToLevel)}</dd>
        <dt>{t('product.leadTime')}</dt>
        <dd>{t('product.leadTimeValue', { lead: pf.leadTimeDays, review: pf.reviewDays })}</dd>
        {pf.leadTimeDemand && (
          <>
            <dt>{t('product.leadTimeDemand')}</dt>
            <dd>
              {num(pf.leadTimeDemand.p10)} – {num(pf.leadTimeDemand.p50)} – {num(pf.leadTimeDemand.p90)} {unitFor(u, pf.leadTimeDemand.p90)}
            </dd>
          </>
        )}
        <dt>{t('product.serviceLevel')}</dt>
        <dd>{formatPercent(pf.serviceLevel, 1)}</dd>
        <dt>{t('product.moqPack')}</dt>
        <dd>
          {formatNumber(pf.moq)} / {formatNumber(pf.packSize)}
        </dd>
      </dl>
      {r.supplier && (
        <div className="fc-repl-order-days" data-testid="forecast-product-order-days">
          <OrderDays supplier={r.supplier} days={orderDays} onChange={(d) => void saveOrderDays(d)} />
          <p className="muted small">
            {orderDays.length ? t('product.orderDaysSet', { supplier: r.supplier }) : t('product.orderDaysNone', { supplier: r.supplier })}
          </p>
          {daysError && (
            <p className="field-error" role="alert">
              {daysError}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function ModelDetails({ pf }: { pf: ProductForecast }) {
  const { t } = useTranslation('forecast');
  const r = pf.row;
  const params = Object.entries(pf.params);
  // The daily/weekly path's bands are count-shaped (its over-dispersion parameter says so).
  const countShaped = typeof pf.params.overdispersion === 'number';
  // A yearly event on a moving date (Easter, Mother's Day…) the forecast holds, named.
  const moving = movingEventOf(pf.params);
  const stockoutDays = pf.history.filter((h) => h.stockout).length;
  // The days set aside over the year of history the page holds (the chart may show 3 months) and,
  // when the forecast set some aside before it, over all it reads: the stored counts.
  const count = (days: ProductForecast['history']) => ({
    high: days.filter((h) => h.exceptional === 'high').length,
    low: days.filter((h) => h.exceptional === 'low').length,
  });
  const setAside = exceptionalMethodText(
    t,
    count(pf.history),
    count(pf.exceptionalDays?.older ?? []),
    pf.exceptionalDays?.readFrom ?? null,
  );
  return (
    <details className="panel fc-details" data-testid="forecast-details">
      <summary>{t('product.details')}</summary>
      <dl className="fc-facts">
        <dt>{t('product.modelName')}</dt>
        <dd>{modelLabel(t, r.model)}</dd>
        <dt>{t('product.modelCode')}</dt>
        <dd className="mono">{r.model ?? '—'}</dd>
        <dt>{t('product.mase')}</dt>
        <dd>{r.mase === null ? '—' : formatNumber(r.mase, { maximumFractionDigits: 3 })}</dd>
        <dt>{t('product.bias')}</dt>
        <dd>{r.bias === null ? '—' : formatNumber(r.bias, { maximumFractionDigits: 3, signDisplay: 'exceptZero' })}</dd>
        <dt>{t('product.driver')}</dt>
        <dd>{t(`driver.${r.driver}`)}</dd>
        {countShaped && pf.forecast.length > 0 && (
          <>
            <dt>{t('method.bandShape')}</dt>
            <dd data-testid="forecast-band-shape">{t('method.bandCounts')}</dd>
          </>
        )}
        {r.driver === 'history' && r.model !== null && (
          <>
            <dt>{t('method.stockouts')}</dt>
            <dd data-testid="forecast-stockout-count">{t('method.stockoutDays', { count: stockoutDays })}</dd>
          </>
        )}
        {setAside && (
          <>
            <dt>{t('method.exceptional')}</dt>
            <dd data-testid="forecast-exceptional-count">{setAside}</dd>
          </>
        )}
        {moving && (
          <>
            <dt>{t('method.movingEvent')}</dt>
            <dd data-testid="forecast-moving-event">
              {t('method.movingEventDays', { event: t(`movingEvent.${moving.event}`), count: moving.days })}
            </dd>
          </>
        )}
        {pf.perUnit !== null && (
          <>
            <dt>{t('product.perUnit')}</dt>
            <dd>{formatNumber(pf.perUnit, { maximumSignificantDigits: 4 })}</dd>
          </>
        )}
        <dt>{t('product.computedAt')}</dt>
        <dd>{r.computedAt === null ? '—' : formatDateTime(r.computedAt)}</dd>
        {params.length > 0 && (
          <>
            <dt>{t('product.params')}</dt>
            <dd className="mono small">
              {params.map(([k, v]) => `${k} = ${formatNumber(v, { maximumSignificantDigits: 4 })}`).join(' · ')}
            </dd>
          </>
        )}
      </dl>
    </details>
  );
}

/** Admins link a product to its demand driver (history, prints at events, number of events). */
function DriverForm({ pf, onSaved }: { pf: ProductForecast; onSaved: () => void }) {
  const { t } = useTranslation('forecast');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [driver, setDriver] = useState<DemandDriver>(pf.row.driver);
  const { i18n } = useTranslation();
  const [perUnit, setPerUnit] = useState(perUnitText(pf.perUnit, i18n.language === 'fr'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!isAdmin) return null;
  const save = async () => {
    setSaved(false);
    let value: number | undefined;
    if (perUnit.trim() !== '') {
      const v = parseQuantity(perUnit);
      if (v === null) return setErrors({ perUnit: t('driverForm.notANumber') });
      value = v;
    }
    setBusy(true);
    try {
      await api.call(
        'forecast.driver.set',
        { productId: pf.row.productId, driver, ...(value !== undefined && driver !== 'history' ? { perUnit: value } : {}) },
        { silent: true },
      );
      setErrors({});
      setSaved(true);
      onSaved();
    } catch (e) {
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel fc-driver" aria-labelledby="fc-driver-title" data-testid="forecast-driver">
      <h2 id="fc-driver-title">{t('driverForm.title')}</h2>
      <form
        className="fc-driver-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span>{t('driverForm.driver')}</span>
          <select
            value={driver}
            onChange={(e) => {
              setDriver(e.target.value as DemandDriver);
              setSaved(false);
            }}
          >
            {(['history', 'event_prints', 'event_count'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`driver.${d}`)}
              </option>
            ))}
          </select>
          {errors.driver && (
            <span className="field-error" role="alert">
              {errors.driver}
            </span>
          )}
        </label>
        {driver !== 'history' && (
          <label>
            <span>{t(driver === 'event_prints' ? 'driverForm.perUnitPrints' : 'driverForm.perUnitEvents')}</span>
            <input
              inputMode="decimal"
              value={perUnit}
              aria-invalid={!!errors.perUnit}
              onChange={(e) => setPerUnit(e.target.value)}
              data-testid="forecast-perunit"
            />
            <span className="help">{t('driverForm.perUnitHelp')}</span>
            {errors.perUnit && (
              <span className="field-error" role="alert">
                {errors.perUnit}
              </span>
            )}
          </label>
        )}
        <div className="form-actions">
          <button className="primary" type="submit" disabled={busy}>
            {t('driverForm.save')}
          </button>
          {saved && (
            <span className="ok-text" role="status">
              {t('driverForm.saved')}
            </span>
          )}
        </div>
        {errors._ && (
          <p className="field-error" role="alert">
            {errors._}
          </p>
        )}
      </form>
    </section>
  );
}
