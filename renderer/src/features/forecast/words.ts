import { currentLocale, formatDate, formatPercent } from '@renderer/i18n/format';
import { gridDay } from '@shared/days';
import type { AccuracyGap, ClosedDays, DemandClass, ProductForecast, ReorderStatus, ReplenishmentLine } from '@shared/model/forecast';
import type { PurchaseOrder } from '@shared/model/stock';

/** A translate function bound to the `forecast` namespace (react-i18next's `t` or i18n.getFixedT). */
export type T = (key: string, opts?: Record<string, unknown>) => string;
export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export const DAY_MS = 86_400_000;

/** Reliability of a forecast from its backtest MASE (< 1 beats the naive forecast). */
export type AccuracyLevel = 'good' | 'fair' | 'weak' | 'poor' | 'unknown';

export function accuracyLevel(mase: number | null | undefined): AccuracyLevel {
  if (mase === null || mase === undefined || !Number.isFinite(mase)) return 'unknown';
  if (mase < 0.8) return 'good';
  if (mase < 1) return 'fair';
  if (mase < 1.3) return 'weak';
  return 'poor';
}

export function accuracyTone(level: AccuracyLevel): Tone {
  return level === 'good' ? 'ok' : level === 'fair' ? 'ok' : level === 'weak' ? 'warn' : level === 'poor' ? 'bad' : 'muted';
}

/** Within this relative distance of the naive forecast, the errors are "about the same". */
const SAME_BAND = 0.03;
/** Below this scaled mean error, no tendency is reported. */
const NO_BIAS = 0.02;

/** "Les erreurs de prévision sont 18 % plus faibles que celles d'une prévision naïve". */
export function maseWords(t: T, mase: number): string {
  const diff = 1 - mase;
  if (Math.abs(diff) < SAME_BAND) return t('accuracy.same');
  // Whole percents: "18 %", never "17,9 %"; the naive comparison is already an approximation.
  return t(diff > 0 ? 'accuracy.better' : 'accuracy.worse', { pct: formatPercent(Math.abs(diff)) });
}

/** "tendance à surestimer de 5 %" (bias is the mean error scaled like MASE: > 0 over-forecasts). */
export function biasWords(t: T, bias: number | null | undefined): string {
  if (bias === null || bias === undefined || !Number.isFinite(bias) || Math.abs(bias) < NO_BIAS) return t('accuracy.noBias');
  return t(bias > 0 ? 'accuracy.over' : 'accuracy.under', { pct: formatPercent(Math.abs(bias)) });
}

/** The whole plain-words reliability sentence, or why it is not measured. */
export function accuracySentence(t: T, mase: number | null | undefined, bias: number | null | undefined): string {
  if (mase === null || mase === undefined || !Number.isFinite(mase)) return t('accuracy.notMeasured');
  return t('accuracy.sentence', { mase: maseWords(t, mase), bias: biasWords(t, bias) });
}

/**
 * The reliability explanation of a forecast row (the list cell's title, the product page's
 * sentence): measured, in words; not measured, why, as the core says it (accuracyGap: no sale in
 * the history, the same count every day, too little history, a count of upcoming events). The
 * renderer used to guess "never sold" from a model with next-7-days 0, and a product selling the
 * same count every day read "not enough history" whatever its 400 days.
 */
export function rowAccuracySentence(t: T, r: { mase: number | null; bias: number | null; accuracyGap?: AccuracyGap | null }): string {
  if (accuracyLevel(r.mase) === 'unknown' && r.accuracyGap) return t(`accuracy.gap.${r.accuracyGap}`);
  return accuracySentence(t, r.mase, r.bias);
}

export function statusTone(status: ReorderStatus): Tone {
  switch (status) {
    case 'order_now':
    case 'late_delivery':
      return 'bad';
    case 'order_soon':
      return 'warn';
    case 'ok':
      return 'ok';
    default:
      return 'muted';
  }
}

/**
 * A product's status in words. Below its reorder point on a day its supplier takes no orders, the
 * core says order now with a later order-by day (the supplier's next order day): "À commander
 * vendredi" / "Order on Friday", where a bare "Soon" hid both the urgency and the day.
 */
export function statusLabel(t: T, r: { status: ReorderStatus; orderBy: number | null }, now = Date.now()): string {
  if (r.status === 'order_now' && r.orderBy !== null && daysFromToday(r.orderBy, now) > 0)
    return t('status.order_on', { day: formatDay(r.orderBy, { weekday: 'long' }) });
  return t(`status.${r.status}`);
}

