import { describe, expect, it } from 'vitest';
import { forecastCalendar } from '@core/modules/forecast/daily.js';

function lcg(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
function poisson(mu: number, rnd: () => number): number {
  let k = 0;
  let p = Math.exp(-mu);
  let c = p;
  const u = rnd();
  while (u > c && k < 10_000) {
    k++;
    p *= mu / k;
    c += p;
  }
  return k;
}
function negbin(mu: number, size: number, rnd: () => number): number {
  let g = 0;
  for (let i = 0; i < size; i++) g -= Math.log(Math.max(rnd(), 1e-12));
  return poisson((mu * g) / size, rnd);
}

describe('calibrated daily bands', () => {
  it('cover about 80 % of the hold-out days on simulated over-dispersed demand with a weekday pattern', () => {
    const rnd = lcg(31);
    let inside = 0;
    let n = 0;
    for (let s = 0; s < 60; s++) {
      const base = 0.5 + rnd() * 15;
      const size = 0.8 + rnd() * 5;
      const week = [0.6, 1, 1, 1.1, 1.2, 1.5, 0.6];
      const y = Array.from({ length: 393 }, (_, t) => negbin(base * week[t % 7]!, size, rnd));
      const f = forecastCalendar(y.slice(0, 365), { frequency: 7, horizon: 28 });
      for (let d = 0; d < 28; d++) {
        const a = y[365 + d]!;
        n++;
        if (a >= f.p10[d]! && a <= f.p90[d]!) inside++;
      }
    }
    expect(inside / n).toBeGreaterThan(0.75);
    expect(inside / n).toBeLessThan(0.85);
  });
});
