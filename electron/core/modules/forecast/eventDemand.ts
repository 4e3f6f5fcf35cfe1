import type { PastEvent, UpcomingEvent } from '@core/db/repos/demandHistory.js';
import { sortedQuantile } from './quantiles.js';
export type { PastEvent, UpcomingEvent } from '@core/db/repos/demandHistory.js';
import type { DailyBands } from './replenishment.js';

const DAY = 86_400_000;

interface Cell {
  sum: number;
  n: number;
}

/** What was learned from past events: raw cell statistics and the pooled relative spread. */
export interface PrintsModel {
  globalMean: number;
  byType: Map<string, Cell>;
  byCell: Map<string, Cell>;
  /** prints ÷ expected prints of every past event, sorted: the shape of the surprise, shared by all cells. */
  ratios: number[];
  shrink: number;
  samples: number;
}

/** How many events a booth × type (or a type) needs before its own mean counts as much as the broader one. */
export const DEFAULT_SHRINK = 5;

const typeKey = (t: string | null) => (t ?? '').trim().toLowerCase();
const cellKey = (b: string | null, t: string | null) => `${b ?? ''}\u0000${typeKey(t)}`;

function add(map: Map<string, Cell>, k: string, v: number) {
  const c = map.get(k);
  if (c) {
    c.sum += v;
    c.n++;
  } else map.set(k, { sum: v, n: 1 });
}

/** Mean of `c` pulled toward `prior` as if the prior were worth `k` extra samples. */
function shrunk(c: Cell | undefined, prior: number, k: number): number {
  return c ? (c.sum + k * prior) / (c.n + k) : prior;
}

/** Expected prints of one event: booth × type mean shrunk to the type mean, itself shrunk to the global mean. */
export function expectedPrints(m: PrintsModel, boothId: string | null, eventType: string | null): number {
  const typeMean = shrunk(m.byType.get(typeKey(eventType)), m.globalMean, m.shrink);
  return boothId === null ? typeMean : shrunk(m.byCell.get(cellKey(boothId, eventType)), typeMean, m.shrink);
}

export function learnPrintsPerEvent(past: readonly PastEvent[], shrink = DEFAULT_SHRINK): PrintsModel {
  const byType = new Map<string, Cell>();
  const byCell = new Map<string, Cell>();
  let total = 0;
  for (const e of past) {
    total += e.prints;
    add(byType, typeKey(e.eventType), e.prints);
    if (e.boothId !== null) add(byCell, cellKey(e.boothId, e.eventType), e.prints);
  }
  const m: PrintsModel = { globalMean: past.length ? total / past.length : 0, byType, byCell, ratios: [], shrink, samples: past.length };
  const ratios: number[] = [];
  for (const e of past) {
    const exp = expectedPrints(m, e.boothId, e.eventType);
    if (exp > 0) ratios.push(e.prints / exp);
  }
  m.ratios = ratios.sort((a, b) => a - b);
  return m;
}

/** Small deterministic PRNG (mulberry32): the same inputs give the same stored forecast. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EventForecastOptions {
  startDay: number;
  horizon: number;
  perUnit: number;
  draws?: number;
  seed?: number;
}

/**
 * Daily P10/P50/P90 of product units consumed by the upcoming events' prints. Each event's prints
 * are simulated as its expected prints × a ratio drawn from the past events' ratios (so the spread
 * is the real one, skew included, and never negative); a day's draws add up its events. An event
 * counts on its first day: paper is loaded before it starts.
 */