/** The status badge's explanation (its title), the order day and supplier named when the order waits for one. */
export function statusHelp(t: T, r: { status: ReorderStatus; orderBy: number | null; supplier: string }, now = Date.now()): string {
  if (r.status === 'order_now' && r.orderBy !== null && daysFromToday(r.orderBy, now) > 0)
    return t('statusHelp.order_on', {
      supplier: r.supplier,
      date: formatDay(r.orderBy, { weekday: 'long', day: 'numeric', month: 'long' }),
    });
  return t(`statusHelp.${r.status}`);
}

export function kindLabel(t: T, kind: DemandClass | null): string {
  return kind ? t(`kind.${kind}`) : t('kind.none');
}

/**
 * The engine's model code in plain words: `ets(A,Ad,M)` → "Lissage exponentiel avec tendance
 * amortie et saisonnalité", `sba` → "Croston corrigé (SBA)"; an unknown code is shown as is.
 */
export function modelLabel(t: T, model: string | null, short = false): string {
  if (!model) return t('model.none');
  // The calendar path adds its parts to the base model: "sba+weekday+year".
  const [base, ...extras] = model.trim().split('+');
  const EXTRA: Record<string, string> = { weekday: 'model.withWeekday', year: 'model.withYear' };
  if (extras.length > 0 && base && extras.every((x) => EXTRA[x.toLowerCase()])) {
    const b = modelLabel(t, base, short);
    if (short) return [b, ...extras.map((x) => t(`${EXTRA[x.toLowerCase()]}Short`))].join(' + ');
    return t('model.with', { base: b, parts: extras.map((x) => t(EXTRA[x.toLowerCase()]!)).join(t('model.and')) });
  }
  const m = model.trim();
  const ets = /^ets\(\s*A\s*,\s*(N|A|Ad)\s*,\s*(N|A|M)\s*\)$/i.exec(m);
  if (ets) {
    if (short) return t('model.etsShort');
    const parts = [t('model.ets')];
    const trend = ets[1]!.toLowerCase();
    if (trend === 'a') parts.push(t('model.etsTrend'));
    if (trend === 'ad') parts.push(t('model.etsDamped'));
    if (ets[2]!.toUpperCase() !== 'N') parts.push(t('model.etsSeason'));
    return parts.join(' ');
  }
  const known: Record<string, string> = {
    naive: 'model.naive',
    snaive: 'model.snaive',
    theta: 'model.theta',
    'theta-seasonal': 'model.thetaSeasonal',
    croston: 'model.croston',
    sba: 'model.sba',
    tsb: 'model.tsb',
    combo: 'model.combo',
    combination: 'model.combo',
    events: 'model.events',
    event_prints: 'model.events',
    event_count: 'model.events',
  };
  const key = known[m.toLowerCase()];
  // The list shows the family only; the product page spells it out.
  if (key && short && ['model.croston', 'model.sba', 'model.tsb', 'model.combo'].includes(key)) return t(`${key}Short`);
  if (key) return t(key);
  if (/^combo|^comb/i.test(m)) return t(short ? 'model.comboShort' : 'model.combo');
  if (/^event/i.test(m)) return t('model.events');
  return m;
}

/**
 * Reads a quantity typed by a person: "0,5", "0.5", "1 200", or a fraction "1/700" (a roll of 700
 * prints). Returns null when it is not a finite number.
 */
