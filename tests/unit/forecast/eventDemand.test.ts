import { describe, expect, it } from 'vitest';
import {
  backtestEventPrints,
  expectedPrints,
  forecastEventCount,
  forecastEventPrints,
  learnPrintsPerEvent,
  type PastEvent,
  type UpcomingEvent,
} from '@core/modules/forecast/eventDemand.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 23);

describe('learned prints per event (hand-worked shrinkage, k = 5)', () => {
  // Weddings at booth A: 200, 220 (n 2, mean 210); weddings at B: 300; parties at A: 100, 80, 90, 110.
  // Global mean = 1100 / 7 = 157.142857. Wedding type: n 3, sum 720 → (720 + 5·157.142857) / 8 = 188.214286.
  // Booth A × wedding: (420 + 5·188.214286) / 7 = 194.438776. Party: (380 + 5·157.142857) / 9 = 129.523810.
  const past: PastEvent[] = [
    { boothId: 'A', eventType: 'Mariage', day: START - 70 * DAY, prints: 200 },
    { boothId: 'A', eventType: 'Mariage', day: START - 63 * DAY, prints: 220 },
    { boothId: 'B', eventType: 'mariage ', day: START - 56 * DAY, prints: 300 },
    { boothId: 'A', eventType: 'Soirée', day: START - 49 * DAY, prints: 100 },
    { boothId: 'A', eventType: 'Soirée', day: START - 42 * DAY, prints: 80 },
    { boothId: 'A', eventType: 'Soirée', day: START - 35 * DAY, prints: 90 },
    { boothId: 'A', eventType: 'Soirée', day: START - 28 * DAY, prints: 110 },
  ];
  const m = learnPrintsPerEvent(past);

  it('shrinks booth × type to the type and the type to the global mean', () => {
    expect(m.globalMean).toBeCloseTo(157.142857, 5);
    expect(expectedPrints(m, null, 'Mariage')).toBeCloseTo(188.214286, 5);
    expect(expectedPrints(m, 'A', 'MARIAGE')).toBeCloseTo(194.438776, 5);
    expect(expectedPrints(m, 'A', 'Soirée')).toBeCloseTo((380 + 5 * 129.52381) / 9, 4);
  });
  it('falls back to the type for a new booth and to the global mean for a new type', () => {
    expect(expectedPrints(m, 'Z', 'Mariage')).toBeCloseTo(188.214286, 5);
    expect(expectedPrints(m, 'Z', 'Salon')).toBeCloseTo(157.142857, 5);
    expect(expectedPrints(m, null, null)).toBeCloseTo(157.142857, 5);
  });
  it('count-driven demand is the calendar × units per event', () => {
    const up: UpcomingEvent[] = [
      { boothId: 'A', eventType: 'Mariage', day: START + DAY },
      { boothId: 'B', eventType: 'Soirée', day: START + DAY },
      { boothId: 'A', eventType: 'Soirée', day: START + 3 * DAY },
      { boothId: 'A', eventType: 'Soirée', day: START + 30 * DAY }, // beyond the horizon
    ];
    const b = forecastEventCount(up, { startDay: START, horizon: 5, perUnit: 0.5 });
    expect(b.p50).toEqual([0, 1, 0, 0.5, 0]);
    expect(b.p10).toEqual(b.p50);
    expect(b.p90).toEqual(b.p50);
  });
  it('a calendar with nothing learned forecasts nothing rather than inventing prints', () => {
    const empty = learnPrintsPerEvent([]);
    const b = forecastEventPrints(empty, [{ boothId: 'A', eventType: 'Mariage', day: START }], { startDay: START, horizon: 3, perUnit: 1 });
    expect(b.p50).toEqual([0, 0, 0]);
  });
});

