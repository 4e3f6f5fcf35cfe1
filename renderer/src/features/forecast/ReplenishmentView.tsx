import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitFor } from '@renderer/i18n/units';
import { api } from '@renderer/api';
import { hrefFor } from '@renderer/app/router';
import { useForecast } from '@renderer/stores/forecast';
import { useSystem } from '@renderer/stores/system';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { formatDate, formatMoney, formatNumber } from '@renderer/i18n/format';
import type { ReplenishmentLine } from '@shared/model/forecast';
import { saveCsvFile } from '../catalog/exportCsv';
import {
  DAY_MS,
  daysFromToday,
  formatDay,
  formatInDays,
  groupBySupplier,
  lineCost,
  nextOrderDay,
  statusHelp,
  statusLabel,
  statusTone,
  todayDay,
  totalCost,
} from './words';
import { OrderDays } from './OrderDays';

const WITHIN = [7, 14, 30, 60] as const;
// The period and the grouping chosen are kept on this device, as the product page keeps its range:
// a reload or the next visit showed 7 days again.
const WITHIN_KEY = 'opsdeck.forecast.within';
const GROUPED_KEY = 'opsdeck.forecast.grouped';
function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private window): the choice lasts for this page only.
  }
}
const savedWithin = () => WITHIN.find((d) => String(d) === stored(WITHIN_KEY)) ?? 7;

