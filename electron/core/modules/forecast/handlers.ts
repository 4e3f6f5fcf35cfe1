import { gridDay } from '@shared/days.js';
import type { HandlerMap } from '@core/router.js';
import type { HandlerContext } from '@core/context.js';
import type { forecastChannels, FORECAST_SORT_FIELDS } from '@shared/contract/forecast.js';
import type { ForecastRow, ReplenishmentLine } from '@shared/model/forecast.js';
import { AppError } from '@shared/errors.js';
import { getDriver, setDriver } from '@core/db/repos/demandDrivers.js';
import { activeSuppliers, readOrderDays, writeOrderDays } from '@core/db/repos/orderDays.js';
import { lastRunFinishedAt } from '@core/db/repos/forecasts.js';
import { getProduct } from '@core/db/repos/products.js';
import { demandLedger } from '@core/db/repos/demandHistory.js';
import { readSettings } from '@core/settings.js';
import { byName, byUrgency, catalogAdvice, computeAdvice } from './advice.js';
import { demandHistory } from './history.js';
import { HISTORY_DAYS, holidayCountryOf, staleCount } from './inputs.js';
import { readDemand } from './demandInput.js';
import { unconstrainedDemand } from './stockouts.js';
import { closedCalendar } from './closedDays.js';
import { exceptionalDays, type ExceptionalDay } from './exceptionalDays.js';
import { forecastRunner, viewForecast } from './job.js';
import { DAY } from './replenishment.js';
import { replenishmentCsv } from './replenishmentCsv.js';
import { boothPaperForecast } from './boothPaper.js';

/** Today on the forecast's grid: the local date (shared/days.ts). */
const startOfDay = gridDay;

type SortKey = (typeof FORECAST_SORT_FIELDS)[number];