/** Deterministic PRNG and a gamma-ish positive noise (mean 1, CV ≈ 0.3) for the synthetic calendar. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) % 4294967296;
    return a / 4294967296;
  };
}
function noise(r: () => number): number {
  // Sum of 11 uniforms: mean 5.5, sd √(11/12) → scaled to mean 1, sd ≈ 0.3, always > 0.
  let s = 0;
  for (let i = 0; i < 11; i++) s += r();
  return Math.max(0.05, 1 + ((s - 5.5) / Math.sqrt(11 / 12)) * 0.3);
}

describe('event-driven paper on a synthetic calendar', () => {
  // Known truth: weddings 300 prints, corporate 150, birthdays 100; booth B prints 20 % more.
  const TRUE: Record<string, number> = { Mariage: 300, Entreprise: 150, Anniversaire: 100 };
  const truth = (booth: string, type: string) => TRUE[type]! * (booth === 'B' ? 1.2 : 1);
  const types = Object.keys(TRUE);
  const booths = ['A', 'B', 'C'];
  const r = rng(42);
  const past: PastEvent[] = [];
  for (let i = 0; i < 400; i++) {
    const booth = booths[i % 3]!;
    const type = types[Math.floor(r() * 3)]!;
    past.push({ boothId: booth, eventType: type, day: START - (400 - i) * DAY, prints: Math.round(truth(booth, type) * noise(r)) });
  }
  const model = learnPrintsPerEvent(past);
  const perUnit = 1 / 700; // one roll prints 700

  // ~44 events per booth × type with CV 0.3: the sample mean alone is within ±4.5 % (one SE).
  it('learns each booth × type mean within 8 %', () => {
    for (const b of booths) for (const t of types) expect(Math.abs(expectedPrints(model, b, t) / truth(b, t) - 1)).toBeLessThan(0.08);
  });

  it('forecasts each day near the truth, in rolls, quantiles ordered and never negative', () => {
    const upcoming: UpcomingEvent[] = [
      { boothId: 'A', eventType: 'Mariage', day: START + 2 * DAY },
      { boothId: 'B', eventType: 'Mariage', day: START + 2 * DAY },
      { boothId: 'C', eventType: 'Anniversaire', day: START + 5 * DAY },
    ];
    const f = forecastEventPrints(model, upcoming, { startDay: START, horizon: 7, perUnit });
    expect(f.p50[0]).toBe(0);
    expect(f.p50[2]! * 700).toBeGreaterThan(0.93 * (300 + 360));
    expect(f.p50[2]! * 700).toBeLessThan(1.07 * (300 + 360));
    expect(f.p50[5]! * 700).toBeGreaterThan(93);
    expect(f.p50[5]! * 700).toBeLessThan(107);
    for (let i = 0; i < 7; i++) {
      expect(f.p10[i]!).toBeGreaterThanOrEqual(0);
      expect(f.p10[i]!).toBeLessThanOrEqual(f.p50[i]!);
      expect(f.p50[i]!).toBeLessThanOrEqual(f.p90[i]!);
    }
    // Same inputs, same forecast: an incremental run's fingerprint can trust it.
    expect(forecastEventPrints(model, upcoming, { startDay: START, horizon: 7, perUnit })).toEqual(f);
  });

  it('P10–P90 covers about 80 % of new events drawn from the same truth', () => {
    const r2 = rng(7);
    let inside = 0;
    const n = 600;
    for (let i = 0; i < n; i++) {
      const booth = booths[i % 3]!;
      const type = types[i % 3]!;
      const f = forecastEventPrints(model, [{ boothId: booth, eventType: type, day: START }], {
        startDay: START,
        horizon: 1,
        perUnit: 1,
        draws: 500,
        seed: i + 1,
      });
      const actual = Math.round(truth(booth, type) * noise(r2));
      if (actual >= f.p10[0]! && actual <= f.p90[0]!) inside++;
    }
    expect(inside / n).toBeGreaterThan(0.72);
    expect(inside / n).toBeLessThan(0.88);
  });

  it('backtests better than "same as the last event" and without much bias', () => {
    const bt = backtestEventPrints(past)!;
    expect(bt.mase).toBeLessThan(0.8);
    expect(Math.abs(bt.bias)).toBeLessThan(0.1);
    expect(backtestEventPrints(past.slice(0, 5))).toBeNull();
  });
});