export function forecastEventPrints(m: PrintsModel, upcoming: readonly UpcomingEvent[], o: EventForecastOptions): DailyBands {
  const byDay: UpcomingEvent[][] = Array.from({ length: o.horizon }, () => []);
  for (const e of upcoming) {
    const i = Math.floor((e.day - o.startDay) / DAY);
    if (i >= 0 && i < o.horizon) byDay[i]!.push(e);
  }
  const draws = o.draws ?? 2000;
  const rand = rng(o.seed ?? 1);
  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  const sample = new Float64Array(draws);
  for (const events of byDay) {
    if (events.length === 0 || m.ratios.length === 0) {
      p10.push(0);
      p50.push(0);
      p90.push(0);
      continue;
    }
    const expected = events.map((e) => expectedPrints(m, e.boothId, e.eventType));
    for (let s = 0; s < draws; s++) {
      let total = 0;
      for (const x of expected) total += x * m.ratios[Math.floor(rand() * m.ratios.length)]!;
      sample[s] = total * o.perUnit;
    }
    const sorted = Array.from(sample).sort((a, b) => a - b);
    p10.push(sortedQuantile(sorted, 0.1));
    p50.push(sortedQuantile(sorted, 0.5));
    p90.push(sortedQuantile(sorted, 0.9));
  }
  return { p10, p50, p90 };
}

/** Upcoming events × units per event, per day: known, so P10 = P50 = P90. */
export function forecastEventCount(
  upcoming: readonly UpcomingEvent[],
  o: Pick<EventForecastOptions, 'startDay' | 'horizon' | 'perUnit'>,
): DailyBands {
  const days = new Array<number>(o.horizon).fill(0);
  for (const e of upcoming) {
    const i = Math.floor((e.day - o.startDay) / DAY);
    if (i >= 0 && i < o.horizon) days[i]! += o.perUnit;
  }
  return { p10: days.slice(), p50: days.slice(), p90: days };
}

/**
 * Rolling-origin check in time order: each past event (after the first `warmup`) is predicted from
 * the events before it. MASE scales the mean absolute error by the naive "same as the previous
 * event" error; bias is the mean (forecast − actual) on the same scale. Null when too few events.
 */
export function backtestEventPrints(
  past: readonly PastEvent[],
  warmup = 10,
  shrink = DEFAULT_SHRINK,
): { mase: number; bias: number } | null {
  const ordered = [...past].sort((a, b) => a.day - b.day);
  if (ordered.length <= warmup + 1) return null;
  let absErr = 0;
  let err = 0;
  let naive = 0;
  let n = 0;
  for (let i = warmup; i < ordered.length; i++) {
    const model = learnPrintsPerEvent(ordered.slice(0, i), shrink);
    const f = expectedPrints(model, ordered[i]!.boothId, ordered[i]!.eventType);
    absErr += Math.abs(f - ordered[i]!.prints);
    err += f - ordered[i]!.prints;
    naive += Math.abs(ordered[i]!.prints - ordered[i - 1]!.prints);
    n++;
  }
  const scale = naive / n || 1;
  return { mase: absErr / n / scale, bias: err / n / scale };
}

/**
 * P10/P50/P90 of the running total of prints through each of a booth's next events (in order):
 * what the paper on board must cover. `weight` scales an event already under way (the share of it
 * still to come).
 */
export function cumulativeEventPrints(
  m: PrintsModel,
  events: ReadonlyArray<UpcomingEvent & { weight?: number }>,
  o: { draws?: number; seed?: number } = {},
): Array<{ p10: number; p50: number; p90: number }> {
  if (events.length === 0) return [];
  if (m.ratios.length === 0) return events.map(() => ({ p10: 0, p50: 0, p90: 0 }));
  const draws = o.draws ?? 2000;
  const rand = rng(o.seed ?? 1);
  const expected = events.map((e) => expectedPrints(m, e.boothId, e.eventType) * (e.weight ?? 1));
  const totals = events.map(() => new Float64Array(draws));
  for (let s = 0; s < draws; s++) {
    let total = 0;
    for (let k = 0; k < expected.length; k++) {
      total += expected[k]! * m.ratios[Math.floor(rand() * m.ratios.length)]!;
      totals[k]![s] = total;
    }
  }
  return totals.map((t) => {
    const sorted = Array.from(t).sort((a, b) => a - b);
    return { p10: sortedQuantile(sorted, 0.1), p50: sortedQuantile(sorted, 0.5), p90: sortedQuantile(sorted, 0.9) };
  });
}
