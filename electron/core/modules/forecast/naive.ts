import { fitted, type Fitted } from './types.js';

/** Seasonal naive: each step repeats the value one season earlier (m = 1 is the plain naive). */
export function fitSeasonalNaive(y: readonly number[], m: number): Fitted {
  const lag = y.length > m ? m : 1;
  return fitted(lag > 1 ? 'snaive' : 'naive', { m: lag }, lag, (t, h, out, off) => {
    for (let i = 0; i < h; i++) out[off + i] = y[t - lag + (i % lag)]!;
  });
}