export function parseQuantity(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  const frac = /^([0-9]*\.?[0-9]+)\/([0-9]*\.?[0-9]+)$/.exec(s);
  if (frac) {
    const d = Number(frac[2]);
    const v = Number(frac[1]) / d;
    return d > 0 && Number.isFinite(v) ? v : null;
  }
  if (!/^[-+]?[0-9]*\.?[0-9]+(e[-+]?[0-9]+)?$/i.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** A stored units-per-print back as a person typed it: 1/700 rather than 0.0014285714285714286. */
export function perUnitText(v: number | null, decimalComma = false): string {
  if (v === null || !Number.isFinite(v) || v <= 0) return '';
  const inv = 1 / v;
  if (v < 1 && Math.abs(inv - Math.round(inv)) < 1e-6 * inv) return `1/${Math.round(inv)}`;
  const s = String(Number(v.toPrecision(6)));
  return decimalComma ? s.replace('.', ',') : s;
}

/** Start of the UTC day of `ms` (the contract's days are ms UTC at start of day): for a contract day, not an instant. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Today as a contract day: the UTC midnight of the date on this device's clock (the core's grid,
 * shared/days.ts gridDay). Not startOfDay(Date.now()), the UTC date — the day before in Paris
 * from 00:00 to 01:00 (02:00 in summer).
 */
export function todayDay(now = Date.now()): number {
  return gridDay(now);
}

/** A contract day (ms UTC at the start of the day) as a date, the same day in every time zone. */
export function formatDay(day: number, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return formatDate(day, { ...opts, timeZone: 'UTC' });
}

/**
 * The first day from today (a contract day) on which a supplier taking orders on `weekdays` (0
 * Sunday … 6 Saturday) takes one, as the advice reads its order days; today when it has none set.
 */
export function nextOrderDay(weekdays: readonly number[], now = Date.now()): number {
  const today = todayDay(now);
  if (weekdays.length === 0) return today;
  let d = 0;
  while (d < 7 && !weekdays.includes(new Date(today + d * DAY_MS).getUTCDay())) d++;
  return today + d * DAY_MS;
}

/** An open purchase order as the projection counts it: its day (an overdue one today), the quantity still expected, the day it was due. */
export interface OpenArrival {
  day: number;
  quantity: number;
  expectedDay: number;
  late: boolean;
}

/**
 * The product's open purchase orders on the projection's days, as the advice counts them: each on
 * the grid day of its expected time (the date on this device's clock, gridDay — the core's
 * openOrdersByProduct), an overdue one on the first day, one beyond the projection left out; the
 * orders due the same day as one delivery, their quantities added.
 */
export function openArrivals(
  orders: ReadonlyArray<Pick<PurchaseOrder, 'quantity' | 'receivedQuantity' | 'expectedAt' | 'status'>>,
  projection: ProductForecast['projection'],
): OpenArrival[] {
  if (projection.length === 0) return [];
  const first = projection[0]!.day;
  const out: OpenArrival[] = [];
  for (const o of orders) {
    const quantity = o.quantity - o.receivedQuantity;
    if (o.status !== 'open' || !(quantity > 0)) continue;
    const expectedDay = gridDay(o.expectedAt);
    const late = expectedDay < first;
    const at = late ? projection[0] : projection.find((p) => p.day === expectedDay);
    if (!at) continue;
    const same = out.find((a) => a.day === at.day);
    if (same) same.quantity += quantity;
    else out.push({ day: at.day, quantity, expectedDay, late });
  }
  return out.sort((a, b) => a.day - b.day);
}

/** Whole days from today to `day` (negative: in the past). */
export function daysFromToday(day: number, now = Date.now()): number {
  return Math.round((startOfDay(day) - todayDay(now)) / DAY_MS);
}

/** "demain", "dans 3 jours", "il y a 2 jours" / "tomorrow", "in 3 days" for a contract day. */
export function formatInDays(day: number, now = Date.now()): string {
  return new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' }).format(daysFromToday(day, now), 'day');
}

export interface DemandPoint {
  day: number;
  /** Actual daily demand (history). */
  actual?: number;
  p50?: number;
  /** [P10, P90] for a range area. */
  band?: [number, number];
  /** A closed day (shop closed: closed weekday or public holiday): no demand read or forecast, drawn as a grey column. */
  closed?: true;
  /** A stock-out day (shelf empty at the day's end): its sales understate demand; the forecast reads it as censored. */
  stockout?: true;
  /** A day the forecast set aside (history): 'high' a promotion or an event?, 'low' an unexplained dip. In weeks: the week holds one ('high' first). */
  exceptional?: 'high' | 'low';
}

/**
 * History (the last `historyDays`) followed by the forecast, one row per day, ready for a
 * ComposedChart. A closed day carries no demand value, only `closed`: the forecast line and band
 * pass over it (no dip to zero), and the chart shades it.
 */
export function demandChartData(pf: Pick<ProductForecast, 'history' | 'forecast'>, historyDays: number): DemandPoint[] {
  const rows = new Map<number, DemandPoint>();
  const lastHist = pf.history.length ? pf.history[pf.history.length - 1]!.day : (pf.forecast[0]?.day ?? 0);
  const from = lastHist - (historyDays - 1) * DAY_MS;
  for (const h of pf.history)
    if (h.day >= from)
      rows.set(
        h.day,
        h.closed
          ? { day: h.day, closed: true }
          : {
              day: h.day,
              actual: h.quantity,
              ...(h.stockout ? { stockout: true as const } : {}),
              ...(h.exceptional ? { exceptional: h.exceptional } : {}),
            },
      );
  for (const f of pf.forecast) {
    if (f.closed) {
      rows.set(f.day, { day: f.day, closed: true });
      continue;
    }
    const row = rows.get(f.day) ?? { day: f.day };
    row.p50 = Math.max(0, f.p50);
    row.band = [Math.max(0, f.p10), Math.max(0, f.p90)];
    rows.set(f.day, row);
  }
  return [...rows.values()].sort((a, b) => a.day - b.day);
}

/** z of the 90th percentile: P10–P90 spans ±1.2816 σ. */
const Z90 = 1.2815515655446004;

/**
 * The yearly view in weeks: 7-day blocks counted from today (forecast) and back from today
 * (history), so each holds one of every weekday and the weekday pattern and closed days no longer
 * comb the chart; incomplete blocks at either end are left out. A block's P50 is the sum of its
 * days'; its P10–P90 treats the daily errors as half independent, half shared — the mean of the two
 * sigmas, as the reorder maths does for daily bands without engine totals (replenishment.ts
 * demandOver). `day` is the block's first day.
 */
export function weeklyChartData(pf: Pick<ProductForecast, 'history' | 'forecast'>, today: number): DemandPoint[] {
  const rows: DemandPoint[] = [];
  const byDay = new Map(pf.history.map((h) => [h.day, h]));
  const firstHist = pf.history.length ? pf.history[0]!.day : today;
  for (let start = today - 7 * DAY_MS; start >= firstHist; start -= 7 * DAY_MS) {
    let actual = 0;
    let exceptional: 'high' | 'low' | undefined;
    for (let d = 0; d < 7; d++) {
      const h = byDay.get(start + d * DAY_MS);
      actual += h?.quantity ?? 0;
      if (h?.exceptional && exceptional !== 'high') exceptional = h.exceptional;
    }
    rows.push(exceptional ? { day: start, actual, exceptional } : { day: start, actual });
  }
  rows.reverse();
  for (let i = 0; i + 7 <= pf.forecast.length; i += 7) {
    let p50 = 0;
    let variance = 0;
    let linear = 0;
    for (const f of pf.forecast.slice(i, i + 7)) {
      p50 += Math.max(0, f.p50);
      const s = (Math.max(0, f.p90) - Math.max(0, f.p10)) / (2 * Z90);
      variance += s * s;
      linear += s;
    }
    const sigma = (Math.sqrt(variance) + linear) / 2;
    rows.push({ day: pf.forecast[i]!.day, p50, band: [Math.max(0, p50 - Z90 * sigma), p50 + Z90 * sigma] });
  }
  return rows;
}

/** Sum of P10 / P50 / P90 over the first `days` forecast days (quantiles do not add exactly; an indication). */
export function nextDays(pf: Pick<ProductForecast, 'forecast'>, days = 7): { p10: number; p50: number; p90: number } {
  const slice = pf.forecast.slice(0, days);
  return {
    p10: slice.reduce((s, f) => s + Math.max(0, f.p10), 0),
    p50: slice.reduce((s, f) => s + Math.max(0, f.p50), 0),
    p90: slice.reduce((s, f) => s + Math.max(0, f.p90), 0),
  };
}

export interface SupplierGroup {
  supplier: string;
  lines: ReplenishmentLine[];
  total: number;
  /** The group's most urgent order-by date. */
  orderBy: number;
}

export function lineCost(l: Pick<ReplenishmentLine, 'quantity' | 'unitCost'>): number {
  return Math.round(l.quantity * l.unitCost * 100) / 100;
}

export function totalCost(lines: ReadonlyArray<Pick<ReplenishmentLine, 'quantity' | 'unitCost'>>): number {
  return Math.round(lines.reduce((s, l) => s + lineCost(l), 0) * 100) / 100;
}

/** One group per supplier (one purchase order each), the most urgent group first, lines by order-by date. */
export function groupBySupplier(lines: readonly ReplenishmentLine[]): SupplierGroup[] {
  const by = new Map<string, ReplenishmentLine[]>();
  for (const l of lines) {
    const k = l.supplier.trim();
    let g = by.get(k);
    if (!g) by.set(k, (g = []));
    g.push(l);
  }
  return [...by.entries()]
    .map(([supplier, ls]) => {
      const sorted = ls.slice().sort((a, b) => a.orderBy - b.orderBy || a.name.localeCompare(b.name));
      return { supplier, lines: sorted, total: totalCost(sorted), orderBy: sorted[0]!.orderBy };
    })
    .sort((a, b) => a.orderBy - b.orderBy || (a.supplier === '' ? 1 : b.supplier === '' ? -1 : a.supplier.localeCompare(b.supplier)));
}

/** A weekday (0 Sunday … 6 Saturday) by name in the current language: "dimanche", "Sunday". */
export function weekdayName(d: number, style: 'long' | 'short' = 'long'): string {
  // 22 November 2026 is a Sunday.
  return new Intl.DateTimeFormat(currentLocale(), { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2026, 10, 22 + d));
}

/**
 * When the shop is closed for this product, in a sentence: "Fermé le samedi, le dimanche et les
 * jours fériés (France) : …" / "Closed on Sundays and public holidays (France): …"; null when it never is.
 * `country` names the holiday setting's country.
 */
export function closedDaysSentence(t: T, c: ClosedDays | null | undefined, country: (code: string) => string): string | null {
  if (!c) return null;
  // Monday first, as French and British calendars are read.
  const days = [...c.closedWeekdays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  const items = days.map((d) => t('closed.weekday', { day: weekdayName(d) }));
  if (c.holidaysApply && c.holidayCountry !== 'none') items.push(t('closed.holidayItem', { country: country(c.holidayCountry) }));
  if (items.length === 0) return null;
  return t('closed.sentence', { days: new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(items) });
}

/** "7 jours exceptionnellement hauts (…) et 1 creux inexpliqué (…)"; null when none. */
export function exceptionalDaysList(t: T, high: number, low: number): string | null {
  const items = [high ? t('exceptional.high', { count: high }) : null, low ? t('exceptional.low', { count: low }) : null].filter(
    (x): x is string => x !== null,
  );
  return items.length ? new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(items) : null;
}

/** How the page writes the day an exceptional count starts from or stops at: "14 décembre 2025". */
export const EXCEPTIONAL_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/**
 * The days the forecast set aside, in one sentence: how many in the period shown (high above its
 * usual level — a promotion or an event? — and unexplained dips), where the chart marks them and
 * what the forecast did with them; then, when it also set aside `older` days before the period
 * shown (`shownFrom`, listed apart), how many. Null when none at all. `weekly`: the chart shows
 * weeks (their weeks are marked).
 */
export function exceptionalSentence(t: T, high: number, low: number, weekly: boolean, older = 0, shownFrom = 0): string | null {
  const days = exceptionalDaysList(t, high, low);
  const before =
    older > 0
      ? t(days ? 'exceptional.olderAlso' : 'exceptional.older', { count: older, date: formatDay(shownFrom, EXCEPTIONAL_DATE) })
      : null;
  if (days === null) return before === null ? null : `${t('exceptional.noneShown')} ${before}`;
  const note = t('exceptional.note', {
    count: high + low,
    days,
    where: t(weekly ? 'exceptional.whereWeeks' : 'exceptional.whereDays'),
  });
  return before === null ? note : `${note} ${before}`;
}

/**
 * The method panel's figure: every day the forecast set aside. When some lie before the year the
 * page holds (`older`), over all the history it reads (from `readFrom`), with how many of them in
 * that year, so that it adds up with the chart's sentence and the stored counts. Null when none.
 */
export function exceptionalMethodText(
  t: T,
  inYear: { high: number; low: number },
  older: { high: number; low: number },
  readFrom: number | null,
): string | null {
  const days = exceptionalDaysList(t, inYear.high + older.high, inYear.low + older.low);
  if (days === null) return null;
  if (older.high + older.low === 0 || readFrom === null) return t('method.exceptionalDays', { days });
  return t('method.exceptionalDaysRead', {
    days,
    from: formatDay(readFrom, EXCEPTIONAL_DATE),
    inYear: t('method.exceptionalInYear', { count: inYear.high + inYear.low }),
  });
}
