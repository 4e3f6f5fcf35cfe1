import type { Fitted } from './types.js';

/** Seasonal naive: each step repeats the value one season earlier (m = 1 is the plain naive). */
export function fitSeasonalNaive(y: readonly number[], m: number): Fitted {
  const lag = y.length > m ? m : 1;
  return {
    model: lag > 1 ? 'snaive' : 'naive',
    params: { m: lag },
    minOrigin: lag,
    forecastFrom(t, h) {
      const out: number[] = [];
      for (let i = 0; i < h; i++) out.push(y[t - lag + (i % lag)]!);
      return out;
    },
  };
}
