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
}

export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

/** A caller's hint (meta files): a demand class, or 'seasonal' for a continuous series with a season. */
export type KindHint = DemandClass | 'seasonal';