function compareBy(sort: SortKey): (a: ForecastRow, b: ForecastRow) => number {
  if (sort === 'urgency') return byUrgency;
  if (sort === 'name' || sort === 'sku') return (a, b) => byName(a[sort], b[sort]) || byUrgency(a, b);
  // Rows without a value (no forecast yet) count as the largest.
  return (a, b) => (a[sort] ?? Infinity) - (b[sort] ?? Infinity) || byUrgency(a, b);
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Lines to order within `withinDays`: an order-by day in the window and something to order. */
function replenishmentLines(ctx: HandlerContext, withinDays: number): ReplenishmentLine[] {
  const today = startOfDay(ctx.clock.now());
  const limit = today + withinDays * DAY;
  const due = catalogAdvice(ctx, today).filter(
    (a) => !!a.advice && a.advice.orderBy !== null && a.advice.orderBy <= limit && a.advice.orderQuantity > 0,
  );
  return [...due]
    .sort((a, b) => byUrgency(a.row, b.row))
    .map(({ row: r, advice, product }) => ({
      productId: r.productId,
      sku: r.sku,
      name: r.name,
      unit: r.unit,
      supplier: r.supplier,
      quantity: advice!.orderQuantity,
      orderBy: advice!.orderBy!,
      stockoutAt: r.stockoutAt,
      onHand: r.onHand,
      onOrder: r.onOrder,
      reorderPoint: r.reorderPoint ?? 0,
      unitCost: product.cost,
      status: r.status,
      arrivesAt: advice!.orderBy! + Math.max(0, Math.round(product.leadTimeDays)) * DAY,
    }));
}

export const forecastHandlers: Pick<HandlerMap, keyof typeof forecastChannels> = {
  'forecast.list': (q, ctx) => {
    const today = startOfDay(ctx.clock.now());
    const text = fold(q.q.trim());
    let rows = catalogAdvice(ctx, today).map((a) => a.row);
    if (text) rows = rows.filter((r) => fold(`${r.sku} ${r.name} ${r.supplier}`).includes(text));
    if (q.status) rows = rows.filter((r) => r.status === q.status);
    const cmp = compareBy(q.sort);
    rows.sort(q.dir === 'desc' ? (a, b) => cmp(b, a) : cmp);
    return {
      items: rows.slice(q.offset, q.offset + q.limit),
      total: rows.length,
      computedAt: lastRunFinishedAt(ctx.db),
      stale: staleCount(ctx, today),
    };
  },
  'forecast.product': ({ productId, horizonDays }, ctx) => {
    const today = startOfDay(ctx.clock.now());
    const [a] = computeAdvice(ctx.db, today, { productId });
    if (!a) throw new AppError('not_found', 'No such product');
    const f = a.curves ? a.product.forecast : null;
    // The yearly view: further than the stored (lead-time) horizon, made now for this product alone.
    const long =
      horizonDays !== undefined && f && horizonDays > f.horizon && a.product.driver === 'history'
        ? viewForecast(ctx, productId, today, horizonDays)
        : null;
    // Which days the shop is closed, read from the ledger as the engine reads it, with the holiday
    // country the shown forecast was made with (the setting's until a run follows a change); a day is
    // shown closed only where that forecast also predicts nothing.
    const country = (!long && f ? holidayCountryOf(f.fingerprint) : null) ?? readSettings(ctx).holidayCountry;
    const input =
      f && a.product.driver === 'history' ? readDemand(ctx.db, productId, { today, historyDays: HISTORY_DAYS, horizon: 0, country }) : null;
    const cal = input ? closedCalendar(input, country) : null;
    // Days the shelf was empty, whose sales the engine read as censored demand (it raised them): told apart from low sales.
    const ledger = input ? demandLedger(ctx.db, productId, today, HISTORY_DAYS) : null;
    const censored = ledger ? unconstrainedDemand(ledger.sales, ledger.closing).y.map((v, i) => v > ledger.sales[i]! + 1e-9) : [];
    const stockout = (day: number) => (ledger && censored[Math.round((day - ledger.from) / DAY)] ? { stockout: true } : {});
    // Days the forecast set aside as exceptional (a promotion or an event above the robust fit, an
    // unexplained dip below it), found again by the engine's own steps (exceptionalDays.ts) from the
    // input the shown forecast was made from: the ledger up to the stored forecast's day (a run of
    // an earlier day read one day less), or up to today for the yearly view, made now. Shown only for
    // a forecast made with that treatment (the stored one says how many it set aside; the yearly
    // view is made with it). A censored day is told as a stock-out, not as a dip.
    const stored = a.curves?.params ?? {};
    const treated = long !== null || (stored.outliersHigh ?? 0) + (stored.outliersLow ?? 0) > 0;
    const asOf = !long && f && f.startDay < today ? f.startDay : today;
    const madeFrom =
      input && treated
        ? asOf === today
          ? input
          : readDemand(ctx.db, productId, { today: asOf, historyDays: HISTORY_DAYS, horizon: 0, country })
        : null;
    const flagged = new Map<number, { exceptional: ExceptionalDay; quantity: number }>();
    if (madeFrom)
      for (const [i, e] of exceptionalDays(madeFrom) ?? []) {
        const day = madeFrom.from + i * DAY;
        // Not censored, so its demand is what sold.
        if (!stockout(day).stockout) flagged.set(day, { exceptional: e, quantity: madeFrom.y[i]! });
      }
    const exceptional = (day: number) => {
      const e = flagged.get(day);
      return e ? { exceptional: e.exceptional } : {};
    };
    // The history the page holds is the last year; the forecast reads up to two: the days it set
    // aside before the page's first day are sent apart, for the page to count and list them.
    const history = demandHistory(ctx.db, a.product, today);
    const historyFrom = history.length ? history[0]!.day : today;
    const older = [...flagged]
      .filter(([day]) => day < historyFrom)
      .sort((p, q) => p[0] - q[0])
      .map(([day, e]) => ({ day, quantity: e.quantity, exceptional: e.exceptional }));
    const shut = (day: number, ...values: number[]) =>
      cal !== null && cal.isClosed(day) && values.every((v) => v === 0) ? { closed: true } : {};
    const params = Object.fromEntries(
      Object.entries(a.curves?.params ?? {}).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
    );
    return {
      row: a.row,
      leadTimeDays: a.product.leadTimeDays,
      reviewDays: a.reviewDays,
      orderDays: [...a.orderDays],
      serviceLevel: a.product.serviceLevel,
      moq: a.product.moq,
      packSize: a.product.packSize,
      perUnit: a.product.perUnit,
      params,
      history: history.map((h) => ({
        ...h,
        ...shut(h.day, h.quantity),
        ...stockout(h.day),
        ...exceptional(h.day),
      })),
      forecast: long
        ? long.p50.map((p50, i) => ({
            day: today + i * DAY,
            p10: long.p10[i]!,
            p50,
            p90: long.p90[i]!,
            ...shut(today + i * DAY, p50, long.p90[i]!),
          }))
        : a.bands
          ? a.bands.p50.slice(0, Math.min(f!.horizon, horizonDays ?? Infinity)).map((p50, i) => ({
              day: today + i * DAY,
              p10: a.bands!.p10[i]!,
              p50,
              p90: a.bands!.p90[i]!,
              ...shut(today + i * DAY, p50, a.bands!.p90[i]!),
            }))
          : [],
      projection: a.advice?.projection ?? [],
      leadTimeDemand: a.advice
        ? { p10: a.advice.leadTimeDemand.p10, p50: a.advice.leadTimeDemand.p50, p90: a.advice.leadTimeDemand.p90 }
        : null,
      upToLevel: a.advice?.upToLevel ?? null,
      closedDays: cal ? { closedWeekdays: cal.closedWeekdays, holidayCountry: country, holidaysApply: cal.holidaysApply } : null,
      exceptionalDays: madeFrom && flagged.size > 0 ? { readFrom: madeFrom.from, older } : null,
    };
  },
  'forecast.replenishment': ({ withinDays }, ctx) => replenishmentLines(ctx, withinDays),
  'forecast.replenishment.export': ({ withinDays }, ctx) => replenishmentCsv(replenishmentLines(ctx, withinDays), ctx.clock.now()),
  'forecast.summary': (_i, ctx) => {
    const today = startOfDay(ctx.clock.now());
    const rows = catalogAdvice(ctx, today).map((a) => a.row);
    const horizon = today + 30 * DAY;
    return {
      computedAt: lastRunFinishedAt(ctx.db),
      toOrderCount: rows.filter((r) => r.status === 'order_now' || r.status === 'order_soon').length,
      stockoutRisks: rows
        .filter((r): r is ForecastRow & { stockoutAt: number } => r.stockoutAt !== null && r.stockoutAt <= horizon)
        .sort((a, b) => a.stockoutAt - b.stockoutAt || byName(a.name, b.name))
        .map((r) => ({ productId: r.productId, sku: r.sku, name: r.name, stockoutAt: r.stockoutAt, onHand: r.onHand, unit: r.unit })),
    };
  },
  'forecast.booths': ({ days }, ctx) => boothPaperForecast(ctx.db, ctx.clock.now(), days),
  'forecast.run': ({ mode, jobId }, ctx) => forecastRunner(ctx).run(ctx, { mode, jobId }),
  'forecast.cancel': ({ jobId }, ctx) => ({ cancelled: forecastRunner(ctx).cancel(jobId) }),
  'forecast.driver.set': ({ productId, driver, perUnit }, ctx) => {
    const p = getProduct(ctx.db, productId);
    if (!p) throw new AppError('not_found', 'No such product');
    if (!p.active) throw new AppError('conflict', `${p.sku} is archived: restore it before changing its demand driver`);
    setDriver(ctx.db, productId, { driver, perUnit: perUnit ?? null }, { now: ctx.clock.now(), device: ctx.deviceId });
    const saved = getDriver(ctx.db, productId);
    return { productId, driver: saved.driver, perUnit: saved.perUnit };
  },
  'forecast.orderDays.list': ({ all }, ctx) => {
    const set = readOrderDays(ctx.db);
    const names = all ? [...new Set([...activeSuppliers(ctx.db), ...set.keys()])].sort(byName) : [...set.keys()];
    return names.map((supplier) => ({ supplier, weekdays: set.get(supplier) ?? [] }));
  },
  'forecast.orderDays.set': ({ supplier, weekdays }, ctx) => {
    // A synced table (its outbox row announces the change: data.changed, like a pulled one).
    writeOrderDays(ctx.db, supplier, weekdays, { now: ctx.clock.now(), device: ctx.deviceId });
    return { supplier, weekdays: readOrderDays(ctx.db).get(supplier) ?? [] };
  },
};
