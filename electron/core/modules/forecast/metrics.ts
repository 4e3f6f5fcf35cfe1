/**
 * The benchmark scorer, exactly as defined in ../shared/data/forecast/peers.md (the shared product docs beside the repo):
 * scale = in-sample seasonal-naive MAE (lag m; m = 1 for intermittent or when n ≤ m),
 * MASE, sMAPE skipping zero denominators, SQL_q = 2·mean pinball_q / scale, coverage80.
 * Series with zero scale get no MASE/SQL (undefined) but still count for sMAPE and coverage.
 */
export interface SeriesScore {
  mase?: number;
  smape?: number;
  sql10?: number;
  sql50?: number;
  sql90?: number;
  coverage80?: number;
}

export function benchmarkScale(train: readonly number[], m: number, intermittent: boolean): number {
  const lag = intermittent || train.length <= m ? 1 : m;
  let s = 0;
  for (let t = lag; t < train.length; t++) s += Math.abs(train[t]! - train[t - lag]!);
  return train.length > lag ? s / (train.length - lag) : 0;
}

export function pinball(q: number, y: number, f: number): number {
  const u = y - f;
  return Math.max(q * u, (q - 1) * u);
}

export function scoreSeries(
  train: readonly number[],
  test: readonly number[],
  f: { p10?: readonly number[]; p50: readonly number[]; p90?: readonly number[] },
  m: number,
  intermittent: boolean,
): SeriesScore {
  const scale = benchmarkScale(train, m, intermittent);
  const h = test.length;
  let ae = 0;
  let sm = 0;
  let smN = 0;
  let q10 = 0;
  let q50 = 0;
  let q90 = 0;
  let cover = 0;
  const hasBands = !!f.p10 && !!f.p90 && f.p10.every(Number.isFinite) && f.p90.every(Number.isFinite);
  for (let i = 0; i < h; i++) {
    const y = test[i]!;
    const p50 = f.p50[i]!;
    ae += Math.abs(y - p50);
    const d = Math.abs(y) + Math.abs(p50);
    if (d > 0) {
      sm += (200 * Math.abs(y - p50)) / d;
      smN++;
    }
    q50 += pinball(0.5, y, p50);
    if (hasBands) {
      q10 += pinball(0.1, y, f.p10![i]!);
      q90 += pinball(0.9, y, f.p90![i]!);
      if (f.p10![i]! <= y && y <= f.p90![i]!) cover++;
    }
  }
  const out: SeriesScore = {};
  if (smN > 0) out.smape = sm / smN;
  if (scale > 0) {
    out.mase = ae / h / scale;
    out.sql50 = (2 * q50) / h / scale;
    if (hasBands) {
      out.sql10 = (2 * q10) / h / scale;
      out.sql90 = (2 * q90) / h / scale;
    }
  }
  if (hasBands) out.coverage80 = cover / h;
  return out;
}

/** Averages each metric over the series that have it. */
export function averageScores(scores: SeriesScore[]): Required<SeriesScore> & { scaled: number; pinballMean: number } {
  const avg = (k: keyof SeriesScore) => {
    const v = scores.map((s) => s[k]).filter((x): x is number => x !== undefined);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  };
  const sql10 = avg('sql10');
  const sql50 = avg('sql50');
  const sql90 = avg('sql90');
  const pin = scores.filter((s) => s.sql10 !== undefined).map((s) => (s.sql10! + s.sql50! + s.sql90!) / 3);
  return {
    mase: avg('mase'),
    smape: avg('smape'),
    sql10,
    sql50,
    sql90,
    coverage80: avg('coverage80'),
    scaled: scores.filter((s) => s.mase !== undefined).length,
    pinballMean: pin.length ? pin.reduce((a, b) => a + b, 0) / pin.length : NaN,
  };
}
