/**
 * A model fitted on one series. Parameters are estimated once on the whole sample;
 * `forecastFrom(t, h)` replays the model's state recursion up to origin t (using y[0..t) only)
 * and projects h steps, which is what the rolling-origin backtest and the empirical
 * quantiles use — refitting at every origin would multiply the cost by the number of origins.
 */
export interface Fitted {
  model: string;
  params: Record<string, number>;
  /** First origin at which forecastFrom is meaningful (initial states need this much history). */
  minOrigin: number;
  forecastFrom(t: number, h: number): number[];
  /**
   * The same forecast written into out[off .. off + h): the backtests call this for every origin,
   * and a fresh array per origin was a good part of the daily path's garbage-collection time.
   */
  forecastInto(t: number, h: number, out: Float64Array, off: number): void;
}

/**
 * A copy of `src` as a plain array that V8 keeps as unboxed doubles (PACKED_DOUBLE elements), even
 * when every value is a whole number. A catalog's series are whole-unit sales (small-integer
 * arrays) except where a stock-out day was imputed (doubles): fed both kinds, the hot model code
 * was compiled for one, met the other ("wrong map"), deoptimised and recompiled — a worker spent
 * its first seconds compiling the same functions again. One kind everywhere: compiled once.
 */
export function doubleArray(src: ArrayLike<number>, from = 0, to = src.length): number[] {
  const out = [0.5];
  out.pop();
  for (let i = from; i < to; i++) out.push(src[i]!);
  return out;
}

/** An empty array of unboxed doubles (see doubleArray), to push values into. */
export function emptyDoubles(): number[] {
  const out = [0.5];
  out.pop();
  return out;
}

/**
 * `count` zeroed Float64Arrays of `length` on one ArrayBuffer. A typed array over 64 bytes gets a
 * backing store of its own outside the V8 heap — allocated, zeroed, tracked, then freed by a
 * background sweeper: ~3 µs of CPU each, and a daily fit made ~48 of them — where views of one
 * buffer share a single one. Same zeroed doubles as `new Float64Array(length)` each.
 */
export function float64Views(count: number, length: number): Float64Array[] {
  const buffer = new ArrayBuffer(count * length * 8);
  const views: Float64Array[] = [];
  for (let i = 0; i < count; i++) views.push(new Float64Array(buffer, i * length * 8, length));
  return views;
}

/** A Fitted from its forecastInto; forecastFrom copies it into a plain array. */
export function fitted(model: string, params: Record<string, number>, minOrigin: number, into: Fitted['forecastInto']): Fitted {
  return {
    model,
    params,
    minOrigin,
    forecastInto: into,
    forecastFrom(t, h) {
      const buf = new Float64Array(h);
      into(t, h, buf, 0);
      // A plain loop, not Array.from (which walks a typed array through its iterator): the monthly
      // path's rolling errors call this for every origin of every candidate.
      return doubleArray(buf);
    },
  };
}

export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

/** A caller's hint (meta files): a demand class, or 'seasonal' for a continuous series with a season. */
export type KindHint = DemandClass | 'seasonal';

/** One series to forecast (the worker pool's unit of work, and a validation window's cut of it). */
export interface ForecastJob {
  id: string;
  y: number[];
  frequency: number;
  horizon: number;
  kind?: KindHint;
  /** Known closed days (public holidays) from the first history point, length n + horizon. */
  closed?: readonly boolean[];
  /** UTC day (ms) of the first history point (catalog products): events on moving dates. */
  startDay?: number;
}