/** "To order this week": what to order, how much, by when; by supplier; exported as a French-Excel CSV. */
export function ReplenishmentView() {
  const { t } = useTranslation('forecast');
  const version = useForecast((s) => s.version);
  const [within, setWithinState] = useState<number>(savedWithin);
  const [grouped, setGroupedState] = useState(() => stored(GROUPED_KEY) !== 'false');
  const setWithin = (d: number) => (setWithinState(d), store(WITHIN_KEY, String(d)));
  const setGrouped = (g: boolean) => (setGroupedState(g), store(GROUPED_KEY, String(g)));
  const [lines, setLines] = useState<ReplenishmentLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [orderDays, setOrderDays] = useState<Map<string, number[]>>(new Map());
  const [reload, setReload] = useState(0);
  const [placed, setPlaced] = useState<Array<{ line: ReplenishmentLine; expectedAt: number }>>([]);
  useEffect(() => {
    let live = true;
    api.call('forecast.replenishment', { withinDays: within }, { silent: true }).then(
      (l) => live && (setLines(l), setError(null)),
      (e: Error) => live && setError(localizeCoreMessage(e.message)),
    );
    api.call('forecast.orderDays.list', { all: true }, { silent: true }).then(
      (list) => live && setOrderDays(new Map(list.map((o) => [o.supplier, o.weekdays]))),
      () => undefined,
    );
    return () => void (live = false);
  }, [within, version, reload]);
  const saveOrderDays = async (supplier: string, weekdays: number[]) => {
    try {
      await api.call('forecast.orderDays.set', { supplier, weekdays });
      setReload((n) => n + 1);
    } catch (e) {
      setError(localizeCoreMessage((e as Error).message));
    }
  };
  const exportCsv = async () => {
    const res = await api.call('forecast.replenishment.export', { withinDays: within });
    saveCsvFile(res.fileName, res.csv);
    setExported(t('replenishment.exported', { count: res.rows, file: res.fileName }));
  };
  const groups = lines ? (grouped ? groupBySupplier(lines) : [{ supplier: null, lines, total: totalCost(lines), orderBy: 0 }]) : [];
  return (
    <section className="panel fc-replenishment" aria-labelledby="fc-rp-title" data-testid="forecast-replenishment">
      <div className="fc-chart-head">
        <h2 id="fc-rp-title">{within === 7 ? t('replenishment.title') : t('replenishment.titleWithin', { count: within })}</h2>
        <div className="toolbar">
          <label className="inline-form">
            <span>{t('replenishment.within')}</span>
            <select value={within} onChange={(e) => setWithin(Number(e.target.value))} data-testid="forecast-within">
              {WITHIN.map((d) => (
                <option key={d} value={d}>
                  {t('replenishment.withinDays', { count: d })}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-form">
            <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
            <span>{t('replenishment.group')}</span>
          </label>
          <button onClick={() => void exportCsv()} disabled={!lines || lines.length === 0} data-testid="forecast-export">
            {t('replenishment.export')}
          </button>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {t('loadFailed', { message: error })}
        </p>
      )}
      {/* The orders placed from this list: the line leaves the list as soon as the advice counts its order, taking its "Ordered" link with it. */}
      {placed.length > 0 && (
        <p className="notice notice-ok" role="status" data-testid="forecast-placed">
          {t('replenishment.placed', {
            count: placed.length,
            list: placed
              .map(({ line: l, expectedAt }) =>
                t('replenishment.placedItem', {
                  name: l.name,
                  qty: formatNumber(l.quantity),
                  unit: unitFor(l.unit, l.quantity),
                  date: formatDate(expectedAt, { weekday: 'long', day: 'numeric', month: 'long' }),
                }),
              )
              .join(', '),
          })}{' '}
          <a href={hrefFor('stock', 'orders')}>{t('replenishment.seeOrders')}</a>
        </p>
      )}
      {exported && (
        <p className="muted small" role="status" data-testid="forecast-exported">
          {exported}
        </p>
      )}
      {lines === null ? (
        !error && <p className="muted">{t('loading')}</p>
      ) : lines.length === 0 ? (
        <p className="muted" data-testid="forecast-replenishment-empty">
          {t('replenishment.empty')}
        </p>
      ) : (
        <>
          <p className="fc-repl-summary" data-testid="forecast-replenishment-summary">
            {t('replenishment.summary', { count: lines.length, total: formatMoney(totalCost(lines)) })}
          </p>
          <div className="table-scroll fc-repl-scroll">
            <table className="table fc-repl-table">
              <thead>
                <tr>
                  <th>{t('replenishment.sku')}</th>
                  <th>{t('replenishment.product')}</th>
                  {!grouped && <th>{t('replenishment.supplier')}</th>}
                  <th className="num">{t('replenishment.quantity')}</th>
                  <th>{t('replenishment.orderBy')}</th>
                  <th>{t('replenishment.stockoutAt')}</th>
                  <th className="num">{t('replenishment.onHand')}</th>
                  <th className="num">{t('replenishment.onOrder')}</th>
                  <th className="num">{t('replenishment.unitCost')}</th>
                  <th className="num">{t('replenishment.lineCost')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <Fragment key={g.supplier ?? '*'}>
                    {g.supplier !== null && (
                      <tr className="fc-group">
                        <th colSpan={8} scope="colgroup">
                          {g.supplier || t('replenishment.noSupplier')}
                          {g.supplier && (
                            <OrderDays
                              supplier={g.supplier}
                              days={orderDays.get(g.supplier) ?? []}
                              onChange={(d) => void saveOrderDays(g.supplier!, d)}
                            />
                          )}
                        </th>
                        <th className="num">{formatMoney(g.total)}</th>
                      </tr>
                    )}
                    {g.lines.map((l) => (
                      <Line
                        key={l.productId}
                        l={l}
                        showSupplier={!grouped}
                        orderDays={orderDays.get(l.supplier.trim()) ?? []}
                        onOrdered={(expectedAt) =>
                          setPlaced((p) => [...p.filter((x) => x.line.productId !== l.productId), { line: l, expectedAt }])
                        }
                      />
                    ))}
                  </Fragment>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={grouped ? 8 : 9}>{t('replenishment.total')}</th>
                  <th className="num" data-testid="forecast-replenishment-total">
                    {formatMoney(totalCost(lines))}
                  </th>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      {orderDays.size > 0 && (
        <details className="fc-suppliers" data-testid="forecast-suppliers">
          <summary>{t('replenishment.suppliersTitle', { count: orderDays.size })}</summary>
          <p className="muted small">{t('replenishment.orderDaysHelp')}</p>
          <ul className="fc-supplier-list">
            {[...orderDays].map(([supplier, days]) => (
              <li key={supplier}>
                <span className="fc-supplier-name">{supplier}</span>
                <OrderDays supplier={supplier} days={days} onChange={(d) => void saveOrderDays(supplier, d)} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/**
 * Places the advised order as a purchase order to the main warehouse, due a lead time after it goes
 * out: today, or the supplier's next order day when it takes none today (placed on a Tuesday for a
 * supplier taking orders on Fridays, it was expected on Thursday, and the projection counted a
 * delivery two days before the real one); the advice then counts it as on order. Its expected time.
 */
async function placeOrder(l: ReplenishmentLine, orderDays: readonly number[]): Promise<number> {
  const product = await api.call('catalog.products.get', { id: l.productId }, { silent: true });
  const now = Date.now();
  // Calendar days on the user's clock (the forecast's days are local dates): to the order day, then
  // the lead time (rounded as the advice's arrival); the time of day kept, whatever summer time does.
  const days = Math.round((nextOrderDay(orderDays, now) - todayDay(now)) / DAY_MS) + Math.max(0, Math.round(product.leadTimeDays));
  const at = new Date(now);
  const expectedAt = new Date(
    at.getFullYear(),
    at.getMonth(),
    at.getDate() + days,
    at.getHours(),
    at.getMinutes(),
    at.getSeconds(),
  ).getTime();
  // No location: the core sends it to the business's main warehouse (Settings), never the first by name.
  const order = await api.call(
    'purchaseOrders.create',
    {
      productId: l.productId,
      quantity: l.quantity,
      expectedAt,
      supplier: l.supplier || undefined,
    },
    { silent: true },
  );
  return order.expectedAt;
}

/** `orderDays`: the supplier's order days; with some, the order-by date names its weekday. */
function Line({
  l,
  showSupplier,
  orderDays,
  onOrdered,
}: {
  l: ReplenishmentLine;
  showSupplier: boolean;
  orderDays: readonly number[];
  onOrdered: (expectedAt: number) => void;
}) {
  const orderDay = orderDays.length > 0;
  const { t } = useTranslation('forecast');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [ordered, setOrdered] = useState<'no' | 'busy' | 'done'>('no');
  const [error, setError] = useState<string | null>(null);
  const order = async () => {
    setOrdered('busy');
    setError(null);
    try {
      const expectedAt = await placeOrder(l, orderDays);
      setOrdered('done');
      onOrdered(expectedAt);
    } catch (e) {
      setOrdered('no');
      setError(localizeCoreMessage((e as Error).message));
    }
  };
  const due = daysFromToday(l.orderBy);
  return (
    <tr data-status={l.status}>
      <td className="mono small nowrap">{l.sku}</td>
      <td>
        <a href={hrefFor('forecasts', 'product', l.productId)}>{l.name}</a>{' '}
        <span className={`badge fc-badge tone-${statusTone(l.status)}`} title={statusHelp(t, l)}>
          {statusLabel(t, l)}
        </span>
      </td>
      {showSupplier && <td>{l.supplier || '—'}</td>}
      <td className="num nowrap">
        <strong>{formatNumber(l.quantity)}</strong> {unitFor(l.unit, l.quantity)}
        {isAdmin && (
          <div className="small">
            {ordered === 'done' ? (
              <a href={hrefFor('stock', 'orders')} data-testid="fc-ordered">
                {t('replenishment.ordered')}
              </a>
            ) : (
              <button
                type="button"
                className="link-button"
                disabled={ordered === 'busy'}
                onClick={() => void order()}
                aria-label={t('replenishment.orderOf', { product: l.name })}
              >
                {t('replenishment.order')}
              </button>
            )}
            {error && (
              <span className="field-error" role="alert">
                {error}
              </span>
            )}
          </div>
        )}
      </td>
      <td className={`nowrap${due <= 0 ? ' bad-text' : ''}`}>
        {formatDay(l.orderBy, orderDay ? { weekday: 'short', day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short' })}{' '}
        <span className="small">
          ({due < 0 ? t('replenishment.overdue') : due === 0 ? t('replenishment.today') : formatInDays(l.orderBy)})
        </span>
      </td>
      <td>
        {l.stockoutAt === null ? <span className="muted">—</span> : formatDay(l.stockoutAt, { day: 'numeric', month: 'short' })}
        {/* Even ordered on its order-by day, the delivery comes after the shelf runs empty (as the product page says). */}
        {l.stockoutAt !== null && l.arrivesAt !== undefined && l.stockoutAt < l.arrivesAt && (
          <div className="small bad-text" data-testid="fc-late-delivery">
            {t('replenishment.beforeDelivery', { date: formatDay(l.arrivesAt, { day: 'numeric', month: 'short' }) })}
          </div>
        )}
      </td>
      <td className="num">{formatNumber(l.onHand)}</td>
      <td className="num">{formatNumber(l.onOrder)}</td>
      <td className="num">{formatMoney(l.unitCost)}</td>
      <td className="num">{formatMoney(lineCost(l))}</td>
    </tr>
  );
}
